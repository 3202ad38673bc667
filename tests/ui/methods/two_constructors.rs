use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

#[methods]
impl Counter {
    #[new]
    fn new() -> Self {
        Counter { n: 0 }
    }

    #[new]
    fn with(n: u32) -> Self {
        Counter { n }
    }
}

fn main() {}
