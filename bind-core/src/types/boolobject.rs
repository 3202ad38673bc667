//! [`PyBool`]: `True` and `False`.
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;

super::native_type!(
    /// Python's `bool`.
    PyBool,
    "bool",
    PyBool_Type,
    |op| ffi::PyBool_Check(op)
);

impl PyBool {
    /// `True` or `False` (a new reference).
    #[inline]
    pub fn new(gil: Gil<'_>, value: bool) -> Owned<'_, PyBool> {
        let ptr = if value {
            ffi::Py_True()
        } else {
            ffi::Py_False()
        };
        // SAFETY: True/False are static objects alive for the interpreter's lifetime.
        unsafe { Owned::from_borrowed_ptr(gil, ptr) }
    }
}

impl Owned<'_, PyBool> {
    /// The Rust value.
    #[inline]
    pub fn is_true(&self) -> bool {
        self.as_ptr() == ffi::Py_True()
    }
}
