//! The non-generic entry points of the serde bridge, through erased-serde: the field glue
//! of the descriptor conversions ([`SerdeField`]) calls these with a `&dyn` value, so the
//! Serializer and Deserializer are compiled once for every type that uses them.
use super::{Deserializer, Serializer};
use bind_core::engine::describe::glue::{ExtractWith, IntoPyWith};
use bind_core::exceptions::{PyTypeError, PyValueError};
use bind_core::types::KeyCache;
use bind_core::types::PyAny;
use bind_core::{Gil, Owned, PyErr, PyResult};
use std::marker::PhantomData;

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

/// The serde bridge as a field's conversion (field option `serde` of
/// `derive(FromPyObject)`/`derive(IntoPyObject)`), through the erased entry points.
pub struct SerdeField<T>(PhantomData<T>);

impl<T: serde::de::DeserializeOwned> ExtractWith for SerdeField<T> {
    type Value = T;
    fn extract(obj: &Owned<'_, PyAny>) -> PyResult<T> {
        from_py_erased(obj, |d| erased_serde::deserialize::<T>(d))
    }
}

impl<T: serde::Serialize> IntoPyWith for SerdeField<T> {
    type Value = T;
    fn into_py<'py>(value: T, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        to_py_erased(gil, &value)
    }
}
