//! `sliceobject.h`: Python `slice`.
use crate::object::*;
use crate::Py_ssize_t;
use libc::c_int;

extern "C" {
    pub static mut PySlice_Type: PyTypeObject;
    pub fn PySlice_New(
        start: *mut PyObject,
        stop: *mut PyObject,
        step: *mut PyObject,
    ) -> *mut PyObject;
    pub fn PySlice_Unpack(
        slice: *mut PyObject,
        start: *mut Py_ssize_t,
        stop: *mut Py_ssize_t,
        step: *mut Py_ssize_t,
    ) -> c_int;
    pub fn PySlice_AdjustIndices(
        length: Py_ssize_t,
        start: *mut Py_ssize_t,
        stop: *mut Py_ssize_t,
        step: Py_ssize_t,
    ) -> Py_ssize_t;
}

/// `PySlice_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PySlice_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { Py_TYPE(op) == core::ptr::addr_of_mut!(PySlice_Type) }
}
