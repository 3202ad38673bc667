//! [`PyMemoryView`]: Python's `memoryview`.
use crate::err::PyResult;
use crate::ffi;
use crate::handle::Owned;
use crate::types::{PyAny, PyBytes};

super::native_type!(
    /// Python's `memoryview`: a view of another object's buffer.
    PyMemoryView,
    "memoryview",
    PyMemoryView_Type,
    |op| ffi::PyMemoryView_Check(op)
);

impl PyMemoryView {
    /// `memoryview(obj)`: `TypeError` unless `obj` supports the buffer protocol.
    pub fn from_object<'py>(obj: &Owned<'py, PyAny>) -> PyResult<Owned<'py, PyMemoryView>> {
        // SAFETY: `obj` is live; FromObject returns a new reference or null.
        unsafe {
            Owned::from_owned_ptr_or_err(obj.gil(), ffi::PyMemoryView_FromObject(obj.as_ptr()))
        }
    }
}

impl<'py> Owned<'py, PyMemoryView> {
    /// `self.tobytes()`: a copy of the viewed bytes (`ValueError` once released).
    pub fn tobytes(&self) -> PyResult<Owned<'py, PyBytes>> {
        let bytes = self.call_method0("tobytes")?;
        // SAFETY: `memoryview.tobytes` returns bytes.
        Ok(unsafe { bytes.cast_unchecked() })
    }

    /// `self.nbytes`: the size of the viewed memory in bytes.
    pub fn nbytes(&self) -> PyResult<usize> {
        self.getattr("nbytes")?.extract()
    }

    /// `self.readonly`.
    pub fn readonly(&self) -> PyResult<bool> {
        self.getattr("readonly")?.extract()
    }

    /// `self.release()`: releases the underlying buffer; later accesses raise `ValueError`.
    pub fn release(&self) -> PyResult<()> {
        self.call_method0("release").map(drop)
    }
}
