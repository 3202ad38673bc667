use bind::prelude::*;
use std::rc::Rc;

// A class may be dropped or used on any thread holding the GIL: non-`Send` fields need
// `unsendable`.
#[derive(PyType)]
struct Shared {
    counter: Rc<u32>,
}

fn main() {}
