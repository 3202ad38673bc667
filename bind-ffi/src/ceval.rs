//! `ceval.h`: releasing and re-acquiring the GIL, evaluation helpers.
use crate::object::PyObject;
use crate::pystate::PyThreadState;
use libc::{c_char, c_int};

extern "C" {
    pub fn PyEval_SaveThread() -> *mut PyThreadState;
    pub fn PyEval_RestoreThread(tstate: *mut PyThreadState);
    pub fn PyEval_GetBuiltins() -> *mut PyObject;
    pub fn PyEval_GetGlobals() -> *mut PyObject;
    pub fn PyEval_GetLocals() -> *mut PyObject;
    pub fn PyEval_GetFuncName(func: *mut PyObject) -> *const c_char;
    pub fn PyEval_EvalCode(co: *mut PyObject, globals: *mut PyObject, locals: *mut PyObject)
        -> *mut PyObject;
    pub fn Py_EnterRecursiveCall(where_: *const c_char) -> c_int;
    pub fn Py_LeaveRecursiveCall();
    pub fn Py_MakePendingCalls() -> c_int;
    pub fn Py_GetRecursionLimit() -> c_int;
}
