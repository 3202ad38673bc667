use bind::prelude::*;

struct Opaque;

#[function]
fn takes_opaque(value: Opaque) -> i64 {
    let _ = value;
    1
}

fn main() {}
