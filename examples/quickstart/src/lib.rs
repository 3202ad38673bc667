//! The smallest bind extension module: one function, as in the guide's first example.
use bind::prelude::*;

/// Formats the sum of two numbers as a string.
#[function]
fn sum_as_string(a: usize, b: usize) -> String {
    (a + b).to_string()
}

/// A Python module implemented in Rust.
#[module]
fn quickstart(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap!(sum_as_string))?;
    Ok(())
}
