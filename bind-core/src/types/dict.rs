//! [`PyDict`]: Python's `dict`.
use crate::conversion::IntoPyObject;
use crate::err::check_status as check;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::{PyAny, PyList};

super::native_type!(
    /// Python's `dict`.
    PyDict,
    "dict",
    PyDict_Type,
    |op| ffi::PyDict_Check(op)
);

impl PyDict {
    /// A new empty dict.
    #[inline]
    pub fn new(gil: Gil<'_>) -> Owned<'_, PyDict> {
        PyDict::try_new(gil).expect("PyDict_New failed")
    }

    /// A new empty dict; `MemoryError` when CPython cannot allocate it.
    #[inline]
    pub fn try_new(gil: Gil<'_>) -> PyResult<Owned<'_, PyDict>> {
        // SAFETY: New returns a new dict or NULL with an exception set.
        unsafe { Owned::from_owned_ptr_or_err(gil, ffi::PyDict_New()) }
    }

    /// A dict from `(key, value)` pairs.
    pub fn from_pairs<'py, K, V>(
        gil: Gil<'py>,
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> PyResult<Owned<'py, PyDict>>
    where
        K: IntoPyObject<'py>,
        V: IntoPyObject<'py>,
    {
        let dict = PyDict::new(gil);
        for (k, v) in pairs {
            dict.set_item(k, v)?;
        }
        Ok(dict)
    }
}

impl<'py> Owned<'py, PyDict> {
    /// `len(self)`.
    #[inline]
    pub fn len(&self) -> usize {
        // SAFETY: `self` is a dict.
        #[cfg(not(any(Py_LIMITED_API, Py_GIL_DISABLED)))]
        unsafe {
            ffi::PyDict_GET_SIZE(self.as_ptr()) as usize
        }
        // SAFETY: `self` is a dict.
        #[cfg(any(Py_LIMITED_API, Py_GIL_DISABLED))]
        unsafe {
            ffi::PyDict_Size(self.as_ptr()) as usize
        }
    }

    /// Whether the dict is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `self.get(key)`: `Ok(None)` when missing; errors from hashing the key propagate.
    pub fn get_item(&self, key: impl IntoPyObject<'py>) -> PyResult<Option<Owned<'py, PyAny>>> {
        let gil = self.gil();
        let key = key.into_py(gil)?;
        // SAFETY: GetItemWithError returns a borrowed reference, or null with or without an
        // exception; the reference is taken at once.
        unsafe {
            let item = ffi::PyDict_GetItemWithError(self.as_ptr(), key.as_ptr());
            if !item.is_null() {
                Ok(Some(Owned::from_borrowed_ptr(gil, item)))
            } else if ffi::PyErr_Occurred().is_null() {
                Ok(None)
            } else {
                Err(PyErr::fetch(gil))
            }
        }
    }

    /// `self[key] = value`.
    pub fn set_item(
        &self,
        key: impl IntoPyObject<'py>,
        value: impl IntoPyObject<'py>,
    ) -> PyResult<()> {
        let gil = self.gil();
        let key = key.into_py(gil)?;
        let value = value.into_py(gil)?;
        // SAFETY: SetItem does not steal references.
        check(gil, unsafe {
            ffi::PyDict_SetItem(self.as_ptr(), key.as_ptr(), value.as_ptr())
        })
    }

    /// `self[key] = value` for objects in hand: no conversion, and no reference taken or
    /// released here (the dict takes its own).
    #[inline]
    pub fn set_item_obj<K, V>(&self, key: &Owned<'py, K>, value: &Owned<'py, V>) -> PyResult<()> {
        // SAFETY: `self` is a dict and both objects are live; SetItem does not steal
        // references and raises for an unhashable key.
        check(self.gil(), unsafe {
            ffi::PyDict_SetItem(self.as_ptr(), key.as_ptr(), value.as_ptr())
        })
    }

    /// `del self[key]` (`KeyError` when missing).
    pub fn del_item(&self, key: impl IntoPyObject<'py>) -> PyResult<()> {
        let gil = self.gil();
        let key = key.into_py(gil)?;
        // SAFETY: `self` is a dict.
        check(gil, unsafe {
            ffi::PyDict_DelItem(self.as_ptr(), key.as_ptr())
        })
    }

    /// `key in self`.
    pub fn contains(&self, key: impl IntoPyObject<'py>) -> PyResult<bool> {
        let gil = self.gil();
        let key = key.into_py(gil)?;
        // SAFETY: returns -1 on error.
        let r = unsafe { ffi::PyDict_Contains(self.as_ptr(), key.as_ptr()) };
        check(gil, r).map(|_| r == 1)
    }

    /// `self.clear()`.
    pub fn clear(&self) {
        // SAFETY: `self` is a dict.
        unsafe { ffi::PyDict_Clear(self.as_ptr()) }
    }

    /// `self.copy()`.
    pub fn copy(&self) -> PyResult<Owned<'py, PyDict>> {
        // SAFETY: returns a new dict or null.
        unsafe { Owned::from_owned_ptr_or_err(self.gil(), ffi::PyDict_Copy(self.as_ptr())) }
    }

    /// `list(self.keys())`.
    pub fn keys(&self) -> Owned<'py, PyList> {
        // SAFETY: returns a new list.
        unsafe {
            Owned::from_owned_ptr_or_err(self.gil(), ffi::PyDict_Keys(self.as_ptr()))
                .expect("PyDict_Keys failed")
        }
    }

    /// `list(self.values())`.
    pub fn values(&self) -> Owned<'py, PyList> {
        // SAFETY: returns a new list.
        unsafe {
            Owned::from_owned_ptr_or_err(self.gil(), ffi::PyDict_Values(self.as_ptr()))
                .expect("PyDict_Values failed")
        }
    }

