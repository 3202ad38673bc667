use bind::prelude::*;

#[derive(PyType)]
#[bind(frozen)]
struct Constant {
    #[bind(get)]
    value: f64,
}

// A frozen class lends no `&mut`, not even through a handle.
fn main() {
    Gil::with(|gil| {
        let c = Owned::new(gil, Constant { value: 1.0 }).unwrap();
        let _ = c.borrow_mut();
    });
}
