use bind::prelude::*;

// A GIL-bound handle cannot outlive the `Gil::with` scope that made it.
fn main() {
    let escaped = Gil::with(|gil| PyList::empty(gil));
    let _ = escaped;
}
