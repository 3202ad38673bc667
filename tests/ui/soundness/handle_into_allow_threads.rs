use bind::prelude::*;

// A GIL-bound handle cannot be used where the GIL is released.
fn main() {
    Gil::with(|gil| {
        let list = PyList::empty(gil);
        gil.allow_threads(|| list.len());
    });
}
