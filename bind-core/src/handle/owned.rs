//! [`Owned`]: a strong reference tied to the GIL lifetime `'py`.
use crate::err::{DowncastError, PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::{Borrowed, Handle};
use crate::types::{PyAny, PyTypeCheck};
use std::marker::PhantomData;
use std::ptr::NonNull;

/// A strong reference to a Python object of type `T`, usable while the GIL is held (`'py`).
///
/// Cloning increments the reference count; dropping decrements it. Methods shared by every
/// object are on `Owned<'py, PyAny>`, which every typed handle dereferences to.
///
/// ```
/// use bind_core::types::{PyDict, PyStr};
/// use bind_core::Gil;
///
/// Gil::with(|gil| {
///     let text = PyStr::new(gil, "a-b-c");
///     // Method calls: positional arguments are a Rust tuple.
///     let parts: Vec<String> = text.call_method1("split", ("-",))?.extract()?;
///     assert_eq!(parts, ["a", "b", "c"]);
///     // Keyword arguments go in a dict.
///     let kwargs = PyDict::new(gil);
///     kwargs.set_item("maxsplit", 1)?;
///     let parts = text.call_method("split", ("-",), Some(&kwargs))?;
///     assert_eq!(parts.repr()?.to_str()?, "['a', 'b-c']");
///     Ok::<_, bind_core::PyErr>(())
/// })
/// .unwrap();
/// ```
#[repr(transparent)]
pub struct Owned<'py, T = PyAny> {
    ptr: NonNull<ffi::PyObject>,
    _marker: PhantomData<(Gil<'py>, *const T)>,
}

impl<'py, T> Owned<'py, T> {
    /// Takes ownership of a new reference.
    ///
    /// # Safety
    /// `ptr` must be a non-null owned reference to an object of type `T`, and the GIL held.
    #[inline(always)]
    pub unsafe fn from_owned_ptr(_gil: Gil<'py>, ptr: *mut ffi::PyObject) -> Self {
        debug_assert!(!ptr.is_null(), "Owned::from_owned_ptr: null pointer");
        Owned {
            // SAFETY: the caller guarantees non-null.
            ptr: unsafe { NonNull::new_unchecked(ptr) },
            _marker: PhantomData,
        }
    }

    /// Takes ownership of a new reference, or fetches the raised exception when `ptr` is
    /// null (the C API's error convention).
    ///
    /// # Safety
    /// `ptr` must be null with an exception set, or an owned reference to a `T`.
    #[inline(always)]
    pub unsafe fn from_owned_ptr_or_err(gil: Gil<'py>, ptr: *mut ffi::PyObject) -> PyResult<Self> {
        match NonNull::new(ptr) {
            Some(ptr) => Ok(Owned {
                ptr,
                _marker: PhantomData,
            }),
            None => Err(PyErr::fetch(gil)),
        }
    }

    /// Takes a new reference to a borrowed pointer.
    ///
    /// # Safety
    /// `ptr` must be a non-null pointer to a live `T`, and the GIL held.
    #[inline(always)]
    pub unsafe fn from_borrowed_ptr(gil: Gil<'py>, ptr: *mut ffi::PyObject) -> Self {
        // SAFETY: forwarded from the caller; the incref makes the reference owned.
        unsafe {
            ffi::Py_INCREF(ptr);
            Self::from_owned_ptr(gil, ptr)
        }
    }

    /// Takes a new reference to a borrowed pointer, or fetches the raised exception when null.
    ///
    /// # Safety
    /// `ptr` must be null with an exception set, or a live `T`.
    #[inline(always)]
    pub unsafe fn from_borrowed_ptr_or_err(
        gil: Gil<'py>,
        ptr: *mut ffi::PyObject,
    ) -> PyResult<Self> {
        if ptr.is_null() {
            Err(PyErr::fetch(gil))
        } else {
            // SAFETY: non-null, so a live `T` by the caller's guarantee.
            Ok(unsafe { Self::from_borrowed_ptr(gil, ptr) })
        }
    }

    /// The GIL token this reference is bound to.
    #[inline(always)]
    pub fn gil(&self) -> Gil<'py> {
        // SAFETY: an `Owned<'py, _>` only exists while the GIL is held for `'py`.
        unsafe { Gil::assume() }
    }

    /// The raw pointer (still owned by `self`).
    #[inline(always)]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.ptr.as_ptr()
    }

    /// Gives up ownership and returns the raw owned pointer.
    #[inline(always)]
    pub fn into_ptr(self) -> *mut ffi::PyObject {
        let ptr = self.ptr.as_ptr();
        std::mem::forget(self);
        ptr
    }

    /// This object as `PyAny`.
    #[inline(always)]
    pub fn as_any(&self) -> &Owned<'py, PyAny> {
        // SAFETY: `Owned` is a transparent pointer whatever `T` is.
        unsafe { &*(self as *const Self as *const Owned<'py, PyAny>) }
    }

    /// Converts into a `PyAny` handle.
    #[inline(always)]
    pub fn into_any(self) -> Owned<'py, PyAny> {
        // SAFETY: every object is a `PyAny`.
        unsafe { self.cast_unchecked() }
    }

    /// Reinterprets the type marker without checking.
    ///
    /// # Safety
    /// The object must really be a `U`.
    #[inline(always)]
    pub unsafe fn cast_unchecked<U>(self) -> Owned<'py, U> {
        Owned {
            ptr: NonNull::new(self.into_ptr()).expect("non-null"),
            _marker: PhantomData,
        }
    }

    /// Reinterprets a reference's type marker without checking.
    ///
    /// # Safety
    /// The object must really be a `U`.
    #[inline(always)]
    pub unsafe fn cast_ref_unchecked<U>(&self) -> &Owned<'py, U> {
        // SAFETY: `Owned` is a transparent pointer; the caller guarantees the type.
        unsafe { &*(self as *const Self as *const Owned<'py, U>) }
    }

    /// A borrowed view of this reference.
    #[inline(always)]
    pub fn as_borrowed<'a>(&'a self) -> Borrowed<'a, 'py, T> {
        // SAFETY: `self` keeps the object alive for `'a`.
        unsafe { Borrowed::from_ptr(self.gil(), self.as_ptr()) }
    }

    /// Detaches from the GIL lifetime: a [`Handle`] can be stored and sent across threads.
    #[inline]
    pub fn unbind(self) -> Handle<T> {
        // SAFETY: an owned reference to a `T` moves into the handle.
        unsafe { Handle::from_owned_ptr(self.into_ptr()) }
    }

    /// Checks the type and returns a typed reference, or a downcast error naming both types.
    #[inline]
    pub fn downcast<U: PyTypeCheck>(&self) -> Result<&Owned<'py, U>, DowncastError<'py>> {
        if U::type_check(self.as_any()) {
            // SAFETY: just checked.
            Ok(unsafe { self.cast_ref_unchecked() })
        } else {
            Err(DowncastError::new(self.as_any().clone(), U::NAME))
        }
    }

    /// Checks the type and converts into a typed reference.
    #[inline]
    pub fn downcast_into<U: PyTypeCheck>(self) -> Result<Owned<'py, U>, DowncastError<'py>> {
        if U::type_check(self.as_any()) {
            // SAFETY: just checked.
            Ok(unsafe { self.cast_unchecked() })
        } else {
            Err(DowncastError::new(self.into_any(), U::NAME))
        }
    }

    /// Whether `self` and `other` are the same object (`is`).
    #[inline]
    pub fn is<U>(&self, other: &Owned<'py, U>) -> bool {
        self.as_ptr() == other.as_ptr()
    }
}

