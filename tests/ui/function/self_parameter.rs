use bind::prelude::*;

struct S;

impl S {
    #[function]
    fn f(&self, a: i32) -> i32 {
        a
    }
}

fn main() {}
