use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

#[methods]
impl Counter {
    fn take(self) -> u32 {
        self.n
    }
}

fn main() {}
