//! [`PyFloat`]: Python's `float`.
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;

super::native_type!(
    /// Python's `float`.
    PyFloat,
    "float",
    PyFloat_Type,
    |op| ffi::PyFloat_Check(op)
);

impl PyFloat {
    /// A new `float`.
    #[inline]
    pub fn new(gil: Gil<'_>, value: f64) -> Owned<'_, PyFloat> {
        // SAFETY: FromDouble returns a new reference; it cannot fail except on memory
        // exhaustion, which `from_owned_ptr_or_err` would report — here we abort instead.
        unsafe {
            Owned::from_owned_ptr_or_err(gil, ffi::PyFloat_FromDouble(value))
                .expect("PyFloat_FromDouble failed")
        }
    }
}

impl PyFloat {
    /// Parses text as `float(text)` does (`ValueError` when it is not a number).
    pub fn parse<'py>(gil: Gil<'py>, text: &str) -> PyResult<Owned<'py, PyFloat>> {
        let text = crate::types::PyStr::new(gil, text);
        // SAFETY: `text` is a str; FromString returns a new float or null with an exception.
        unsafe { Owned::from_owned_ptr_or_err(gil, ffi::PyFloat_FromString(text.as_ptr())) }
    }
}

impl Owned<'_, PyFloat> {
    /// The value as `f64`.
    #[inline]
    pub fn value(&self) -> f64 {
        // SAFETY: `self` is a float, so AsDouble cannot fail.
        unsafe { ffi::PyFloat_AsDouble(self.as_ptr()) }
    }
}
