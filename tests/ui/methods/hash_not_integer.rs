use bind::prelude::*;

#[derive(PyType)]
struct Label {
    text: String,
}

#[methods]
impl Label {
    fn __hash__(&self) -> String {
        self.text.clone()
    }
}

fn main() {}
