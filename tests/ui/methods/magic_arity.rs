use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

#[methods]
impl Counter {
    fn __radd__(&self) -> u32 {
        self.n
    }

    fn __neg__(&self, other: u32) -> u32 {
        self.n + other
    }

    fn __setitem__(&mut self, key: u32) {
        self.n = key;
    }
}

fn main() {}
