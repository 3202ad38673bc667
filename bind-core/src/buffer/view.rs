//! Typed views of any buffer exporter (numpy, `array.array`, `bytes`, `bytearray`,
//! `memoryview`, bind classes), taken as function arguments without copying.
//!
//! - [`SliceRef`] / [`SliceMut`]: a 1-D C-contiguous buffer seen as `&[T]` / `&mut [T]`.
//! - [`ArrayRef`] / [`ArrayMut`]: any shape and strides (a numpy slice `a[::2]`, a
//!   transposed matrix), read and written in place by index.
//!
//! Each is validated when extracted — format and item size against `T`, dimensions,
//! contiguity, alignment, writability — and a mismatch raises `TypeError` (format,
//! dimensions) or `BufferError` (layout, writability) naming the argument:
//! `argument 'a': expected a buffer of 'd' (float64), got 'i' (int32)`. Mutable views
//! never alias another live view of the same memory (`BufferError` otherwise).
//!
//! The buffer protocol is in the stable ABI from Python 3.11: an abi3 build below
//! `abi3-py311` has these types but cannot extract them.
use super::element::{describe_format, format_matches, Element};
#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
use crate::conversion::FromPyObject;
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyBufferError, PyTypeError};
use crate::ffi;
#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
use crate::{handle::Owned, types::PyAny};
use std::ffi::CStr;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::sync::Mutex;

/// The address ranges of live views, to refuse a mutable view that overlaps another.
static LIVE_VIEWS: Mutex<Vec<(usize, usize, bool)>> = Mutex::new(Vec::new());

fn live_views() -> std::sync::MutexGuard<'static, Vec<(usize, usize, bool)>> {
    LIVE_VIEWS.lock().unwrap_or_else(|e| e.into_inner())
}

/// An acquired `Py_buffer` (boxed: exporters may point `shape`/`strides` into it),
/// released on drop.
struct RawView {
    view: Box<ffi::Py_buffer>,
    /// The extents and byte strides, copied when the view is taken (an exporter that
    /// leaves them out gets the C-contiguous 1-D reading PEP 3118 gives that case).
    shape: Dims,
    strides: Dims,
    range: (usize, usize, bool),
    /// For a view taken through `__dlpack__`: the tensor, released by its deleter instead
    /// of `PyBuffer_Release`.
    dlpack: Option<super::dlpack::Imported>,
}

type Dims = smallvec::SmallVec<[isize; 4]>;

/// The shape and byte strides of a filled `Py_buffer`: none for a 0-d (scalar) buffer,
/// whose shape PEP 3118 leaves NULL; C-contiguous 1-D when an exporter of more
/// dimensions gave no shape.
#[cfg_attr(all(Py_LIMITED_API, not(Py_3_11)), allow(dead_code))]
fn dims_of(v: &ffi::Py_buffer) -> (Dims, Dims) {
    let itemsize = v.itemsize.max(1);
    if v.shape.is_null() && v.ndim == 0 {
        return (Dims::new(), Dims::new());
    }
    if v.shape.is_null() {
        return (
            smallvec::smallvec![v.len / itemsize],
            smallvec::smallvec![itemsize],
        );
    }
    let ndim = v.ndim.max(0) as usize;
    // SAFETY: a non-null shape has `ndim` entries (PEP 3118).
    let shape: Dims = unsafe { std::slice::from_raw_parts(v.shape, ndim) }.into();
    let strides: Dims = if v.strides.is_null() {
        let mut strides: Dims = smallvec::smallvec![0; ndim];
        let mut step = itemsize;
        for axis in (0..ndim).rev() {
            strides[axis] = step;
            step *= shape[axis];
        }
        strides
    } else {
        // SAFETY: as above, for strides.
        unsafe { std::slice::from_raw_parts(v.strides, ndim) }.into()
    };
    (shape, strides)
}

impl Drop for RawView {
    fn drop(&mut self) {
        if self.range.1 > self.range.0 {
            let mut live = live_views();
            if let Some(i) = live.iter().rposition(|r| *r == self.range) {
                live.swap_remove(i);
            }
        }
        if self.dlpack.is_some() {
            // Dropping the source runs the tensor's deleter.
            return;
        }
        // SAFETY: the view was filled by a successful PyObject_GetBuffer; the views are
        // tied to a GIL lifetime, so the GIL is held.
        unsafe { ffi::PyBuffer_Release(&mut *self.view) };
    }
}

