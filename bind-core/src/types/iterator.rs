//! [`PyIterator`]: a Python iterator, usable as a Rust `Iterator`.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::handle::Owned;
use crate::types::PyAny;

super::native_type!(
    /// A Python iterator (an object with `__next__`).
    PyIterator,
    "iterator",
    PyBaseObject_Type,
    |op| ffi::PyIter_Check(op) != 0
);

impl<'py> Iterator for Owned<'py, PyIterator> {
    type Item = PyResult<Owned<'py, PyAny>>;

    /// The next item; `None` at the end; `Some(Err)` when `__next__` raised.
    fn next(&mut self) -> Option<Self::Item> {
        let gil = self.gil();
        // SAFETY: `self` is an iterator; Next returns a new reference, or null at the end
        // (no exception) or on error (exception set).
        let item = unsafe { ffi::PyIter_Next(self.as_ptr()) };
        if item.is_null() {
            PyErr::take(gil).map(Err)
        } else {
            // SAFETY: non-null results are new references.
            Some(Ok(unsafe { Owned::from_owned_ptr(gil, item) }))
        }
    }
}
