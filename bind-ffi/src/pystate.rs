//! `pystate.h`: thread states, interpreter states and the `PyGILState_*` API.
use crate::object::PyObject;
use libc::c_int;

/// `PyThreadState` (opaque).
#[repr(C)]
pub struct PyThreadState {
    _private: [u8; 0],
}

/// `PyInterpreterState` (opaque).
#[repr(C)]
pub struct PyInterpreterState {
    _private: [u8; 0],
}

/// `PyGILState_STATE`: what `PyGILState_Ensure` returns, to pass to `PyGILState_Release`.
#[repr(C)]
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub enum PyGILState_STATE {
    PyGILState_LOCKED = 0,
    PyGILState_UNLOCKED = 1,
}

extern "C" {
    pub fn PyGILState_Ensure() -> PyGILState_STATE;
    pub fn PyGILState_Release(state: PyGILState_STATE);
    pub fn PyGILState_GetThisThreadState() -> *mut PyThreadState;
    /// Outside the limited API (not part of the stable ABI).
    #[cfg(not(Py_LIMITED_API))]
    pub fn PyGILState_Check() -> c_int;
    pub fn PyThreadState_Get() -> *mut PyThreadState;
    pub fn PyThreadState_Swap(tstate: *mut PyThreadState) -> *mut PyThreadState;
    pub fn PyThreadState_GetDict() -> *mut PyObject;
    pub fn PyThreadState_New(interp: *mut PyInterpreterState) -> *mut PyThreadState;
    pub fn PyThreadState_Clear(tstate: *mut PyThreadState);
    pub fn PyThreadState_Delete(tstate: *mut PyThreadState);
    #[cfg(Py_3_9)]
    pub fn PyThreadState_GetInterpreter(tstate: *mut PyThreadState) -> *mut PyInterpreterState;
    #[cfg(Py_3_9)]
    pub fn PyInterpreterState_Get() -> *mut PyInterpreterState;
    pub fn PyInterpreterState_GetID(interp: *mut PyInterpreterState) -> i64;
    /// 3.9+: a new reference to the thread's current frame, or NULL.
    #[cfg(Py_3_9)]
    pub fn PyThreadState_GetFrame(tstate: *mut PyThreadState)
        -> *mut crate::pyframe::PyFrameObject;
    /// 3.9+: the thread state's unique id.
    #[cfg(Py_3_9)]
    pub fn PyThreadState_GetID(tstate: *mut PyThreadState) -> u64;
    /// Raises `exc` asynchronously in the thread with id `id`; returns the number of
    /// thread states modified.
    pub fn PyThreadState_SetAsyncExc(id: libc::c_ulong, exc: *mut PyObject) -> c_int;
    pub fn PyState_FindModule(def: *mut crate::PyModuleDef) -> *mut PyObject;
}
