//! The conversion traits between Rust values and Python objects, and their impls for
//! standard types.
//!
//! | Python | Rust |
//! |---|---|
//! | `int` | every integer type (`OverflowError` when out of range, `__index__` honoured) |
//! | `float` | `f32`, `f64` (ints accepted) |
//! | `bool` | `bool` (strict) |
//! | `str` | `String`, `&str` (borrowed), `Cow<str>`, `char` |
//! | `None` | `()` out, `Option<T>` both ways |
//! | `list`/`tuple` | `Vec<T>` (list out), tuples to 12 |
mod primitives;
mod sequences;
mod strings;

use crate::err::PyResult;
use crate::gil::Gil;
use crate::handle::{Handle, Owned};
use crate::types::{PyAny, PyTypeCheck};

/// Extraction of a Rust value from a Python object.
///
/// `'a` is how long the object is borrowed for, so values such as `&'a str` can borrow
/// from it without copying; `'py` is the GIL lifetime.
pub trait FromPyObject<'a, 'py>: Sized {
    /// The Python type name this conversion expects, for error messages and signatures.
    const EXPECTED: &'static str = "object";

    /// Extracts the value, or raises `TypeError`/`OverflowError`/`ValueError` saying why not.
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self>;
}

/// Conversion of a Rust value into a Python object.
pub trait IntoPyObject<'py> {
    /// Converts into a new reference.
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>>;
}

impl<'py, T> IntoPyObject<'py> for Owned<'py, T> {
    #[inline]
    fn into_py(self, _gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(self.into_any())
    }
}

impl<'py, T> IntoPyObject<'py> for &Owned<'py, T> {
    #[inline]
    fn into_py(self, _gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(self.clone().into_any())
    }
}

impl<'py, T> IntoPyObject<'py> for Handle<T> {
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(self.into_bound(gil).into_any())
    }
}

impl<'py, T> IntoPyObject<'py> for &Handle<T> {
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(self.bind(gil).clone().into_any())
    }
}

impl<'a, 'py, T: PyTypeCheck> FromPyObject<'a, 'py> for Owned<'py, T> {
    const EXPECTED: &'static str = T::NAME;
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        Ok(obj.downcast::<T>()?.clone())
    }
}

impl<'a, 'py, T: PyTypeCheck> FromPyObject<'a, 'py> for &'a Owned<'py, T> {
    const EXPECTED: &'static str = T::NAME;
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        Ok(obj.downcast::<T>()?)
    }
}

impl<'a, 'py, T: PyTypeCheck> FromPyObject<'a, 'py> for Handle<T> {
    const EXPECTED: &'static str = T::NAME;
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        Ok(obj.downcast::<T>()?.clone().unbind())
    }
}

impl<'py> IntoPyObject<'py> for () {
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(gil.none().into_any())
    }
}

impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for Option<T> {
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        match self {
            Some(v) => v.into_py(gil),
            None => Ok(gil.none().into_any()),
        }
    }
}

impl<'a, 'py, T: FromPyObject<'a, 'py>> FromPyObject<'a, 'py> for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        if obj.is_none() {
            Ok(None)
        } else {
            T::extract(obj).map(Some)
        }
    }
}
