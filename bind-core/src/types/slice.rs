//! [`PySlice`]: Python's `slice`.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::PyInt;

super::native_type!(
    /// Python's `slice` (`start:stop:step`).
    PySlice,
    "slice",
    PySlice_Type,
    |op| ffi::PySlice_Check(op)
);

/// A slice resolved against a sequence length, as `slice.indices(len)` gives it, plus the
/// number of items it selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SliceIndices {
    /// The first index.
    pub start: isize,
    /// The end index (exclusive; may be -1 for a negative step).
    pub stop: isize,
    /// The step (never 0).
    pub step: isize,
    /// How many items the slice selects.
    pub slicelength: usize,
}

impl PySlice {
    /// `slice(start, stop, step)`.
    pub fn new(gil: Gil<'_>, start: isize, stop: isize, step: isize) -> Owned<'_, PySlice> {
        let start = PyInt::new(gil, start as i64);
        let stop = PyInt::new(gil, stop as i64);
        let step = PyInt::new(gil, step as i64);
        // SAFETY: the three ints are live; New takes new references of its own.
        unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                ffi::PySlice_New(start.as_ptr(), stop.as_ptr(), step.as_ptr()),
            )
            .expect("PySlice_New failed")
        }
    }

    /// `slice(None)`, i.e. `[:]`.
    pub fn full(gil: Gil<'_>) -> Owned<'_, PySlice> {
        let none = std::ptr::null_mut();
        // SAFETY: null arguments stand for None.
        unsafe {
            Owned::from_owned_ptr_or_err(gil, ffi::PySlice_New(none, none, none))
                .expect("PySlice_New failed")
        }
    }
}

impl Owned<'_, PySlice> {
    /// Resolves the slice against a sequence of length `len` (`slice.indices(len)`):
    /// `ValueError` for a zero step, `TypeError` for non-integer bounds.
    pub fn indices(&self, len: usize) -> PyResult<SliceIndices> {
        let (mut start, mut stop, mut step): (ffi::Py_ssize_t, ffi::Py_ssize_t, ffi::Py_ssize_t) =
            (0, 0, 0);
        // SAFETY: `self` is a slice; Unpack returns -1 with an exception on failure (it runs
        // `__index__` of the bounds).
        if unsafe { ffi::PySlice_Unpack(self.as_ptr(), &mut start, &mut stop, &mut step) } == -1 {
            return Err(PyErr::fetch(self.gil()));
        }
        let len = len.min(isize::MAX as usize) as ffi::Py_ssize_t;
        // SAFETY: pure arithmetic on the unpacked values; `step` is not 0 after Unpack.
        let slicelength = unsafe { ffi::PySlice_AdjustIndices(len, &mut start, &mut stop, step) };
        Ok(SliceIndices {
            start,
            stop,
            step,
            slicelength: slicelength as usize,
        })
    }
}
