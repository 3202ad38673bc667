//! The fast path of `Vec<number>` extraction: one copy out of a buffer-protocol object
//! (`array.array`, `memoryview`, numpy arrays, `bytes`) whose element format matches the
//! Rust element type, instead of one Python call per item.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::handle::Owned;
use crate::types::PyAny;

/// What kind of number a Rust element type is, to match against a buffer's format code.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumKind {
    /// `i8`..`i64`, `isize`: format codes `b h i l q n`.
    Signed,
    /// `u8`..`u64`, `usize`: format codes `B H I L Q N` (and `c` for bytes).
    Unsigned,
    /// `f32`, `f64`: format codes `f d`.
    Float,
}

/// The kind of a struct-module format code, if it is a plain number.
fn kind_of(code: u8) -> Option<NumKind> {
    match code {
        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => Some(NumKind::Signed),
        b'B' | b'H' | b'I' | b'L' | b'Q' | b'N' | b'c' => Some(NumKind::Unsigned),
        b'f' | b'd' => Some(NumKind::Float),
        _ => None,
    }
}

/// Whether a buffer `format` (NULL means `B`) holds native-layout numbers of `kind`.
///
/// # Safety
/// `format` is NULL or a NUL-terminated string.
unsafe fn format_matches(format: *const libc::c_char, kind: NumKind) -> bool {
    if format.is_null() {
        return kind == NumKind::Unsigned;
    }
    // SAFETY: a NUL-terminated string (caller).
    let bytes = unsafe { std::ffi::CStr::from_ptr(format) }.to_bytes();
    let code = match bytes {
        [c] => *c,
        // Native order with native or standard sizes; the item size is checked separately.
        [b'@', c] => *c,
        [b'=', c] | [b'<', c] if cfg!(target_endian = "little") => *c,
        [b'>', c] | [b'!', c] if cfg!(target_endian = "big") => *c,
        _ => return false,
    };
    kind_of(code) == Some(kind)
}

/// The buffer of `obj` copied into a `Vec<T>` when `obj` exports a 1-D contiguous buffer
/// of `T`-sized numbers of `kind`; `None` (with no error set) for anything else, so that
/// the caller falls back to the sequence path. Lists, tuples and `str` are never buffers.
pub(crate) fn vec_from_buffer<T: Copy>(
    obj: &Owned<'_, PyAny>,
    kind: NumKind,
) -> Option<PyResult<Vec<T>>> {
    let p = obj.as_ptr();
    // SAFETY: `p` is live; the checks read its type flags.
    if unsafe { ffi::PyList_Check(p) || ffi::PyTuple_Check(p) || ffi::PyUnicode_Check(p) } {
        return None;
    }
    #[cfg(any(not(Py_LIMITED_API), Py_3_11))]
    // SAFETY: `p` is live.
    if unsafe { ffi::PyObject_CheckBuffer(p) } == 0 {
        return None;
    }
    let mut view = ffi::Py_buffer::zeroed();
    // SAFETY: `p` is live and `view` is a zeroed buffer to fill; on success it must be
    // released (below, on every path).
    let rc = unsafe {
        ffi::PyObject_GetBuffer(p, &mut view, ffi::PyBUF_FORMAT | ffi::PyBUF_C_CONTIGUOUS)
    };
    if rc != 0 {
        // Not a contiguous buffer: let the sequence path try (and word its own error).
        drop(PyErr::take(obj.gil()));
        return None;
    }
    // SAFETY: `view.format` is NULL or a NUL-terminated string owned by the exporter.
    let usable = view.ndim <= 1
        && view.itemsize as usize == std::mem::size_of::<T>()
        && unsafe { format_matches(view.format, kind) };
    let result = usable.then(|| {
        let count = view.len as usize / std::mem::size_of::<T>();
        let mut out: Vec<T> = Vec::with_capacity(count);
        // SAFETY: the buffer is C-contiguous with `view.len` bytes of `T`-sized items of
        // the right kind (so every bit pattern is a valid `T`); the destination has room
        // for `count` items; the regions cannot overlap (fresh allocation); the source
        // may be unaligned, so bytes are copied.
        unsafe {
            std::ptr::copy_nonoverlapping(
                view.buf.cast::<u8>(),
                out.as_mut_ptr().cast::<u8>(),
                count * std::mem::size_of::<T>(),
            );
            out.set_len(count);
        }
        Ok(out)
    });
    // SAFETY: `view` was filled by a successful GetBuffer and is released once.
    unsafe { ffi::PyBuffer_Release(&mut view) };
    result
}
