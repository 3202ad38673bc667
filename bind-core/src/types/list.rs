//! [`PyList`]: Python's `list`.
use crate::conversion::IntoPyObject;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::{PyAny, PyTuple};

super::native_type!(
    /// Python's `list`.
    PyList,
    "list",
    PyList_Type,
    |op| ffi::PyList_Check(op)
);

#[inline]
fn check(gil: Gil<'_>, status: std::os::raw::c_int) -> PyResult<()> {
    if status == -1 {
        Err(PyErr::fetch(gil))
    } else {
        Ok(())
    }
}

impl PyList {
    /// A new list of the given items, pre-sized.
    pub fn new<'py, I>(gil: Gil<'py>, items: I) -> PyResult<Owned<'py, PyList>>
    where
        I: IntoIterator,
        I::Item: IntoPyObject<'py>,
        I::IntoIter: ExactSizeIterator,
    {
        let items = items.into_iter();
        let len = items.len();
        // SAFETY: New returns a new list with null slots, or null with an exception.
        let list: Owned<'py, PyList> =
            unsafe { Owned::from_owned_ptr_or_err(gil, ffi::PyList_New(len as ffi::Py_ssize_t))? };
        let mut filled = 0;
        for (i, item) in items.enumerate() {
            if i >= len {
                return Err(crate::exceptions::PySystemError::new_err(
                    "iterator yielded more items than its length",
                ));
            }
            let item = item.into_py(gil)?;
            // SAFETY: `i` is in bounds of a fresh list; SetItem steals the reference.
            unsafe { ffi::PyList_SetItem(list.as_ptr(), i as ffi::Py_ssize_t, item.into_ptr()) };
            filled += 1;
        }
        if filled != len {
            return Err(crate::exceptions::PySystemError::new_err(
                "iterator yielded fewer items than its length",
            ));
        }
        Ok(list)
    }

    /// A new empty list.
    pub fn empty(gil: Gil<'_>) -> Owned<'_, PyList> {
        // SAFETY: New(0) returns a new empty list.
        unsafe { Owned::from_owned_ptr_or_err(gil, ffi::PyList_New(0)).expect("PyList_New failed") }
    }
}

impl<'py> Owned<'py, PyList> {
    /// `len(self)`.
    #[inline]
    pub fn len(&self) -> usize {
        // SAFETY: `self` is a list.
        unsafe { ffi::PyList_Size(self.as_ptr()) as usize }
    }

    /// Whether the list is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `self[index]` (a new reference), or `IndexError`.
    pub fn get_item(&self, index: usize) -> PyResult<Owned<'py, PyAny>> {
        // SAFETY: `self` is a list; GetItem returns a borrowed reference or null. The
        // reference is taken at once, before any code could mutate the list.
        unsafe {
            Owned::from_borrowed_ptr_or_err(
                self.gil(),
                ffi::PyList_GetItem(self.as_ptr(), index as ffi::Py_ssize_t),
            )
        }
    }

    /// `self[index] = value`, or `IndexError`.
    pub fn set_item(&self, index: usize, value: impl IntoPyObject<'py>) -> PyResult<()> {
        let value = value.into_py(self.gil())?;
        // SAFETY: SetItem steals the value reference (also on failure).
        check(self.gil(), unsafe {
            ffi::PyList_SetItem(self.as_ptr(), index as ffi::Py_ssize_t, value.into_ptr())
        })
    }

    /// `self.append(value)`.
    pub fn append(&self, value: impl IntoPyObject<'py>) -> PyResult<()> {
        let value = value.into_py(self.gil())?;
        // SAFETY: Append does not steal the reference.
        check(self.gil(), unsafe {
            ffi::PyList_Append(self.as_ptr(), value.as_ptr())
        })
    }

    /// `self.insert(index, value)`.
    pub fn insert(&self, index: usize, value: impl IntoPyObject<'py>) -> PyResult<()> {
        let value = value.into_py(self.gil())?;
        // SAFETY: Insert does not steal the reference.
        check(self.gil(), unsafe {
            ffi::PyList_Insert(self.as_ptr(), index as ffi::Py_ssize_t, value.as_ptr())
        })
    }

    /// `self.sort()`.
    pub fn sort(&self) -> PyResult<()> {
        // SAFETY: `self` is a list.
        check(self.gil(), unsafe { ffi::PyList_Sort(self.as_ptr()) })
    }

    /// `self.reverse()`.
    pub fn reverse(&self) -> PyResult<()> {
        // SAFETY: `self` is a list.
        check(self.gil(), unsafe { ffi::PyList_Reverse(self.as_ptr()) })
    }

    /// `tuple(self)`.
    pub fn to_tuple(&self) -> Owned<'py, PyTuple> {
        // SAFETY: AsTuple returns a new tuple.
        unsafe {
            Owned::from_owned_ptr_or_err(self.gil(), ffi::PyList_AsTuple(self.as_ptr()))
                .expect("PyList_AsTuple failed")
        }
    }

    /// An iterator over the items; it re-reads the length each step, so it stays sound
    /// if Python code changes the list meanwhile.
    pub fn iter(&self) -> ListIter<'_, 'py> {
        ListIter {
            list: self,
            index: 0,
        }
    }
}

/// Iterator over a list's items (see [`Owned::<PyList>::iter`]).
pub struct ListIter<'a, 'py> {
    list: &'a Owned<'py, PyList>,
    index: usize,
}

impl<'py> Iterator for ListIter<'_, 'py> {
    type Item = Owned<'py, PyAny>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.index < self.list.len() {
            let item = self.list.get_item(self.index).ok();
            self.index += 1;
            item
        } else {
            None
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.list.len().saturating_sub(self.index);
        (n, Some(n))
    }
}
