//! [`PyList`]: Python's `list`.
use crate::conversion::IntoPyObject;
use crate::err::{check_status as check, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::sequence::{clamp, sequence_contains, sequence_count, sequence_index, FreshSeq};
use crate::types::{PyAny, PyTuple};

super::native_type!(
    /// Python's `list`.
    PyList,
    "list",
    PyList_Type,
    |op| ffi::PyList_Check(op)
);

impl PyList {
    /// A new list of the given items, pre-sized.
    pub fn new<'py, I>(gil: Gil<'py>, items: I) -> PyResult<Owned<'py, PyList>>
    where
        I: IntoIterator,
        I::Item: IntoPyObject<'py>,
        I::IntoIter: ExactSizeIterator,
    {
        let items = items.into_iter();
        let list = FreshSeq::list(gil, items.len())?.fill(items)?;
        // SAFETY: built by `FreshSeq::list`.
        Ok(unsafe { list.cast_unchecked() })
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
        #[cfg(not(Py_LIMITED_API))]
        unsafe {
            ffi::PyList_GET_SIZE(self.as_ptr()) as usize
        }
        // SAFETY: `self` is a list.
        #[cfg(Py_LIMITED_API)]
        unsafe {
            ffi::PyList_Size(self.as_ptr()) as usize
        }
    }

    /// `self[index]` (a new reference) when `index < len(self)`, else `None`: the step of
    /// a loop that re-reads the length each time (the list may change while it runs).
    #[inline]
    pub fn get_item_opt(&self, index: usize) -> Option<Owned<'py, PyAny>> {
        if index >= self.len() {
            return None;
        }
        // SAFETY: `self` is a list and `index` is in bounds (checked just above, with no
        // code run since); the borrowed item is taken as a new reference at once.
        #[cfg(not(Py_LIMITED_API))]
        unsafe {
            let item = ffi::PyList_GET_ITEM(self.as_ptr(), index as ffi::Py_ssize_t);
            Some(Owned::from_borrowed_ptr(self.gil(), item))
        }
        #[cfg(Py_LIMITED_API)]
        self.get_item(index).ok()
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
                ffi::PyList_GetItem(self.as_ptr(), clamp(index)),
            )
        }
    }

    /// `self[index] = value`, or `IndexError`.
    pub fn set_item(&self, index: usize, value: impl IntoPyObject<'py>) -> PyResult<()> {
        let value = value.into_py(self.gil())?;
        // SAFETY: SetItem steals the value reference (also on failure).
        check(self.gil(), unsafe {
            ffi::PyList_SetItem(self.as_ptr(), clamp(index), value.into_ptr())
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
            ffi::PyList_Insert(self.as_ptr(), clamp(index), value.as_ptr())
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

    /// `self[low:high]` (indices are clamped, as in Python).
    pub fn get_slice(&self, low: usize, high: usize) -> Owned<'py, PyList> {
        let (low, high) = (clamp(low), clamp(high));
        // SAFETY: GetSlice clamps the indices and returns a new list.
        unsafe {
            Owned::from_owned_ptr_or_err(self.gil(), ffi::PyList_GetSlice(self.as_ptr(), low, high))
                .expect("PyList_GetSlice failed")
        }
    }

    /// `self[low:high] = items` (any iterable).
    pub fn set_slice(&self, low: usize, high: usize, items: &Owned<'py, PyAny>) -> PyResult<()> {
        let (low, high) = (clamp(low), clamp(high));
        // SAFETY: SetSlice does not steal the reference; it returns -1 with an exception
        // when `items` is not iterable.
        check(self.gil(), unsafe {
            ffi::PyList_SetSlice(self.as_ptr(), low, high, items.as_ptr())
        })
    }

    /// `del self[low:high]`.
    pub fn del_slice(&self, low: usize, high: usize) -> PyResult<()> {
        let (low, high) = (clamp(low), clamp(high));
        // SAFETY: SetSlice with a null value deletes the slice.
        check(self.gil(), unsafe {
            ffi::PyList_SetSlice(self.as_ptr(), low, high, std::ptr::null_mut())
        })
    }

    /// `del self[index]`, or `IndexError`.
    pub fn del_item(&self, index: usize) -> PyResult<()> {
        // SAFETY: `self` is a list; DelItem returns -1 with an exception when out of range.
        check(self.gil(), unsafe {
            ffi::PySequence_DelItem(self.as_ptr(), clamp(index))
        })
    }

    /// `self.extend(items)` (any iterable).
    pub fn extend(&self, items: impl IntoPyObject<'py>) -> PyResult<()> {
        let items = items.into_py(self.gil())?;
        let end = self.len();
        self.set_slice(end, end, &items)
    }

    /// `value in self`.
    pub fn contains(&self, value: impl IntoPyObject<'py>) -> PyResult<bool> {
        sequence_contains(self, value)
    }

    /// `self.index(value)`: the first position of `value`, or `ValueError`.
    pub fn index(&self, value: impl IntoPyObject<'py>) -> PyResult<usize> {
        sequence_index(self, value)
    }

    /// `self.count(value)`.
    pub fn count(&self, value: impl IntoPyObject<'py>) -> PyResult<usize> {
        sequence_count(self, value)
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

impl<'a, 'py> IntoIterator for &'a Owned<'py, PyList> {
    type Item = Owned<'py, PyAny>;
    type IntoIter = ListIter<'a, 'py>;
    fn into_iter(self) -> ListIter<'a, 'py> {
        self.iter()
    }
}
