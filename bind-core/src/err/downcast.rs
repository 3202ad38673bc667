//! The error of a failed type check, convertible into `TypeError`.
use crate::err::PyErr;
use crate::handle::Owned;
use crate::types::PyAny;

/// An object was not of the expected type; converts into a `TypeError` such as
/// `'int' object cannot be converted to 'str'`.
pub struct DowncastError<'py> {
    from: Owned<'py, PyAny>,
    to: &'static str,
}

impl<'py> DowncastError<'py> {
    /// The object `from` is not a `to` (a Python type name).
    pub fn new(from: Owned<'py, PyAny>, to: &'static str) -> Self {
        DowncastError { from, to }
    }

    /// The message CPython would give, e.g. `'int' object cannot be converted to 'str'`.
    pub fn message(&self) -> String {
        format!(
            "'{}' object cannot be converted to '{}'",
            self.from.type_name(),
            self.to
        )
    }
}

impl std::fmt::Debug for DowncastError<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::fmt::Display for DowncastError<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl From<DowncastError<'_>> for PyErr {
    fn from(err: DowncastError<'_>) -> PyErr {
        crate::exceptions::PyTypeError::new_err(err.message())
    }
}
