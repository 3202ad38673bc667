//! `objimpl.h`: object allocation and the cyclic garbage collector.
use crate::object::*;
use crate::Py_ssize_t;
use libc::{c_void, size_t};

extern "C" {
    pub fn PyObject_Malloc(size: size_t) -> *mut c_void;
    pub fn PyObject_Calloc(nelem: size_t, elsize: size_t) -> *mut c_void;
    pub fn PyObject_Realloc(ptr: *mut c_void, new_size: size_t) -> *mut c_void;
    pub fn PyObject_Free(ptr: *mut c_void);
    pub fn PyObject_Init(op: *mut PyObject, tp: *mut PyTypeObject) -> *mut PyObject;
    pub fn PyObject_GC_Track(op: *mut c_void);
    pub fn PyObject_GC_UnTrack(op: *mut c_void);
    pub fn PyObject_GC_Del(op: *mut c_void);
    #[cfg(Py_3_9)]
    pub fn PyObject_GC_IsTracked(op: *mut PyObject) -> libc::c_int;
    #[cfg(Py_3_9)]
    pub fn PyObject_GC_IsFinalized(op: *mut PyObject) -> libc::c_int;
    pub fn PyGC_Collect() -> Py_ssize_t;
    #[cfg(Py_3_10)]
    pub fn PyGC_Enable() -> libc::c_int;
    #[cfg(Py_3_10)]
    pub fn PyGC_Disable() -> libc::c_int;
    #[cfg(Py_3_10)]
    pub fn PyGC_IsEnabled() -> libc::c_int;
    pub fn PyMem_Malloc(size: size_t) -> *mut c_void;
    pub fn PyMem_Realloc(ptr: *mut c_void, new_size: size_t) -> *mut c_void;
    pub fn PyMem_Free(ptr: *mut c_void);
}

/// `PyObject_IS_GC(op)` via the type's flags (the `tp_is_gc` refinement is ignored).
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyType_IS_GC(tp: *mut PyTypeObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PyType_HasFeature(tp, Py_TPFLAGS_HAVE_GC) }
}
