//! [`Borrowed`]: a reference that borrows someone else's ownership (no refcount traffic).
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::PyAny;
use std::marker::PhantomData;
use std::ptr::NonNull;

/// A borrowed reference, valid for `'a` while the GIL is held for `'py`.
///
/// It dereferences to [`Owned`] (same representation) without touching the reference count;
/// [`Borrowed::to_owned`] takes a strong reference.
#[repr(transparent)]
pub struct Borrowed<'a, 'py, T = PyAny> {
    ptr: NonNull<ffi::PyObject>,
    _marker: PhantomData<(&'a Owned<'py, T>, Gil<'py>)>,
}

impl<'a, 'py, T> Borrowed<'a, 'py, T> {
    /// Wraps a borrowed pointer.
    ///
    /// # Safety
    /// `ptr` must be non-null and point to a `T` kept alive for `'a`; the GIL must be held.
    #[inline(always)]
    pub unsafe fn from_ptr(_gil: Gil<'py>, ptr: *mut ffi::PyObject) -> Self {
        Borrowed {
            // SAFETY: the caller guarantees non-null.
            ptr: unsafe { NonNull::new_unchecked(ptr) },
            _marker: PhantomData,
        }
    }

    /// Views a slot holding a borrowed pointer (such as a vectorcall argument) as `&Owned`.
    ///
    /// # Safety
    /// `*slot` must be a non-null live `T` that stays alive and unchanged for `'a`.
    #[inline(always)]
    pub unsafe fn slot_as_owned(slot: &'a *mut ffi::PyObject) -> &'a Owned<'py, T> {
        // SAFETY: `Owned` is a transparent non-null pointer; the caller guarantees liveness.
        unsafe { &*(slot as *const *mut ffi::PyObject as *const Owned<'py, T>) }
    }

    /// Takes a strong reference.
    #[inline]
    pub fn to_owned(self) -> Owned<'py, T> {
        (*self).clone()
    }

    /// The raw pointer.
    #[inline(always)]
    pub fn as_ptr(self) -> *mut ffi::PyObject {
        self.ptr.as_ptr()
    }
}

impl<T> Clone for Borrowed<'_, '_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Borrowed<'_, '_, T> {}

impl<'py, T> std::ops::Deref for Borrowed<'_, 'py, T> {
    type Target = Owned<'py, T>;
    #[inline(always)]
    fn deref(&self) -> &Owned<'py, T> {
        // SAFETY: `Borrowed` and `Owned` are both a transparent non-null pointer; the object
        // is alive for the borrow and `Owned` is never dropped through this reference.
        unsafe { &*(self as *const Self as *const Owned<'py, T>) }
    }
}
