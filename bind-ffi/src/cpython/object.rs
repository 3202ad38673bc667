//! `cpython/object.h`: the full `PyTypeObject` and its protocol tables.
use crate::object::*;
use crate::Py_ssize_t;
use libc::{c_char, c_int, c_uint, c_ulong, c_void};

/// `PyAsyncMethods` (`tp_as_async`).
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct PyAsyncMethods {
    pub am_await: Option<unaryfunc>,
    pub am_aiter: Option<unaryfunc>,
    pub am_anext: Option<unaryfunc>,
    /// 3.10+.
    #[cfg(Py_3_10)]
    pub am_send: Option<sendfunc>,
}

/// `PyNumberMethods` (`tp_as_number`).
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct PyNumberMethods {
    pub nb_add: Option<binaryfunc>,
    pub nb_subtract: Option<binaryfunc>,
    pub nb_multiply: Option<binaryfunc>,
    pub nb_remainder: Option<binaryfunc>,
    pub nb_divmod: Option<binaryfunc>,
    pub nb_power: Option<ternaryfunc>,
    pub nb_negative: Option<unaryfunc>,
    pub nb_positive: Option<unaryfunc>,
    pub nb_absolute: Option<unaryfunc>,
    pub nb_bool: Option<inquiry>,
    pub nb_invert: Option<unaryfunc>,
    pub nb_lshift: Option<binaryfunc>,
    pub nb_rshift: Option<binaryfunc>,
    pub nb_and: Option<binaryfunc>,
    pub nb_xor: Option<binaryfunc>,
    pub nb_or: Option<binaryfunc>,
    pub nb_int: Option<unaryfunc>,
    pub nb_reserved: *mut c_void,
    pub nb_float: Option<unaryfunc>,
    pub nb_inplace_add: Option<binaryfunc>,
    pub nb_inplace_subtract: Option<binaryfunc>,
    pub nb_inplace_multiply: Option<binaryfunc>,
    pub nb_inplace_remainder: Option<binaryfunc>,
    pub nb_inplace_power: Option<ternaryfunc>,
    pub nb_inplace_lshift: Option<binaryfunc>,
    pub nb_inplace_rshift: Option<binaryfunc>,
    pub nb_inplace_and: Option<binaryfunc>,
    pub nb_inplace_xor: Option<binaryfunc>,
    pub nb_inplace_or: Option<binaryfunc>,
    pub nb_floor_divide: Option<binaryfunc>,
    pub nb_true_divide: Option<binaryfunc>,
    pub nb_inplace_floor_divide: Option<binaryfunc>,
    pub nb_inplace_true_divide: Option<binaryfunc>,
    pub nb_index: Option<unaryfunc>,
    pub nb_matrix_multiply: Option<binaryfunc>,
    pub nb_inplace_matrix_multiply: Option<binaryfunc>,
}

/// `PySequenceMethods` (`tp_as_sequence`).
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct PySequenceMethods {
    pub sq_length: Option<lenfunc>,
    pub sq_concat: Option<binaryfunc>,
    pub sq_repeat: Option<ssizeargfunc>,
    pub sq_item: Option<ssizeargfunc>,
    pub was_sq_slice: *mut c_void,
    pub sq_ass_item: Option<ssizeobjargproc>,
    pub was_sq_ass_slice: *mut c_void,
    pub sq_contains: Option<objobjproc>,
    pub sq_inplace_concat: Option<binaryfunc>,
    pub sq_inplace_repeat: Option<ssizeargfunc>,
}

/// `PyMappingMethods` (`tp_as_mapping`).
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct PyMappingMethods {
    pub mp_length: Option<lenfunc>,
    pub mp_subscript: Option<binaryfunc>,
    pub mp_ass_subscript: Option<objobjargproc>,
}

/// `PyBufferProcs` (`tp_as_buffer`).
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct PyBufferProcs {
    pub bf_getbuffer: Option<getbufferproc>,
    pub bf_releasebuffer: Option<releasebufferproc>,
}

