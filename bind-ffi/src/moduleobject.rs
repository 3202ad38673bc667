//! `moduleobject.h`: module definitions (single- and multi-phase) and module objects.
use crate::methodobject::PyMethodDef;
use crate::object::*;
use crate::Py_ssize_t;
use libc::{c_char, c_int, c_void};

/// `PyModuleDef_Base`: the head of a module definition. Same fields on every build; on
/// free-threaded builds it is larger because its `PyObject` head is (32 bytes).
#[repr(C)]
#[derive(Debug)]
pub struct PyModuleDef_Base {
    pub ob_base: PyObject,
    pub m_init: Option<unsafe extern "C" fn() -> *mut PyObject>,
    pub m_index: Py_ssize_t,
    pub m_copy: *mut PyObject,
}

/// `PyModuleDef_Slot`: one multi-phase initialisation step.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct PyModuleDef_Slot {
    pub slot: c_int,
    pub value: *mut c_void,
}

pub const Py_mod_create: c_int = 1;
pub const Py_mod_exec: c_int = 2;
/// 3.12+: older runtimes fail the import on this slot id.
pub const Py_mod_multiple_interpreters: c_int = 3;
/// 3.13+: older runtimes fail the import on this slot id.
pub const Py_mod_gil: c_int = 4;

pub const Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED: *mut c_void = core::ptr::null_mut();
// The slot values are small integers cast to `void *` in CPython's headers, not pointers.
#[allow(clippy::manual_dangling_ptr)]
pub const Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED: *mut c_void = 1 as *mut c_void;
pub const Py_MOD_PER_INTERPRETER_GIL_SUPPORTED: *mut c_void = 2 as *mut c_void;
pub const Py_MOD_GIL_USED: *mut c_void = core::ptr::null_mut();
#[allow(clippy::manual_dangling_ptr)]
pub const Py_MOD_GIL_NOT_USED: *mut c_void = 1 as *mut c_void;

/// `PyModuleDef`: a module definition; it must live as long as the module (forever).
#[repr(C)]
#[derive(Debug)]
pub struct PyModuleDef {
    pub m_base: PyModuleDef_Base,
    pub m_name: *const c_char,
    pub m_doc: *const c_char,
    pub m_size: Py_ssize_t,
    pub m_methods: *mut PyMethodDef,
    pub m_slots: *mut PyModuleDef_Slot,
    pub m_traverse: Option<traverseproc>,
    pub m_clear: Option<inquiry>,
    pub m_free: Option<freefunc>,
}

/// `PyModuleDef_HEAD_INIT`.
///
/// The object head is [`PyObject_HEAD_INIT`]: immortal on 3.13 and on free-threaded builds.
pub const PyModuleDef_HEAD_INIT: PyModuleDef_Base = PyModuleDef_Base {
    ob_base: PyObject_HEAD_INIT,
    m_init: None,
    m_index: 0,
    m_copy: core::ptr::null_mut(),
};

extern "C" {
    pub static mut PyModule_Type: PyTypeObject;
    pub static mut PyModuleDef_Type: PyTypeObject;
    pub fn PyModule_NewObject(name: *mut PyObject) -> *mut PyObject;
    pub fn PyModule_New(name: *const c_char) -> *mut PyObject;
    pub fn PyModule_GetDict(m: *mut PyObject) -> *mut PyObject;
    pub fn PyModule_GetNameObject(m: *mut PyObject) -> *mut PyObject;
    pub fn PyModule_GetName(m: *mut PyObject) -> *const c_char;
    pub fn PyModule_GetFilenameObject(m: *mut PyObject) -> *mut PyObject;
    pub fn PyModule_GetDef(m: *mut PyObject) -> *mut PyModuleDef;
    pub fn PyModule_GetState(m: *mut PyObject) -> *mut c_void;
    pub fn PyModuleDef_Init(def: *mut PyModuleDef) -> *mut PyObject;
}

/// `PyModule_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyModule_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller; `PyModule_Type` is a static type object.
    unsafe { PyObject_TypeCheck(op, core::ptr::addr_of_mut!(PyModule_Type)) }
}
