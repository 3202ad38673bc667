//! `tupleobject.h`: Python `tuple`.
use crate::object::*;
use crate::Py_ssize_t;
use libc::c_int;

extern "C" {
    pub static mut PyTuple_Type: PyTypeObject;
    pub fn PyTuple_New(size: Py_ssize_t) -> *mut PyObject;
    pub fn PyTuple_Size(p: *mut PyObject) -> Py_ssize_t;
    /// Returns a borrowed reference.
    pub fn PyTuple_GetItem(p: *mut PyObject, pos: Py_ssize_t) -> *mut PyObject;
    /// Steals a reference to `o`.
    pub fn PyTuple_SetItem(p: *mut PyObject, pos: Py_ssize_t, o: *mut PyObject) -> c_int;
    pub fn PyTuple_GetSlice(p: *mut PyObject, low: Py_ssize_t, high: Py_ssize_t) -> *mut PyObject;
    pub fn PyTuple_Pack(n: Py_ssize_t, ...) -> *mut PyObject;
}

/// `PyTuple_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyTuple_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PyType_HasFeature(Py_TYPE(op), Py_TPFLAGS_TUPLE_SUBCLASS) }
}

/// `PyTuple_CheckExact(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyTuple_CheckExact(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { Py_TYPE(op) == core::ptr::addr_of_mut!(PyTuple_Type) }
}
