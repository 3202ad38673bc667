use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

trait Named {
    fn name(&self) -> String;
}

#[methods]
impl Named for Counter {
    fn name(&self) -> String {
        String::new()
    }
}

fn main() {}
