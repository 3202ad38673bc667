//! The GIL token, acquiring and releasing the GIL, and deferred reference drops.
//!
//! bind counts, per thread, how many [`Gil::with`] scopes are active; calls from Python
//! into Rust (the engine's trampolines) are not counted, CPython is asked instead (a
//! thread-local update on every call costs more). A thread that holds the GIL releases a
//! dropped [`crate::Handle`] at once; one dropped elsewhere is queued and released the next
//! time any thread enters a GIL scope or a call from Python.
//! The queue is process-wide: with several interpreters it would need to become
//! per-interpreter (subinterpreters are not supported yet).

use crate::ffi;
use std::cell::Cell;
use std::marker::PhantomData;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// A token proving that the current thread holds the GIL for the lifetime `'py`.
///
/// It is `Copy` but neither `Send` nor `Sync`, so it can never reach a thread that does not
/// hold the GIL. Obtain one with [`Gil::with`], or receive it in a function bound to Python.
#[derive(Copy, Clone)]
pub struct Gil<'py>(PhantomData<(&'py (), *mut ())>);

thread_local! {
    static GIL_COUNT: Cell<isize> = const { Cell::new(0) };
}

/// References dropped while the GIL was not held, released at the next GIL entry.
static PENDING_DECREFS: Mutex<Vec<SendPtr>> = Mutex::new(Vec::new());
static HAS_PENDING: AtomicBool = AtomicBool::new(false);

struct SendPtr(NonNull<ffi::PyObject>);
// SAFETY: the pointer is only dereferenced (decref'd) by a thread that holds the GIL.
unsafe impl Send for SendPtr {}

/// Whether this thread holds the GIL: it is inside a bind GIL scope ([`Gil::with`]), or
/// CPython says so (how calls from Python into Rust are seen: the engine's trampolines do
/// not count themselves, which keeps a thread-local update off every call).
#[inline]
pub fn gil_is_held() -> bool {
    GIL_COUNT.with(|c| c.get() > 0) || python_thread_holds_gil()
}

/// Asks CPython whether this thread holds the GIL (has an attached thread state).
fn python_thread_holds_gil() -> bool {
    #[cfg(all(not(Py_LIMITED_API), Py_3_13))]
    {
        // SAFETY: may be called at any time; non-null means this thread is attached.
        unsafe { !ffi::PyThreadState_GetUnchecked().is_null() }
    }
    #[cfg(all(not(Py_LIMITED_API), Py_3_12, not(Py_3_13)))]
    {
        // SAFETY: as above (3.12 keeps the current thread state in a thread-local).
        unsafe { !ffi::_PyThreadState_UncheckedGet().is_null() }
    }
    #[cfg(all(not(Py_LIMITED_API), not(Py_3_12)))]
    {
        // SAFETY: both may be called at any time; before 3.12 the "current" thread state
        // is process-wide (the GIL holder's), so it must also be this thread's own.
        unsafe {
            let current = ffi::_PyThreadState_UncheckedGet();
            !current.is_null() && current == ffi::PyGILState_GetThisThreadState()
        }
    }
    #[cfg(Py_LIMITED_API)]
    {
        // The stable ABI has no way to ask (PyGILState_Check is outside it): calls from
        // Python count themselves in abi3 builds (see `enter_from_python`), so a thread
        // outside any counted scope is taken not to hold the GIL (its drops are queued).
        false
    }
}

/// Releases a reference now if the GIL is held, else queues it for the next GIL entry.
pub(crate) fn release_or_defer(ptr: NonNull<ffi::PyObject>) {
    if gil_is_held() {
        // SAFETY: the GIL is held by this thread and the caller owned this reference.
        unsafe { ffi::Py_DECREF(ptr.as_ptr()) };
    } else {
        let mut pending = PENDING_DECREFS.lock().unwrap_or_else(|e| e.into_inner());
        pending.push(SendPtr(ptr));
        HAS_PENDING.store(true, Ordering::Release);
    }
}

#[cold]
#[inline(never)]
fn drain_pending() {
    let taken = {
        let mut pending = PENDING_DECREFS.lock().unwrap_or_else(|e| e.into_inner());
        HAS_PENDING.store(false, Ordering::Release);
        std::mem::take(&mut *pending)
    };
    for SendPtr(ptr) in taken {
        // SAFETY: called only inside a GIL scope; each queued pointer is an owned reference.
        unsafe { ffi::Py_DECREF(ptr.as_ptr()) };
    }
}

