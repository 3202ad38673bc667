use bind::prelude::*;

#[derive(PyType, Clone)]
#[bind(init, order)]
struct Version {
    major: u32,
}

fn main() {}
