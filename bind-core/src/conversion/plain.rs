//! Sealed readers of exact scalars for the list fast path.
//!
//! Extracting `Vec<i64>` from a list reads the list's item array without taking a
//! reference to each item, which is sound only while no Python code can run: any code
//! (a `gc.callbacks` entry, a `__del__`, a weakref callback — reachable from anything that
//! allocates a tracked object, such as an exception) could clear the list and free the
//! item. A [`PlainRead`] is a reader that never does any of that. Unsafe code trusts it,
//! so it is sealed: only this crate can make one ([`PlainRead::new`] is crate-private and
//! `unsafe`), and a `FromPyObject` impl outside bind-core can only leave
//! [`FromPyObject::PLAIN`](super::FromPyObject::PLAIN) at `None`.
use crate::ffi;

/// Reads a `T` straight from a borrowed object without running Python code: `Some` when
/// the object is an exact scalar whose value fits, `None` otherwise (the caller then
/// takes a reference and runs the general extraction, which words any error).
///
/// Only bind-core makes these (sealed); see the module docs.
#[doc(hidden)]
pub struct PlainRead<T> {
    read: unsafe fn(*mut ffi::PyObject) -> Option<T>,
}

impl<T> PlainRead<T> {
    /// Wraps `read`.
    ///
    /// # Safety
    /// Given a live object and the GIL, `read` runs no Python code: it allocates no Python
    /// object, sets no exception, calls no slot of the object's type and keeps the GIL.
    pub(crate) const unsafe fn new(read: unsafe fn(*mut ffi::PyObject) -> Option<T>) -> Self {
        PlainRead { read }
    }

    /// Reads `p` (see the type docs).
    ///
    /// # Safety
    /// `p` is a live object and the GIL is held.
    #[inline(always)]
    pub(crate) unsafe fn read(&self, p: *mut ffi::PyObject) -> Option<T> {
        // SAFETY: forwarded from the caller; `read` upholds `new`'s contract.
        unsafe { (self.read)(p) }
    }
}

/// The value of an exact `int` that fits `i64`.
///
/// # Safety
/// `p` is a live object and the GIL is held.
#[inline(always)]
unsafe fn exact_int(p: *mut ffi::PyObject) -> Option<i64> {
    // SAFETY: `p` is live (caller); the check reads its type.
    if !unsafe { ffi::PyLong_CheckExact(p) } {
        return None;
    }
    let mut overflow = 0;
    // SAFETY: `p` is exactly an int: no `__index__` call and no exception (a value beyond
    // 64 bits only sets `overflow`).
    let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(p, &mut overflow) };
    (overflow == 0).then_some(v)
}

/// An exact `int` that fits the integer type `T`.
///
/// # Safety
/// `p` is a live object and the GIL is held.
#[inline(always)]
pub(crate) unsafe fn read_int<T: TryFrom<i64>>(p: *mut ffi::PyObject) -> Option<T> {
    // SAFETY: forwarded from the caller.
    unsafe { exact_int(p) }.and_then(|v| T::try_from(v).ok())
}

/// An exact `float`.
///
/// # Safety
/// `p` is a live object and the GIL is held.
#[inline(always)]
pub(crate) unsafe fn read_f64(p: *mut ffi::PyObject) -> Option<f64> {
    // SAFETY: `p` is live (caller); the check reads its type, and reading an exact float
    // cannot fail.
    unsafe { ffi::PyFloat_CheckExact(p).then(|| ffi::PyFloat_AsDouble(p)) }
}

/// An exact `float` as `f32` (rounded as the general `f32` extraction rounds).
///
/// # Safety
/// `p` is a live object and the GIL is held.
#[inline(always)]
pub(crate) unsafe fn read_f32(p: *mut ffi::PyObject) -> Option<f32> {
    // SAFETY: forwarded from the caller.
    unsafe { read_f64(p) }.map(|v| v as f32)
}

/// `True` or `False`.
///
/// # Safety
/// `p` is a live object and the GIL is held.
#[inline(always)]
pub(crate) unsafe fn read_bool(p: *mut ffi::PyObject) -> Option<bool> {
    if p == ffi::Py_True() {
        Some(true)
    } else if p == ffi::Py_False() {
        Some(false)
    } else {
        None
    }
}
