//! `descrobject.h`: `PyGetSetDef` and descriptor constructors.
use crate::methodobject::PyMethodDef;
use crate::object::{PyObject, PyTypeObject};
use crate::structmember::PyMemberDef;
use libc::{c_char, c_int, c_void};

pub type getter = unsafe extern "C" fn(slf: *mut PyObject, closure: *mut c_void) -> *mut PyObject;
pub type setter =
    unsafe extern "C" fn(slf: *mut PyObject, value: *mut PyObject, closure: *mut c_void) -> c_int;

/// `PyGetSetDef`: a computed attribute; `closure` is passed back to `get`/`set`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct PyGetSetDef {
    pub name: *const c_char,
    pub get: Option<getter>,
    pub set: Option<setter>,
    pub doc: *const c_char,
    pub closure: *mut c_void,
}

impl PyGetSetDef {
    /// The all-zero entry that ends a `PyGetSetDef` array.
    pub const SENTINEL: PyGetSetDef = PyGetSetDef {
        name: core::ptr::null(),
        get: None,
        set: None,
        doc: core::ptr::null(),
        closure: core::ptr::null_mut(),
    };
}

// SAFETY: getset tables are immutable static data; `closure` points to static descriptors.
unsafe impl Sync for PyGetSetDef {}

extern "C" {
    pub static mut PyProperty_Type: PyTypeObject;
    pub static mut PyClassMethodDescr_Type: PyTypeObject;
    pub static mut PyMethodDescr_Type: PyTypeObject;
    pub fn PyDescr_NewMethod(tp: *mut PyTypeObject, def: *mut PyMethodDef) -> *mut PyObject;
    pub fn PyDescr_NewClassMethod(tp: *mut PyTypeObject, def: *mut PyMethodDef) -> *mut PyObject;
    pub fn PyDescr_NewMember(tp: *mut PyTypeObject, def: *mut PyMemberDef) -> *mut PyObject;
    pub fn PyDescr_NewGetSet(tp: *mut PyTypeObject, def: *mut PyGetSetDef) -> *mut PyObject;
    pub fn PyDictProxy_New(mapping: *mut PyObject) -> *mut PyObject;
    pub fn PyMember_GetOne(addr: *const c_char, def: *mut PyMemberDef) -> *mut PyObject;
    pub fn PyMember_SetOne(addr: *mut c_char, def: *mut PyMemberDef, value: *mut PyObject)
        -> c_int;
}
