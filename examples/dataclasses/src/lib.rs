//! `classes_demo`: data classes from plain Rust structs.
//!
//! - [`inventory`]: a small, realistic module (products, a stock list) to copy from.
//! - [`records`]: dataclass-grade classes (constructor, repr, eq, order, hash, match,
//!   pickling, copy and `dataclasses` interop generated from the fields).
//! - [`chain`]: a link class whose million-object chains free without deep recursion.
//! - [`guide`]: every class example of the "Python classes" chapter, translated to bind.
use bind::prelude::*;

mod chain;
mod guide;
mod inventory;
mod records;

/// Data classes from Rust structs.
#[module]
fn classes_demo(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_class::<inventory::Product>()?;
    m.add_class::<inventory::Stock>()?;
    m.add_class::<inventory::StockIter>()?;
    m.add_function(wrap!(inventory::parse_price_list))?;
    m.add_class::<chain::Link>()?;
    guide::register(m)?;
    records::register(m)?;
    records::register_shapes(m)?;
    // Native bases (`dict`, `Exception`) need a non-abi3 build or Python 3.10+; they go in
    // a submodule (`classes_demo.native`, importable too) that says why when it is empty.
    let native = PyModule::new(m.gil(), "native")?;
    if let Err(err) = guide::register_native(&native) {
        native.add("UNAVAILABLE", err.to_string())?;
    }
    m.add_submodule(&native)?;
    Ok(())
}
