use bind::prelude::*;

#[derive(PyType)]
#[bind(frozen)]
struct Counter {
    n: u32,
}

#[methods]
impl Counter {
    fn bump(&mut self) {
        self.n += 1;
    }
}

fn main() {}
