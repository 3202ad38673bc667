//! `weakrefobject.h`: weak references and proxies.
use crate::object::*;
#[cfg(Py_3_13)]
use libc::c_int;

extern "C" {
    /// The type of `weakref.ref`.
    pub static mut _PyWeakref_RefType: PyTypeObject;
    /// The type of `weakref.proxy` for non-callable referents.
    pub static mut _PyWeakref_ProxyType: PyTypeObject;
    /// The type of `weakref.proxy` for callable referents.
    pub static mut _PyWeakref_CallableProxyType: PyTypeObject;
    /// `callback` (NULL or None for none) is called with the reference when `ob` dies.
    pub fn PyWeakref_NewRef(ob: *mut PyObject, callback: *mut PyObject) -> *mut PyObject;
    pub fn PyWeakref_NewProxy(ob: *mut PyObject, callback: *mut PyObject) -> *mut PyObject;
    /// Returns a borrowed reference (None once the referent is dead). Deprecated in 3.13:
    /// prefer `PyWeakref_GetRef`.
    pub fn PyWeakref_GetObject(reference: *mut PyObject) -> *mut PyObject;
    /// 3.13+: `*pobj` receives a new reference (NULL if dead); returns 1 alive, 0 dead,
    /// -1 error.
    #[cfg(Py_3_13)]
    pub fn PyWeakref_GetRef(reference: *mut PyObject, pobj: *mut *mut PyObject) -> c_int;
}

/// `PyWeakref_CheckRef(op)`: a `weakref.ref` or subclass.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyWeakref_CheckRef(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller; the type object is static.
    unsafe { PyObject_TypeCheck(op, core::ptr::addr_of_mut!(_PyWeakref_RefType)) }
}

/// `PyWeakref_CheckRefExact(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyWeakref_CheckRefExact(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller; the type object is static.
    unsafe { Py_IS_TYPE(op, core::ptr::addr_of_mut!(_PyWeakref_RefType)) }
}

/// `PyWeakref_CheckProxy(op)`: a callable or non-callable proxy.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyWeakref_CheckProxy(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller; the type objects are static.
    unsafe {
        Py_IS_TYPE(op, core::ptr::addr_of_mut!(_PyWeakref_ProxyType))
            || Py_IS_TYPE(op, core::ptr::addr_of_mut!(_PyWeakref_CallableProxyType))
    }
}

/// `PyWeakref_Check(op)`: a reference or a proxy.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyWeakref_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PyWeakref_CheckRef(op) || PyWeakref_CheckProxy(op) }
}
