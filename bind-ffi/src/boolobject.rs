//! `boolobject.h`: Python `bool`.
use crate::object::*;
use libc::c_long;

extern "C" {
    pub static mut PyBool_Type: PyTypeObject;
    pub static mut _Py_FalseStruct: PyObject;
    pub static mut _Py_TrueStruct: PyObject;
    pub fn PyBool_FromLong(v: c_long) -> *mut PyObject;
}

/// `Py_True` (borrowed).
///
/// The result is a borrowed reference: do not decref it without a matching incref.
#[inline(always)]
pub fn Py_True() -> *mut PyObject {
    core::ptr::addr_of_mut!(_Py_TrueStruct)
}

/// `Py_False` (borrowed).
///
/// The result is a borrowed reference: do not decref it without a matching incref.
#[inline(always)]
pub fn Py_False() -> *mut PyObject {
    core::ptr::addr_of_mut!(_Py_FalseStruct)
}

/// `PyBool_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyBool_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { Py_TYPE(op) == core::ptr::addr_of_mut!(PyBool_Type) }
}