impl<T> Clone for Owned<'_, T> {
    #[inline]
    fn clone(&self) -> Self {
        // SAFETY: the GIL is held for `'py` and the object is alive.
        unsafe { ffi::Py_INCREF(self.as_ptr()) };
        Owned {
            ptr: self.ptr,
            _marker: PhantomData,
        }
    }
}

impl<T> Drop for Owned<'_, T> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the GIL is held for `'py` and this is an owned reference.
        unsafe { ffi::Py_DECREF(self.as_ptr()) }
    }
}

/// Marker for native types whose handles dereference to `Owned<PyAny>`.
pub trait DerefToPyAny {}

impl<'py, T: DerefToPyAny> std::ops::Deref for Owned<'py, T> {
    type Target = Owned<'py, PyAny>;
    #[inline(always)]
    fn deref(&self) -> &Owned<'py, PyAny> {
        self.as_any()
    }
}

impl<T> std::fmt::Debug for Owned<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.as_any().repr() {
            Ok(s) => f.write_str(&s.to_string_lossy()),
            Err(_) => f.write_str("<unrepresentable object>"),
        }
    }
}

impl<T> std::fmt::Display for Owned<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.as_any().str() {
            Ok(s) => f.write_str(&s.to_string_lossy()),
            Err(_) => f.write_str("<unprintable object>"),
        }
    }
}
