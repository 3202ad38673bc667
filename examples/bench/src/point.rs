//! `Point` of the benchmark spec: a mutable class whose `x`/`y` are borrow-checked `f64`
//! getsets, with a vectorcall constructor (the engine sets it on 3.9+), `norm` and `+`;
//! `repr`, `==` and pickling are generated from the fields (class options `repr`, `eq`,
//! `pickle`); and `FrozenPoint`, its `frozen` twin whose fields are `PyMemberDef`s (not
//! in the spec: measured beside it to show what the borrow check costs).
use bind::prelude::*;

/// A point in the plane.
#[derive(PyType, Clone)]
#[bind(module = "bind_bench", freelist = 32, repr, eq, pickle)]
pub struct Point {
    /// The x coordinate.
    #[bind(get, set)]
    x: f64,
    /// The y coordinate.
    #[bind(get, set)]
    y: f64,
}

#[methods]
impl Point {
    #[new]
    fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }

    /// The Euclidean norm (`sqrt(x² + y²)`, the spec's formula, as the C and PyO3 modules
    /// compute it; `f64::hypot` avoids overflow but costs about 50 instructions more).
    fn norm(&self) -> f64 {
        (self.x * self.x + self.y * self.y).sqrt()
    }

    fn __add__(&self, other: PyRef<'_, Point>) -> Point {
        Point {
            x: self.x + other.x,
            y: self.y + other.y,
        }
    }
}

/// An immutable point: `frozen`, so its fields are read by CPython directly.
#[derive(PyType)]
#[bind(module = "bind_bench", frozen)]
pub struct FrozenPoint {
    /// The x coordinate.
    #[bind(get)]
    x: f64,
    /// The y coordinate.
    #[bind(get)]
    y: f64,
}

#[methods]
impl FrozenPoint {
    #[new]
    fn new(x: f64, y: f64) -> Self {
        FrozenPoint { x, y }
    }
}
