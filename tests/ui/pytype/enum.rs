use bind::prelude::*;

#[derive(PyType)]
enum Color {
    Red,
    Green,
}

fn main() {}
