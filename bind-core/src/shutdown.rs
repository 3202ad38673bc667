//! Interpreter shutdown: threads that want the GIL while (or after) the interpreter
//! finalizes.
//!
//! From the moment `Py_FinalizeEx` marks the runtime as finalizing, CPython 3.8–3.13 makes
//! any other thread that tries to take the GIL call `pthread_exit`. In a thread running Rust
//! that forced unwind runs Rust destructors (`PyGILState_Release` on a thread without the
//! GIL: `Fatal Python error`) or crosses frames that must not unwind. bind never lets a
//! thread reach that point: every place where bind takes the GIL ([`crate::Gil::with`],
//! the end of [`crate::Gil::allow_threads`]) first asks the `GilGate`, and a thread that may
//! no longer take the GIL stops there for good (it parks, as CPython 3.14's own threads
//! hang), so the process exits normally. [`crate::Gil::try_with`] answers
//! [`GilUnavailable`] instead of waiting.
//!
//! bind learns that finalization is starting from a Python `atexit` callback (registered at
//! the first module import or interpreter start): `Py_FinalizeEx` runs those callbacks
//! after joining the non-daemon threads and before marking the runtime as finalizing. The
//! callback closes the gate under a write lock that every GIL request holds (shared) from
//! its check until it owns the GIL, so no thread can be between "allowed" and "inside
//! `take_gil`" when the runtime flag is set.
use crate::ffi;
use crate::gil::Gil;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{RwLock, RwLockReadGuard};

/// Why [`crate::Gil::try_with`] could not take the GIL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GilUnavailable {
    /// No interpreter is running: it was never started, or it has been finalized.
    NotRunning,
    /// The interpreter is finalizing: only the thread that finalizes it may run Python.
    Finalizing,
}

impl std::fmt::Display for GilUnavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            GilUnavailable::NotRunning => "the Python interpreter is not running",
            GilUnavailable::Finalizing => "the Python interpreter is finalizing",
        })
    }
}

impl std::error::Error for GilUnavailable {}

/// Set by the `atexit` callback: the interpreter is shutting down.
static CLOSED: AtomicBool = AtomicBool::new(false);
/// Whether the `atexit` callback is registered with the running interpreter.
static WATCHING: AtomicBool = AtomicBool::new(false);
/// Held shared by every GIL request from its check until it owns the GIL; held exclusively
/// while the gate closes.
static GATE: RwLock<()> = RwLock::new(());

thread_local! {
    /// Whether this thread ran the `atexit` callback: it finalizes the interpreter and keeps
    /// the right to take the GIL.
    static FINALIZER: Cell<bool> = const { Cell::new(false) };
}

/// The permission to take the GIL, held until this thread owns it.
pub(crate) struct GilGate(#[allow(dead_code)] RwLockReadGuard<'static, ()>);

impl GilGate {
    /// Asks whether this thread may take the GIL now; the answer stays true while the
    /// returned gate is held.
    pub(crate) fn enter() -> Result<GilGate, GilUnavailable> {
        let guard = GATE.read().unwrap_or_else(|e| e.into_inner());
        if closed_for_this_thread() {
            return Err(GilUnavailable::Finalizing);
        }
        Ok(GilGate(guard))
    }

    /// As [`GilGate::enter`], but a thread that may no longer take the GIL never returns.
    pub(crate) fn enter_or_hang() -> GilGate {
        match GilGate::enter() {
            Ok(gate) => gate,
            Err(_) => hang(),
        }
    }
}

/// Whether the interpreter shuts down and this thread is not the one finalizing it.
#[inline]
pub(crate) fn closed_for_this_thread() -> bool {
    CLOSED.load(Ordering::Acquire) && !FINALIZER.with(Cell::get)
}

/// Whether bind saw the interpreter start shutting down.
#[inline]
pub(crate) fn is_closed() -> bool {
    CLOSED.load(Ordering::Acquire)
}

/// Parks this thread for the rest of the process, as CPython does with a thread that wants
/// the GIL after finalization began: it must not run Python, and returning (or unwinding)
/// would run code that expects the GIL.
#[cold]
pub(crate) fn hang() -> ! {
    loop {
        std::thread::park();
    }
}

/// Registers the `atexit` callback that closes the gate, once per interpreter.
pub(crate) fn watch(gil: Gil<'_>) {
    if WATCHING.swap(true, Ordering::AcqRel) {
        return;
    }
    let registered = (|| {
        let callback = crate::engine::closure::new_closure(
            gil,
            "_bind_close_gil_gate",
            Some("Marks the interpreter as shutting down for bind's GIL requests."),
            |_args, _kwargs| {
                close_gate();
                Ok(())
            },
        )?;
        gil.import("atexit")?
            .getattr("register")?
            .call1((callback,))?;
        crate::PyResult::Ok(())
    })();
    if registered.is_err() {
        // Retried at the next opportunity (the next module import or GIL scope).
        WATCHING.store(false, Ordering::Release);
    }
}

/// Whether the `atexit` callback is registered (checked on the slow path of `Gil::with`).
#[inline]
pub(crate) fn is_watching() -> bool {
    WATCHING.load(Ordering::Acquire)
}

/// Reopens the gate before an embedded interpreter starts (again); called without the GIL.
#[cfg(feature = "embed")]
pub(crate) fn reopen() {
    let _exclusive = GATE.write().unwrap_or_else(|e| e.into_inner());
    CLOSED.store(false, Ordering::Release);
    WATCHING.store(false, Ordering::Release);
    FINALIZER.with(|f| f.set(false));
}

/// The `atexit` callback: runs on the finalizing thread with the GIL held.
fn close_gate() {
    FINALIZER.with(|f| f.set(true));
    // SAFETY: called from Python (an atexit callback), so this thread holds the GIL; it is
    // released while waiting for the threads that are between the gate and the GIL (they
    // need it to get through) and taken back on the same thread.
    unsafe {
        let tstate = ffi::PyEval_SaveThread();
        {
            let _exclusive = GATE.write().unwrap_or_else(|e| e.into_inner());
            CLOSED.store(true, Ordering::Release);
        }
        ffi::PyEval_RestoreThread(tstate);
    }
}
