use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

#[methods]
impl Counter {
    #[classmethod]
    fn make() -> u32 {
        0
    }
}

fn main() {}
