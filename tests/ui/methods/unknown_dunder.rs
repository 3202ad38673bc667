use bind::prelude::*;

#[derive(PyType)]
struct Counter {
    n: u32,
}

#[methods]
impl Counter {
    // A typo: bind refuses to turn it into a plain method silently.
    fn __radd_(&self, other: u32) -> u32 {
        self.n + other
    }

    fn __iadd__x(&self) {}

    fn __private_helper(&self) {}

    fn __frobnicate__(&self) -> u32 {
        self.n
    }

    // The opt-out: a deliberate plain method with a dunder name compiles.
    #[bind(plain)]
    fn __version__(&self) -> u32 {
        1
    }
}

fn main() {}
