//! [`PyTuple`]: Python's `tuple`.
use crate::conversion::IntoPyObject;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::{Borrowed, Owned};
use crate::types::sequence::{clamp, sequence_contains, sequence_count, sequence_index, FreshSeq};
use crate::types::PyAny;

super::native_type!(
    /// Python's `tuple`.
    PyTuple,
    "tuple",
    PyTuple_Type,
    |op| ffi::PyTuple_Check(op)
);

impl PyTuple {
    /// A new tuple of the given items.
    pub fn new<'py, I>(gil: Gil<'py>, items: I) -> PyResult<Owned<'py, PyTuple>>
    where
        I: IntoIterator,
        I::Item: IntoPyObject<'py>,
        I::IntoIter: ExactSizeIterator,
    {
        let items = items.into_iter();
        let tuple = FreshSeq::tuple(gil, items.len())?.fill(items)?;
        // SAFETY: built by `FreshSeq::tuple`.
        Ok(unsafe { tuple.cast_unchecked() })
    }

    /// The empty tuple.
    pub fn empty(gil: Gil<'_>) -> Owned<'_, PyTuple> {
        // SAFETY: New(0) returns the shared empty tuple.
        unsafe {
            Owned::from_owned_ptr_or_err(gil, ffi::PyTuple_New(0)).expect("PyTuple_New(0) failed")
        }
    }
}

impl<'py> Owned<'py, PyTuple> {
    /// `len(self)`.
    #[inline]
    pub fn len(&self) -> usize {
        // SAFETY: `self` is a tuple.
        unsafe { ffi::PyTuple_Size(self.as_ptr()) as usize }
    }

    /// Whether the tuple is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `self[index]`, or `IndexError`.
    pub fn get_item(&self, index: usize) -> PyResult<Owned<'py, PyAny>> {
        self.get_borrowed_item(index).map(Borrowed::to_owned)
    }

    /// `self[index]` without a new reference (the tuple keeps the item alive).
    pub fn get_borrowed_item<'a>(&'a self, index: usize) -> PyResult<Borrowed<'a, 'py, PyAny>> {
        // SAFETY: `self` is a tuple; GetItem returns a borrowed reference or null.
        let item = unsafe { ffi::PyTuple_GetItem(self.as_ptr(), clamp(index)) };
        if item.is_null() {
            Err(PyErr::fetch(self.gil()))
        } else {
            // SAFETY: the tuple is immutable and keeps the item alive for `'a`.
            Ok(unsafe { Borrowed::from_ptr(self.gil(), item) })
        }
    }

    /// An iterator over the items.
    pub fn iter(&self) -> TupleIter<'_, 'py> {
        TupleIter {
            tuple: self,
            index: 0,
            len: self.len(),
        }
    }

    /// `self[low:high]`.
    pub fn slice(&self, low: usize, high: usize) -> Owned<'py, PyTuple> {
        let (low, high) = (clamp(low), clamp(high));
        // SAFETY: GetSlice clamps indices and returns a new tuple.
        unsafe {
            Owned::from_owned_ptr_or_err(
                self.gil(),
                ffi::PyTuple_GetSlice(self.as_ptr(), low, high),
            )
            .expect("PyTuple_GetSlice failed")
        }
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

    /// A list with the same items.
    pub fn to_list(&self) -> PyResult<Owned<'py, crate::types::PyList>> {
        // SAFETY: `self` is a sequence; returns a new list or null.
        unsafe { Owned::from_owned_ptr_or_err(self.gil(), ffi::PySequence_List(self.as_ptr())) }
    }
}

/// Iterator over a tuple's items (see [`Owned::<PyTuple>::iter`]).
pub struct TupleIter<'a, 'py> {
    tuple: &'a Owned<'py, PyTuple>,
    index: usize,
    len: usize,
}

impl<'py> Iterator for TupleIter<'_, 'py> {
    type Item = Owned<'py, PyAny>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.index < self.len {
            let item = self.tuple.get_item(self.index).ok();
            self.index += 1;
            item
        } else {
            None
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.len - self.index;
        (n, Some(n))
    }
}

impl ExactSizeIterator for TupleIter<'_, '_> {}

impl DoubleEndedIterator for TupleIter<'_, '_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.index < self.len {
            self.len -= 1;
            self.tuple.get_item(self.len).ok()
        } else {
            None
        }
    }
}

impl<'a, 'py> IntoIterator for &'a Owned<'py, PyTuple> {
    type Item = Owned<'py, PyAny>;
    type IntoIter = TupleIter<'a, 'py>;
    fn into_iter(self) -> TupleIter<'a, 'py> {
        self.iter()
    }
}
