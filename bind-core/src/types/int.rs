//! [`PyInt`]: Python's `int`.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;

super::native_type!(
    /// Python's `int` (arbitrary precision).
    PyInt,
    "int",
    PyLong_Type,
    |op| ffi::PyLong_Check(op)
);

impl PyInt {
    /// A new `int` from an `i64`.
    #[inline]
    pub fn new(gil: Gil<'_>, value: i64) -> Owned<'_, PyInt> {
        // SAFETY: FromLongLong returns a new reference (small ints are cached).
        unsafe {
            Owned::from_owned_ptr_or_err(gil, ffi::PyLong_FromLongLong(value))
                .expect("PyLong_FromLongLong failed")
        }
    }

    /// A new `int` from a `u64`.
    #[inline]
    pub fn new_unsigned(gil: Gil<'_>, value: u64) -> Owned<'_, PyInt> {
        // SAFETY: FromUnsignedLongLong returns a new reference.
        unsafe {
            Owned::from_owned_ptr_or_err(gil, ffi::PyLong_FromUnsignedLongLong(value))
                .expect("PyLong_FromUnsignedLongLong failed")
        }
    }

    /// Parses a string in the given base (`int(text, base)`).
    pub fn parse<'py>(gil: Gil<'py>, text: &str, base: u32) -> PyResult<Owned<'py, PyInt>> {
        let s = crate::types::PyStr::new(gil, text);
        let int_type = <PyInt as crate::types::PyTypeInfo>::type_object(gil);
        let value = int_type.call1((s, base))?;
        // SAFETY: `int(...)` returns an int.
        Ok(unsafe { value.cast_unchecked() })
    }
}

/// Where an `int` lies outside a fixed-width range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overflow {
    /// Above the largest value.
    Above,
    /// Below the smallest value.
    Below,
}

impl Owned<'_, PyInt> {
    /// The value as `i64`, or `OverflowError` when it does not fit.
    pub fn to_i64(&self) -> PyResult<i64> {
        // SAFETY: `self` is an int; -1 with an exception signals overflow.
        let v = unsafe { ffi::PyLong_AsLongLong(self.as_ptr()) };
        // SAFETY: checking the error indicator with the GIL held.
        if v == -1 && unsafe { !ffi::PyErr_Occurred().is_null() } {
            return Err(PyErr::fetch(self.gil()));
        }
        Ok(v)
    }

    /// The value as `i64`, or the side on which it leaves `i64`'s range (no exception is
    /// raised for that): one C call whatever the size, for readers that then pick a wider
    /// type.
    #[inline]
    pub fn to_i64_or_overflow(&self) -> PyResult<Result<i64, Overflow>> {
        let mut overflow = 0;
        // SAFETY: `self` is an int (no `__index__` call); the overflow is reported through
        // the flag, and -1 with an exception set means an error.
        let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(self.as_ptr(), &mut overflow) };
        Ok(match overflow {
            0 => {
                // SAFETY: checking the error indicator with the GIL held.
                if v == -1 && unsafe { !ffi::PyErr_Occurred().is_null() } {
                    return Err(PyErr::fetch(self.gil()));
                }
                Ok(v)
            }
            o if o > 0 => Err(Overflow::Above),
            _ => Err(Overflow::Below),
        })
    }

    /// The value as `u64`, or `OverflowError` when it is negative or too large.
    pub fn to_u64(&self) -> PyResult<u64> {
        // SAFETY: `self` is an int; `u64::MAX` with an exception signals overflow.
        let v = unsafe { ffi::PyLong_AsUnsignedLongLong(self.as_ptr()) };
        // SAFETY: checking the error indicator with the GIL held.
        if v == u64::MAX && unsafe { !ffi::PyErr_Occurred().is_null() } {
            return Err(PyErr::fetch(self.gil()));
        }
        Ok(v)
    }

    /// The nearest `f64`, or `OverflowError` when the value is too large for a float.
    pub fn to_f64(&self) -> PyResult<f64> {
        // SAFETY: `self` is an int; -1.0 with an exception signals overflow.
        let v = unsafe { ffi::PyLong_AsDouble(self.as_ptr()) };
        // SAFETY: checking the error indicator with the GIL held.
        if v == -1.0 && unsafe { !ffi::PyErr_Occurred().is_null() } {
            return Err(PyErr::fetch(self.gil()));
        }
        Ok(v)
    }

    /// The sign: -1, 0 or 1.
    pub fn signum(&self) -> PyResult<i32> {
        let zero = PyInt::new(self.gil(), 0);
        Ok(if self.lt(&zero)? {
            -1
        } else if self.gt(&zero)? {
            1
        } else {
            0
        })
    }
}
