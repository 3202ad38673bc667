use bind::prelude::*;

#[derive(PyType)]
struct Flags {
    #[bind(get, readonly)]
    n: u32,
}

fn main() {}
