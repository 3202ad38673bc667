//! `cpython/complexobject.h` (`complexobject.h` before 3.12): `Py_complex` and the
//! functions taking it by value; `PyFloatObject` (`cpython/floatobject.h`) beside it.
use crate::object::PyObject;
use libc::c_double;

/// `Py_complex`: a C complex number.
#[repr(C)]
#[derive(Debug, Copy, Clone, PartialEq)]
pub struct Py_complex {
    pub real: c_double,
    pub imag: c_double,
}

/// `PyComplexObject`: the layout of a `complex` instance.
#[repr(C)]
#[derive(Debug)]
pub struct PyComplexObject {
    pub ob_base: PyObject,
    pub cval: Py_complex,
}

/// `PyFloatObject`: the layout of a `float` instance (`cpython/floatobject.h`).
#[repr(C)]
#[derive(Debug)]
pub struct PyFloatObject {
    pub ob_base: PyObject,
    pub ob_fval: c_double,
}

/// `PyFloat_AS_DOUBLE(op)`: the value of a float, read in place.
///
/// # Safety
/// `op` must be a live `float` (or subclass instance).
#[inline(always)]
pub unsafe fn PyFloat_AS_DOUBLE(op: *mut PyObject) -> c_double {
    // SAFETY: a float has the `PyFloatObject` layout (caller's guarantee).
    unsafe { (*op.cast::<PyFloatObject>()).ob_fval }
}

extern "C" {
    pub fn PyComplex_FromCComplex(v: Py_complex) -> *mut PyObject;
    /// On error returns `-1.0 + 0j` with an exception set.
    pub fn PyComplex_AsCComplex(op: *mut PyObject) -> Py_complex;
}
