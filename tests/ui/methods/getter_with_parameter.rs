use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

#[methods]
impl Counter {
    #[getter]
    fn n(&self, scale: u32) -> u32 {
        self.n * scale
    }
}

fn main() {}
