use bind::prelude::*;

#[derive(PyType)]
struct Wrapper<T> {
    value: T,
}

fn main() {}
