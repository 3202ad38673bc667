//! `listobject.h`: Python `list`.
use crate::object::*;
use crate::Py_ssize_t;
use libc::c_int;

extern "C" {
    pub static mut PyList_Type: PyTypeObject;
    pub fn PyList_New(size: Py_ssize_t) -> *mut PyObject;
    pub fn PyList_Size(list: *mut PyObject) -> Py_ssize_t;
    /// Returns a borrowed reference.
    pub fn PyList_GetItem(list: *mut PyObject, index: Py_ssize_t) -> *mut PyObject;
    /// 3.13+: returns a new reference (safe under free threading).
    #[cfg(Py_3_13)]
    pub fn PyList_GetItemRef(list: *mut PyObject, index: Py_ssize_t) -> *mut PyObject;
    /// Steals a reference to `item`.
    pub fn PyList_SetItem(list: *mut PyObject, index: Py_ssize_t, item: *mut PyObject) -> c_int;
    pub fn PyList_Insert(list: *mut PyObject, index: Py_ssize_t, item: *mut PyObject) -> c_int;
    pub fn PyList_Append(list: *mut PyObject, item: *mut PyObject) -> c_int;
    pub fn PyList_GetSlice(list: *mut PyObject, low: Py_ssize_t, high: Py_ssize_t)
        -> *mut PyObject;
    pub fn PyList_SetSlice(
        list: *mut PyObject,
        low: Py_ssize_t,
        high: Py_ssize_t,
        itemlist: *mut PyObject,
    ) -> c_int;
    pub fn PyList_Sort(list: *mut PyObject) -> c_int;
    pub fn PyList_Reverse(list: *mut PyObject) -> c_int;
    pub fn PyList_AsTuple(list: *mut PyObject) -> *mut PyObject;
}

/// `PyList_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyList_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PyType_HasFeature(Py_TYPE(op), Py_TPFLAGS_LIST_SUBCLASS) }
}

/// `PyList_CheckExact(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyList_CheckExact(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { Py_TYPE(op) == core::ptr::addr_of_mut!(PyList_Type) }
}
