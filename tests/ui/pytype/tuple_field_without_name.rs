use bind::prelude::*;

#[derive(PyType)]
struct Meters(#[bind(get)] f64);

fn main() {}
