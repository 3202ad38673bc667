use bind::prelude::*;

#[derive(PyType)]
#[bind(weakrefs)]
struct Cell {
    #[bind(gett)]
    v: u32,
}

fn main() {}
