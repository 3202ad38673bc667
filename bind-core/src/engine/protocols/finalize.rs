//! The finalization family: `__del__` fills `tp_finalize` (PEP 442). CPython runs it once
//! per object — from the cycle collector, or from the class's `tp_dealloc` through
//! [`finalize_from_dealloc`] — and an object the finalizer resurrects is not freed.
//! Exceptions in `__del__` are reported as unraisable, as for Python classes. Needs the
//! full API (`PyObject_CallFinalizerFromDealloc`): under the stable ABI a class with
//! `__del__` cannot be created.
use super::{arg, entry, record};
use crate::engine::class::record::ClassRecord;
use crate::engine::class::PyClass;
use crate::engine::trampoline::trampoline_unraisable;
use crate::ffi;
use crate::reflect::{Dunder, MagicGlue, SlotEntry};

unsafe extern "C" fn tp_finalize<T: PyClass>(slf: *mut ffi::PyObject) {
    // SAFETY: CPython calls tp_finalize with the GIL held on a live instance; the pending
    // exception is kept aside while `__del__` runs, as `slot_tp_finalize` does.
    unsafe {
        let mut saved = [std::ptr::null_mut(); 3];
        ffi::PyErr_Fetch(&mut saved[0], &mut saved[1], &mut saved[2]);
        trampoline_unraisable(
            |gil| match record::<T>().protocols.get(Dunder::Del) {
                Some(MagicGlue::Effect(f)) => f(gil, arg(gil, slf)),
                _ => Ok(()),
            },
            slf,
        );
        ffi::PyErr_Restore(saved[0], saved[1], saved[2]);
    }
}

/// Runs the class's `__del__` from its `tp_dealloc`; true when the object was resurrected
/// (the dealloc must stop).
///
/// # Safety
/// `obj` is an instance whose reference count just dropped to zero; the GIL is held.
#[inline]
pub(crate) unsafe fn finalize_from_dealloc(record: &ClassRecord, obj: *mut ffi::PyObject) -> bool {
    if !record.protocols.has(Dunder::Del) {
        return false;
    }
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: the caller's guarantee; CPython's own helper handles the temporary
    // resurrection and the "finalized" mark of gc objects.
    unsafe {
        ffi::PyObject_CallFinalizerFromDealloc(obj) < 0
    }
    #[cfg(Py_LIMITED_API)]
    {
        let _ = obj;
        false
    }
}

/// The finalization family's entry points.
pub(super) const fn entries<T: PyClass>(dunder: Dunder) -> Option<&'static [SlotEntry]> {
    Some(match dunder {
        Dunder::Del => entry!(Py_tp_finalize => tp_finalize::<T>),
        _ => return None,
    })
}
