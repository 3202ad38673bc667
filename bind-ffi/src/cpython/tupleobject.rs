//! `cpython/tupleobject.h` (`tupleobject.h` on 3.8): the `PyTupleObject` layout and the
//! unchecked item accessors.
use crate::object::*;
use crate::Py_ssize_t;
use libc::c_int;

/// `PyTupleObject`: a tuple; `ob_item` really holds `ob_size` items.
#[repr(C)]
#[derive(Debug)]
pub struct PyTupleObject {
    pub ob_base: PyVarObject,
    pub ob_item: [*mut PyObject; 1],
}

extern "C" {
    /// Resizes a tuple that nobody else references yet (refcount 1); on failure `*p`
    /// is released and set to NULL.
    pub fn _PyTuple_Resize(p: *mut *mut PyObject, newsize: Py_ssize_t) -> c_int;
}

/// `PyTuple_GET_SIZE(op)`.
///
/// # Safety
/// `op` must be a live tuple.
#[inline(always)]
pub unsafe fn PyTuple_GET_SIZE(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: a tuple has a `PyVarObject` head (caller's guarantee).
    unsafe { Py_SIZE(op) }
}

/// `PyTuple_GET_ITEM(op, i)`: a borrowed reference, no bounds check.
///
/// # Safety
/// `op` must be a live tuple and `0 <= i < PyTuple_GET_SIZE(op)`.
#[inline(always)]
pub unsafe fn PyTuple_GET_ITEM(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: `i` is in bounds of the trailing item array (caller's guarantee); the
    // pointer is derived from `op`, which covers the whole allocation.
    unsafe {
        *core::ptr::addr_of_mut!((*op.cast::<PyTupleObject>()).ob_item)
            .cast::<*mut PyObject>()
            .offset(i)
    }
}

/// `PyTuple_SET_ITEM(op, i, v)`: steals `v` and does not release the previous item; only
/// for filling a new tuple.
///
/// # Safety
/// `op` must be a live tuple and `0 <= i < PyTuple_GET_SIZE(op)`.
#[inline(always)]
pub unsafe fn PyTuple_SET_ITEM(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) {
    // SAFETY: as `PyTuple_GET_ITEM`.
    unsafe {
        *core::ptr::addr_of_mut!((*op.cast::<PyTupleObject>()).ob_item)
            .cast::<*mut PyObject>()
            .offset(i) = v;
    }
}