/// Whether references dropped without the GIL wait to be released (an entry point that
/// answers without [`crate::engine::trampoline::trampoline`] takes the trampoline's path
/// then, so every call from Python still releases them).
#[inline(always)]
pub(crate) fn has_pending_releases() -> bool {
    HAS_PENDING.load(Ordering::Acquire)
}

/// Marks the start of a GIL scope on this thread (the GIL must already be held).
/// Returned guard ends the scope when dropped.
pub(crate) struct GilScope(());

impl GilScope {
    /// Enters a scope; the caller guarantees the GIL is held by this thread.
    #[inline(always)]
    pub(crate) unsafe fn enter() -> GilScope {
        GIL_COUNT.with(|c| c.set(c.get() + 1));
        if HAS_PENDING.load(Ordering::Acquire) {
            drain_pending();
        }
        GilScope(())
    }
}

/// What every call from Python into Rust does on entry (the engine's trampolines): release
/// the references dropped while the GIL was not held. Unlike [`GilScope`] it does not count
/// (see [`gil_is_held`]), except in abi3 builds, where CPython cannot be asked: there the
/// returned guard counts the call as a scope until it drops.
///
/// # Safety
/// The GIL is held by this thread.
#[inline(always)]
pub(crate) unsafe fn enter_from_python() -> FromPythonScope {
    #[cfg(Py_LIMITED_API)]
    GIL_COUNT.with(|c| c.set(c.get() + 1));
    if HAS_PENDING.load(Ordering::Acquire) {
        drain_pending();
    }
    FromPythonScope(())
}

/// The scope of one call from Python (counted only in abi3 builds).
pub(crate) struct FromPythonScope(());

#[cfg(Py_LIMITED_API)]
impl Drop for FromPythonScope {
    #[inline(always)]
    fn drop(&mut self) {
        GIL_COUNT.with(|c| c.set(c.get() - 1));
    }
}

impl Drop for GilScope {
    #[inline(always)]
    fn drop(&mut self) {
        GIL_COUNT.with(|c| c.set(c.get() - 1));
    }
}

static INIT_LOCK: Mutex<()> = Mutex::new(());

/// Initialises an embedded interpreter if none is running yet, and leaves the GIL released.
///
/// Needs the `embed` feature (which links libpython). Calling it again, or from inside an
/// extension module where Python is already running, does nothing.
#[cfg(feature = "embed")]
pub fn initialize() {
    let _lock = INIT_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: Py_IsInitialized may be called at any time.
    if unsafe { ffi::Py_IsInitialized() } != 0 {
        return;
    }
    // The gate is reset before the interpreter starts: from the moment Py_IsInitialized
    // answers yes, other threads pass `ensure_initialized` without this lock and wait for the
    // GIL while holding the gate shared, so taking the gate exclusively after
    // Py_InitializeEx (with the GIL held) would deadlock with them.
    crate::shutdown::reopen();
    // SAFETY: no interpreter is running; initialising without signal handlers keeps the host
    // program's signal setup. Afterwards this thread holds the GIL, which SaveThread releases
    // so that any thread can take it with PyGILState_Ensure.
    unsafe {
        ffi::Py_InitializeEx(0);
        crate::shutdown::watch(Gil::assume());
        ffi::PyEval_SaveThread();
    }
}

fn ensure_initialized() {
    // SAFETY: Py_IsInitialized may be called at any time.
    if unsafe { ffi::Py_IsInitialized() } != 0 {
        return;
    }
    #[cfg(feature = "auto-initialize")]
    {
        initialize();
    }
    #[cfg(not(feature = "auto-initialize"))]
    {
        let _ = &INIT_LOCK;
        panic!(
            "the Python interpreter is not initialized: call bind::initialize() first \
             (feature `embed`) or enable the `auto-initialize` feature"
        );
    }
}

struct EnsureGuard {
    state: ffi::PyGILState_STATE,
    _scope: GilScope,
}

impl Drop for EnsureGuard {
    fn drop(&mut self) {
        if crate::shutdown::is_closed() && !python_thread_holds_gil() {
            // CPython took the GIL away from this thread for good (a forced thread exit
            // at shutdown is unwinding it): there is nothing left to release.
            return;
        }
        // SAFETY: pairs with the PyGILState_Ensure that created this guard, on the same
        // thread (the guard is neither Send nor stored).
        unsafe { ffi::PyGILState_Release(self.state) };
    }
}

