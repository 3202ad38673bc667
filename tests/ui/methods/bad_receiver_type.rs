use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

#[methods]
impl Counter {
    fn get(this: Box<Self>) -> u32 {
        this.n
    }
}

fn main() {}
