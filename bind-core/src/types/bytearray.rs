//! [`PyByteArray`]: Python's `bytearray`.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::PyAny;

super::native_type!(
    /// Python's `bytearray` (a mutable, resizable byte buffer).
    PyByteArray,
    "bytearray",
    PyByteArray_Type,
    |op| ffi::PyByteArray_Check(op)
);

impl PyByteArray {
    /// A new `bytearray` holding a copy of `data`.
    pub fn new<'py>(gil: Gil<'py>, data: &[u8]) -> Owned<'py, PyByteArray> {
        // SAFETY: `data` is valid for its length; a new reference or null is returned.
        unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                ffi::PyByteArray_FromStringAndSize(
                    data.as_ptr().cast(),
                    data.len() as ffi::Py_ssize_t,
                ),
            )
            .expect("PyByteArray_FromStringAndSize failed")
        }
    }

    /// A new `bytearray` of `len` zero bytes.
    pub fn zeroed(gil: Gil<'_>, len: usize) -> PyResult<Owned<'_, PyByteArray>> {
        let array = PyByteArray::new(gil, &[]);
        array.resize(len)?;
        Ok(array)
    }

    /// `bytearray(obj)`: copies any object supporting the buffer protocol (or an iterable
    /// of ints).
    pub fn from_object<'py>(obj: &Owned<'py, PyAny>) -> PyResult<Owned<'py, PyByteArray>> {
        // SAFETY: `obj` is live; FromObject returns a new reference or null.
        unsafe {
            Owned::from_owned_ptr_or_err(obj.gil(), ffi::PyByteArray_FromObject(obj.as_ptr()))
        }
    }
}

impl Owned<'_, PyByteArray> {
    /// `len(self)`.
    #[inline]
    pub fn len(&self) -> usize {
        // SAFETY: `self` is a bytearray.
        unsafe { ffi::PyByteArray_Size(self.as_ptr()) as usize }
    }

    /// Whether the bytearray is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A raw pointer to the contents; it is invalidated by any resize (which Python code
    /// can perform whenever it runs).
    #[inline]
    pub fn data(&self) -> *mut u8 {
        // SAFETY: `self` is a bytearray; AsString returns its (never null) buffer.
        unsafe { ffi::PyByteArray_AsString(self.as_ptr()).cast() }
    }

    /// A copy of the contents.
    pub fn to_vec(&self) -> Vec<u8> {
        // SAFETY: no Python code runs between reading the length and copying, so the
        // buffer cannot be resized or freed meanwhile.
        unsafe { self.as_bytes().to_vec() }
    }

    /// The contents, borrowed.
    ///
    /// # Safety
    /// The slice points into the object's buffer, which Python code may resize or free
    /// (e.g. `del a[:]`, `a.extend(...)`). The caller must ensure that no Python code
    /// that could touch this bytearray runs while the slice is alive, and that nothing
    /// writes to it meanwhile (e.g. through [`Self::as_bytes_mut`]).
    pub unsafe fn as_bytes(&self) -> &[u8] {
        let len = self.len();
        if len == 0 {
            return &[];
        }
        // SAFETY: the buffer holds `len` initialized bytes; the caller guarantees it stays
        // valid and unaliased by writes for the lifetime of the slice.
        unsafe { std::slice::from_raw_parts(self.data(), len) }
    }

    /// The contents, borrowed mutably.
    ///
    /// # Safety
    /// As for [`Self::as_bytes`], and in addition no other borrow of the contents (from
    /// this or another handle to the same object, or from Python through a buffer) may
    /// exist while the slice is alive.
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn as_bytes_mut(&self) -> &mut [u8] {
        let len = self.len();
        if len == 0 {
            return &mut [];
        }
        // SAFETY: the buffer holds `len` initialized bytes; the caller guarantees
        // exclusive access for the lifetime of the slice.
        unsafe { std::slice::from_raw_parts_mut(self.data(), len) }
    }

    /// Resizes to `len` bytes; new bytes are zero. Fails with `BufferError` while a
    /// buffer export (e.g. a `memoryview`) is active.
    pub fn resize(&self, len: usize) -> PyResult<()> {
        let old = self.len();
        // SAFETY: `self` is a bytearray; Resize returns -1 with an exception on failure.
        if unsafe { ffi::PyByteArray_Resize(self.as_ptr(), len as ffi::Py_ssize_t) } == -1 {
            return Err(PyErr::fetch(self.gil()));
        }
        if len > old {
            // SAFETY: after a successful resize the buffer holds `len` bytes; CPython does
            // not initialize the grown part, so zero it.
            unsafe { std::ptr::write_bytes(self.data().add(old), 0, len - old) };
        }
        Ok(())
    }
}
