//! `cpython/unicodeobject.h`: the compact `str` layout and `PyUnicode_New`, to fill a new
//! ASCII string in place.
use crate::object::*;
use crate::{Py_hash_t, Py_ssize_t};

/// `PyASCIIObject`: the head of every `str`; a compact ASCII string's characters follow it.
#[repr(C)]
#[derive(Debug)]
pub struct PyASCIIObject {
    pub ob_base: PyObject,
    pub length: Py_ssize_t,
    pub hash: Py_hash_t,
    /// The `state` bit fields (interned, kind, compact, ascii, …).
    pub state: u32,
    /// Removed in 3.12.
    #[cfg(not(Py_3_12))]
    pub wstr: *mut libc::wchar_t,
}

extern "C" {
    /// A new, uninitialised `str` of `size` characters none above `maxchar` (a compact ASCII
    /// string for `maxchar` < 128), NUL-terminated; NULL with an exception set on failure.
    pub fn PyUnicode_New(size: Py_ssize_t, maxchar: crate::Py_UCS4) -> *mut PyObject;
}

/// The characters of a compact ASCII string (`PyUnicode_DATA` of a string made by
/// `PyUnicode_New(n, 127)`): `n` bytes followed by a NUL.
///
/// # Safety
/// `op` must be a live compact ASCII string.
#[inline(always)]
pub unsafe fn PyUnicode_ASCII_DATA(op: *mut PyObject) -> *mut u8 {
    // SAFETY: a compact ASCII string stores its characters right after the head (the
    // caller's guarantee on `op`), inside the same allocation.
    unsafe { op.cast::<PyASCIIObject>().add(1).cast::<u8>() }
}
