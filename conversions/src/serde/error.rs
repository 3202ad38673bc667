//! The error type of the serde bridge: a [`PyErr`] that serde can carry.
use bind_core::exceptions::{PyTypeError, PyValueError};
use bind_core::PyErr;
use std::fmt;

/// A Python exception travelling through serde; converts back into the same [`PyErr`].
pub struct Error(pub PyErr);

impl From<PyErr> for Error {
    #[inline]
    fn from(err: PyErr) -> Self {
        Error(err)
    }
}

impl From<Error> for PyErr {
    #[inline]
    fn from(err: Error) -> Self {
        err.0
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {}

impl serde::ser::Error for Error {
    /// A `Serialize` impl refused its value: `ValueError`.
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl serde::de::Error for Error {
    /// A `Deserialize` impl refused the data: `ValueError`.
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }

    /// The data has the wrong type: `TypeError`.
    fn invalid_type(unexp: serde::de::Unexpected<'_>, exp: &dyn serde::de::Expected) -> Self {
        Error(PyTypeError::new_err(format!(
            "invalid type: {unexp}, expected {exp}"
        )))
    }

    /// A required field is absent: `TypeError: missing field 'name'` (a mapping without
    /// the key or an object without the attribute).
    fn missing_field(field: &'static str) -> Self {
        Error(PyTypeError::new_err(format!("missing field '{field}'")))
    }

    /// An enum variant name is not one of the variants: `ValueError`.
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error(PyValueError::new_err(format!(
            "unknown variant '{variant}', expected one of {}",
            expected
                .iter()
                .map(|v| format!("'{v}'"))
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }
}