/// Takes the GIL (creating a thread state for threads Python never saw) through an open
/// gate; the guard releases it on every path.
fn acquire(gate: crate::shutdown::GilGate) -> EnsureGuard {
    // SAFETY: the interpreter is initialised and not finalizing (the gate is open and stays
    // so until it drops, after Ensure returned).
    let state = unsafe { ffi::PyGILState_Ensure() };
    drop(gate);
    EnsureGuard {
        state,
        // SAFETY: the GIL was just taken by this thread.
        _scope: unsafe { GilScope::enter() },
    }
}

impl<'py> Gil<'py> {
    /// Runs `f` with the GIL held, acquiring it first if this thread does not hold it.
    ///
    /// Works from any thread, including threads Python never saw, and nests freely.
    ///
    /// ```
    /// bind_core::gil::prepare();
    /// let n = bind_core::Gil::with(|gil| gil.eval("6 * 7")?.extract::<i64>());
    /// assert_eq!(n.unwrap(), 42);
    /// ```
    pub fn with<F, R>(f: F) -> R
    where
        F: for<'any> FnOnce(Gil<'any>) -> R,
    {
        if gil_is_held() {
            // SAFETY: this thread is inside a bind GIL scope.
            return f(unsafe { Gil::assume() });
        }
        if crate::shutdown::closed_for_this_thread() {
            crate::shutdown::hang();
        }
        ensure_initialized();
        let gate = crate::shutdown::GilGate::enter_or_hang();
        let guard = acquire(gate);
        // SAFETY: the GIL is held until `guard` drops, after `f` returns or unwinds.
        let gil = unsafe { Gil::assume() };
        if !crate::shutdown::is_watching() {
            crate::shutdown::watch(gil);
        }
        let result = f(gil);
        drop(guard);
        result
    }

    /// Runs `f` with the GIL held, or answers why the GIL cannot be taken: the
    /// interpreter is not running (never started, or finalized) or is finalizing.
    ///
    /// Unlike [`Gil::with`], it never starts the interpreter and never stops the thread:
    /// threads that outlive the interpreter use it to find out that Python is gone. (A
    /// thread that calls [`Gil::with`] then is parked for good, as CPython parks its own
    /// threads.) It still waits while another thread holds the GIL.
    ///
    /// ```
    /// use bind_core::Gil;
    ///
    /// bind_core::gil::prepare();
    /// let answer = Gil::try_with(|gil| gil.eval("6 * 7")?.extract::<i64>());
    /// assert_eq!(answer.unwrap().unwrap(), 42);
    /// ```
    pub fn try_with<F, R>(f: F) -> Result<R, crate::shutdown::GilUnavailable>
    where
        F: for<'any> FnOnce(Gil<'any>) -> R,
    {
        if gil_is_held() {
            // SAFETY: this thread is inside a bind GIL scope.
            return Ok(f(unsafe { Gil::assume() }));
        }
        let gate = crate::shutdown::GilGate::enter()?;
        // SAFETY: Py_IsInitialized may be called at any time.
        if unsafe { ffi::Py_IsInitialized() } == 0 {
            return Err(crate::shutdown::GilUnavailable::NotRunning);
        }
        let guard = acquire(gate);
        // SAFETY: the GIL is held until `guard` drops, after `f` returns or unwinds.
        let result = f(unsafe { Gil::assume() });
        drop(guard);
        Ok(result)
    }

    /// Creates a token without checking.
    ///
    /// # Safety
    /// The current thread must hold the GIL for all of `'py`.
    #[inline(always)]
    pub unsafe fn assume() -> Gil<'py> {
        Gil(PhantomData)
    }

    /// Releases the GIL while `f` runs pure-Rust work, then takes it back.
    ///
    /// `f` and its result must be `Send`: a [`Gil`] token or a GIL-bound handle cannot cross
    /// (they are not `Send`). If `f` panics, the GIL is re-acquired before the panic goes on.
    /// [`Handle`](crate::Handle)s dropped inside `f` are released when it returns.
    ///
    /// ```
    /// use bind_core::Gil;
    ///
    /// let data = vec![1u64, 2, 3];
    /// let total = Gil::with(|gil| {
    ///     // Other Python threads run while this sums without the GIL.
    ///     gil.allow_threads(|| data.iter().sum::<u64>())
    /// });
    /// assert_eq!(total, 6);
    /// ```
    ///
    /// A GIL-bound handle cannot be used inside (it is not `Send`); detach it first:
    ///
    /// ```compile_fail
    /// bind_core::Gil::with(|gil| {
    ///     let list = bind_core::types::PyList::empty(gil);
    ///     gil.allow_threads(|| list.len());
    /// });
    /// ```
    pub fn allow_threads<F, T>(self, f: F) -> T
    where
        F: Send + FnOnce() -> T,
        T: Send,
    {
        struct Restore {
            count: isize,
            tstate: *mut ffi::PyThreadState,
        }
        impl Drop for Restore {
            fn drop(&mut self) {
                // A thread that wakes while the interpreter finalizes stops here for good
                // (see `crate::shutdown`): taking the GIL back would end it by force.
                let gate = crate::shutdown::GilGate::enter_or_hang();
                // SAFETY: pairs with the PyEval_SaveThread below on the same thread; the
                // open gate guarantees the runtime is not finalizing.
                unsafe { ffi::PyEval_RestoreThread(self.tstate) };
                drop(gate);
                GIL_COUNT.with(|c| c.set(self.count));
                // Handles dropped inside `f` were queued (the count was 0): release them
                // now that the GIL is back, rather than at some later scope entry.
                if HAS_PENDING.load(Ordering::Acquire) {
                    drain_pending();
                }
            }
        }
        let count = GIL_COUNT.with(|c| c.replace(0));
        // SAFETY: the token proves this thread holds the GIL; SaveThread releases it and
        // `Restore` re-acquires it even if `f` unwinds.
        let tstate = unsafe { ffi::PyEval_SaveThread() };
        let _restore = Restore { count, tstate };
        f()
    }

    /// `None` (a new reference).
    #[inline]
    pub fn none(self) -> crate::Owned<'py, crate::types::PyNone> {
        // SAFETY: Py_None is an immortal static object; a new reference is taken.
        unsafe { crate::Owned::<crate::types::PyNone>::from_borrowed_ptr(self, ffi::Py_None()) }
    }

    /// `True` or `False` (a new reference).
    #[inline]
    pub fn bool(self, value: bool) -> crate::Owned<'py, crate::types::PyBool> {
        crate::types::PyBool::new(self, value)
    }

    /// Imports a module by its dotted name.
    pub fn import(self, name: &str) -> crate::PyResult<crate::Owned<'py, crate::types::PyModule>> {
        crate::types::PyModule::import(self, name)
    }

    /// Evaluates a Python expression with fresh globals (including `__builtins__`).
    ///
    /// ```
    /// use bind_core::Gil;
    ///
    /// Gil::with(|gil| {
    ///     let words: Vec<String> = gil.eval("'a b c'.split()")?.extract()?;
    ///     assert_eq!(words, ["a", "b", "c"]);
    ///     // Errors raised by the expression come back as `PyErr`.
    ///     let err = gil.eval("1 / 0").unwrap_err();
    ///     assert_eq!(err.to_string(), "ZeroDivisionError: division by zero");
    ///     Ok::<_, bind_core::PyErr>(())
    /// })
    /// .unwrap();
    /// ```
    pub fn eval(self, source: &str) -> crate::PyResult<crate::Owned<'py, crate::types::PyAny>> {
        crate::types::run::eval(self, source, None, None)
    }

    /// Runs Python statements with the given globals and locals (fresh globals if `None`).
    ///
    /// ```
    /// use bind_core::types::PyDict;
    /// use bind_core::Gil;
    ///
    /// Gil::with(|gil| {
    ///     let globals = PyDict::new(gil);
    ///     gil.run("def square(x):\n    return x * x\n", Some(&globals), None)?;
    ///     let square = globals.get_item("square")?.expect("defined by the code");
    ///     assert_eq!(square.call1((7,))?.extract::<i64>()?, 49);
    ///     Ok::<_, bind_core::PyErr>(())
    /// })
    /// .unwrap();
    /// ```
    pub fn run(
        self,
        source: &str,
        globals: Option<&crate::Owned<'py, crate::types::PyDict>>,
        locals: Option<&crate::Owned<'py, crate::types::PyDict>>,
    ) -> crate::PyResult<()> {
        crate::types::run::run(self, source, globals, locals)
    }
}

/// Makes the interpreter usable from Rust: initialises it when this build embeds Python
/// (feature `embed`), does nothing otherwise.
pub fn prepare() {
    #[cfg(feature = "embed")]
    initialize();
}

/// Runs `f` with the GIL if an interpreter is running, else returns `None` (used by
/// `Display`/`Debug` impls that may run anywhere).
pub(crate) fn with_gil_if_running<R>(f: impl for<'py> FnOnce(Gil<'py>) -> R) -> Option<R> {
    // SAFETY: Py_IsInitialized may be called at any time.
    if unsafe { ffi::Py_IsInitialized() } == 0 {
        return None;
    }
    Some(Gil::with(f))
}