/// What a view needs from the buffer.
#[derive(Copy, Clone)]
struct Wanted {
    writable: bool,
    /// 1-D and C-contiguous.
    slice: bool,
}

#[cfg_attr(all(Py_LIMITED_API, not(Py_3_11)), allow(dead_code))]
impl Wanted {
    /// `SliceRef`: 1-D, C-contiguous, read-only access.
    const SLICE: Wanted = Wanted {
        writable: false,
        slice: true,
    };
    /// `SliceMut`: 1-D, C-contiguous, writable.
    const WRITABLE_SLICE: Wanted = Wanted {
        writable: true,
        slice: true,
    };
    /// `ArrayRef`: any shape and strides, read-only access.
    const ARRAY: Wanted = Wanted {
        writable: false,
        slice: false,
    };
    /// `ArrayMut`: any shape and strides, writable.
    const WRITABLE_ARRAY: Wanted = Wanted {
        writable: true,
        slice: false,
    };
}

/// What the view code needs to know of the element type, as data: the acquisition and
/// checks below are compiled once in this crate, not once per element type in the user's.
#[derive(Copy, Clone)]
struct ElementInfo {
    format: &'static CStr,
    type_name: &'static str,
    size: usize,
    align: usize,
}

#[cfg_attr(all(Py_LIMITED_API, not(Py_3_11)), allow(dead_code))]
impl ElementInfo {
    const fn of<T: Element>() -> ElementInfo {
        ElementInfo {
            format: T::FORMAT,
            type_name: T::TYPE_NAME,
            size: std::mem::size_of::<T>(),
            align: std::mem::align_of::<T>(),
        }
    }
}

#[cold]
fn type_error(element: &ElementInfo, what: String) -> PyErr {
    PyTypeError::new_err(format!(
        "expected a buffer of '{}' ({}), got {what}",
        element.format.to_string_lossy(),
        element.type_name
    ))
}

#[cold]
fn layout_error(what: String) -> PyErr {
    PyBufferError::new_err(what)
}

#[cfg_attr(all(Py_LIMITED_API, not(Py_3_11)), allow(dead_code))]
impl RawView {
    #[cfg(any(not(Py_LIMITED_API), Py_3_11))]
    #[inline(never)]
    fn acquire(obj: &Owned<'_, PyAny>, wanted: Wanted, element: &ElementInfo) -> PyResult<RawView> {
        let p = obj.as_ptr();
        // SAFETY: `p` is live.
        if unsafe { ffi::PyObject_CheckBuffer(p) } == 0 {
            if obj.hasattr("__dlpack__").unwrap_or(false) {
                return RawView::from_dlpack(obj, wanted, element);
            }
            return Err(type_error(
                element,
                format!("a '{}' object", obj.type_name()),
            ));
        }
        let mut view = Box::new(ffi::Py_buffer::zeroed());
        // SAFETY: `p` is live and `view` a zeroed buffer; on success it is released by
        // RawView's drop (built right below, before any early return).
        let rc = unsafe { ffi::PyObject_GetBuffer(p, &mut *view, ffi::PyBUF_RECORDS_RO) };
        if rc != 0 {
            return Err(PyErr::fetch(obj.gil()));
        }
        let (shape, strides) = dims_of(&view);
        let mut raw = RawView {
            view,
            shape,
            strides,
            range: (0, 0, false),
            dlpack: None,
        };
        raw.validate(wanted, element)?;
        raw.register(wanted.writable)?;
        Ok(raw)
    }

