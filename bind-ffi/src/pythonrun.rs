//! `pythonrun.h`: compiling and running source code.
use crate::object::PyObject;
use libc::{c_char, c_int};

extern "C" {
    /// A function in the limited API; a macro in the 3.8/3.9 non-limited headers (the
    /// function is exported by every version).
    pub fn Py_CompileString(
        source: *const c_char,
        filename: *const c_char,
        start: c_int,
    ) -> *mut PyObject;
    #[cfg(not(Py_LIMITED_API))]
    pub fn PyRun_StringFlags(
        source: *const c_char,
        start: c_int,
        globals: *mut PyObject,
        locals: *mut PyObject,
        flags: *mut libc::c_void,
    ) -> *mut PyObject;
    /// A macro over `PyRun_SimpleStringFlags` in the non-limited headers and undeclared in
    /// the limited ones, but exported as a function by every version.
    pub fn PyRun_SimpleString(command: *const c_char) -> c_int;
}
