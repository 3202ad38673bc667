//! `longobject.h`: Python `int`.
use crate::object::*;
use crate::Py_ssize_t;
use libc::{c_char, c_double, c_int, c_long, c_longlong, c_ulong, c_ulonglong, c_void, size_t};

extern "C" {
    pub static mut PyLong_Type: PyTypeObject;
    pub fn PyLong_FromLong(v: c_long) -> *mut PyObject;
    pub fn PyLong_FromUnsignedLong(v: c_ulong) -> *mut PyObject;
    pub fn PyLong_FromSsize_t(v: Py_ssize_t) -> *mut PyObject;
    pub fn PyLong_FromSize_t(v: size_t) -> *mut PyObject;
    pub fn PyLong_FromLongLong(v: c_longlong) -> *mut PyObject;
    pub fn PyLong_FromUnsignedLongLong(v: c_ulonglong) -> *mut PyObject;
    pub fn PyLong_FromDouble(v: c_double) -> *mut PyObject;
    pub fn PyLong_FromString(s: *const c_char, end: *mut *mut c_char, base: c_int)
        -> *mut PyObject;
    pub fn PyLong_FromVoidPtr(p: *mut c_void) -> *mut PyObject;
    pub fn PyLong_AsLong(o: *mut PyObject) -> c_long;
    pub fn PyLong_AsLongAndOverflow(o: *mut PyObject, overflow: *mut c_int) -> c_long;
    pub fn PyLong_AsLongLong(o: *mut PyObject) -> c_longlong;
    pub fn PyLong_AsLongLongAndOverflow(o: *mut PyObject, overflow: *mut c_int) -> c_longlong;
    pub fn PyLong_AsSsize_t(o: *mut PyObject) -> Py_ssize_t;
    pub fn PyLong_AsSize_t(o: *mut PyObject) -> size_t;
    pub fn PyLong_AsUnsignedLong(o: *mut PyObject) -> c_ulong;
    pub fn PyLong_AsUnsignedLongLong(o: *mut PyObject) -> c_ulonglong;
    pub fn PyLong_AsUnsignedLongMask(o: *mut PyObject) -> c_ulong;
    pub fn PyLong_AsUnsignedLongLongMask(o: *mut PyObject) -> c_ulonglong;
    pub fn PyLong_AsDouble(o: *mut PyObject) -> c_double;
    pub fn PyLong_AsVoidPtr(o: *mut PyObject) -> *mut c_void;
    pub fn PyOS_strtol(s: *const c_char, end: *mut *mut c_char, base: c_int) -> c_long;
}

#[cfg(not(Py_LIMITED_API))]
extern "C" {
    /// Before 3.13 this takes 5 parameters; 3.13 added `with_exceptions`.
    #[cfg(not(Py_3_13))]
    pub fn _PyLong_FromByteArray(
        bytes: *const libc::c_uchar,
        n: size_t,
        little_endian: c_int,
        is_signed: c_int,
    ) -> *mut PyObject;
    #[cfg(Py_3_13)]
    pub fn _PyLong_FromByteArray(
        bytes: *const libc::c_uchar,
        n: size_t,
        little_endian: c_int,
        is_signed: c_int,
    ) -> *mut PyObject;
    #[cfg(not(Py_3_13))]
    pub fn _PyLong_AsByteArray(
        v: *mut PyObject,
        bytes: *mut libc::c_uchar,
        n: size_t,
        little_endian: c_int,
        is_signed: c_int,
    ) -> c_int;
    #[cfg(Py_3_13)]
    pub fn _PyLong_AsByteArray(
        v: *mut PyObject,
        bytes: *mut libc::c_uchar,
        n: size_t,
        little_endian: c_int,
        is_signed: c_int,
        with_exceptions: c_int,
    ) -> c_int;
    pub fn _PyLong_NumBits(v: *mut PyObject) -> size_t;
}

/// `PyLong_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyLong_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PyType_HasFeature(Py_TYPE(op), Py_TPFLAGS_LONG_SUBCLASS) }
}

/// `PyLong_CheckExact(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyLong_CheckExact(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { Py_TYPE(op) == core::ptr::addr_of_mut!(PyLong_Type) }
}
