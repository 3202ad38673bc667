use bind::prelude::*;

#[derive(PyType)]
struct Twice {
    #[bind(buffer)]
    a: Vec<f64>,
    #[bind(buffer)]
    b: Vec<f64>,
}

fn main() {}
