use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

#[methods(part = 7)]
impl Counter {
    fn get(&self) -> u32 {
        self.n
    }
}

fn main() {}
