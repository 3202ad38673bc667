use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

#[methods]
impl Counter {
    fn __richcmp__(&self, other: u32, op: i32) -> bool {
        op == 2 && self.n == other
    }
}

fn main() {}
