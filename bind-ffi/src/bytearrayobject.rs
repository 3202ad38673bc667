//! `bytearrayobject.h`: Python `bytearray`.
use crate::object::*;
use crate::Py_ssize_t;
use libc::{c_char, c_int};

extern "C" {
    pub static mut PyByteArray_Type: PyTypeObject;
    pub fn PyByteArray_FromObject(o: *mut PyObject) -> *mut PyObject;
    pub fn PyByteArray_FromStringAndSize(s: *const c_char, size: Py_ssize_t) -> *mut PyObject;
    pub fn PyByteArray_Concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyByteArray_Size(o: *mut PyObject) -> Py_ssize_t;
    pub fn PyByteArray_AsString(o: *mut PyObject) -> *mut c_char;
    pub fn PyByteArray_Resize(o: *mut PyObject, len: Py_ssize_t) -> c_int;
}

/// `PyByteArray_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyByteArray_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PyObject_TypeCheck(op, core::ptr::addr_of_mut!(PyByteArray_Type)) }
}
