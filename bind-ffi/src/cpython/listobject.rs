//! `cpython/listobject.h` (`listobject.h` on 3.8): the `PyListObject` layout and the
//! unchecked item accessors.
use crate::object::*;
use crate::Py_ssize_t;

/// `PyListObject`: a list; `ob_item[0..ob_size]` are the items, room for `allocated`.
#[repr(C)]
#[derive(Debug)]
pub struct PyListObject {
    pub ob_base: PyVarObject,
    pub ob_item: *mut *mut PyObject,
    pub allocated: Py_ssize_t,
}

/// `PyList_GET_SIZE(op)` (a relaxed atomic load on free-threaded builds, as in 3.13).
///
/// # Safety
/// `op` must be a live list.
#[inline(always)]
pub unsafe fn PyList_GET_SIZE(op: *mut PyObject) -> Py_ssize_t {
    #[cfg(Py_GIL_DISABLED)]
    // SAFETY: a list has a `PyVarObject` head; other threads only access `ob_size`
    // atomically on free-threaded builds.
    unsafe {
        let size = core::ptr::addr_of_mut!((*op.cast::<PyVarObject>()).ob_size);
        (*size.cast::<core::sync::atomic::AtomicIsize>())
            .load(core::sync::atomic::Ordering::Relaxed)
    }
    #[cfg(not(Py_GIL_DISABLED))]
    // SAFETY: a list has a `PyVarObject` head (caller's guarantee).
    unsafe {
        Py_SIZE(op)
    }
}

/// `PyList_GET_ITEM(op, i)`: a borrowed reference, no bounds check.
///
/// # Safety
/// `op` must be a live list and `0 <= i < PyList_GET_SIZE(op)`.
#[inline(always)]
pub unsafe fn PyList_GET_ITEM(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: `i` is in bounds of the item vector (caller's guarantee).
    unsafe { *(*op.cast::<PyListObject>()).ob_item.offset(i) }
}

/// `PyList_SET_ITEM(op, i, v)`: steals `v` and does not release the previous item; only
/// for filling a new list.
///
/// # Safety
/// `op` must be a live list and `0 <= i < allocated`.
#[inline(always)]
pub unsafe fn PyList_SET_ITEM(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) {
    // SAFETY: `i` is in bounds of the item vector (caller's guarantee).
    unsafe { *(*op.cast::<PyListObject>()).ob_item.offset(i) = v }
}
