//! [`PyBytes`]: Python's `bytes`.
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;

super::native_type!(
    /// Python's `bytes`.
    PyBytes,
    "bytes",
    PyBytes_Type,
    |op| ffi::PyBytes_Check(op)
);

impl PyBytes {
    /// A new `bytes` holding a copy of `data`.
    pub fn new<'py>(gil: Gil<'py>, data: &[u8]) -> Owned<'py, PyBytes> {
        // SAFETY: `data` is valid for its length; a new reference is returned.
        unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                ffi::PyBytes_FromStringAndSize(data.as_ptr().cast(), data.len() as ffi::Py_ssize_t),
            )
            .expect("PyBytes_FromStringAndSize failed")
        }
    }
}

impl Owned<'_, PyBytes> {
    /// The contents, borrowed from the object (bytes are immutable).
    pub fn as_bytes(&self) -> &[u8] {
        let mut data = std::ptr::null_mut();
        let mut len: ffi::Py_ssize_t = 0;
        // SAFETY: `self` is bytes, so the call succeeds; the buffer lives as long as the
        // object, which outlives the borrow of `self`, and bytes objects are immutable.
        unsafe {
            ffi::PyBytes_AsStringAndSize(self.as_ptr(), &mut data, &mut len);
            std::slice::from_raw_parts(data.cast(), len as usize)
        }
    }
}
