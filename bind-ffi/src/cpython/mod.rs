//! The non-limited API (`Include/cpython/`): struct layouts and functions outside the
//! stable ABI. Absent under `Py_LIMITED_API`.
pub mod object;

pub use object::*;
