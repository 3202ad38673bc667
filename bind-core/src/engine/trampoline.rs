//! The boundary where Python calls into Rust: every `extern "C"` entry point runs its body
//! through [`trampoline`], which releases references queued while the GIL was not held,
//! turns `Err` into a raised exception and a panic into `PanicException`, and never lets an
//! unwind cross into C.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::{enter_from_python, Gil, GilScope};
use crate::panic::PanicException;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// What an entry point returns to CPython on error: `NULL` for objects, `-1` for status
/// codes and lengths.
pub trait ErrorSentinel: Copy {
    /// The error value.
    const ERROR: Self;
}

impl ErrorSentinel for *mut ffi::PyObject {
    const ERROR: Self = std::ptr::null_mut();
}
impl ErrorSentinel for std::os::raw::c_int {
    const ERROR: Self = -1;
}
impl ErrorSentinel for ffi::Py_ssize_t {
    const ERROR: Self = -1;
}

/// Runs a callback body called from Python.
///
/// Inlined into every entry point so that the body (argument glue, the user's function,
/// the return conversion) is one straight-line function; raising an error and converting a
/// panic are out of line.
///
/// # Safety
/// Must be called from an `extern "C"` function that CPython invoked with the GIL held.
#[inline(always)]
pub unsafe fn trampoline<R, F>(body: F) -> R
where
    R: ErrorSentinel,
    F: for<'py> FnOnce(Gil<'py>) -> PyResult<R>,
{
    // SAFETY: CPython holds the GIL while calling into an extension.
    let _scope = unsafe { enter_from_python() };
    // SAFETY: as above; the token does not outlive this call.
    let gil = unsafe { Gil::assume() };
    match catch_unwind(AssertUnwindSafe(move || body(gil))) {
        Ok(Ok(value)) => value,
        Ok(Err(err)) => raise(gil, err),
        Err(payload) => raise_panic(gil, payload),
    }
}

/// Sets `err` as the current exception and returns the error sentinel.
#[cold]
#[inline(never)]
fn raise<R: ErrorSentinel>(gil: Gil<'_>, err: PyErr) -> R {
    err.restore(gil);
    R::ERROR
}

/// Turns a caught panic into `PanicException` and returns the error sentinel.
#[cold]
#[inline(never)]
fn raise_panic<R: ErrorSentinel>(gil: Gil<'_>, payload: Box<dyn std::any::Any + Send>) -> R {
    PanicException::from_panic_payload(payload).restore(gil);
    R::ERROR
}

/// The one place that catches unwinding for the rarely used entry points (compiled once).
#[inline(never)]
fn run_catching(f: &mut dyn FnMut()) -> Result<(), Box<dyn std::any::Any + Send + 'static>> {
    catch_unwind(AssertUnwindSafe(f))
}

/// Runs a body whose errors cannot be reported to Python (destructors, `tp_dealloc`):
/// errors and panics are printed as "unraisable" and swallowed.
///
/// # Safety
/// As [`trampoline`].
pub unsafe fn trampoline_unraisable<F>(body: F, context: *mut ffi::PyObject)
where
    F: for<'py> FnOnce(Gil<'py>) -> PyResult<()>,
{
    // SAFETY: CPython holds the GIL while calling into an extension.
    let _scope = unsafe { GilScope::enter() };
    // SAFETY: as above.
    let gil = unsafe { Gil::assume() };
    let mut body = Some(body);
    let mut out: Option<PyResult<()>> = None;
    let caught = run_catching(&mut || {
        let body = body.take().expect("body runs once");
        out = Some(body(gil));
    });
    let err: Option<PyErr> = match caught {
        Ok(()) => out.and_then(Result::err),
        Err(payload) => Some(PanicException::from_panic_payload(payload)),
    };
    if let Some(err) = err {
        err.restore(gil);
        // SAFETY: an exception is set; WriteUnraisable reports and clears it.
        unsafe { ffi::PyErr_WriteUnraisable(context) };
    }
}
