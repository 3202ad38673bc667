use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    count: u64,
}

#[methods]
impl Counter {
    #[new]
    fn new(start: u64) -> PyResult<u64> {
        Ok(start)
    }
}

fn main() {}
