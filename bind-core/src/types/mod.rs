//! Python's native types as type markers for [`Owned`] handles.
//!
//! `Owned<'py, PyList>` is a reference to a `list`; every typed handle dereferences to
//! `Owned<'py, PyAny>`, which has the methods shared by all objects.
mod any;
mod boolobject;
mod bytearray;
mod bytes;
mod capsule;
mod complex;
pub mod datetime;
mod datetime_api;
mod dict;
mod float;
mod int;
mod iterator;
mod list;
mod memoryview;
mod module;
mod none;
pub mod run;
mod sequence;
mod set;
mod slice;
mod string;
mod tuple;
mod type_object;
mod weakref;

pub use any::{CompareOp, IntoArgs, PyAny, PyName};
pub use boolobject::PyBool;
pub use bytearray::PyByteArray;
pub use bytes::PyBytes;
pub use capsule::PyCapsule;
pub use complex::PyComplex;
pub use datetime::{PyDate, PyDateTime, PyDelta, PyTime, PyTzInfo};
pub use dict::{DictIter, PairUnlessKey, PyDict};
pub use float::PyFloat;
pub use int::{Overflow, PyInt};
pub use iterator::PyIterator;
pub use list::{ListIter, PyList};
pub use memoryview::PyMemoryView;
pub use module::PyModule;
pub use none::PyNone;
pub use sequence::FreshSeq;
pub use set::{PyFrozenSet, PySet, SetIter};
pub use slice::{PySlice, SliceIndices};
pub use string::{CachedKey, Interned, KeyCache, PyStr};
pub use tuple::{PyTuple, TupleIter};
pub use type_object::{new_exception_type, LazyTypeObject, PyType};
pub use weakref::{PyWeakref, PyWeakrefProxy, PyWeakrefReference};

use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;

/// A Python type that objects can be checked against.
pub trait PyTypeCheck {
    /// The Python name used in error messages (`int`, `list`, …).
    const NAME: &'static str;
    /// Whether `obj` is an instance of this type (or a subclass).
    fn type_check(obj: &Owned<'_, PyAny>) -> bool;
}

/// A Python type with a type object.
///
/// # Safety
/// `type_object_raw` returns a live type object that outlives the interpreter's use of it,
/// and `type_check` answers for that type.
pub unsafe trait PyTypeInfo: PyTypeCheck {
    /// The type object (borrowed; it lives at least as long as the interpreter).
    fn type_object_raw(gil: Gil<'_>) -> *mut ffi::PyTypeObject;

    /// The type object as a handle.
    fn type_object(gil: Gil<'_>) -> Owned<'_, PyType> {
        // SAFETY: type objects are live for the interpreter's lifetime; a new reference is taken.
        unsafe { Owned::from_borrowed_ptr(gil, Self::type_object_raw(gil).cast()) }
    }

    /// Whether `obj` is exactly of this type (not a subclass).
    fn is_exact_type_of(obj: &Owned<'_, PyAny>) -> bool {
        // SAFETY: `obj` is live.
        unsafe { ffi::Py_TYPE(obj.as_ptr()) == Self::type_object_raw(obj.gil()) }
    }
}

/// Declares a native type marker with its type object and type check.
macro_rules! native_type {
    ($(#[$doc:meta])* $name:ident, $pyname:literal, $type_object:ident, |$op:ident| $check:expr) => {
        $(#[$doc])*
        pub enum $name {}

        impl $crate::types::PyTypeCheck for $name {
            const NAME: &'static str = $pyname;
            #[inline]
            fn type_check(obj: &$crate::Owned<'_, $crate::types::PyAny>) -> bool {
                let $op = obj.as_ptr();
                // SAFETY: `obj` is a live object.
                unsafe { $check }
            }
        }

        // SAFETY: a static type object of the interpreter.
        unsafe impl $crate::types::PyTypeInfo for $name {
            #[inline]
            fn type_object_raw(_gil: $crate::Gil<'_>) -> *mut $crate::ffi::PyTypeObject {
                ::std::ptr::addr_of_mut!($crate::ffi::$type_object)
            }
        }

        impl $crate::handle::DerefToPyAny for $name {}
    };
}
pub(crate) use native_type;

/// A Python exception instance (`BaseException` or a subclass).
pub enum PyBaseException {}

impl PyTypeCheck for PyBaseException {
    const NAME: &'static str = "BaseException";
    fn type_check(obj: &Owned<'_, PyAny>) -> bool {
        // SAFETY: `obj` is a live object.
        unsafe { ffi::PyExceptionInstance_Check(obj.as_ptr()) }
    }
}

// SAFETY: the interpreter's static exception type.
unsafe impl PyTypeInfo for PyBaseException {
    fn type_object_raw(_gil: Gil<'_>) -> *mut ffi::PyTypeObject {
        // SAFETY: reading a built-in exception type global.
        unsafe { ffi::PyExc_BaseException.cast() }
    }
}
impl crate::handle::DerefToPyAny for PyBaseException {}

/// A traceback object (`types.TracebackType`).
pub enum PyTraceback {}

impl PyTypeCheck for PyTraceback {
    const NAME: &'static str = "traceback";
    fn type_check(obj: &Owned<'_, PyAny>) -> bool {
        obj.type_name() == "traceback"
    }
}
impl crate::handle::DerefToPyAny for PyTraceback {}

impl<'py> Owned<'py, PyTraceback> {
    /// The formatted traceback, as `traceback.format_tb` gives it, joined into one string.
    pub fn format(&self) -> crate::PyResult<String> {
        let gil = self.gil();
        let lines = gil
            .import("traceback")?
            .call_method1("format_tb", (self.clone(),))?;
        let joined = crate::types::PyStr::new(gil, "").call_method1("join", (lines,))?;
        joined.extract()
    }
}
