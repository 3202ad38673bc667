//! [`PyWeakref`], [`PyWeakrefReference`] and [`PyWeakrefProxy`]: weak references.
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::{PyAny, PyTypeCheck};

super::native_type!(
    /// `weakref.ref` (or a subclass): a weak reference, called to get its referent.
    PyWeakrefReference,
    "weakref.ReferenceType",
    _PyWeakref_RefType,
    |op| ffi::PyWeakref_CheckRef(op)
);

/// `weakref.proxy`: a weak proxy (callable or not) forwarding to its referent.
pub enum PyWeakrefProxy {}

impl PyTypeCheck for PyWeakrefProxy {
    const NAME: &'static str = "weakref.ProxyType";
    fn type_check(obj: &Owned<'_, PyAny>) -> bool {
        // SAFETY: `obj` is a live object.
        unsafe { ffi::PyWeakref_CheckProxy(obj.as_ptr()) }
    }
}
impl crate::handle::DerefToPyAny for PyWeakrefProxy {}

/// Any weak reference: a [`PyWeakrefReference`] or a [`PyWeakrefProxy`].
pub enum PyWeakref {}

impl PyTypeCheck for PyWeakref {
    const NAME: &'static str = "weakref";
    fn type_check(obj: &Owned<'_, PyAny>) -> bool {
        // SAFETY: `obj` is a live object.
        unsafe { ffi::PyWeakref_Check(obj.as_ptr()) }
    }
}
impl crate::handle::DerefToPyAny for PyWeakref {}

/// A new weak reference or proxy to `obj`, with an optional callback.
fn new_weak<'py, T>(
    obj: &Owned<'py, PyAny>,
    callback: Option<&Owned<'py, PyAny>>,
    make: unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject) -> *mut ffi::PyObject,
) -> PyResult<Owned<'py, T>> {
    let callback = callback.map_or(std::ptr::null_mut(), |c| c.as_ptr());
    // SAFETY: `obj` and the callback are live (or null); the constructor returns a new
    // reference of the right kind, or null with `TypeError` for objects that cannot be
    // weakly referenced.
    unsafe { Owned::from_owned_ptr_or_err(obj.gil(), make(obj.as_ptr(), callback)) }
}

/// The referent of a weak reference or proxy, or `None` once it is dead.
fn upgrade<'py>(weak: &Owned<'py, PyAny>) -> Option<Owned<'py, PyAny>> {
    let gil: Gil<'py> = weak.gil();
    #[cfg(Py_3_13)]
    {
        let mut obj = std::ptr::null_mut();
        // SAFETY: `weak` is a weak reference; GetRef stores a new reference (or null when
        // dead) and returns 1 alive, 0 dead, -1 error (only for non-weakrefs).
        match unsafe { ffi::PyWeakref_GetRef(weak.as_ptr(), &mut obj) } {
            // SAFETY: `obj` is a new reference.
            1 => Some(unsafe { Owned::from_owned_ptr(gil, obj) }),
            -1 => {
                drop(crate::err::PyErr::fetch(gil));
                None
            }
            _ => None,
        }
    }
    #[cfg(not(Py_3_13))]
    {
        // SAFETY: `weak` is a weak reference; GetObject returns a borrowed reference
        // (None when dead), taken at once before any other code runs.
        unsafe {
            let obj = ffi::PyWeakref_GetObject(weak.as_ptr());
            if obj.is_null() {
                drop(crate::err::PyErr::fetch(gil));
                None
            } else if obj == ffi::Py_None() {
                None
            } else {
                Some(Owned::from_borrowed_ptr(gil, obj))
            }
        }
    }
}

impl PyWeakrefReference {
    /// `weakref.ref(obj)` (`TypeError` if `obj`'s type does not support weak references).
    pub fn new<'py>(obj: &Owned<'py, PyAny>) -> PyResult<Owned<'py, PyWeakrefReference>> {
        new_weak(obj, None, ffi::PyWeakref_NewRef)
    }

    /// `weakref.ref(obj, callback)`: `callback(ref)` is called when `obj` dies.
    pub fn new_with_callback<'py>(
        obj: &Owned<'py, PyAny>,
        callback: &Owned<'py, PyAny>,
    ) -> PyResult<Owned<'py, PyWeakrefReference>> {
        new_weak(obj, Some(callback), ffi::PyWeakref_NewRef)
    }
}

impl PyWeakrefProxy {
    /// `weakref.proxy(obj)` (`TypeError` if `obj`'s type does not support weak references).
    pub fn new<'py>(obj: &Owned<'py, PyAny>) -> PyResult<Owned<'py, PyWeakrefProxy>> {
        new_weak(obj, None, ffi::PyWeakref_NewProxy)
    }

    /// `weakref.proxy(obj, callback)`: `callback(proxy)` is called when `obj` dies.
    pub fn new_with_callback<'py>(
        obj: &Owned<'py, PyAny>,
        callback: &Owned<'py, PyAny>,
    ) -> PyResult<Owned<'py, PyWeakrefProxy>> {
        new_weak(obj, Some(callback), ffi::PyWeakref_NewProxy)
    }
}

impl<'py> Owned<'py, PyWeakrefReference> {
    /// The referent, or `None` once it has been collected.
    pub fn upgrade(&self) -> Option<Owned<'py, PyAny>> {
        upgrade(self)
    }

    /// Views this reference as any weak reference.
    pub fn as_weakref(&self) -> &Owned<'py, PyWeakref> {
        // SAFETY: a `weakref.ref` is a weak reference.
        unsafe { self.cast_ref_unchecked() }
    }
}

impl<'py> Owned<'py, PyWeakrefProxy> {
    /// The referent, or `None` once it has been collected.
    pub fn upgrade(&self) -> Option<Owned<'py, PyAny>> {
        upgrade(self)
    }

    /// Views this proxy as any weak reference.
    pub fn as_weakref(&self) -> &Owned<'py, PyWeakref> {
        // SAFETY: a proxy is a weak reference.
        unsafe { self.cast_ref_unchecked() }
    }
}

impl<'py> Owned<'py, PyWeakref> {
    /// The referent, or `None` once it has been collected.
    pub fn upgrade(&self) -> Option<Owned<'py, PyAny>> {
        upgrade(self)
    }
}
