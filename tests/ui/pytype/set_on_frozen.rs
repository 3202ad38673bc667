use bind::prelude::*;

#[derive(PyType)]
#[bind(frozen)]
struct Point {
    #[bind(get, set)]
    x: f64,
}

fn main() {}
