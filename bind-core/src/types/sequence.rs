//! Helpers shared by the sequence types (`list`, `tuple`).
use crate::conversion::IntoPyObject;
use crate::err::{check_status, PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::PyAny;
use std::os::raw::c_int;

/// Builds a sequence of exactly `items.len()` items with `new(len)` and fills it with
/// `set_item(seq, i, item)` (which steals `item`), pre-sized and without resizing.
/// An iterator whose `len()` lies raises `SystemError`; the half-filled sequence is
/// released (its empty slots are null, which CPython's deallocators accept).
///
/// # Safety
/// `new` must return a new sequence with `len` null slots (or null with an exception),
/// and `set_item` must store into such a sequence, stealing the reference.
pub(crate) unsafe fn new_filled<'py, I>(
    gil: Gil<'py>,
    new: unsafe extern "C" fn(ffi::Py_ssize_t) -> *mut ffi::PyObject,
    set_item: unsafe extern "C" fn(
        *mut ffi::PyObject,
        ffi::Py_ssize_t,
        *mut ffi::PyObject,
    ) -> c_int,
    items: I,
) -> PyResult<Owned<'py, PyAny>>
where
    I: IntoIterator,
    I::Item: IntoPyObject<'py>,
    I::IntoIter: ExactSizeIterator,
{
    let items = items.into_iter();
    let len = items.len();
    // SAFETY: `new` returns a new reference or null with an exception (caller's contract).
    let seq: Owned<'py, PyAny> =
        unsafe { Owned::from_owned_ptr_or_err(gil, new(len as ffi::Py_ssize_t))? };
    let mut filled = 0;
    for item in items {
        if filled == len {
            return Err(crate::exceptions::PySystemError::new_err(
                "iterator yielded more items than its length",
            ));
        }
        let item = item.into_py(gil)?;
        // SAFETY: `filled < len` is in bounds of the fresh sequence; the item is stolen.
        unsafe { set_item(seq.as_ptr(), filled as ffi::Py_ssize_t, item.into_ptr()) };
        filled += 1;
    }
    if filled != len {
        return Err(crate::exceptions::PySystemError::new_err(
            "iterator yielded fewer items than its length",
        ));
    }
    Ok(seq)
}

/// An index as `Py_ssize_t`, saturating (CPython clamps or rejects it as out of range).
#[inline]
pub(crate) fn clamp(index: usize) -> ffi::Py_ssize_t {
    index.min(ffi::Py_ssize_t::MAX as usize) as ffi::Py_ssize_t
}

/// `value in seq` for any sequence.
pub(crate) fn sequence_contains<'py>(
    seq: &Owned<'py, PyAny>,
    value: impl IntoPyObject<'py>,
) -> PyResult<bool> {
    let value = value.into_py(seq.gil())?;
    // SAFETY: both are live; Contains returns -1 with an exception on error.
    let r = unsafe { ffi::PySequence_Contains(seq.as_ptr(), value.as_ptr()) };
    check_status(seq.gil(), r).map(|_| r == 1)
}

/// `seq.index(value)` for any sequence.
pub(crate) fn sequence_index<'py>(
    seq: &Owned<'py, PyAny>,
    value: impl IntoPyObject<'py>,
) -> PyResult<usize> {
    let value = value.into_py(seq.gil())?;
    // SAFETY: both are live; Index returns -1 with `ValueError` when absent.
    let r = unsafe { ffi::PySequence_Index(seq.as_ptr(), value.as_ptr()) };
    if r == -1 {
        Err(PyErr::fetch(seq.gil()))
    } else {
        Ok(r as usize)
    }
}

/// `seq.count(value)` for any sequence.
pub(crate) fn sequence_count<'py>(
    seq: &Owned<'py, PyAny>,
    value: impl IntoPyObject<'py>,
) -> PyResult<usize> {
    let value = value.into_py(seq.gil())?;
    // SAFETY: both are live; Count returns -1 with an exception on error.
    let r = unsafe { ffi::PySequence_Count(seq.as_ptr(), value.as_ptr()) };
    if r == -1 {
        Err(PyErr::fetch(seq.gil()))
    } else {
        Ok(r as usize)
    }
}
