use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

#[methods]
impl Counter {
    fn reset(n: u32) -> u32 {
        n
    }
}

fn main() {}
