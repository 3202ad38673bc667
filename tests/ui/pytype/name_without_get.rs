use bind::prelude::*;

#[derive(PyType)]
struct Cell {
    #[bind(name = "value")]
    v: u32,
}

fn main() {}
