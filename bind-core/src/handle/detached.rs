//! [`Handle`]: a reference that outlives any GIL scope and may cross threads.
use crate::ffi;
use crate::gil::{self, Gil};
use crate::handle::Owned;
use crate::types::PyAny;
use std::marker::PhantomData;
use std::ptr::NonNull;

/// A strong reference independent of the GIL: store it in Rust structs and statics, send
/// it to other threads. Use it through [`Handle::bind`] once you hold the GIL.
///
/// Dropping it while the GIL is held releases the reference at once; dropping it elsewhere
/// queues the release for the next time a thread enters a bind GIL scope.
#[repr(transparent)]
pub struct Handle<T = PyAny> {
    ptr: NonNull<ffi::PyObject>,
    _marker: PhantomData<*const T>,
}

// SAFETY: the object is only touched through `bind`, which needs the GIL; the reference
// count is changed only with the GIL held (or deferred until it is).
unsafe impl<T> Send for Handle<T> {}
// SAFETY: as for `Send`: shared access goes through the GIL.
unsafe impl<T> Sync for Handle<T> {}

impl<T> Handle<T> {
    /// Takes ownership of a new reference.
    ///
    /// # Safety
    /// `ptr` must be a non-null owned reference to a `T`.
    #[inline(always)]
    pub unsafe fn from_owned_ptr(ptr: *mut ffi::PyObject) -> Self {
        Handle {
            // SAFETY: the caller guarantees non-null.
            ptr: unsafe { NonNull::new_unchecked(ptr) },
            _marker: PhantomData,
        }
    }

    /// Uses the object with the GIL held.
    #[inline(always)]
    pub fn bind<'a, 'py>(&'a self, _gil: Gil<'py>) -> &'a Owned<'py, T> {
        // SAFETY: `Handle` and `Owned` are both a transparent non-null pointer; the token
        // proves the GIL is held, and `Owned` is never dropped through this reference.
        unsafe { &*(self as *const Self as *const Owned<'py, T>) }
    }

    /// Converts into a GIL-bound reference.
    #[inline(always)]
    pub fn into_bound<'py>(self, gil: Gil<'py>) -> Owned<'py, T> {
        let ptr = self.ptr.as_ptr();
        std::mem::forget(self);
        // SAFETY: the handle's owned reference moves into the `Owned`.
        unsafe { Owned::from_owned_ptr(gil, ptr) }
    }

    /// Another strong reference to the same object.
    #[inline]
    pub fn clone_ref(&self, gil: Gil<'_>) -> Handle<T> {
        self.bind(gil).clone().unbind()
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

    /// Drops the reference now, with the GIL held (no deferral).
    pub fn drop_ref(self, gil: Gil<'_>) {
        drop(self.into_bound(gil));
    }
}

impl<T> Drop for Handle<T> {
    fn drop(&mut self) {
        gil::release_or_defer(self.ptr);
    }
}

impl<T> std::fmt::Debug for Handle<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Handle({:p})", self.ptr)
    }
}
