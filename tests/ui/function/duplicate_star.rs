use bind::prelude::*;

#[function]
#[bind(signature = (a, *, b, *, c))]
fn f(a: i32, b: i32, c: i32) -> i32 {
    a + b + c
}

fn main() {}
