//! `setobject.h`: Python `set` and `frozenset`.
use crate::object::*;
use crate::Py_ssize_t;
use libc::c_int;

extern "C" {
    pub static mut PySet_Type: PyTypeObject;
    pub static mut PyFrozenSet_Type: PyTypeObject;
    pub fn PySet_New(iterable: *mut PyObject) -> *mut PyObject;
    pub fn PyFrozenSet_New(iterable: *mut PyObject) -> *mut PyObject;
    pub fn PySet_Size(set: *mut PyObject) -> Py_ssize_t;
    pub fn PySet_Contains(set: *mut PyObject, key: *mut PyObject) -> c_int;
    pub fn PySet_Add(set: *mut PyObject, key: *mut PyObject) -> c_int;
    pub fn PySet_Discard(set: *mut PyObject, key: *mut PyObject) -> c_int;
    pub fn PySet_Pop(set: *mut PyObject) -> *mut PyObject;
    pub fn PySet_Clear(set: *mut PyObject) -> c_int;
}

/// `PyFrozenSet_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyFrozenSet_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PyObject_TypeCheck(op, core::ptr::addr_of_mut!(PyFrozenSet_Type)) }
}

/// `PySet_Check(op)` (set or subclass, not frozenset).
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PySet_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PyObject_TypeCheck(op, core::ptr::addr_of_mut!(PySet_Type)) }
}

/// `PyAnySet_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyAnySet_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PySet_Check(op) || PyFrozenSet_Check(op) }
}
