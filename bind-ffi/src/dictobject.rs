//! `dictobject.h`: Python `dict`.
use crate::object::*;
use crate::Py_ssize_t;
use libc::{c_char, c_int};

extern "C" {
    pub static mut PyDict_Type: PyTypeObject;
    pub fn PyDict_New() -> *mut PyObject;
    /// Returns a borrowed reference; does not set an exception when the key is missing.
    pub fn PyDict_GetItemWithError(d: *mut PyObject, key: *mut PyObject) -> *mut PyObject;
    pub fn PyDict_GetItemString(d: *mut PyObject, key: *const c_char) -> *mut PyObject;
    /// 3.13+: `*result` receives a new reference; returns 1 found, 0 missing, -1 error.
    #[cfg(Py_3_13)]
    pub fn PyDict_GetItemRef(
        d: *mut PyObject,
        key: *mut PyObject,
        result: *mut *mut PyObject,
    ) -> c_int;
    pub fn PyDict_SetItem(d: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> c_int;
    pub fn PyDict_SetItemString(
        d: *mut PyObject,
        key: *const c_char,
        value: *mut PyObject,
    ) -> c_int;
    pub fn PyDict_DelItem(d: *mut PyObject, key: *mut PyObject) -> c_int;
    pub fn PyDict_DelItemString(d: *mut PyObject, key: *const c_char) -> c_int;
    pub fn PyDict_Contains(d: *mut PyObject, key: *mut PyObject) -> c_int;
    pub fn PyDict_Clear(d: *mut PyObject);
    pub fn PyDict_Copy(d: *mut PyObject) -> *mut PyObject;
    pub fn PyDict_Size(d: *mut PyObject) -> Py_ssize_t;
    pub fn PyDict_Keys(d: *mut PyObject) -> *mut PyObject;
    pub fn PyDict_Values(d: *mut PyObject) -> *mut PyObject;
    pub fn PyDict_Items(d: *mut PyObject) -> *mut PyObject;
    /// Borrowed `*key`/`*value`; the dict must not change during iteration.
    pub fn PyDict_Next(
        d: *mut PyObject,
        pos: *mut Py_ssize_t,
        key: *mut *mut PyObject,
        value: *mut *mut PyObject,
    ) -> c_int;
    pub fn PyDict_Update(a: *mut PyObject, b: *mut PyObject) -> c_int;
    pub fn PyDict_Merge(a: *mut PyObject, b: *mut PyObject, override_: c_int) -> c_int;
    pub fn PyDict_MergeFromSeq2(d: *mut PyObject, seq2: *mut PyObject, override_: c_int) -> c_int;
}

/// `PyDict_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyDict_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PyType_HasFeature(Py_TYPE(op), Py_TPFLAGS_DICT_SUBCLASS) }
}

/// `PyDict_CheckExact(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyDict_CheckExact(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { Py_TYPE(op) == core::ptr::addr_of_mut!(PyDict_Type) }
}
