use bind::prelude::*;

#[function]
#[bind(signature = (a, c = 1))]
fn f(a: i32, b: i32) -> i32 {
    a + b
}

fn main() {}
