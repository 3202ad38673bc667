//! `methodobject.h`: `PyMethodDef`, calling conventions and built-in function objects.
use crate::object::{PyObject, PyTypeObject};
use crate::Py_ssize_t;
use libc::{c_char, c_int, size_t};

pub type PyCFunction =
    unsafe extern "C" fn(slf: *mut PyObject, args: *mut PyObject) -> *mut PyObject;
pub type PyCFunctionWithKeywords = unsafe extern "C" fn(
    slf: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject;
pub type _PyCFunctionFast = unsafe extern "C" fn(
    slf: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject;
pub type _PyCFunctionFastWithKeywords = unsafe extern "C" fn(
    slf: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject;
pub type PyCMethod = unsafe extern "C" fn(
    slf: *mut PyObject,
    defining_class: *mut PyTypeObject,
    args: *const *mut PyObject,
    nargsf: size_t,
    kwnames: *mut PyObject,
) -> *mut PyObject;

/// The function pointer of a `PyMethodDef`, whose real type `ml_flags` tells.
#[repr(C)]
#[derive(Copy, Clone)]
pub union PyMethodDefPointer {
    pub noargs: PyCFunction,
    pub varargs: PyCFunction,
    pub with_keywords: PyCFunctionWithKeywords,
    pub fastcall: _PyCFunctionFast,
    pub fastcall_with_keywords: _PyCFunctionFastWithKeywords,
    pub method: PyCMethod,
    pub null: *const libc::c_void,
}

/// `PyMethodDef`: one built-in function or method.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct PyMethodDef {
    pub ml_name: *const c_char,
    pub ml_meth: PyMethodDefPointer,
    pub ml_flags: c_int,
    pub ml_doc: *const c_char,
}

impl PyMethodDef {
    /// The all-zero entry that ends a `PyMethodDef` array.
    pub const SENTINEL: PyMethodDef = PyMethodDef {
        ml_name: core::ptr::null(),
        ml_meth: PyMethodDefPointer {
            null: core::ptr::null(),
        },
        ml_flags: 0,
        ml_doc: core::ptr::null(),
    };
}

// SAFETY: a method table is immutable static data (C strings and function pointers).
unsafe impl Sync for PyMethodDef {}

pub const METH_VARARGS: c_int = 0x0001;
pub const METH_KEYWORDS: c_int = 0x0002;
pub const METH_NOARGS: c_int = 0x0004;
pub const METH_O: c_int = 0x0008;
pub const METH_CLASS: c_int = 0x0010;
pub const METH_STATIC: c_int = 0x0020;
pub const METH_COEXIST: c_int = 0x0040;
/// Limited API from 3.10; available to non-limited builds on every version.
pub const METH_FASTCALL: c_int = 0x0080;
/// 3.9+, only with `METH_FASTCALL | METH_KEYWORDS`.
pub const METH_METHOD: c_int = 0x0200;

extern "C" {
    pub static mut PyCFunction_Type: PyTypeObject;
    pub fn PyCFunction_NewEx(
        ml: *mut PyMethodDef,
        slf: *mut PyObject,
        module: *mut PyObject,
    ) -> *mut PyObject;
    #[cfg(Py_3_9)]
    pub fn PyCMethod_New(
        ml: *mut PyMethodDef,
        slf: *mut PyObject,
        module: *mut PyObject,
        cls: *mut PyTypeObject,
    ) -> *mut PyObject;
    pub fn PyCFunction_GetFunction(op: *mut PyObject) -> Option<PyCFunction>;
    pub fn PyCFunction_GetSelf(op: *mut PyObject) -> *mut PyObject;
}
