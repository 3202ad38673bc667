//! `str` ↔ `String`, `&str`, `Cow<str>`, `char`.
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::exceptions::PyValueError;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::{PyAny, PyStr};
use std::borrow::Cow;

impl<'py> IntoPyObject<'py> for &str {
    const TYPE_HINT: TypeHint = TypeHint::Name("str");
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(PyStr::new(gil, self).into_any())
    }
}
impl<'py> IntoPyObject<'py> for &String {
    const TYPE_HINT: TypeHint = TypeHint::Name("str");
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(PyStr::new(gil, self).into_any())
    }
}
impl<'py> IntoPyObject<'py> for String {
    const TYPE_HINT: TypeHint = TypeHint::Name("str");
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(PyStr::new(gil, &self).into_any())
    }
}
impl<'py> IntoPyObject<'py> for Cow<'_, str> {
    const TYPE_HINT: TypeHint = TypeHint::Name("str");
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(PyStr::new(gil, &self).into_any())
    }
}
impl<'py> IntoPyObject<'py> for char {
    const TYPE_HINT: TypeHint = TypeHint::Name("str");
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        let mut buf = [0u8; 4];
        Ok(PyStr::new(gil, self.encode_utf8(&mut buf)).into_any())
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for String {
    const TYPE_HINT: TypeHint = TypeHint::Name("str");
    const EXPECTED: &'static str = "str";
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        Ok(obj.downcast::<PyStr>()?.to_str()?.into_owned())
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Cow<'a, str> {
    const TYPE_HINT: TypeHint = TypeHint::Name("str");
    const EXPECTED: &'static str = "str";
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        obj.downcast::<PyStr>()?.to_str()
    }
}

#[cfg(any(not(Py_LIMITED_API), Py_3_10))]
impl<'a, 'py> FromPyObject<'a, 'py> for &'a str {
    const TYPE_HINT: TypeHint = TypeHint::Name("str");
    const EXPECTED: &'static str = "str";
    /// Borrows CPython's cached UTF-8 form: no copy.
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        obj.downcast::<PyStr>()?.as_utf8()
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for char {
    const TYPE_HINT: TypeHint = TypeHint::Name("str");
    const EXPECTED: &'static str = "str";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let s = obj.downcast::<PyStr>()?.to_str()?;
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(PyValueError::new_err(format!(
                "expected a string of length 1, got one of length {}",
                s.chars().count()
            ))),
        }
    }
}
