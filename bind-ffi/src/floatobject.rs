//! `floatobject.h`: Python `float`.
use crate::object::*;
use libc::c_double;

extern "C" {
    pub static mut PyFloat_Type: PyTypeObject;
    pub fn PyFloat_FromDouble(v: c_double) -> *mut PyObject;
    pub fn PyFloat_FromString(s: *mut PyObject) -> *mut PyObject;
    pub fn PyFloat_AsDouble(o: *mut PyObject) -> c_double;
    pub fn PyFloat_GetMax() -> c_double;
    pub fn PyFloat_GetMin() -> c_double;
}

/// `PyFloat_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyFloat_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PyObject_TypeCheck(op, core::ptr::addr_of_mut!(PyFloat_Type)) }
}

/// `PyFloat_CheckExact(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyFloat_CheckExact(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { Py_TYPE(op) == core::ptr::addr_of_mut!(PyFloat_Type) }
}
