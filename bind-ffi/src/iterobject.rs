//! `iterobject.h`: the sequence iterator (`iter(seq)`) and the callable iterator
//! (`iter(callable, sentinel)`).
use crate::object::*;

extern "C" {
    pub static mut PySeqIter_Type: PyTypeObject;
    pub static mut PyCallIter_Type: PyTypeObject;
    /// An iterator over `seq` through `__getitem__` until `IndexError`.
    pub fn PySeqIter_New(seq: *mut PyObject) -> *mut PyObject;
    /// An iterator calling `callable()` until it returns `sentinel`.
    pub fn PyCallIter_New(callable: *mut PyObject, sentinel: *mut PyObject) -> *mut PyObject;
}

/// `PySeqIter_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PySeqIter_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller; the type object is static.
    unsafe { Py_IS_TYPE(op, core::ptr::addr_of_mut!(PySeqIter_Type)) }
}

/// `PyCallIter_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyCallIter_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller; the type object is static.
    unsafe { Py_IS_TYPE(op, core::ptr::addr_of_mut!(PyCallIter_Type)) }
}
