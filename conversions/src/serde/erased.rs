//! The non-generic entry points of the serde bridge, through erased-serde: descriptor
//! engines call these with a `&dyn` value, so the Serializer and Deserializer are compiled
//! once for every type that uses them.
use super::{Deserializer, Serializer};
use bind_core::exceptions::{PyTypeError, PyValueError};
use bind_core::types::KeyCache;
use bind_core::types::PyAny;
use bind_core::{Gil, Owned, PyErr, PyResult};

/// Serializes a type-erased value into a Python object.
pub fn to_py_erased<'py>(
    gil: Gil<'py>,
    value: &dyn erased_serde::Serialize,
) -> PyResult<Owned<'py, PyAny>> {
    let keys = KeyCache::new();
    serde::Serialize::serialize(value, Serializer::new(gil, &keys)).map_err(PyErr::from)
}

/// Runs `read` (a typed glue such as `|d| T::deserialize(d)`) over a type-erased
/// deserializer of `obj`.
///
/// erased-serde carries errors as text: a failure comes back as `TypeError` when the
/// message is a type mismatch and `ValueError` otherwise, with its path kept in the text.
pub fn from_py_erased<'py, R>(
    obj: &Owned<'py, PyAny>,
    read: impl FnOnce(&mut dyn erased_serde::Deserializer<'_>) -> Result<R, erased_serde::Error>,
) -> PyResult<R> {
    let mut de = <dyn erased_serde::Deserializer>::erase(Deserializer::new(obj));
    read(&mut de).map_err(|e| {
        let text = e.to_string();
        // The bridge's own messages carry the exception type name first.
        if let Some(rest) = text.strip_prefix("TypeError: ") {
            PyTypeError::new_err(rest.to_owned())
        } else if let Some(rest) = text.strip_prefix("ValueError: ") {
            PyValueError::new_err(rest.to_owned())
        } else if text.contains("object cannot be converted to") || text.contains("invalid type") {
            PyTypeError::new_err(text)
        } else {
            PyValueError::new_err(text)
        }
    })
}
