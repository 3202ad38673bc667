//! [`PySet`] and [`PyFrozenSet`]: Python's `set` and `frozenset`.
use crate::conversion::IntoPyObject;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::{PyAny, PyIterator};
use std::os::raw::c_int;

super::native_type!(
    /// Python's `set`.
    PySet,
    "set",
    PySet_Type,
    |op| ffi::PySet_Check(op)
);

super::native_type!(
    /// Python's `frozenset`.
    PyFrozenSet,
    "frozenset",
    PyFrozenSet_Type,
    |op| ffi::PyFrozenSet_Check(op)
);

#[inline]
fn check_bool(gil: Gil<'_>, status: c_int) -> PyResult<bool> {
    if status == -1 {
        Err(PyErr::fetch(gil))
    } else {
        Ok(status == 1)
    }
}

/// `len(set)` for a set or frozenset.
#[inline]
fn set_len(set: &Owned<'_, PyAny>) -> usize {
    // SAFETY: callers pass a set or frozenset, for which Size cannot fail.
    unsafe { ffi::PySet_Size(set.as_ptr()) as usize }
}

/// `key in set` for a set or frozenset.
fn set_contains<'py>(set: &Owned<'py, PyAny>, key: impl IntoPyObject<'py>) -> PyResult<bool> {
    let gil = set.gil();
    let key = key.into_py(gil)?;
    // SAFETY: `set` is a set or frozenset; Contains returns -1 with an exception (e.g. an
    // unhashable key).
    check_bool(gil, unsafe {
        ffi::PySet_Contains(set.as_ptr(), key.as_ptr())
    })
}

/// An iterator over a set or frozenset.
fn set_iter<'py>(set: &Owned<'py, PyAny>) -> SetIter<'py> {
    SetIter {
        inner: set.iter().expect("sets are iterable"),
    }
}

impl PySet {
    /// A new set of the given items.
    pub fn new<'py, T>(
        gil: Gil<'py>,
        items: impl IntoIterator<Item = T>,
    ) -> PyResult<Owned<'py, PySet>>
    where
        T: IntoPyObject<'py>,
    {
        let set = PySet::empty(gil)?;
        for item in items {
            set.add(item)?;
        }
        Ok(set)
    }

    /// A new empty set.
    pub fn empty(gil: Gil<'_>) -> PyResult<Owned<'_, PySet>> {
        // SAFETY: New(NULL) returns a new empty set or null with an exception.
        unsafe { Owned::from_owned_ptr_or_err(gil, ffi::PySet_New(std::ptr::null_mut())) }
    }

    /// `set(iterable)`.
    pub fn from_iterable<'py>(iterable: &Owned<'py, PyAny>) -> PyResult<Owned<'py, PySet>> {
        // SAFETY: `iterable` is live; New returns a new set or null with an exception.
        unsafe { Owned::from_owned_ptr_or_err(iterable.gil(), ffi::PySet_New(iterable.as_ptr())) }
    }
}

impl<'py> Owned<'py, PySet> {
    /// `len(self)`.
    #[inline]
    pub fn len(&self) -> usize {
        set_len(self)
    }

    /// Whether the set is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `key in self` (`TypeError` for an unhashable key).
    pub fn contains(&self, key: impl IntoPyObject<'py>) -> PyResult<bool> {
        set_contains(self, key)
    }

    /// `self.add(key)`.
    pub fn add(&self, key: impl IntoPyObject<'py>) -> PyResult<()> {
        let gil = self.gil();
        let key = key.into_py(gil)?;
        // SAFETY: `self` is a set; Add does not steal the reference.
        check_bool(gil, unsafe { ffi::PySet_Add(self.as_ptr(), key.as_ptr()) }).map(drop)
    }

