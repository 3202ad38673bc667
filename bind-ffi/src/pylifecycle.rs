//! `pylifecycle.h`: starting and stopping an embedded interpreter, version information.
use libc::{c_char, c_int};

extern "C" {
    pub fn Py_Initialize();
    pub fn Py_InitializeEx(initsigs: c_int);
    pub fn Py_IsInitialized() -> c_int;
    pub fn Py_Finalize();
    pub fn Py_FinalizeEx() -> c_int;
    pub fn Py_GetVersion() -> *const c_char;
    pub fn Py_AtExit(func: extern "C" fn()) -> c_int;
    /// Creates a sub-interpreter and returns its (now current) thread state.
    pub fn Py_NewInterpreter() -> *mut crate::pystate::PyThreadState;
    /// Destroys the sub-interpreter whose current thread state is `tstate`.
    pub fn Py_EndInterpreter(tstate: *mut crate::pystate::PyThreadState);
    /// 3.13+: whether the main interpreter is shutting down.
    #[cfg(Py_3_13)]
    pub fn Py_IsFinalizing() -> c_int;
    /// 3.8–3.12 (non-limited) name of `Py_IsFinalizing`.
    #[cfg(all(not(Py_3_13), not(Py_LIMITED_API)))]
    pub fn _Py_IsFinalizing() -> c_int;
    /// `Py_Version`: the runtime's `PY_VERSION_HEX`, exported from 3.11.
    #[cfg(Py_3_11)]
    pub static Py_Version: libc::c_ulong;
}
