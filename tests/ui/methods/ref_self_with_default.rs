use bind::prelude::*;

#[derive(PyType)]
struct Point {
    x: f64,
}

#[methods]
impl Point {
    #[bind(signature = (other = None))]
    fn distance(&self, other: &Self) -> f64 {
        (self.x - other.x).abs()
    }
}

fn main() {}