    /// `self.discard(key)`: whether the key was present.
    pub fn discard(&self, key: impl IntoPyObject<'py>) -> PyResult<bool> {
        let gil = self.gil();
        let key = key.into_py(gil)?;
        // SAFETY: `self` is a set; Discard returns 1 found, 0 not found, -1 error.
        check_bool(gil, unsafe {
            ffi::PySet_Discard(self.as_ptr(), key.as_ptr())
        })
    }

    /// `self.pop()`: an arbitrary item, or `None` when the set is empty.
    pub fn pop(&self) -> Option<Owned<'py, PyAny>> {
        if self.is_empty() {
            return None;
        }
        // SAFETY: `self` is a non-empty set; Pop returns a new reference.
        unsafe { Owned::from_owned_ptr_or_err(self.gil(), ffi::PySet_Pop(self.as_ptr())).ok() }
    }

    /// `self.clear()`.
    pub fn clear(&self) {
        // SAFETY: `self` is a set; Clear cannot fail for a set.
        unsafe { ffi::PySet_Clear(self.as_ptr()) };
    }

    /// `frozenset(self)`.
    pub fn to_frozenset(&self) -> PyResult<Owned<'py, PyFrozenSet>> {
        PyFrozenSet::from_iterable(self)
    }

    /// An iterator over the items. Changing the set's size while iterating makes the next
    /// step yield `Err(RuntimeError)`, as in Python.
    pub fn iter(&self) -> SetIter<'py> {
        set_iter(self)
    }
}

impl PyFrozenSet {
    /// A new frozenset of the given items.
    pub fn new<'py, T>(
        gil: Gil<'py>,
        items: impl IntoIterator<Item = T>,
    ) -> PyResult<Owned<'py, PyFrozenSet>>
    where
        T: IntoPyObject<'py>,
    {
        PyFrozenSet::from_iterable(PySet::new(gil, items)?.as_any())
    }

    /// The empty frozenset.
    pub fn empty(gil: Gil<'_>) -> PyResult<Owned<'_, PyFrozenSet>> {
        // SAFETY: New(NULL) returns a new empty frozenset or null with an exception.
        unsafe { Owned::from_owned_ptr_or_err(gil, ffi::PyFrozenSet_New(std::ptr::null_mut())) }
    }

    /// `frozenset(iterable)`.
    pub fn from_iterable<'py>(iterable: &Owned<'py, PyAny>) -> PyResult<Owned<'py, PyFrozenSet>> {
        // SAFETY: `iterable` is live; New returns a new frozenset or null with an exception.
        unsafe {
            Owned::from_owned_ptr_or_err(iterable.gil(), ffi::PyFrozenSet_New(iterable.as_ptr()))
        }
    }
}

impl<'py> Owned<'py, PyFrozenSet> {
    /// `len(self)`.
    #[inline]
    pub fn len(&self) -> usize {
        set_len(self)
    }

    /// Whether the frozenset is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `key in self` (`TypeError` for an unhashable key).
    pub fn contains(&self, key: impl IntoPyObject<'py>) -> PyResult<bool> {
        set_contains(self, key)
    }

    /// An iterator over the items.
    pub fn iter(&self) -> SetIter<'py> {
        set_iter(self)
    }
}

/// Iterator over a set's or frozenset's items; yields `Err(RuntimeError)` if a set changes
/// size during iteration.
pub struct SetIter<'py> {
    inner: Owned<'py, PyIterator>,
}

impl<'py> Iterator for SetIter<'py> {
    type Item = PyResult<Owned<'py, PyAny>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next()
    }
}

impl<'py> IntoIterator for &Owned<'py, PySet> {
    type Item = PyResult<Owned<'py, PyAny>>;
    type IntoIter = SetIter<'py>;
    fn into_iter(self) -> SetIter<'py> {
        self.iter()
    }
}

impl<'py> IntoIterator for &Owned<'py, PyFrozenSet> {
    type Item = PyResult<Owned<'py, PyAny>>;
    type IntoIter = SetIter<'py>;
    fn into_iter(self) -> SetIter<'py> {
        self.iter()
    }
}