    /// `list(self.items())`.
    pub fn items(&self) -> Owned<'py, PyList> {
        // SAFETY: returns a new list.
        unsafe {
            Owned::from_owned_ptr_or_err(self.gil(), ffi::PyDict_Items(self.as_ptr()))
                .expect("PyDict_Items failed")
        }
    }

    /// `self.update(other)` (any mapping).
    pub fn update(&self, other: &Owned<'py, impl Sized>) -> PyResult<()> {
        // SAFETY: both live; Update accepts any mapping.
        check(self.gil(), unsafe {
            ffi::PyDict_Update(self.as_ptr(), other.as_ptr())
        })
    }

    /// Iterates over `(key, value)` pairs. Changing the dict's size while iterating raises
    /// `RuntimeError` on the next step, as Python does.
    #[inline]
    pub fn iter(&self) -> DictIter<'_, 'py> {
        DictIter {
            dict: self,
            pos: 0,
            len: self.len(),
            failed: false,
        }
    }
}

/// Iterator over a dict's `(key, value)` pairs; panics-free: a size change mid-iteration
/// ends it and [`DictIter::check`] reports the `RuntimeError`.
pub struct DictIter<'a, 'py> {
    dict: &'a Owned<'py, PyDict>,
    pos: ffi::Py_ssize_t,
    len: usize,
    failed: bool,
}

impl DictIter<'_, '_> {
    /// `RuntimeError` if the dict changed size while iterating.
    #[inline]
    pub fn check(&self) -> PyResult<()> {
        if self.failed {
            Err(crate::exceptions::PyRuntimeError::new_err(
                "dictionary changed size during iteration",
            ))
        } else {
            Ok(())
        }
    }
}

/// A pair of a dict whose key may be left out (see [`DictIter::next_unless_key`]).
pub type PairUnlessKey<'py> = (Option<Owned<'py, PyAny>>, Owned<'py, PyAny>);

impl<'py> DictIter<'_, 'py> {
    /// [`next`](Iterator::next), except that a key that is the object at address `known`
    /// is reported as `None`, without taking a reference to it: for a caller that holds
    /// that object itself and compares by identity (0 matches no key).
    #[inline]
    pub fn next_unless_key(&mut self, known: usize) -> Option<PairUnlessKey<'py>> {
        let gil = self.dict.gil();
        // SAFETY: borrowed references from `next_borrowed`, read before any other code
        // runs: the key's address is compared and both become owned ones.
        self.next_borrowed().map(|(key, value)| unsafe {
            let key = (key as usize != known).then(|| Owned::from_borrowed_ptr(gil, key));
            (key, Owned::from_borrowed_ptr(gil, value))
        })
    }

    /// The next key and value as borrowed references, valid only until other code runs.
    #[inline(always)]
    fn next_borrowed(&mut self) -> Option<(*mut ffi::PyObject, *mut ffi::PyObject)> {
        if self.failed {
            return None;
        }
        if self.dict.len() != self.len {
            self.failed = true;
            return None;
        }
        let (mut key, mut value) = (std::ptr::null_mut(), std::ptr::null_mut());
        // SAFETY: `self.dict` is a dict whose size is unchanged; the out-parameters are
        // valid locals.
        let found =
            unsafe { ffi::PyDict_Next(self.dict.as_ptr(), &mut self.pos, &mut key, &mut value) };
        (found != 0).then_some((key, value))
    }
}

impl<'py> Iterator for DictIter<'_, 'py> {
    type Item = (Owned<'py, PyAny>, Owned<'py, PyAny>);
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let gil = self.dict.gil();
        // SAFETY: borrowed references from `next_borrowed`, turned into owned ones before
        // any other code runs.
        self.next_borrowed().map(|(key, value)| unsafe {
            (
                Owned::from_borrowed_ptr(gil, key),
                Owned::from_borrowed_ptr(gil, value),
            )
        })
    }
}

impl<'a, 'py> IntoIterator for &'a Owned<'py, PyDict> {
    type Item = (Owned<'py, PyAny>, Owned<'py, PyAny>);
    type IntoIter = DictIter<'a, 'py>;
    fn into_iter(self) -> DictIter<'a, 'py> {
        self.iter()
    }
}
