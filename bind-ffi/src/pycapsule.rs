//! `pycapsule.h`: capsules, opaque C pointers wrapped in a Python object (used to share
//! C APIs between extension modules).
use crate::object::*;
use libc::{c_char, c_int, c_void};

/// `PyCapsule_Destructor`: called with the capsule when it is deallocated.
pub type PyCapsule_Destructor = unsafe extern "C" fn(capsule: *mut PyObject);

extern "C" {
    pub static mut PyCapsule_Type: PyTypeObject;
    /// `name` is not copied: it must outlive the capsule (NULL allowed).
    pub fn PyCapsule_New(
        pointer: *mut c_void,
        name: *const c_char,
        destructor: Option<PyCapsule_Destructor>,
    ) -> *mut PyObject;
    /// Fails (NULL + exception) unless `name` equals the capsule's name (both may be NULL).
    pub fn PyCapsule_GetPointer(capsule: *mut PyObject, name: *const c_char) -> *mut c_void;
    pub fn PyCapsule_GetDestructor(capsule: *mut PyObject) -> Option<PyCapsule_Destructor>;
    pub fn PyCapsule_GetName(capsule: *mut PyObject) -> *const c_char;
    pub fn PyCapsule_GetContext(capsule: *mut PyObject) -> *mut c_void;
    /// 1 if `capsule` is a capsule with this name and a non-NULL pointer; never raises.
    pub fn PyCapsule_IsValid(capsule: *mut PyObject, name: *const c_char) -> c_int;
    pub fn PyCapsule_SetPointer(capsule: *mut PyObject, pointer: *mut c_void) -> c_int;
    pub fn PyCapsule_SetDestructor(
        capsule: *mut PyObject,
        destructor: Option<PyCapsule_Destructor>,
    ) -> c_int;
    pub fn PyCapsule_SetName(capsule: *mut PyObject, name: *const c_char) -> c_int;
    pub fn PyCapsule_SetContext(capsule: *mut PyObject, context: *mut c_void) -> c_int;
    /// Imports `module.attribute` named by `name` and returns the capsule's pointer.
    /// `no_block` is ignored since 3.3.
    pub fn PyCapsule_Import(name: *const c_char, no_block: c_int) -> *mut c_void;
}

/// `PyCapsule_CheckExact(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyCapsule_CheckExact(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller; `PyCapsule_Type` is a static type object.
    unsafe { Py_IS_TYPE(op, core::ptr::addr_of_mut!(PyCapsule_Type)) }
}
