//! `memoryobject.h`: `memoryview` objects.
use crate::object::*;
#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
use crate::pybuffer::Py_buffer;
use crate::Py_ssize_t;
use libc::{c_char, c_int};

extern "C" {
    pub static mut PyMemoryView_Type: PyTypeObject;
    /// A memoryview of any object supporting the buffer protocol.
    pub fn PyMemoryView_FromObject(obj: *mut PyObject) -> *mut PyObject;
    /// A memoryview of raw memory; `flags` is `PyBUF_READ` or `PyBUF_WRITE`. The memory
    /// must outlive the view.
    pub fn PyMemoryView_FromMemory(
        mem: *mut c_char,
        size: Py_ssize_t,
        flags: c_int,
    ) -> *mut PyObject;
    /// A memoryview wrapping `info` (copied; `info->obj` is not referenced): limited
    /// API from 3.11 (`const` from 3.12).
    #[cfg(any(not(Py_LIMITED_API), Py_3_11))]
    pub fn PyMemoryView_FromBuffer(info: *const Py_buffer) -> *mut PyObject;
    /// A memoryview of a contiguous copy (or the original) of `base`'s buffer;
    /// `buffertype` is `PyBUF_READ`/`PyBUF_WRITE`, `order` `'C'`, `'F'` or `'A'`.
    pub fn PyMemoryView_GetContiguous(
        base: *mut PyObject,
        buffertype: c_int,
        order: c_char,
    ) -> *mut PyObject;
}

/// `PyMemoryView_Check(op)` (exact type: memoryview cannot be subclassed).
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyMemoryView_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller; the type object is static.
    unsafe { Py_IS_TYPE(op, core::ptr::addr_of_mut!(PyMemoryView_Type)) }
}
