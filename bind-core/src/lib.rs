//! The object model and the descriptor-driven engine of bind.
//!
//! - [`Gil`]: a token proving the GIL is held; [`Gil::with`] acquires it from any thread.
//! - Handles: [`Owned`] (a GIL-bound strong reference), [`Borrowed`] (no refcount traffic),
//!   [`Handle`] (GIL-independent, `Send + Sync`).
//! - [`PyErr`] / [`PyResult`] and the built-in exception types in [`exceptions`].
//! - Native types in [`types`], conversions in [`conversion`].
//! - The engine in [`engine`]: functions, argument parsing and modules built from
//!   `'static` descriptors.
#![warn(missing_docs)]
// Typed handles have `len() -> usize` with `is_empty() -> bool`; `Owned<PyAny>` has the
// fallible pair. Clippy cannot tell them apart.
#![allow(clippy::len_without_is_empty)]

pub mod arguments;
pub mod buffer;
pub mod conversion;
pub mod engine;
pub mod err;
pub mod exceptions;
pub mod gil;
pub mod handle;
pub mod panic;
pub mod reflect;
pub mod shutdown;
pub mod types;

pub use bind_ffi as ffi;
pub use conversion::{FromPyObject, IntoPyObject};
pub use err::{PyErr, PyResult};
pub use gil::Gil;
pub use handle::{Borrowed, Handle, Owned};
