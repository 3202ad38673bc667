use bind::prelude::*;

#[function]
fn f<T: Into<i64>>(a: T) -> i64 {
    a.into()
}

fn main() {}
