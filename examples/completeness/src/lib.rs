//! What a module moved from PyO3 reaches for: datetime values, paths, class details, and
//! threads that outlive the interpreter.
use bind::prelude::*;

mod chrono_values;
mod classes;
mod dates;
mod keys;
mod paths;
mod shutdown;

/// A Python module implemented in Rust.
#[module]
fn completeness(m: &Owned<'_, PyModule>) -> PyResult<()> {
    chrono_values::add_to(m)?;
    classes::add_to(m)?;
    dates::add_to(m)?;
    keys::add_to(m)?;
    paths::add_to(m)?;
    shutdown::add_to(m)?;
    Ok(())
}