    /// A view of an object that has no buffer but a `__dlpack__` (CPU tensors).
    #[cfg(any(not(Py_LIMITED_API), Py_3_11))]
    fn from_dlpack(
        obj: &Owned<'_, PyAny>,
        wanted: Wanted,
        element: &ElementInfo,
    ) -> PyResult<RawView> {
        let imported = super::dlpack::import(obj)?;
        let tensor = *imported.tensor();
        let Some(format) = super::dlpack::format_of(tensor.dtype) else {
            return Err(type_error(
                element,
                format!(
                    "a DLPack tensor of type code {} with {} bits",
                    tensor.dtype.code, tensor.dtype.bits
                ),
            ));
        };
        let itemsize = (tensor.dtype.bits / 8) as isize;
        let ndim = tensor.ndim.max(0) as usize;
        // SAFETY: a DLPack tensor has `ndim` extents, and strides (in elements) or null
        // for C order.
        let shape: Vec<isize> =
            unsafe { (0..ndim).map(|i| *tensor.shape.add(i) as isize).collect() };
        let strides: Vec<isize> = if tensor.strides.is_null() {
            let mut strides = vec![0isize; ndim];
            let mut step = itemsize;
            for axis in (0..ndim).rev() {
                strides[axis] = step;
                step *= shape[axis];
            }
            strides
        } else {
            // SAFETY: as above.
            unsafe {
                (0..ndim)
                    .map(|i| *tensor.strides.add(i) as isize * itemsize)
                    .collect()
            }
        };
        let view = Box::new(ffi::Py_buffer {
            // SAFETY: the offset lies inside the tensor's allocation (DLPack's contract).
            buf: unsafe { tensor.data.cast::<u8>().add(tensor.byte_offset as usize) }.cast(),
            obj: std::ptr::null_mut(),
            len: shape.iter().product::<isize>() * itemsize,
            itemsize,
            readonly: std::os::raw::c_int::from(imported.readonly()),
            ndim: ndim as std::os::raw::c_int,
            format: format.as_ptr().cast_mut(),
            shape: std::ptr::null_mut(),
            strides: std::ptr::null_mut(),
            suboffsets: std::ptr::null_mut(),
            internal: std::ptr::null_mut(),
        });
        let mut raw = RawView {
            view,
            shape: shape.into(),
            strides: strides.into(),
            range: (0, 0, false),
            dlpack: Some(imported),
        };
        raw.validate(wanted, element)?;
        raw.register(wanted.writable)?;
        Ok(raw)
    }

    fn validate(&self, wanted: Wanted, element: &ElementInfo) -> PyResult<()> {
        let v = &*self.view;
        let format: &[u8] = if v.format.is_null() {
            b"B"
        } else {
            // SAFETY: exporters give a NUL-terminated format.
            unsafe { CStr::from_ptr(v.format) }.to_bytes()
        };
        let itemsize = v.itemsize as usize;
        if !format_matches(element.format, element.size, format, itemsize) {
            return Err(type_error(element, describe_format(format, itemsize)));
        }
        let ndim = self.shape.len();
        if wanted.slice && ndim != 1 {
            return Err(type_error(
                element,
                format!("a {ndim}-dimensional buffer (expected 1 dimension)"),
            ));
        }
        if wanted.writable && v.readonly != 0 {
            return Err(layout_error(
                "expected a writable buffer, got a read-only one".to_owned(),
            ));
        }
        if !v.suboffsets.is_null() {
            return Err(layout_error(
                "expected a buffer without suboffsets (PIL-style arrays are not supported)"
                    .to_owned(),
            ));
        }
        let shape = self.shape();
        let strides = self.strides();
        let align = element.align;
        let empty = shape.contains(&0);
        if wanted.slice && !empty && shape[0] > 1 && strides[0] != itemsize as isize {
            return Err(layout_error(format!(
                "expected a C-contiguous buffer, got strides {} for item size {itemsize}",
                tuple_text(strides)
            )));
        }
        if !empty
            && (!(v.buf as usize).is_multiple_of(align)
                || strides.iter().any(|s| s % align as isize != 0))
        {
            return Err(layout_error(format!(
                "expected a buffer aligned to {align} bytes for '{}'",
                element.type_name
            )));
        }
        Ok(())
    }

    /// Records the view's address range; a mutable view may not overlap any other live
    /// view, nor a shared one a live mutable view.
    fn register(&mut self, writable: bool) -> PyResult<()> {
        let (lo, hi) = self.extent();
        if hi <= lo {
            return Ok(());
        }
        let mut live = live_views();
        if live
            .iter()
            .any(|&(a, b, m)| a < hi && lo < b && (m || writable))
        {
            return Err(layout_error(
                "the buffer overlaps memory already borrowed by a mutable view \
                 (or, for a mutable view, by any other view)"
                    .to_owned(),
            ));
        }
        self.range = (lo, hi, writable);
        live.push(self.range);
        Ok(())
    }

