//! `warnings.h`: issuing warnings. `PyErr_WarnEx` and `PyErr_WarnExplicit` are declared
//! in [`pyerrors`](crate::pyerrors) (re-exported at the crate root).
use crate::object::PyObject;
use crate::Py_ssize_t;
use libc::{c_char, c_int};

extern "C" {
    /// `PyErr_WarnEx` with a `PyUnicode_FromFormat` message (ASCII format string).
    pub fn PyErr_WarnFormat(
        category: *mut PyObject,
        stack_level: Py_ssize_t,
        format: *const c_char,
        ...
    ) -> c_int;
    /// Emits a `ResourceWarning` about `source` (which may be NULL).
    pub fn PyErr_ResourceWarning(
        source: *mut PyObject,
        stack_level: Py_ssize_t,
        format: *const c_char,
        ...
    ) -> c_int;
}

#[cfg(not(Py_LIMITED_API))]
extern "C" {
    /// `PyErr_WarnExplicit` with object arguments.
    pub fn PyErr_WarnExplicitObject(
        category: *mut PyObject,
        message: *mut PyObject,
        filename: *mut PyObject,
        lineno: c_int,
        module: *mut PyObject,
        registry: *mut PyObject,
    ) -> c_int;
    /// `PyErr_WarnExplicit` with a `PyUnicode_FromFormat` message.
    pub fn PyErr_WarnExplicitFormat(
        category: *mut PyObject,
        filename: *const c_char,
        lineno: c_int,
        module: *const c_char,
        registry: *mut PyObject,
        format: *const c_char,
        ...
    ) -> c_int;
}
