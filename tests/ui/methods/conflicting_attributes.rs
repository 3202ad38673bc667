use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

#[methods]
impl Counter {
    #[staticmethod]
    #[classmethod]
    fn make() -> u32 {
        0
    }

    #[getter]
    #[setter]
    fn n(&self) -> u32 {
        self.n
    }
}

fn main() {}