    /// The lowest and one-past-highest addresses the view touches.
    fn extent(&self) -> (usize, usize) {
        let shape = self.shape();
        if shape.contains(&0) {
            return (0, 0);
        }
        let start = self.view.buf as isize;
        let (mut lo, mut hi) = (start, start);
        for (&n, &s) in shape.iter().zip(self.strides()) {
            let span = (n - 1) * s;
            if span < 0 {
                lo += span;
            } else {
                hi += span;
            }
        }
        (lo as usize, (hi + self.view.itemsize) as usize)
    }

    fn shape(&self) -> &[isize] {
        &self.shape
    }

    fn strides(&self) -> &[isize] {
        &self.strides
    }

    fn len(&self) -> usize {
        self.shape().iter().product::<isize>() as usize
    }

    /// The address of the element at `index`, or `None` out of bounds.
    fn element_ptr(&self, index: &[usize]) -> Option<*mut u8> {
        let shape = self.shape();
        if index.len() != shape.len() {
            return None;
        }
        let mut offset = 0isize;
        for ((&i, &n), &s) in index.iter().zip(shape).zip(self.strides()) {
            if i >= n as usize {
                return None;
            }
            offset += i as isize * s;
        }
        // SAFETY: in bounds of the exported memory (each index below its extent).
        Some(unsafe { self.view.buf.cast::<u8>().offset(offset) })
    }

    fn slice_ptr<T>(&self) -> *mut T {
        if self.len() == 0 {
            std::ptr::NonNull::<T>::dangling().as_ptr()
        } else {
            self.view.buf.cast()
        }
    }
}

fn tuple_text(values: &[isize]) -> String {
    match values {
        [one] => format!("({one},)"),
        _ => format!(
            "({})",
            values
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A read-only view of a 1-D C-contiguous buffer of `T`, usable as `&[T]`.
pub struct SliceRef<'a, T: Element + bytemuck::Pod> {
    raw: RawView,
    _marker: PhantomData<(&'a [T], *const ())>,
}

impl<T: Element + bytemuck::Pod> Deref for SliceRef<'_, T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        // SAFETY: validated: format and size of T, 1-D, contiguous, aligned, and any bit
        // pattern is a T (Pod); the memory stays exported while `raw` lives, and no
        // mutable view of it exists (the registry).
        unsafe { std::slice::from_raw_parts(self.raw.slice_ptr(), self.raw.len()) }
    }
}

/// A writable view of a 1-D C-contiguous buffer of `T`, usable as `&mut [T]`.
pub struct SliceMut<'a, T: Element + bytemuck::Pod> {
    raw: RawView,
    _marker: PhantomData<(&'a mut [T], *const ())>,
}

impl<T: Element + bytemuck::Pod> Deref for SliceMut<'_, T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        // SAFETY: as for SliceRef.
        unsafe { std::slice::from_raw_parts(self.raw.slice_ptr(), self.raw.len()) }
    }
}

impl<T: Element + bytemuck::Pod> DerefMut for SliceMut<'_, T> {
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as for SliceRef, and the buffer is writable and overlaps no other live
        // view (the registry).
        unsafe { std::slice::from_raw_parts_mut(self.raw.slice_ptr(), self.raw.len()) }
    }
}

/// A read-only view of a buffer of `T` of any shape and strides (no copy).
pub struct ArrayRef<'a, T: Element + bytemuck::Pod> {
    raw: RawView,
    _marker: PhantomData<(&'a [T], *const ())>,
}

/// A writable view of a buffer of `T` of any shape and strides (no copy).
pub struct ArrayMut<'a, T: Element + bytemuck::Pod> {
    raw: RawView,
    _marker: PhantomData<(&'a mut [T], *const ())>,
}

