//! `protocols_demo`: Python's magic methods implemented in Rust.
//!
//! - [`vector`]: a 2-D vector (scalar multiply from both sides, `+=` in place) and a
//!   matrix with `@`.
//! - [`number`]: every numeric operator of the data model on a wrapped integer, with
//!   `__richcmp__`.
//! - [`containers`]: a sequence (`#[methods(sequence)]`) and a mapping.
//! - [`iteration`]: an iterator whose end carries a value, an awaitable and an async
//!   iterator.
//! - [`attributes`]: `__getattr__`/`__setattr__`/`__delattr__`, a descriptor, an
//!   unhashable class.
use bind::prelude::*;

mod attributes;
mod containers;
mod iteration;
mod number;
mod vector;

/// Magic methods from Rust.
#[module]
fn protocols_demo(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_class::<vector::Vec2>()?;
    m.add_class::<vector::Matrix>()?;
    m.add_class::<number::Number>()?;
    m.add_class::<containers::Sentence>()?;
    m.add_class::<containers::Registry>()?;
    m.add_class::<iteration::Countdown>()?;
    m.add_class::<iteration::Ready>()?;
    m.add_class::<iteration::ReadyIter>()?;
    m.add_class::<iteration::Ticker>()?;
    m.add_class::<attributes::Record>()?;
    m.add_class::<attributes::Positive>()?;
    m.add_class::<attributes::Tag>()?;
    m.add_class::<attributes::Bag>()?;
    // `__del__` needs the full API: under the stable ABI the class cannot be created and
    // the module says why.
    if let Err(err) = m.add_class::<attributes::Guard>() {
        m.add("GUARD_UNAVAILABLE", err.to_string())?;
    }
    Ok(())
}
