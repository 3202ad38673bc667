//! [`PyComplex`]: Python's `complex`.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::PyAny;

super::native_type!(
    /// Python's `complex`.
    PyComplex,
    "complex",
    PyComplex_Type,
    |op| ffi::PyComplex_Check(op)
);

impl PyComplex {
    /// `complex(real, imag)`.
    pub fn new(gil: Gil<'_>, real: f64, imag: f64) -> Owned<'_, PyComplex> {
        // SAFETY: FromDoubles returns a new reference.
        unsafe {
            Owned::from_owned_ptr_or_err(gil, ffi::PyComplex_FromDoubles(real, imag))
                .expect("PyComplex_FromDoubles failed")
        }
    }

    /// `complex(obj)` for objects with `__complex__`, `__float__` or `__index__`, or a
    /// string.
    pub fn from_object<'py>(obj: &Owned<'py, PyAny>) -> PyResult<Owned<'py, PyComplex>> {
        let gil = obj.gil();
        let ty = <PyComplex as crate::types::PyTypeInfo>::type_object(gil);
        let value = ty.call1((obj.clone(),))?;
        value.downcast_into().map_err(PyErr::from)
    }
}

impl Owned<'_, PyComplex> {
    /// The real part.
    pub fn real(&self) -> f64 {
        // SAFETY: `self` is a complex (or subclass), for which RealAsDouble cannot fail.
        unsafe { ffi::PyComplex_RealAsDouble(self.as_ptr()) }
    }

    /// The imaginary part.
    pub fn imag(&self) -> f64 {
        // SAFETY: `self` is a complex (or subclass), for which ImagAsDouble cannot fail.
        unsafe { ffi::PyComplex_ImagAsDouble(self.as_ptr()) }
    }

    /// `abs(self)`.
    pub fn abs(&self) -> f64 {
        self.real().hypot(self.imag())
    }
}
