//! `pyframe.h` (3.9+; `frameobject.h` on 3.8): frame objects, opaque here.
#[cfg(any(Py_3_9, not(Py_LIMITED_API)))]
use libc::c_int;

/// `PyFrameObject` (opaque: its layout changed in 3.11 and is internal since).
#[repr(C)]
pub struct PyFrameObject {
    _private: [u8; 0],
}

/// `PyCodeObject` (opaque; `code.h`).
#[repr(C)]
pub struct PyCodeObject {
    _private: [u8; 0],
}

extern "C" {
    /// The line being executed in `frame` (limited API from 3.9; 3.8 declares it in
    /// `frameobject.h` outside the limited API).
    #[cfg(any(Py_3_9, not(Py_LIMITED_API)))]
    pub fn PyFrame_GetLineNumber(frame: *mut PyFrameObject) -> c_int;
    /// 3.9+: a new reference to the frame's code object.
    #[cfg(Py_3_9)]
    pub fn PyFrame_GetCode(frame: *mut PyFrameObject) -> *mut PyCodeObject;
    /// 3.9+ (non-limited): a new reference to the calling frame, or NULL.
    #[cfg(all(Py_3_9, not(Py_LIMITED_API)))]
    pub fn PyFrame_GetBack(frame: *mut PyFrameObject) -> *mut PyFrameObject;
}
