use bind::prelude::*;

#[derive(PyType)]
#[bind(subclass)]
struct Base {
    size: usize,
}

#[derive(PyType)]
#[bind(extends = Base)]
struct Sub {
    extra: usize,
}

#[methods]
impl Sub {
    // The base needs a value too: `(Self, Base)`.
    #[new]
    fn new() -> Self {
        Sub { extra: 1 }
    }
}

fn main() {}
