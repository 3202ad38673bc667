use bind::prelude::*;

// Python could write a byte that is not 0 or 1 into a writable buffer of `bool`.
#[derive(PyType)]
struct Mask {
    #[bind(buffer)]
    bits: Vec<bool>,
}

fn main() {}
