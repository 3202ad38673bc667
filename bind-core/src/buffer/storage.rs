//! Storage types a class can export as its buffer (`#[bind(buffer)]` on a field).
//!
//! | storage | `&mut self` while exported |
//! |---|---|
//! | `Vec<T>`, `Box<[T]>` | refused with `BufferError` (any `&mut` could reallocate) |
//! | `[T; N]` | allowed: the elements live inside the object and cannot move |
//! | [`Array<T, D>`](super::Array) | allowed: in-place writes; resizing returns `BufferError` |
use super::element::Element;
use std::os::raw::c_void;

/// Where an exported array's memory is and how it is shaped.
#[derive(Copy, Clone, Debug)]
pub struct ArrayParts {
    /// The first element.
    pub data: *mut u8,
    /// The number of elements.
    pub len: usize,
    /// The number of dimensions (1 when `shape` is null).
    pub ndim: usize,
    /// `ndim` extents, or null for a 1-D array of `len` elements.
    pub shape: *const isize,
    /// `ndim` strides in bytes, or null for C-contiguous 1-D data.
    pub strides: *const isize,
}

impl ArrayParts {
    /// A 1-D contiguous array of `len` elements at `data`.
    pub fn flat<T>(data: *const T, len: usize) -> ArrayParts {
        ArrayParts {
            data: data.cast_mut().cast(),
            len,
            ndim: 1,
            shape: std::ptr::null(),
            strides: std::ptr::null(),
        }
    }
}

/// A storage type that can export its elements as a buffer.
///
/// # Safety
/// - [`parts`](BufferStorage::parts) describes memory owned by `self` holding `len`
///   initialised `Element`s at the given shape and strides, valid for reads (and for
///   writes when exported writable) for as long as the export lives: from the call to
///   [`export_started`](BufferStorage::export_started) until the matching
///   [`export_ended`](BufferStorage::export_ended).
/// - `shape`/`strides`, when not null, stay valid and unchanged just as long.
/// - When [`STABLE_UNDER_MUT`](BufferStorage::STABLE_UNDER_MUT) is false the engine
///   refuses every `&mut` access to the object while an export lives; when it is true
///   nothing reachable from `&mut Self` (including `mem::replace` of the whole value) may
///   free, move or resize the exported memory or its shape while an export lives.
/// - When `export_started` returns a non-null token, `parts().shape` is not null.
pub unsafe trait BufferStorage: 'static {
    /// The element type.
    type Element: Element;
    /// Whether `&mut Self` can never invalidate a live export (see the trait's rules).
    const STABLE_UNDER_MUT: bool = false;
    /// The memory to export.
    fn parts(&self) -> ArrayParts;
    /// Called when an export starts; the token comes back to `export_ended`.
    fn export_started(&self) -> *mut c_void {
        std::ptr::null_mut()
    }
    /// Called when an export ends, with the token of `export_started`.
    ///
    /// # Safety
    /// `token` came from `export_started` of a value of this type, and is passed once.
    unsafe fn export_ended(token: *mut c_void) {
        let _ = token;
    }
}

// SAFETY: the elements are owned by the Vec; the engine refuses `&mut` access (which
// could reallocate) while exported.
unsafe impl<T: Element> BufferStorage for Vec<T> {
    type Element = T;
    fn parts(&self) -> ArrayParts {
        ArrayParts::flat(self.as_ptr(), self.len())
    }
}

// SAFETY: as for Vec.
unsafe impl<T: Element> BufferStorage for Box<[T]> {
    type Element = T;
    fn parts(&self) -> ArrayParts {
        ArrayParts::flat(self.as_ptr(), self.len())
    }
}

// SAFETY: the elements live inside the value, which lives inside the Python object (kept
// alive by every export): `&mut` can only write them in place, never free or move them.
unsafe impl<T: Element, const N: usize> BufferStorage for [T; N] {
    type Element = T;
    const STABLE_UNDER_MUT: bool = true;
    fn parts(&self) -> ArrayParts {
        ArrayParts::flat(self.as_ptr(), N)
    }
}
