//! `unicodeobject.h`: Python `str`.
use crate::object::*;
use crate::Py_ssize_t;
use libc::{c_char, c_int};

/// `Py_UCS4`.
pub type Py_UCS4 = u32;

extern "C" {
    pub static mut PyUnicode_Type: PyTypeObject;
    pub fn PyUnicode_FromStringAndSize(s: *const c_char, size: Py_ssize_t) -> *mut PyObject;
    pub fn PyUnicode_FromString(s: *const c_char) -> *mut PyObject;
    pub fn PyUnicode_DecodeUTF8(
        s: *const c_char,
        size: Py_ssize_t,
        errors: *const c_char,
    ) -> *mut PyObject;
    pub fn PyUnicode_FromOrdinal(ordinal: c_int) -> *mut PyObject;
    pub fn PyUnicode_FromEncodedObject(
        obj: *mut PyObject,
        encoding: *const c_char,
        errors: *const c_char,
    ) -> *mut PyObject;
    pub fn PyUnicode_AsUTF8String(s: *mut PyObject) -> *mut PyObject;
    pub fn PyUnicode_AsEncodedString(
        s: *mut PyObject,
        encoding: *const c_char,
        errors: *const c_char,
    ) -> *mut PyObject;
    /// Limited API from 3.10; exported by every supported version.
    #[cfg(any(not(Py_LIMITED_API), Py_3_10))]
    pub fn PyUnicode_AsUTF8AndSize(s: *mut PyObject, size: *mut Py_ssize_t) -> *const c_char;
    pub fn PyUnicode_GetLength(s: *mut PyObject) -> Py_ssize_t;
    pub fn PyUnicode_ReadChar(s: *mut PyObject, index: Py_ssize_t) -> Py_UCS4;
    pub fn PyUnicode_Concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyUnicode_Compare(a: *mut PyObject, b: *mut PyObject) -> c_int;
    pub fn PyUnicode_CompareWithASCIIString(a: *mut PyObject, b: *const c_char) -> c_int;
    pub fn PyUnicode_InternInPlace(s: *mut *mut PyObject);
    pub fn PyUnicode_InternFromString(s: *const c_char) -> *mut PyObject;
    pub fn PyUnicode_FromFormat(format: *const c_char, ...) -> *mut PyObject;
    pub fn PyUnicode_Join(separator: *mut PyObject, seq: *mut PyObject) -> *mut PyObject;
    pub fn PyUnicode_Contains(container: *mut PyObject, element: *mut PyObject) -> c_int;
    pub fn PyUnicode_FSConverter(obj: *mut PyObject, result: *mut libc::c_void) -> c_int;
    pub fn PyUnicode_DecodeFSDefaultAndSize(s: *const c_char, size: Py_ssize_t) -> *mut PyObject;
    pub fn PyUnicode_EncodeFSDefault(s: *mut PyObject) -> *mut PyObject;
}

/// `PyUnicode_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyUnicode_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PyType_HasFeature(Py_TYPE(op), Py_TPFLAGS_UNICODE_SUBCLASS) }
}

/// `PyUnicode_CheckExact(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyUnicode_CheckExact(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { Py_TYPE(op) == core::ptr::addr_of_mut!(PyUnicode_Type) }
}
