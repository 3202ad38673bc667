//! `bind_bench`: the shared benchmark module spec implemented with bind.
//!
use bind::exceptions::PyValueError;
use bind::prelude::*;

mod point;
mod records;
// Buffers exist in full builds and abi3 builds from 3.11 (the cp38 wheel has no Vec64).
bind::if_buffers! {
    mod vec64;
}

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
    bind::if_buffers! {
        m.add_class::<vec64::Vec64>()?;
        m.add_function(wrap!(vec64::sum_buffer))?;
    }
    Ok(())
}
