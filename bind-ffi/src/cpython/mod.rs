//! The non-limited API (`Include/cpython/`): struct layouts and functions outside the
//! stable ABI. Absent under `Py_LIMITED_API`.
pub mod complexobject;
pub mod datetime;
pub mod dictobject;
pub mod listobject;
pub mod object;
pub mod pystate;
pub mod tupleobject;
pub mod unicodeobject;

pub use complexobject::*;
pub use datetime::*;
pub use dictobject::*;
pub use listobject::*;
pub use object::*;
pub use pystate::*;
pub use tupleobject::*;
pub use unicodeobject::*;
