//! Cycle-collector support for fields holding Python objects: `tp_traverse` visits them
//! and `tp_clear` drops what can be dropped, driven by the field descriptors.
use crate::ffi;
use crate::handle::Handle;
use std::os::raw::{c_int, c_void};

/// A field type holding Python references.
pub trait Traverse {
    /// Calls `visit` on every reference held; stops at the first non-zero result.
    ///
    /// # Safety
    /// `visit` and `arg` are what CPython passed to `tp_traverse`.
    unsafe fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int;
    /// Drops the references that can be dropped (to break a cycle).
    fn clear(&mut self) {}
}

impl<T> Traverse for Handle<T> {
    unsafe fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        // SAFETY: the handle keeps the object alive; `visit` is CPython's visitor.
        unsafe { visit(self.as_ptr(), arg) }
    }
}

impl<T: Traverse> Traverse for Option<T> {
    unsafe fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        // SAFETY: forwarded from the caller.
        self.as_ref()
            .map_or(0, |v| unsafe { v.traverse(visit, arg) })
    }
    fn clear(&mut self) {
        *self = None;
    }
}

impl<T: Traverse> Traverse for Vec<T> {
    unsafe fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        for item in self {
            // SAFETY: forwarded from the caller.
            let r = unsafe { item.traverse(visit, arg) };
            if r != 0 {
                return r;
            }
        }
        0
    }
    fn clear(&mut self) {
        self.clear();
    }
}

/// Field glue: visits the references of the `F` at `ptr`.
///
/// # Safety
/// `ptr` points at a live `F` not mutably borrowed.
pub unsafe fn visit_field<F: Traverse>(
    ptr: *const u8,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: the caller's guarantee.
    unsafe { (*ptr.cast::<F>()).traverse(visit, arg) }
}

/// Field glue: clears the `F` at `ptr`.
///
/// # Safety
/// `ptr` points at a live `F` not borrowed; the GIL is held.
pub unsafe fn clear_field<F: Traverse>(ptr: *mut u8) {
    // SAFETY: the caller's guarantee.
    unsafe { (*ptr.cast::<F>()).clear() }
}
