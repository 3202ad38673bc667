//! `set`/`frozenset` ↔ `HashSet<T>`, `BTreeSet<T>`, `IndexSet<T>` (a `set` out).
//!
//! Extraction accepts `set`, `frozenset` and their subclasses, not arbitrary iterables
//! (a list with duplicates would silently lose items).
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::{PyAny, PyFrozenSet, PySet};
use indexmap::IndexSet;
use std::collections::{BTreeSet, HashSet};
use std::hash::{BuildHasher, Hash};

/// Reads every item of a set or frozenset, calling `insert` with the converted item.
fn extract_items<'py, T>(obj: &Owned<'py, PyAny>, mut insert: impl FnMut(T)) -> PyResult<()>
where
    T: for<'b> FromPyObject<'b, 'py>,
{
    let iter = if let Ok(set) = obj.downcast::<PySet>() {
        set.iter()
    } else if let Ok(set) = obj.downcast::<PyFrozenSet>() {
        set.iter()
    } else {
        return Err(PyTypeError::new_err(format!(
            "'{}' object cannot be converted to 'set'",
            obj.type_name()
        )));
    };
    for item in iter {
        insert(T::extract(&item?)?);
    }
    Ok(())
}

/// A new `set` of the converted items.
fn set_from_items<'py, T: IntoPyObject<'py>>(
    gil: Gil<'py>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<Owned<'py, PyAny>> {
    let set = PySet::empty(gil)?;
    for item in items {
        let item = item.into_py(gil)?;
        // SAFETY: `set` is a set; Add takes a new reference and raises for unhashables.
        if unsafe { ffi::PySet_Add(set.as_ptr(), item.as_ptr()) } != 0 {
            return Err(PyErr::fetch(gil));
        }
    }
    Ok(set.into_any())
}

impl<'py, T: IntoPyObject<'py>, S> IntoPyObject<'py> for HashSet<T, S> {
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        set_from_items(gil, self)
    }
}

impl<'a, 'py, T, S> FromPyObject<'a, 'py> for HashSet<T, S>
where
    T: for<'b> FromPyObject<'b, 'py> + Eq + Hash,
    S: BuildHasher + Default,
{
    const EXPECTED: &'static str = "set";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let mut out = HashSet::with_hasher(S::default());
        extract_items(obj, |v| {
            out.insert(v);
        })?;
        Ok(out)
    }
}

impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for BTreeSet<T> {
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        set_from_items(gil, self)
    }
}

impl<'a, 'py, T> FromPyObject<'a, 'py> for BTreeSet<T>
where
    T: for<'b> FromPyObject<'b, 'py> + Ord,
{
    const EXPECTED: &'static str = "set";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let mut out = BTreeSet::new();
        extract_items(obj, |v| {
            out.insert(v);
        })?;
        Ok(out)
    }
}

impl<'py, T: IntoPyObject<'py>, S> IntoPyObject<'py> for IndexSet<T, S> {
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        set_from_items(gil, self)
    }
}

impl<'a, 'py, T, S> FromPyObject<'a, 'py> for IndexSet<T, S>
where
    T: for<'b> FromPyObject<'b, 'py> + Eq + Hash,
    S: BuildHasher + Default,
{
    const EXPECTED: &'static str = "set";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let mut out = IndexSet::with_hasher(S::default());
        extract_items(obj, |v| {
            out.insert(v);
        })?;
        Ok(out)
    }
}
