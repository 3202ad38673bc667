//! Function descriptors: a callable's signature and the typed glue the macros emit for
//! it. `#[function]` and `#[methods]` write one per callable; the engine
//! (`engine/function.rs`) builds the entry points CPython calls from it.
use super::Signature;
use crate::arguments::ParsedArgs;
use crate::err::PyResult;
use crate::gil::Gil;
use crate::handle::{Borrowed, Owned};
use crate::types::PyAny;

/// The typed glue the macro emits: extracts the parsed arguments, calls the Rust function
/// and converts its result (a new reference, as a handle: the glue cannot hand CPython a
/// pointer it does not own). `slf` is the bound object: the instance for a method, the
/// class for a class method or a constructor, the module for a module function, `None`
/// for a static method.
pub type FnBody = for<'a, 'py> fn(
    Gil<'py>,
    Borrowed<'a, 'py, PyAny>,
    &ParsedArgs<'py>,
) -> PyResult<Owned<'py, PyAny>>;

/// What the engine knows about a function.
#[derive(Copy, Clone)]
pub struct FnDesc {
    /// Parameters, and the name used in error messages.
    pub signature: Signature,
    /// The typed glue.
    pub body: FnBody,
}
