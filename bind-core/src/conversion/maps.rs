//! `dict` ↔ `HashMap<K, V>`, `BTreeMap<K, V>`, `IndexMap<K, V>`.
//!
//! Extraction accepts `dict` and its subclasses; an `IndexMap` keeps the dict's insertion
//! order and converts back in its own order. A failing value is reported under its key
//! (`['tags']: …`), a failing key as `['x']: key: …` (see [`super::path`]).
use crate::conversion::path::ErrPath;
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::{PyAny, PyDict};
use indexmap::IndexMap;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

/// Reads every `(key, value)` pair of a dict, calling `insert` with the converted pair.
pub(crate) fn extract_pairs<'py, K, V>(
    obj: &Owned<'py, PyAny>,
    mut insert: impl FnMut(K, V),
) -> PyResult<()>
where
    K: for<'b> FromPyObject<'b, 'py>,
    V: for<'b> FromPyObject<'b, 'py>,
{
    let dict: &Owned<'py, PyDict> = obj.downcast::<PyDict>()?;
    let mut pairs = dict.iter();
    for (key, value) in &mut pairs {
        let k = K::extract(&key).map_err(|e| e.at_key_itself(&key))?;
        let v = V::extract(&value).map_err(|e| e.at_key(&key))?;
        insert(k, v);
    }
    pairs.check()
}

/// A new `dict` of the converted pairs.
pub(crate) fn dict_from_pairs<'py, K, V>(
    gil: Gil<'py>,
    pairs: impl IntoIterator<Item = (K, V)>,
) -> PyResult<Owned<'py, PyAny>>
where
    K: IntoPyObject<'py>,
    V: IntoPyObject<'py>,
{
    let dict = PyDict::new(gil);
    for (k, v) in pairs {
        let k = k.into_py(gil)?;
        let v = v.into_py(gil)?;
        // SAFETY: `dict` is a dict; SetItem takes new references to key and value and
        // raises `TypeError` for an unhashable key.
        if unsafe { ffi::PyDict_SetItem(dict.as_ptr(), k.as_ptr(), v.as_ptr()) } != 0 {
            return Err(crate::PyErr::fetch(gil));
        }
    }
    Ok(dict.into_any())
}

impl<'py, K, V, S> IntoPyObject<'py> for HashMap<K, V, S>
where
    K: IntoPyObject<'py>,
    V: IntoPyObject<'py>,
{
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        dict_from_pairs(gil, self)
    }
}

impl<'a, 'py, K, V, S> FromPyObject<'a, 'py> for HashMap<K, V, S>
where
    K: for<'b> FromPyObject<'b, 'py> + Eq + Hash,
    V: for<'b> FromPyObject<'b, 'py>,
    S: BuildHasher + Default,
{
    const EXPECTED: &'static str = "dict";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let mut map = HashMap::with_capacity_and_hasher(obj.len().unwrap_or(0), S::default());
        extract_pairs(obj, |k, v| {
            map.insert(k, v);
        })?;
        Ok(map)
    }
}

impl<'py, K, V> IntoPyObject<'py> for BTreeMap<K, V>
where
    K: IntoPyObject<'py>,
    V: IntoPyObject<'py>,
{
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        dict_from_pairs(gil, self)
    }
}

impl<'a, 'py, K, V> FromPyObject<'a, 'py> for BTreeMap<K, V>
where
    K: for<'b> FromPyObject<'b, 'py> + Ord,
    V: for<'b> FromPyObject<'b, 'py>,
{
    const EXPECTED: &'static str = "dict";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let mut map = BTreeMap::new();
        extract_pairs(obj, |k, v| {
            map.insert(k, v);
        })?;
        Ok(map)
    }
}

impl<'py, K, V, S> IntoPyObject<'py> for IndexMap<K, V, S>
where
    K: IntoPyObject<'py>,
    V: IntoPyObject<'py>,
{
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        dict_from_pairs(gil, self)
    }
}

impl<'a, 'py, K, V, S> FromPyObject<'a, 'py> for IndexMap<K, V, S>
where
    K: for<'b> FromPyObject<'b, 'py> + Eq + Hash,
    V: for<'b> FromPyObject<'b, 'py>,
    S: BuildHasher + Default,
{
    const EXPECTED: &'static str = "dict";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let mut map = IndexMap::with_capacity_and_hasher(obj.len().unwrap_or(0), S::default());
        extract_pairs(obj, |k, v| {
            map.insert(k, v);
        })?;
        Ok(map)
    }
}
