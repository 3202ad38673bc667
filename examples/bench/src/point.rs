//! `Point` of the benchmark spec: a mutable class whose `x`/`y` are borrow-checked `f64`
//! getsets, with a vectorcall constructor (the engine sets it on 3.9+), `norm`, `+`, `==`
//! and `repr`; and `FrozenPoint`, its `frozen` twin whose fields are `PyMemberDef`s (not
//! in the spec: measured beside it to show what the borrow check costs).
use bind::prelude::*;

/// A point in the plane.
#[derive(PyType, Clone)]
#[bind(module = "bind_bench", freelist = 32)]
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

    fn __eq__(&self, other: PyRef<'_, Point>) -> bool {
        self.x == other.x && self.y == other.y
    }

    fn __repr__(&self) -> String {
        format!("Point(x={}, y={})", float_repr(self.x), float_repr(self.y))
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

/// Python's `repr(float)`: shortest round-trip digits, exponent form outside
/// `1e-4 <= |v| < 1e16`.
fn float_repr(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sci = format!("{v:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if mantissa.starts_with('-') { "-" } else { "" };
    let digits: String = mantissa.trim_start_matches('-').replace('.', "");
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                format!("{sign}{digits}{}.0", "0".repeat(int_len - digits.len()))
            } else {
                format!("{sign}{}.{}", &digits[..int_len], &digits[int_len..])
            }
        } else {
            format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize))
        }
    } else {
        let rest = if digits.len() > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{}{rest}e{esign}{:02}", &digits[..1], exp.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::float_repr;

    #[test]
    fn float_repr_matches_python() {
        for (v, s) in [
            (1.0, "1.0"),
            (2.5, "2.5"),
            (-0.0, "-0.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1.5e-5, "1.5e-05"),
            (123456.789, "123456.789"),
            (0.0001, "0.0001"),
            (1e300, "1e+300"),
        ] {
            assert_eq!(float_repr(v), s);
        }
    }
}
