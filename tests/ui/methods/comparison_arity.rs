use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

#[methods]
impl Counter {
    fn __lt__(&self, a: u32, b: u32) -> bool {
        self.n < a + b
    }
}

fn main() {}