macro_rules! array_reads {
    ($name:ident) => {
        impl<T: Element + bytemuck::Pod> $name<'_, T> {
            /// The number of dimensions.
            pub fn ndim(&self) -> usize {
                self.raw.shape().len()
            }

            /// The extent of each dimension.
            pub fn shape(&self) -> &[usize] {
                bytemuck::cast_slice(self.raw.shape())
            }

            /// The byte step of each dimension (negative for reversed views).
            pub fn strides(&self) -> &[isize] {
                self.raw.strides()
            }

            /// The number of elements.
            pub fn len(&self) -> usize {
                self.raw.len()
            }

            /// Whether there are no elements.
            pub fn is_empty(&self) -> bool {
                self.raw.len() == 0
            }

            /// The element at `index` (one entry per dimension), `None` out of bounds.
            pub fn get(&self, index: &[usize]) -> Option<T> {
                let p = self.raw.element_ptr(index)?;
                // SAFETY: an in-bounds, aligned element of the validated buffer.
                Some(unsafe { *p.cast::<T>() })
            }

            /// The elements as a slice when the view is C-contiguous.
            pub fn as_slice(&self) -> Option<&[T]> {
                let contiguous = {
                    let mut expected = std::mem::size_of::<T>() as isize;
                    let mut ok = true;
                    for (&n, &s) in self.raw.shape().iter().zip(self.raw.strides()).rev() {
                        if n > 1 && s != expected {
                            ok = false;
                        }
                        expected *= n;
                    }
                    ok
                };
                // SAFETY: contiguous, aligned, validated elements.
                contiguous.then(|| unsafe {
                    std::slice::from_raw_parts(self.raw.slice_ptr(), self.raw.len())
                })
            }

            /// Every element in C order (row by row), following the strides.
            pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
                let shape: Vec<usize> = self.shape().to_vec();
                let mut index = vec![0usize; shape.len()];
                let mut remaining = self.len();
                std::iter::from_fn(move || {
                    if remaining == 0 {
                        return None;
                    }
                    remaining -= 1;
                    let value = self.get(&index);
                    for axis in (0..index.len()).rev() {
                        index[axis] += 1;
                        if index[axis] < shape[axis] {
                            break;
                        }
                        index[axis] = 0;
                    }
                    value
                })
            }

            /// A copy of the elements in C order (the one copying operation).
            pub fn to_vec(&self) -> Vec<T> {
                match self.as_slice() {
                    Some(s) => s.to_vec(),
                    None => self.iter().collect(),
                }
            }
        }
    };
}

array_reads!(ArrayRef);
array_reads!(ArrayMut);

impl<T: Element + bytemuck::Pod> ArrayMut<'_, T> {
    /// A mutable reference to the element at `index`, `None` out of bounds.
    pub fn get_mut(&mut self, index: &[usize]) -> Option<&mut T> {
        let p = self.raw.element_ptr(index)?;
        // SAFETY: an in-bounds, aligned element of the validated writable buffer, which no
        // other live view overlaps; borrowed from `self` mutably.
        Some(unsafe { &mut *p.cast::<T>() })
    }

    /// Writes `value` at `index`; false out of bounds.
    pub fn set(&mut self, index: &[usize], value: T) -> bool {
        match self.get_mut(index) {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        }
    }
}

/// `FromPyObject` for a view type: validates the buffer against what the view needs
/// and keeps it exported while the view lives.
macro_rules! view_extraction {
    ($view:ident, $expected:literal, $wanted:expr) => {
        #[cfg(any(not(Py_LIMITED_API), Py_3_11))]
        impl<'a, 'py, T: Element + bytemuck::Pod> FromPyObject<'a, 'py> for $view<'a, T> {
            const EXPECTED: &'static str = $expected;
            fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
                Ok($view {
                    raw: RawView::acquire(obj, $wanted, &const { ElementInfo::of::<T>() })?,
                    _marker: PhantomData,
                })
            }
        }
    };
}

view_extraction!(SliceRef, "buffer", Wanted::SLICE);
view_extraction!(SliceMut, "writable buffer", Wanted::WRITABLE_SLICE);
view_extraction!(ArrayRef, "buffer", Wanted::ARRAY);
view_extraction!(ArrayMut, "writable buffer", Wanted::WRITABLE_ARRAY);
