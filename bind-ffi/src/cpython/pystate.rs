//! `cpython/pystate.h`: thread-state helpers outside the limited API (for embedding).
use crate::pystate::{PyInterpreterState, PyThreadState};

extern "C" {
    /// The main interpreter.
    pub fn PyInterpreterState_Main() -> *mut PyInterpreterState;
    /// The next thread state after `tstate` in its interpreter's list, or NULL.
    pub fn PyThreadState_Next(tstate: *mut PyThreadState) -> *mut PyThreadState;
    /// Clears (already) and deletes the current thread state, releasing the GIL.
    pub fn PyThreadState_DeleteCurrent();
    /// The current thread state or NULL, without the fatal error of `PyThreadState_Get`
    /// (3.8–3.12 name).
    #[cfg(not(Py_3_13))]
    pub fn _PyThreadState_UncheckedGet() -> *mut PyThreadState;
    /// The current thread state or NULL (3.13+ name of `_PyThreadState_UncheckedGet`).
    #[cfg(Py_3_13)]
    pub fn PyThreadState_GetUnchecked() -> *mut PyThreadState;
}
