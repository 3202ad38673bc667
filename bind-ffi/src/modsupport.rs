//! `modsupport.h`: creating modules and adding objects to them.
use crate::moduleobject::PyModuleDef;
use crate::object::PyObject;
use libc::{c_char, c_int, c_long};

/// `PYTHON_API_VERSION` passed to `PyModule_Create2`.
pub const PYTHON_API_VERSION: c_int = 1013;
/// `PYTHON_ABI_VERSION` (the stable ABI's module API version).
pub const PYTHON_ABI_VERSION: c_int = 3;

extern "C" {
    pub fn PyModule_Create2(def: *mut PyModuleDef, apiver: c_int) -> *mut PyObject;
    pub fn PyModule_FromDefAndSpec2(
        def: *mut PyModuleDef,
        spec: *mut PyObject,
        apiver: c_int,
    ) -> *mut PyObject;
    pub fn PyModule_ExecDef(module: *mut PyObject, def: *mut PyModuleDef) -> c_int;
    /// Steals a reference to `value` on success only.
    pub fn PyModule_AddObject(m: *mut PyObject, name: *const c_char, value: *mut PyObject)
        -> c_int;
    #[cfg(Py_3_10)]
    pub fn PyModule_AddObjectRef(
        m: *mut PyObject,
        name: *const c_char,
        value: *mut PyObject,
    ) -> c_int;
    pub fn PyModule_AddIntConstant(m: *mut PyObject, name: *const c_char, value: c_long) -> c_int;
    pub fn PyModule_AddStringConstant(
        m: *mut PyObject,
        name: *const c_char,
        value: *const c_char,
    ) -> c_int;
    pub fn PyModule_AddFunctions(m: *mut PyObject, functions: *mut crate::PyMethodDef) -> c_int;
    pub fn PyModule_SetDocString(m: *mut PyObject, doc: *const c_char) -> c_int;
}
