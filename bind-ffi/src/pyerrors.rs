//! `pyerrors.h`: the error indicator, exception objects and the built-in exception types.
use crate::object::PyObject;
use crate::Py_ssize_t;
use libc::{c_char, c_int};

extern "C" {
    pub fn PyErr_SetNone(tp: *mut PyObject);
    pub fn PyErr_SetObject(tp: *mut PyObject, value: *mut PyObject);
    pub fn PyErr_SetString(tp: *mut PyObject, message: *const c_char);
    pub fn PyErr_Occurred() -> *mut PyObject;
    pub fn PyErr_Clear();
    pub fn PyErr_Fetch(
        ptype: *mut *mut PyObject,
        pvalue: *mut *mut PyObject,
        ptb: *mut *mut PyObject,
    );
    pub fn PyErr_Restore(tp: *mut PyObject, value: *mut PyObject, tb: *mut PyObject);
    pub fn PyErr_NormalizeException(
        ptype: *mut *mut PyObject,
        pvalue: *mut *mut PyObject,
        ptb: *mut *mut PyObject,
    );
    #[cfg(Py_3_12)]
    pub fn PyErr_GetRaisedException() -> *mut PyObject;
    #[cfg(Py_3_12)]
    pub fn PyErr_SetRaisedException(exc: *mut PyObject);
    pub fn PyErr_GivenExceptionMatches(given: *mut PyObject, exc: *mut PyObject) -> c_int;
    pub fn PyErr_ExceptionMatches(exc: *mut PyObject) -> c_int;
    pub fn PyErr_BadArgument() -> c_int;
    pub fn PyErr_NoMemory() -> *mut PyObject;
    pub fn PyErr_BadInternalCall();
    pub fn PyErr_Print();
    pub fn PyErr_PrintEx(set_sys_last_vars: c_int);
    pub fn PyErr_WriteUnraisable(obj: *mut PyObject);
    pub fn PyErr_CheckSignals() -> c_int;
    pub fn PyErr_NewException(
        name: *const c_char,
        base: *mut PyObject,
        dict: *mut PyObject,
    ) -> *mut PyObject;
    pub fn PyErr_NewExceptionWithDoc(
        name: *const c_char,
        doc: *const c_char,
        base: *mut PyObject,
        dict: *mut PyObject,
    ) -> *mut PyObject;
    pub fn PyErr_WarnEx(
        category: *mut PyObject,
        message: *const c_char,
        stack_level: Py_ssize_t,
    ) -> c_int;
    pub fn PyErr_WarnExplicit(
        category: *mut PyObject,
        message: *const c_char,
        filename: *const c_char,
        lineno: c_int,
        module: *const c_char,
        registry: *mut PyObject,
    ) -> c_int;
    pub fn PyErr_SetFromErrno(tp: *mut PyObject) -> *mut PyObject;

    pub fn PyException_SetTraceback(ex: *mut PyObject, tb: *mut PyObject) -> c_int;
    pub fn PyException_GetTraceback(ex: *mut PyObject) -> *mut PyObject;
    pub fn PyException_GetCause(ex: *mut PyObject) -> *mut PyObject;
    /// Steals a reference to `cause`.
    pub fn PyException_SetCause(ex: *mut PyObject, cause: *mut PyObject);
    pub fn PyException_GetContext(ex: *mut PyObject) -> *mut PyObject;
    /// Steals a reference to `context`.
    pub fn PyException_SetContext(ex: *mut PyObject, context: *mut PyObject);
    #[cfg(Py_3_12)]
    pub fn PyException_GetArgs(ex: *mut PyObject) -> *mut PyObject;

    pub fn PyUnicodeDecodeError_Create(
        encoding: *const c_char,
        object: *const c_char,
        length: Py_ssize_t,
        start: Py_ssize_t,
        end: Py_ssize_t,
        reason: *const c_char,
    ) -> *mut PyObject;

    pub fn PyTraceBack_Print(tb: *mut PyObject, file: *mut PyObject) -> c_int;
}

/// `PyExceptionInstance_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyExceptionInstance_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { crate::PyType_HasFeature(crate::Py_TYPE(op), crate::Py_TPFLAGS_BASE_EXC_SUBCLASS) }
}

/// `PyExceptionClass_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyExceptionClass_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller; a type object is read as one only after the check.
    unsafe {
        crate::PyType_Check(op)
            && crate::PyType_HasFeature(op.cast(), crate::Py_TPFLAGS_BASE_EXC_SUBCLASS)
    }
}

macro_rules! exception_types {
    ($($name:ident),* $(,)?) => {
        extern "C" {
            $(
                #[doc = concat!("`", stringify!($name), "`: a built-in exception type (borrowed).")]
                pub static mut $name: *mut PyObject;
            )*
        }
    };
}

exception_types!(
    PyExc_BaseException,
    PyExc_Exception,
    PyExc_StopAsyncIteration,
    PyExc_StopIteration,
    PyExc_GeneratorExit,
    PyExc_ArithmeticError,
    PyExc_LookupError,
    PyExc_AssertionError,
    PyExc_AttributeError,
    PyExc_BufferError,
    PyExc_EOFError,
    PyExc_FloatingPointError,
    PyExc_OSError,
    PyExc_ImportError,
    PyExc_ModuleNotFoundError,
    PyExc_IndexError,
    PyExc_KeyError,
    PyExc_KeyboardInterrupt,
    PyExc_MemoryError,
    PyExc_NameError,
    PyExc_OverflowError,
    PyExc_RuntimeError,
    PyExc_RecursionError,
    PyExc_NotImplementedError,
    PyExc_SyntaxError,
    PyExc_IndentationError,
    PyExc_TabError,
    PyExc_ReferenceError,
    PyExc_SystemError,
    PyExc_SystemExit,
    PyExc_TypeError,
    PyExc_UnboundLocalError,
    PyExc_UnicodeError,
    PyExc_UnicodeEncodeError,
    PyExc_UnicodeDecodeError,
    PyExc_UnicodeTranslateError,
    PyExc_ValueError,
    PyExc_ZeroDivisionError,
    PyExc_BlockingIOError,
    PyExc_BrokenPipeError,
    PyExc_ChildProcessError,
    PyExc_ConnectionError,
    PyExc_ConnectionAbortedError,
    PyExc_ConnectionRefusedError,
    PyExc_ConnectionResetError,
    PyExc_FileExistsError,
    PyExc_FileNotFoundError,
    PyExc_InterruptedError,
    PyExc_IsADirectoryError,
    PyExc_NotADirectoryError,
    PyExc_PermissionError,
    PyExc_ProcessLookupError,
    PyExc_TimeoutError,
    PyExc_Warning,
    PyExc_UserWarning,
    PyExc_DeprecationWarning,
    PyExc_PendingDeprecationWarning,
    PyExc_SyntaxWarning,
    PyExc_RuntimeWarning,
    PyExc_FutureWarning,
    PyExc_ImportWarning,
    PyExc_UnicodeWarning,
    PyExc_BytesWarning,
    PyExc_ResourceWarning,
);

#[cfg(Py_3_10)]
exception_types!(PyExc_EncodingWarning);
#[cfg(Py_3_11)]
exception_types!(PyExc_BaseExceptionGroup);
