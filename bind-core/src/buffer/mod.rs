//! Zero-copy arrays: the elements a buffer can hold ([`Element`]), the storages a class
//! can export (`#[bind(buffer)]` on a field: [`BufferStorage`], [`Array`]), and typed
//! views of any exporter taken as function arguments ([`SliceRef`], [`SliceMut`],
//! [`ArrayRef`], [`ArrayMut`]).
mod array;
#[cfg_attr(all(Py_LIMITED_API, not(Py_3_11)), allow(dead_code))]
pub(crate) mod dlpack;
mod element;
mod storage;
mod view;

pub use array::Array;
pub use element::{Element, RecordFormat, MAX_RECORD_FORMAT};
pub use storage::{ArrayParts, BufferStorage};
pub use view::{ArrayMut, ArrayRef, SliceMut, SliceRef};

/// Whether this build has the buffer protocol: every non-abi3 build, and abi3 builds
/// from `abi3-py311`.
pub const AVAILABLE: bool = cfg!(any(not(Py_LIMITED_API), Py_3_11));

/// Compiles the items or statements inside only where this build has the buffer protocol
/// (not in an abi3 build below `abi3-py311`), so that one crate can offer buffer classes
/// in full builds and still build a `cp38` stable-ABI wheel without them. Outside this
/// macro, a buffer in an older abi3 build is a compile-time error.
#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
#[macro_export]
macro_rules! if_buffers {
    ($($code:tt)*) => { $($code)* };
}

/// Compiles the items or statements inside only where this build has the buffer protocol
/// (this build has not: an abi3 build below `abi3-py311`).
#[cfg(not(any(not(Py_LIMITED_API), Py_3_11)))]
#[macro_export]
macro_rules! if_buffers {
    ($($code:tt)*) => {};
}
