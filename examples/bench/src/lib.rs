//! `bind_bench`: the shared benchmark module spec implemented with bind.
//!
//! Functions so far; classes (`Point`, `Vec64`) and the records conversions arrive with
//! the classes, buffers and serde issues.
use bind::exceptions::PyValueError;
use bind::prelude::*;

mod point;
mod records;

/// Does nothing.
#[function]
fn noop() {}

/// Adds two 64-bit integers.
#[function]
fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// Converts the list to a native `Vec<i64>`, then sums it.
#[function]
fn sum_list(xs: Vec<i64>) -> i64 {
    xs.iter().fold(0i64, |acc, x| acc.wrapping_add(*x))
}

/// `[0, …, n-1]`, built from a native `Vec<i64>`.
#[function]
fn make_list(n: i64) -> Vec<i64> {
    (0..n.max(0)).collect()
}

/// Returns the string through an owned `String`.
#[function]
fn echo_str(s: String) -> String {
    s
}

/// Raises `ValueError("boom")`.
#[function]
fn raise_value_error() -> PyResult<()> {
    Err(PyValueError::new_err("boom"))
}

/// The benchmark module.
#[module]
fn bind_bench(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap!(noop))?;
    m.add_function(wrap!(add))?;
    m.add_function(wrap!(sum_list))?;
    m.add_function(wrap!(make_list))?;
    m.add_function(wrap!(echo_str))?;
    m.add_function(wrap!(raise_value_error))?;
    m.add_function(wrap!(records::sum_dict))?;
    m.add_function(wrap!(records::records_out))?;
    m.add_function(wrap!(records::records_in))?;
    m.add_class::<point::Point>()?;
    m.add_class::<point::FrozenPoint>()?;
    Ok(())
}
