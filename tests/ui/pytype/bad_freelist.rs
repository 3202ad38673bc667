use bind::prelude::*;

#[derive(PyType)]
#[bind(freelist = -3)]
struct Cell {
    v: u32,
}

fn main() {}
