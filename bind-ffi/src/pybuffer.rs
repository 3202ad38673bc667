//! `pybuffer.h` (part of `object.h` before 3.11): the buffer protocol.
//!
//! The headers put `Py_buffer` and these functions in the limited API only from 3.11; a
//! wheel tagged for an older version must not import them (its code paths using them are
//! cfg'd out or unreachable, and `./test` runs `abi3audit` on the wheels).
use crate::object::PyObject;
use crate::Py_ssize_t;
use libc::{c_char, c_int, c_void};

/// `Py_buffer`: 80 bytes, identical on 3.8–3.13.
#[repr(C)]
#[derive(Debug)]
pub struct Py_buffer {
    pub buf: *mut c_void,
    pub obj: *mut PyObject,
    pub len: Py_ssize_t,
    pub itemsize: Py_ssize_t,
    pub readonly: c_int,
    pub ndim: c_int,
    pub format: *mut c_char,
    pub shape: *mut Py_ssize_t,
    pub strides: *mut Py_ssize_t,
    pub suboffsets: *mut Py_ssize_t,
    pub internal: *mut c_void,
}

impl Py_buffer {
    /// An all-null buffer, ready to be filled by `PyObject_GetBuffer`.
    pub const fn zeroed() -> Self {
        Py_buffer {
            buf: core::ptr::null_mut(),
            obj: core::ptr::null_mut(),
            len: 0,
            itemsize: 0,
            readonly: 0,
            ndim: 0,
            format: core::ptr::null_mut(),
            shape: core::ptr::null_mut(),
            strides: core::ptr::null_mut(),
            suboffsets: core::ptr::null_mut(),
            internal: core::ptr::null_mut(),
        }
    }
}

pub const PyBUF_MAX_NDIM: c_int = 64;
pub const PyBUF_SIMPLE: c_int = 0;
pub const PyBUF_WRITABLE: c_int = 0x0001;
pub const PyBUF_FORMAT: c_int = 0x0004;
pub const PyBUF_ND: c_int = 0x0008;
pub const PyBUF_STRIDES: c_int = 0x0010 | PyBUF_ND;
pub const PyBUF_C_CONTIGUOUS: c_int = 0x0020 | PyBUF_STRIDES;
pub const PyBUF_F_CONTIGUOUS: c_int = 0x0040 | PyBUF_STRIDES;
pub const PyBUF_ANY_CONTIGUOUS: c_int = 0x0080 | PyBUF_STRIDES;
pub const PyBUF_INDIRECT: c_int = 0x0100 | PyBUF_STRIDES;
pub const PyBUF_CONTIG: c_int = PyBUF_ND | PyBUF_WRITABLE;
pub const PyBUF_CONTIG_RO: c_int = PyBUF_ND;
pub const PyBUF_STRIDED: c_int = PyBUF_STRIDES | PyBUF_WRITABLE;
pub const PyBUF_STRIDED_RO: c_int = PyBUF_STRIDES;
pub const PyBUF_RECORDS: c_int = PyBUF_STRIDES | PyBUF_WRITABLE | PyBUF_FORMAT;
pub const PyBUF_RECORDS_RO: c_int = PyBUF_STRIDES | PyBUF_FORMAT;
pub const PyBUF_FULL: c_int = PyBUF_INDIRECT | PyBUF_WRITABLE | PyBUF_FORMAT;
pub const PyBUF_FULL_RO: c_int = PyBUF_INDIRECT | PyBUF_FORMAT;
pub const PyBUF_READ: c_int = 0x100;
pub const PyBUF_WRITE: c_int = 0x200;

// Limited API from 3.11. Declared for every configuration (code for older abi3 targets is
// compiled but never reached, and removed as dead code: `abi3audit` checks the wheels).
extern "C" {
    pub fn PyObject_GetBuffer(obj: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int;
    pub fn PyBuffer_Release(view: *mut Py_buffer);
    pub fn PyBuffer_IsContiguous(view: *const Py_buffer, order: c_char) -> c_int;
    pub fn PyBuffer_FillInfo(
        view: *mut Py_buffer,
        obj: *mut PyObject,
        buf: *mut c_void,
        len: Py_ssize_t,
        readonly: c_int,
        flags: c_int,
    ) -> c_int;
    pub fn PyBuffer_ToContiguous(
        buf: *mut c_void,
        view: *const Py_buffer,
        len: Py_ssize_t,
        order: c_char,
    ) -> c_int;
    pub fn PyBuffer_GetPointer(view: *const Py_buffer, indices: *const Py_ssize_t) -> *mut c_void;
}

/// Declared in [`memoryobject`](crate::memoryobject); re-exported here for older paths.
pub use crate::memoryobject::{PyMemoryView_FromMemory, PyMemoryView_FromObject};

#[cfg(any(all(Py_3_9, not(Py_LIMITED_API)), Py_3_11))]
extern "C" {
    /// A function from 3.9 (limited API from 3.11; a macro reading `tp_as_buffer` on 3.8).
    pub fn PyObject_CheckBuffer(obj: *mut PyObject) -> c_int;
}

/// `PyObject_CheckBuffer(obj)` on 3.8 (non-limited), where it is a macro: whether the
/// object's type fills `tp_as_buffer->bf_getbuffer`. Returns 0 or 1 like the 3.9 function.
///
/// # Safety
/// `obj` must be a live object.
#[cfg(all(not(Py_3_9), not(Py_LIMITED_API)))]
#[inline]
pub unsafe fn PyObject_CheckBuffer(obj: *mut PyObject) -> c_int {
    // SAFETY: `obj` is live (caller), so its type object and `tp_as_buffer` (NULL or a
    // valid table) are readable.
    unsafe {
        let procs = (*crate::Py_TYPE(obj)).tp_as_buffer;
        c_int::from(!procs.is_null() && (*procs).bf_getbuffer.is_some())
    }
}
