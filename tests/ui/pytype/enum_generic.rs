use bind::prelude::*;

#[derive(PyType)]
enum Either<T> {
    Left(T),
    Right(T),
}

fn main() {}
