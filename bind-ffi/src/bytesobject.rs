//! `bytesobject.h`: Python `bytes`.
use crate::object::*;
use crate::Py_ssize_t;
use libc::{c_char, c_int};

extern "C" {
    pub static mut PyBytes_Type: PyTypeObject;
    pub fn PyBytes_FromStringAndSize(s: *const c_char, size: Py_ssize_t) -> *mut PyObject;
    pub fn PyBytes_FromString(s: *const c_char) -> *mut PyObject;
    pub fn PyBytes_FromObject(o: *mut PyObject) -> *mut PyObject;
    pub fn PyBytes_Size(o: *mut PyObject) -> Py_ssize_t;
    pub fn PyBytes_AsString(o: *mut PyObject) -> *mut c_char;
    pub fn PyBytes_AsStringAndSize(
        o: *mut PyObject,
        buffer: *mut *mut c_char,
        length: *mut Py_ssize_t,
    ) -> c_int;
    pub fn PyBytes_Concat(bytes: *mut *mut PyObject, newpart: *mut PyObject);
}

/// `PyBytes_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyBytes_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PyType_HasFeature(Py_TYPE(op), Py_TPFLAGS_BYTES_SUBCLASS) }
}
