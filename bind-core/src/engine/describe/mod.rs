//! The conversion engine behind `derive(FromPyObject)` and `derive(IntoPyObject)`.
//!
//! The derive describes a struct (or each variant of an enum) as a `'static` table
//! ([`StructIn`], [`StructOut`]) over a *shadow tuple* of its field values, and ties table
//! and tuple together with an `unsafe impl` of [`FromPyShape`]/[`IntoPyShape`] on a marker
//! type. [`extract_struct`] and [`into_py_struct`] are the one engine that walks those
//! tables: finding values by attribute, key or index, reporting errors with their path,
//! and dropping what was built when a field fails. [`extract_enum`] tries the variants of
//! an [`EnumIn`](crate::reflect::EnumIn) in order. The generated code calls these safe functions only; the typed
//! glue the tables point at is in [`glue`].
mod from_py;
pub mod glue;
mod into_py;

pub use from_py::{extract_enum, extract_struct};
pub use into_py::into_py_struct;

use crate::reflect::{StructIn, StructOut};

/// A shadow tuple and the table [`extract_struct`] fills it by. `derive(FromPyObject)`
/// implements it on a marker type per struct or enum variant.
///
/// # Safety
/// `DESC.fields` lists every field of `Shadow` exactly once: each entry's `offset` is that
/// field's `offset_of!` in `Shadow`, and its glue is for that field's type — `extract`
/// writes a value of exactly that type and only when it returns `Ok`, `default` writes
/// one, and `drop` drops one.
pub unsafe trait FromPyShape {
    /// The tuple of the field values, in declaration order.
    type Shadow;
    /// How each field is found and extracted.
    const DESC: &'static StructIn;
}

/// A shadow tuple and the table [`into_py_struct`] converts it by. `derive(IntoPyObject)`
/// implements it on a marker type per struct or enum variant.
///
/// # Safety
/// `DESC.fields` lists every field of `Shadow` exactly once: each entry's `offset` is that
/// field's `offset_of!` in `Shadow`, and its glue is for that field's type — `into` moves
/// out a value of exactly that type, `drop` drops one.
pub unsafe trait IntoPyShape {
    /// The tuple of the field values, in declaration order.
    type Shadow;
    /// How each field is converted, and what the fields become.
    const DESC: &'static StructOut;
}
