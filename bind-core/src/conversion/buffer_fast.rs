//! The fast paths of `Vec<number>` extraction: one copy out of a buffer-protocol object
//! (`array.array`, `memoryview`, numpy arrays, `bytes`) whose element format matches the
//! Rust element type, and one tight loop over a list or tuple of exact `int`s or `float`s
//! (item array read directly, no reference taken, no Python code run), instead of the
//! general element-by-element path.
use crate::err::PyResult;
#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
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
#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
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
#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
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
#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
pub(crate) fn vec_from_buffer<T: Copy>(
    obj: &Owned<'_, PyAny>,
    kind: NumKind,
) -> Option<PyResult<Vec<T>>> {
    let p = obj.as_ptr();
    // SAFETY: `p` is live; the checks read its type flags.
    let (list, tuple) = unsafe { (ffi::PyList_Check(p), ffi::PyTuple_Check(p)) };
    if list || tuple {
        #[cfg(all(not(Py_LIMITED_API), not(Py_GIL_DISABLED)))]
        return vec_from_exact_items(p, list, kind).map(Ok);
        #[cfg(any(Py_LIMITED_API, Py_GIL_DISABLED))]
        return None;
    }
    // SAFETY: `p` is live; the check reads its type flags.
    if unsafe { ffi::PyUnicode_Check(p) } {
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
        drop(crate::err::PyErr::take(obj.gil()));
        return None;
    }
    // SAFETY: `view.format` is NULL or a NUL-terminated string owned by the exporter.
    let usable = view.ndim <= 1
        && view.itemsize as usize == std::mem::size_of::<T>()
        && unsafe { format_matches(view.format, kind) };
    let result = usable.then(|| {
        let count = view.len as usize / std::mem::size_of::<T>();
        let mut out: Vec<T> = Vec::new();
        // The buffer is real memory, but its copy may still not fit: `MemoryError`.
        if out.try_reserve_exact(count).is_err() {
            return Err(crate::conversion::sequences::memory_error());
        }
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

/// abi3 builds for versions before 3.11 cannot use the buffer API (outside their stable
/// ABI): the general path converts.
#[cfg(all(Py_LIMITED_API, not(Py_3_11)))]
pub(crate) fn vec_from_buffer<T: Copy>(
    _obj: &Owned<'_, PyAny>,
    _kind: NumKind,
) -> Option<PyResult<Vec<T>>> {
    None
}

/// The items of a list (`list`) or tuple `p` copied into a `Vec<T>` when every item is an
/// exact `int` (integer kinds) or `float` (`Float`) whose value fits `T`; `None` (no
/// error set) otherwise, and the general path then converts or words the error.
///
/// Reading exact ints and floats runs no Python code, so the list cannot change while its
/// item array is read without taking references.
#[cfg(all(not(Py_LIMITED_API), not(Py_GIL_DISABLED)))]
fn vec_from_exact_items<T: Copy>(
    p: *mut ffi::PyObject,
    list: bool,
    kind: NumKind,
) -> Option<Vec<T>> {
    // SAFETY: `p` is a list or tuple (as `list` says), read with the GIL held: its item
    // array holds `ob_size` live objects, and nothing in this function can change it.
    let items: &[*mut ffi::PyObject] = unsafe {
        let len = ffi::Py_SIZE(p) as usize;
        let first = if list {
            (*p.cast::<ffi::PyListObject>()).ob_item
        } else {
            std::ptr::addr_of_mut!((*p.cast::<ffi::PyTupleObject>()).ob_item).cast()
        };
        if len == 0 {
            &[]
        } else {
            std::slice::from_raw_parts(first, len)
        }
    };
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    let int_type = std::ptr::addr_of_mut!(ffi::PyLong_Type);
    let float_type = std::ptr::addr_of_mut!(ffi::PyFloat_Type);
    for (i, &item) in items.iter().enumerate() {
        // SAFETY: `item` is live (held by the container).
        let ty = unsafe { ffi::Py_TYPE(item) };
        let value = if kind == NumKind::Float {
            if ty != float_type {
                return None;
            }
            // SAFETY: `item` is exactly a float: AsDouble reads it and cannot fail.
            float_as::<T>(unsafe { ffi::PyFloat_AsDouble(item) })?
        } else {
            if ty != int_type {
                return None;
            }
            let mut overflow = 0;
            // SAFETY: `item` is exactly an int: no `__index__` call, no error (a value
            // beyond 64 bits only sets `overflow`).
            let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(item, &mut overflow) };
            if overflow != 0 {
                return None;
            }
            int_as::<T>(v, kind)?
        };
        // SAFETY: `i < items.len()`, the capacity; `out` is only read after `set_len`.
        unsafe { out.as_mut_ptr().add(i).write(value) };
    }
    // SAFETY: all `items.len()` slots were written above.
    unsafe { out.set_len(items.len()) };
    Some(out)
}

/// `v` as `T`, a native integer of `size_of::<T>()` bytes and `kind`, if it fits.
#[cfg(all(not(Py_LIMITED_API), not(Py_GIL_DISABLED)))]
#[inline(always)]
fn int_as<T: Copy>(v: i64, kind: NumKind) -> Option<T> {
    let size = std::mem::size_of::<T>();
    if size > 8 {
        return None;
    }
    let bits = 8 * size as u32;
    let fits = match kind {
        NumKind::Signed => bits == 64 || (v >> (bits - 1)) == 0 || (v >> (bits - 1)) == -1,
        _ => v >= 0 && (bits == 64 || (v >> bits) == 0),
    };
    if !fits {
        return None;
    }
    let bytes = v.to_ne_bytes();
    let at = if cfg!(target_endian = "little") {
        0
    } else {
        8 - size
    };
    // SAFETY: `T` is an integer of `size` bytes (the caller's kind), so any `size` bytes
    // are a valid `T`; the value fits, so its low-order bytes alone represent it.
    Some(unsafe { std::ptr::read_unaligned(bytes.as_ptr().add(at).cast::<T>()) })
}

/// `v` as `T`, `f64` or `f32` (rounded as `as` does, like the `f32` extraction).
#[cfg(all(not(Py_LIMITED_API), not(Py_GIL_DISABLED)))]
#[inline(always)]
fn float_as<T: Copy>(v: f64) -> Option<T> {
    match std::mem::size_of::<T>() {
        // SAFETY: `T` is `f64` (a float kind of 8 bytes).
        8 => Some(unsafe { std::mem::transmute_copy::<f64, T>(&v) }),
        // SAFETY: `T` is `f32` (a float kind of 4 bytes).
        4 => Some(unsafe { std::mem::transmute_copy::<f32, T>(&(v as f32)) }),
        _ => None,
    }
}
