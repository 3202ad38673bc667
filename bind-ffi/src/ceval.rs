//! `ceval.h`: releasing and re-acquiring the GIL, evaluation helpers.
use crate::object::PyObject;
use crate::pystate::PyThreadState;
use libc::{c_char, c_int};

extern "C" {
    pub fn PyEval_SaveThread() -> *mut PyThreadState;
    pub fn PyEval_RestoreThread(tstate: *mut PyThreadState);
    /// Acquires the GIL and makes `tstate` current (`tstate` must not be NULL).
    pub fn PyEval_AcquireThread(tstate: *mut PyThreadState);
    /// Releases the GIL held by `tstate` and clears the current thread state.
    pub fn PyEval_ReleaseThread(tstate: *mut PyThreadState);
    /// Creates the GIL on 3.8 (needed before threads when embedding); a no-op from 3.9
    /// (deprecated).
    pub fn PyEval_InitThreads();
    /// 3.8–3.12 (removed in 3.13; always true from 3.7 once initialised).
    #[cfg(not(Py_3_13))]
    pub fn PyEval_ThreadsInitialized() -> c_int;
    /// The current frame (borrowed), or NULL when no Python code is running.
    pub fn PyEval_GetFrame() -> *mut crate::pyframe::PyFrameObject;
    pub fn PyEval_GetBuiltins() -> *mut PyObject;
    pub fn PyEval_GetGlobals() -> *mut PyObject;
    pub fn PyEval_GetLocals() -> *mut PyObject;
    pub fn PyEval_GetFuncName(func: *mut PyObject) -> *const c_char;
    pub fn PyEval_EvalCode(
        co: *mut PyObject,
        globals: *mut PyObject,
        locals: *mut PyObject,
    ) -> *mut PyObject;
    /// 3.9+: a function (3.8 only has a macro over thread-state internals).
    #[cfg(Py_3_9)]
    pub fn Py_EnterRecursiveCall(where_: *const c_char) -> c_int;
    /// 3.9+, as `Py_EnterRecursiveCall`.
    #[cfg(Py_3_9)]
    pub fn Py_LeaveRecursiveCall();
    pub fn Py_MakePendingCalls() -> c_int;
    pub fn Py_GetRecursionLimit() -> c_int;
}
