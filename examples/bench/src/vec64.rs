//! `Vec64` and `sum_buffer` of the benchmark spec: a class exporting its `f64`s through
//! the buffer protocol, and a function reading any float64 buffer in place.
use bind::exceptions::{PyIndexError, PyValueError};
use bind::prelude::*;

/// n zeros in a native vector of doubles, shared zero-copy with `memoryview`/numpy.
#[derive(PyType)]
#[bind(module = "bind_bench")]
pub struct Vec64 {
    #[bind(buffer)]
    data: Array<f64>,
}

#[methods]
impl Vec64 {
    #[new]
    fn new(n: isize) -> PyResult<Self> {
        if n < 0 {
            return Err(PyValueError::new_err("n must be >= 0"));
        }
        Ok(Vec64 {
            data: Array::zeros([n as usize]),
        })
    }

    fn __len__(&self) -> usize {
        self.data.len()
    }

    fn __getitem__(&self, index: isize) -> PyResult<f64> {
        let len = self.data.len() as isize;
        let i = if index < 0 { index + len } else { index };
        if i < 0 || i >= len {
            return Err(PyIndexError::new_err("Vec64 index out of range"));
        }
        Ok(self.data[i as usize])
    }

    /// Sets every element to `value` (in place: views see the new values).
    fn fill(&mut self, value: f64) {
        self.data.fill(value);
    }
}

/// The sum of a 1-D C-contiguous float64 buffer, read in place.
#[function]
pub fn sum_buffer(a: SliceRef<'_, f64>) -> f64 {
    a.iter().sum()
}
