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
    /// `Py_Version`: the runtime's `PY_VERSION_HEX`, exported from 3.11.
    #[cfg(Py_3_11)]
    pub static Py_Version: libc::c_ulong;
}
