//! `cpython/dictobject.h`: the public head of `PyDictObject`.
use crate::object::*;
use crate::Py_ssize_t;

/// The head of `PyDictObject` that is the same in 3.8 to 3.13: the object head and
/// `ma_used`, the number of items (the fields after it are private).
#[repr(C)]
#[derive(Debug)]
pub struct PyDictObjectHead {
    pub ob_base: PyObject,
    pub ma_used: Py_ssize_t,
}

/// `PyDict_GET_SIZE(op)`: `len(op)` read from the object (GIL builds).
///
/// # Safety
/// `op` must be a live dict (or dict subclass instance).
#[cfg(not(Py_GIL_DISABLED))]
#[inline(always)]
pub unsafe fn PyDict_GET_SIZE(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: a dict starts with `PyDictObjectHead` (caller's guarantee).
    unsafe { (*op.cast::<PyDictObjectHead>()).ma_used }
}
