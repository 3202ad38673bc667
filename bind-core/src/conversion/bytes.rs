//! `bytes` ↔ `&[u8]`, `Cow<[u8]>` (and the `Vec<u8>` fast path).
//!
//! Out, every byte container becomes `bytes`. In, `&[u8]` borrows the storage of a
//! `bytes` object (no copy; a `bytearray` is mutable, so it cannot be borrowed), while the
//! owned forms copy from `bytes`, `bytearray` or any buffer of bytes, and finally accept a
//! sequence of ints in `0..=255`.
use crate::conversion::buffer_fast::{vec_from_buffer, NumKind};
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::{PyAny, PyByteArray, PyBytes};
use std::borrow::Cow;

/// `bytes`/`bytearray`/byte buffers copied into a `Vec<u8>`; `None` for other objects.
pub(crate) fn bytes_like_to_vec(obj: &Owned<'_, PyAny>) -> Option<PyResult<Vec<u8>>> {
    let p = obj.as_ptr();
    // SAFETY: `p` is live; the checks read its type flags.
    if unsafe { ffi::PyBytes_Check(p) } {
        // SAFETY: just checked.
        let bytes: &Owned<'_, PyBytes> = unsafe { obj.cast_ref_unchecked() };
        return Some(crate::conversion::sequences::copy_fallible(
            bytes.as_bytes(),
        ));
    }
    // SAFETY: `p` is live.
    if unsafe { ffi::PyByteArray_Check(p) } {
        // SAFETY: just checked.
        let array: &Owned<'_, PyByteArray> = unsafe { obj.cast_ref_unchecked() };
        return Some(Ok(array.to_vec()));
    }
    vec_from_buffer(obj, NumKind::Unsigned)
}

impl<'py> IntoPyObject<'py> for &[u8] {
    const TYPE_HINT: TypeHint = TypeHint::Name("bytes");
    /// `bytes`.
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(PyBytes::new(gil, self).into_any())
    }
}

impl<'py> IntoPyObject<'py> for Cow<'_, [u8]> {
    const TYPE_HINT: TypeHint = TypeHint::Name("bytes");
    /// `bytes`.
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(PyBytes::new(gil, &self).into_any())
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for &'a [u8] {
    const TYPE_HINT: TypeHint = TypeHint::Name("bytes");
    const EXPECTED: &'static str = "bytes";
    /// Borrows the storage of a `bytes` object (immutable, so the borrow is sound).
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        Ok(obj.downcast::<PyBytes>()?.as_bytes())
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Cow<'a, [u8]> {
    const TYPE_HINT: TypeHint = TypeHint::Name("bytes");
    const EXPECTED: &'static str = "bytes";
    /// Borrows a `bytes` object; copies a `bytearray`, a byte buffer or a sequence of ints.
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        if let Ok(bytes) = obj.downcast::<PyBytes>() {
            return Ok(Cow::Borrowed(bytes.as_bytes()));
        }
        Vec::<u8>::extract(obj).map(Cow::Owned)
    }
}
