use bind::prelude::*;

#[derive(PyType)]
struct Node {
    #[bind(traverse)]
    next: Option<Handle<PyAny>>,
}

fn main() {}
