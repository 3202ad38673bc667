//! Helpers shared by the sequence types (`list`, `tuple`).
use crate::conversion::IntoPyObject;
use crate::err::{check_status, PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::PyAny;
use std::os::raw::c_int;

/// A `list` or `tuple` made at its final length and filled in order, each item stored
/// without a check or a resize. It comes out only when every slot is filled
/// ([`finish`](Self::finish)); dropped before, it is released with its empty slots (null,
/// which CPython's deallocators and `tp_traverse` accept).
pub struct FreshSeq<'py> {
    /// A sequence made by `PyList_New`/`PyTuple_New` (as `list` says) whose slots from
    /// `filled` on are still null.
    seq: Owned<'py, PyAny>,
    /// The number of slots it was made with.
    len: usize,
    /// How many slots are filled (the first ones).
    filled: usize,
    list: bool,
}

impl<'py> FreshSeq<'py> {
    /// A new list of `len` slots to fill (`MemoryError` past what a list can hold).
    #[inline]
    pub fn list(gil: Gil<'py>, len: usize) -> PyResult<Self> {
        Self::new(gil, len, true)
    }

    /// A new tuple of `len` slots to fill (`MemoryError` past what a tuple can hold).
    #[inline]
    pub fn tuple(gil: Gil<'py>, len: usize) -> PyResult<Self> {
        Self::new(gil, len, false)
    }

    #[inline(always)]
    fn new(gil: Gil<'py>, len: usize, list: bool) -> PyResult<Self> {
        let len = clamp(len);
        // SAFETY: New returns a new list/tuple of `len` null slots, or null with an
        // exception.
        let seq = unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                if list {
                    ffi::PyList_New(len)
                } else {
                    ffi::PyTuple_New(len)
                },
            )?
        };
        Ok(FreshSeq {
            seq,
            len: len as usize,
            filled: 0,
            list,
        })
    }

    /// Whether every slot is filled.
    #[inline(always)]
    pub fn is_full(&self) -> bool {
        self.filled >= self.len
    }

    /// Stores `item` in the next slot (the reference moves in); `SystemError` when every
    /// slot is already filled.
    #[inline]
    pub fn push(&mut self, item: Owned<'py, PyAny>) -> PyResult<()> {
        if self.is_full() {
            return Err(too_many());
        }
        // SAFETY: the sequence is the fresh list/tuple `list` says, slot `filled < len` is
        // still null (slots are filled in order), and `item` is a new reference it steals.
        let status = unsafe { set_fresh_slot(self.seq.as_ptr(), self.list, self.filled, item) };
        check_status(self.seq.gil(), status)?;
        self.filled += 1;
        Ok(())
    }

    /// The filled list or tuple; `SystemError` when some slot is still empty (the
    /// sequence is released).
    #[inline]
    pub fn finish(self) -> PyResult<Owned<'py, PyAny>> {
        if self.is_full() {
            Ok(self.seq)
        } else {
            Err(too_few())
        }
    }

    /// Fills every slot from `items` (an iterator whose `len()` is the sequence's length)
    /// and returns the sequence; an iterator whose `len()` lies raises `SystemError`.
    #[inline]
    pub fn fill<I>(mut self, items: I) -> PyResult<Owned<'py, PyAny>>
    where
        I: Iterator,
        I::Item: IntoPyObject<'py>,
    {
        let gil = self.seq.gil();
        for item in items {
            if self.is_full() {
                return Err(too_many());
            }
            self.push(item.into_py(gil)?)?;
        }
        self.finish()
    }
}

/// Stores `item` in slot `i` of a fresh list (`list`) or tuple, stealing the reference
/// (also on failure); inline where the ABI allows. -1 with an exception on failure (only
/// under the stable ABI: a tuple someone else holds a reference to).
///
/// # Safety
/// `seq` was just made by `PyList_New`/`PyTuple_New` (as `list` says), `i` is in bounds
/// and its slot is still null.
#[inline(always)]
unsafe fn set_fresh_slot(
    seq: *mut ffi::PyObject,
    list: bool,
    i: usize,
    item: Owned<'_, PyAny>,
) -> c_int {
    let (i, item) = (i as ffi::Py_ssize_t, item.into_ptr());
    // SAFETY: forwarded from the caller.
    unsafe {
        #[cfg(not(Py_LIMITED_API))]
        {
            if list {
                ffi::PyList_SET_ITEM(seq, i, item)
            } else {
                ffi::PyTuple_SET_ITEM(seq, i, item)
            }
            0
        }
        #[cfg(Py_LIMITED_API)]
        if list {
            ffi::PyList_SetItem(seq, i, item)
        } else {
            ffi::PyTuple_SetItem(seq, i, item)
        }
    }
}

#[cold]
fn too_many() -> PyErr {
    crate::exceptions::PySystemError::new_err("iterator yielded more items than its length")
}

#[cold]
fn too_few() -> PyErr {
    crate::exceptions::PySystemError::new_err("iterator yielded fewer items than its length")
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
