//! bind: Rust ⇄ Python bindings built from reflection descriptors.
//!
//! Write plain Rust functions and data types, mark them with bind's attributes, and get
//! a CPython extension module. `use bind::prelude::*;` is all a user imports.
//!
//! ```ignore
//! use bind::prelude::*;
//!
//! /// Formats the sum of two numbers as a string.
//! #[function]
//! fn sum_as_string(a: usize, b: usize) -> String {
//!     (a + b).to_string()
//! }
//!
//! #[module]
//! fn quickstart(m: &Owned<'_, PyModule>) -> PyResult<()> {
//!     m.add_function(wrap!(sum_as_string))
//! }
//! ```

pub use bind_core::{
    conversion, engine, err, exceptions, ffi, gil, handle, panic, types, Borrowed, FromPyObject,
    Gil, Handle, IntoPyObject, Owned, PyErr, PyResult,
};
pub use bind_core::{create_exception, import_exception};
pub use bind_derive::{function, module};

#[cfg(feature = "embed")]
pub use bind_core::gil::initialize;

/// What a user of bind imports: the attributes, the handle types, the native types,
/// errors and the conversion traits.
pub mod prelude {
    pub use crate::types::{
        PyAny, PyBool, PyByteArray, PyBytes, PyCapsule, PyComplex, PyDict, PyFloat, PyFrozenSet,
        PyInt, PyIterator, PyList, PyMemoryView, PyModule, PyNone, PySet, PySlice, PyStr, PyTuple,
        PyType, PyWeakref, PyWeakrefProxy, PyWeakrefReference,
    };
    pub use crate::{function, module, wrap};
    pub use crate::{Borrowed, FromPyObject, Gil, Handle, IntoPyObject, Owned, PyErr, PyResult};
}

/// The function definition emitted by `#[function]` for `name`, for `add_function`.
#[macro_export]
macro_rules! wrap {
    ($($segment:ident)::+) => {
        &$($segment)::+::__BIND_FN
    };
}

/// Paths used by generated code. Not a public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use bind_core::engine::args::{extract_argument, ParsedArgs};
    pub use bind_core::engine::function::{return_value, FnDef, FnDesc, FunctionHolder};
    pub use bind_core::engine::module::ModuleDef;
    pub use bind_core::engine::signature::{Param, ParamKind, Signature};
}
