use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

#[methods]
impl Counter {
    fn __new__(n: u32) -> Self {
        Counter { n }
    }
}

fn main() {}
