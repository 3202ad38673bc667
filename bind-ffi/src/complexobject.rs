//! `complexobject.h`: Python `complex`. `Py_complex` and the functions taking it by value
//! are outside the limited API, in `cpython::complexobject`.
use crate::object::*;
use libc::c_double;

extern "C" {
    pub static mut PyComplex_Type: PyTypeObject;
    pub fn PyComplex_FromDoubles(real: c_double, imag: c_double) -> *mut PyObject;
    /// Also accepts objects with `__complex__` or `__float__`; -1.0 with an exception set
    /// on error.
    pub fn PyComplex_RealAsDouble(op: *mut PyObject) -> c_double;
    pub fn PyComplex_ImagAsDouble(op: *mut PyObject) -> c_double;
}

/// `PyComplex_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyComplex_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller; the type object is static.
    unsafe { PyObject_TypeCheck(op, core::ptr::addr_of_mut!(PyComplex_Type)) }
}

/// `PyComplex_CheckExact(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyComplex_CheckExact(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller; the type object is static.
    unsafe { Py_IS_TYPE(op, core::ptr::addr_of_mut!(PyComplex_Type)) }
}