/// `PyTypeObject`: the full type object of the non-limited API.
#[repr(C)]
#[derive(Debug)]
pub struct PyTypeObject {
    pub ob_base: PyVarObject,
    pub tp_name: *const c_char,
    pub tp_basicsize: Py_ssize_t,
    pub tp_itemsize: Py_ssize_t,
    pub tp_dealloc: Option<destructor>,
    pub tp_vectorcall_offset: Py_ssize_t,
    pub tp_getattr: Option<getattrfunc>,
    pub tp_setattr: Option<setattrfunc>,
    pub tp_as_async: *mut PyAsyncMethods,
    pub tp_repr: Option<reprfunc>,
    pub tp_as_number: *mut PyNumberMethods,
    pub tp_as_sequence: *mut PySequenceMethods,
    pub tp_as_mapping: *mut PyMappingMethods,
    pub tp_hash: Option<hashfunc>,
    pub tp_call: Option<ternaryfunc>,
    pub tp_str: Option<reprfunc>,
    pub tp_getattro: Option<getattrofunc>,
    pub tp_setattro: Option<setattrofunc>,
    pub tp_as_buffer: *mut PyBufferProcs,
    pub tp_flags: c_ulong,
    pub tp_doc: *const c_char,
    pub tp_traverse: Option<traverseproc>,
    pub tp_clear: Option<inquiry>,
    pub tp_richcompare: Option<richcmpfunc>,
    pub tp_weaklistoffset: Py_ssize_t,
    pub tp_iter: Option<getiterfunc>,
    pub tp_iternext: Option<iternextfunc>,
    pub tp_methods: *mut crate::methodobject::PyMethodDef,
    pub tp_members: *mut crate::structmember::PyMemberDef,
    pub tp_getset: *mut crate::descrobject::PyGetSetDef,
    pub tp_base: *mut PyTypeObject,
    pub tp_dict: *mut PyObject,
    pub tp_descr_get: Option<descrgetfunc>,
    pub tp_descr_set: Option<descrsetfunc>,
    pub tp_dictoffset: Py_ssize_t,
    pub tp_init: Option<initproc>,
    pub tp_alloc: Option<allocfunc>,
    pub tp_new: Option<newfunc>,
    pub tp_free: Option<freefunc>,
    pub tp_is_gc: Option<inquiry>,
    pub tp_bases: *mut PyObject,
    pub tp_mro: *mut PyObject,
    pub tp_cache: *mut PyObject,
    pub tp_subclasses: *mut c_void,
    pub tp_weaklist: *mut PyObject,
    pub tp_del: Option<destructor>,
    pub tp_version_tag: c_uint,
    pub tp_finalize: Option<destructor>,
    pub tp_vectorcall: Option<vectorcallfunc>,
    /// 3.8 only: kept for backwards compatibility (`tp_print`).
    #[cfg(not(Py_3_9))]
    pub tp_print: *mut c_void,
    #[cfg(Py_3_12)]
    pub tp_watched: u8,
    #[cfg(Py_3_13)]
    pub tp_versions_used: u16,
}

extern "C" {
    /// Runs `tp_finalize` from a `tp_dealloc` (PEP 442): returns -1 when the finalizer
    /// resurrected the object (the dealloc must stop), 0 otherwise.
    pub fn PyObject_CallFinalizerFromDealloc(obj: *mut PyObject) -> c_int;
}

#[cfg(Py_3_12)]
extern "C" {
    /// Visits the managed `__dict__` of an instance of a `Py_TPFLAGS_MANAGED_DICT` type
    /// (3.12 name; public as `PyObject_VisitManagedDict` from 3.13).
    #[cfg(not(Py_3_13))]
    pub fn _PyObject_VisitManagedDict(
        obj: *mut PyObject,
        visit: visitproc,
        arg: *mut c_void,
    ) -> libc::c_int;
    /// Clears the managed `__dict__` (3.12 name of `PyObject_ClearManagedDict`).
    #[cfg(not(Py_3_13))]
    pub fn _PyObject_ClearManagedDict(obj: *mut PyObject);
    /// 3.13+: visits the managed `__dict__` (call from `tp_traverse`).
    #[cfg(Py_3_13)]
    pub fn PyObject_VisitManagedDict(
        obj: *mut PyObject,
        visit: visitproc,
        arg: *mut c_void,
    ) -> libc::c_int;
    /// 3.13+: clears the managed `__dict__` (call from `tp_clear`).
    #[cfg(Py_3_13)]
    pub fn PyObject_ClearManagedDict(obj: *mut PyObject);
}
