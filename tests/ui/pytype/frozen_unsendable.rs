use bind::prelude::*;

#[derive(PyType)]
#[bind(frozen, unsendable)]
struct Token {
    id: u32,
}

fn main() {}
