//! [`Array`]: an owned N-D array in C order that stays writable in place while Python
//! holds views of it, and refuses to change shape until the last view is released.
use super::element::Element;
use super::storage::{ArrayParts, BufferStorage};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyBufferError, PyValueError};
use std::ops::{Deref, DerefMut};
use std::os::raw::c_void;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The heap part of an [`Array`]: the export count and the shape and strides that
/// exports point to (they must not move when the `Array` value moves).
struct Dims<const D: usize> {
    exports: AtomicUsize,
    shape: [isize; D],
    strides: [isize; D],
}

/// An owned `D`-dimensional array of `T` in C order, exportable as a buffer
/// (`#[bind(buffer)] data: Array<f64>`).
///
/// Elements can always be written in place (`DerefMut` to `[T]`, [`at_mut`](Array::at_mut)), also while
/// a `memoryview` or numpy array shares them; operations that would reallocate or
/// reshape ([`resize`](Array::resize), [`push`](Array::push), [`reshape`](Array::reshape),
/// [`clear`](Array::clear)) raise `BufferError` while an export is alive. An `Array`
/// dropped or replaced while exported keeps its memory alive (it is leaked) so that the
/// views never dangle.
pub struct Array<T, const D: usize = 1> {
    data: Vec<T>,
    dims: Box<Dims<D>>,
}

fn c_strides<const D: usize>(shape: &[usize; D], itemsize: usize) -> [isize; D] {
    let mut strides = [0isize; D];
    let mut step = itemsize as isize;
    for axis in (0..D).rev() {
        strides[axis] = step;
        step *= shape[axis] as isize;
    }
    strides
}

fn element_count(shape: &[usize]) -> Option<usize> {
    shape
        .iter()
        .try_fold(1usize, |acc, &n| acc.checked_mul(n))
        .filter(|&n| n <= isize::MAX as usize)
}

#[cold]
fn exported_error(what: &str, exports: usize) -> PyErr {
    PyBufferError::new_err(format!(
        "cannot {what} an array while {exports} buffer export{} of it {} alive \
         (release the memoryview or array first)",
        if exports == 1 { "" } else { "s" },
        if exports == 1 { "is" } else { "are" },
    ))
}

impl<T: Element, const D: usize> Array<T, D> {
    /// An array of the given shape with every element `value`.
    pub fn full(shape: [usize; D], value: T) -> Array<T, D> {
        let len = element_count(&shape).expect("array shape overflows isize");
        Array::with_data(vec![value; len], shape)
    }

    /// An array of the given shape filled with zero bytes.
    pub fn zeros(shape: [usize; D]) -> Array<T, D>
    where
        T: bytemuck::Zeroable,
    {
        Array::full(shape, T::zeroed())
    }

    /// `data` (in C order) seen with `shape`; `ValueError` when the sizes differ.
    pub fn from_vec(data: Vec<T>, shape: [usize; D]) -> PyResult<Array<T, D>> {
        match element_count(&shape) {
            Some(n) if n == data.len() => Ok(Array::with_data(data, shape)),
            _ => Err(PyValueError::new_err(format!(
                "cannot view {} elements with shape {:?}",
                data.len(),
                shape
            ))),
        }
    }

    fn with_data(data: Vec<T>, shape: [usize; D]) -> Array<T, D> {
        Array {
            dims: Box::new(Dims {
                exports: AtomicUsize::new(0),
                shape: shape.map(|n| n as isize),
                strides: c_strides(&shape, std::mem::size_of::<T>()),
            }),
            data,
        }
    }

    /// The extent of each dimension.
    pub fn shape(&self) -> [usize; D] {
        self.dims.shape.map(|n| n as usize)
    }

    /// How many buffer exports (memoryviews, numpy arrays) share the elements now.
    pub fn exports(&self) -> usize {
        self.dims.exports.load(Ordering::Acquire)
    }

    fn check_unexported(&self, what: &str) -> PyResult<()> {
        match self.exports() {
            0 => Ok(()),
            n => Err(exported_error(what, n)),
        }
    }

    /// Changes the shape, filling new elements with `value` (C order: a 1-D array keeps
    /// its prefix). `BufferError` while exported.
    pub fn resize(&mut self, shape: [usize; D], value: T) -> PyResult<()> {
        self.check_unexported("resize")?;
        let len = element_count(&shape)
            .ok_or_else(|| PyValueError::new_err("array shape overflows isize"))?;
        self.data.resize(len, value);
        self.set_shape(shape);
        Ok(())
    }

    /// Sees the same elements with another shape of the same size. `BufferError` while
    /// exported, `ValueError` when the sizes differ.
    pub fn reshape(&mut self, shape: [usize; D]) -> PyResult<()> {
        self.check_unexported("reshape")?;
        match element_count(&shape) {
            Some(n) if n == self.data.len() => {
                self.set_shape(shape);
                Ok(())
            }
            _ => Err(PyValueError::new_err(format!(
                "cannot reshape {} elements to {:?}",
                self.data.len(),
                shape
            ))),
        }
    }

    /// Removes every element (all extents become 0). `BufferError` while exported.
    pub fn clear(&mut self) -> PyResult<()> {
        self.check_unexported("clear")?;
        self.data.clear();
        self.set_shape([0; D]);
        Ok(())
    }

    fn set_shape(&mut self, shape: [usize; D]) {
        self.dims.shape = shape.map(|n| n as isize);
        self.dims.strides = c_strides(&shape, std::mem::size_of::<T>());
    }

    /// The elements in C order.
    pub fn as_slice(&self) -> &[T] {
        &self.data
    }

    /// The elements in C order, writable in place.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        &mut self.data
    }

    /// The elements as a `Vec`: moved out when no export is alive, copied otherwise.
    pub fn into_vec(mut self) -> Vec<T> {
        if self.exports() == 0 {
            std::mem::take(&mut self.data)
        } else {
            self.data.clone()
        }
    }

    /// The element at `index` (one entry per dimension). Panics out of bounds.
    pub fn at(&self, index: [usize; D]) -> &T {
        &self.data[self.flat_index(index)]
    }

    /// The element at `index`, writable in place. Panics out of bounds.
    pub fn at_mut(&mut self, index: [usize; D]) -> &mut T {
        let i = self.flat_index(index);
        &mut self.data[i]
    }

    fn flat_index(&self, index: [usize; D]) -> usize {
        let mut flat = 0;
        for (axis, &i) in index.iter().enumerate() {
            let n = self.dims.shape[axis] as usize;
            assert!(
                i < n,
                "index {i} out of bounds for axis {axis} with size {n}"
            );
            flat = flat * n + i;
        }
        flat
    }
}

impl<T: Element> Array<T, 1> {
    /// Appends an element. `BufferError` while exported.
    pub fn push(&mut self, value: T) -> PyResult<()> {
        self.check_unexported("resize")?;
        self.data.push(value);
        self.set_shape([self.data.len()]);
        Ok(())
    }

    /// Shortens to `len` elements (no effect when already shorter). `BufferError` while
    /// exported.
    pub fn truncate(&mut self, len: usize) -> PyResult<()> {
        self.check_unexported("resize")?;
        self.data.truncate(len);
        self.set_shape([self.data.len()]);
        Ok(())
    }
}

impl<T: Element> From<Vec<T>> for Array<T, 1> {
    fn from(data: Vec<T>) -> Self {
        let len = data.len();
        Array::with_data(data, [len])
    }
}

impl<T: Element, const D: usize> Clone for Array<T, D> {
    fn clone(&self) -> Self {
        Array::with_data(self.data.clone(), self.shape())
    }
}

impl<T: Element + std::fmt::Debug, const D: usize> std::fmt::Debug for Array<T, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Array")
            .field("shape", &self.shape())
            .field("data", &self.data)
            .finish()
    }
}

impl<T, const D: usize> Deref for Array<T, D> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.data
    }
}

impl<T, const D: usize> DerefMut for Array<T, D> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.data
    }
}

impl<T, const D: usize> Drop for Array<T, D> {
    fn drop(&mut self) {
        if self.dims.exports.load(Ordering::Acquire) != 0 {
            // Views still point at the elements and at the shape: keep both for ever.
            std::mem::forget(std::mem::take(&mut self.data));
            let dims = std::mem::replace(
                &mut self.dims,
                Box::new(Dims {
                    exports: AtomicUsize::new(0),
                    shape: [0; D],
                    strides: [0; D],
                }),
            );
            Box::leak(dims);
        }
    }
}

// SAFETY: the elements and the shape live in heap blocks the `Array` owns; everything
// that could free, move or change them checks the export count first (resizing methods
// refuse, `Drop` leaks), and the count is the one in the heap block the token points to,
// so moving or replacing the `Array` value does not lose it.
unsafe impl<T: Element, const D: usize> BufferStorage for Array<T, D> {
    type Element = T;
    const STABLE_UNDER_MUT: bool = true;

    fn parts(&self) -> ArrayParts {
        ArrayParts {
            data: self.data.as_ptr().cast_mut().cast(),
            len: self.data.len(),
            ndim: D,
            shape: self.dims.shape.as_ptr(),
            // 1-D: contiguous, the engine points `strides` at the item size.
            strides: if D == 1 {
                std::ptr::null()
            } else {
                self.dims.strides.as_ptr()
            },
        }
    }

    fn export_started(&self) -> *mut c_void {
        // Exports start and end with the GIL held, so updates never race with each other
        // (no read-modify-write needed); a `Drop` on another thread only reads, and a
        // stale read there can only be too high (it then leaks, never frees too early).
        let exports = &self.dims.exports;
        exports.store(exports.load(Ordering::Relaxed) + 1, Ordering::Release);
        (&*self.dims as *const Dims<D>).cast_mut().cast()
    }

    unsafe fn export_ended(token: *mut c_void) {
        // SAFETY: the token is the address of a `Dims<D>` that is never freed while its
        // count is non-zero (the caller's guarantee that the export is live).
        let dims = unsafe { &*token.cast::<Dims<D>>() };
        let exports = &dims.exports;
        exports.store(exports.load(Ordering::Relaxed) - 1, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_and_c_strides() {
        let a = Array::<f32, 3>::zeros([2, 3, 4]);
        let parts = a.parts();
        assert_eq!(parts.len, 24);
        assert_eq!(parts.ndim, 3);
        // SAFETY: an Array's parts point at D extents and strides it owns.
        let (shape, strides) = unsafe {
            (
                std::slice::from_raw_parts(parts.shape, 3),
                std::slice::from_raw_parts(parts.strides, 3),
            )
        };
        assert_eq!(shape, [2, 3, 4]);
        assert_eq!(strides, [48, 16, 4]);
        assert!(Array::<u8, 2>::from_vec(vec![0; 5], [2, 3]).is_err());
    }

    #[test]
    fn resizing_waits_for_the_last_export() {
        let mut a = Array::<f64>::from(vec![1.0, 2.0]);
        let first = a.export_started();
        let second = a.export_started();
        assert_eq!(a.exports(), 2);
        assert!(a.push(3.0).is_err());
        assert!(a.resize([5], 0.0).is_err());
        assert!(a.reshape([2]).is_err());
        assert!(a.clear().is_err());
        a.fill(4.0); // in place is fine
                     // SAFETY: tokens of this array's exports, each ended once.
        unsafe { Array::<f64>::export_ended(first) };
        assert!(a.push(3.0).is_err());
        // SAFETY: as above.
        unsafe { Array::<f64>::export_ended(second) };
        a.push(3.0).unwrap();
        assert_eq!(a.as_slice(), [4.0, 4.0, 3.0]);
        assert_eq!(a.shape(), [3]);
    }

    #[test]
    fn replacing_an_exported_array_keeps_its_memory() {
        let mut a = Array::<i64>::from(vec![7, 8, 9]);
        let parts = a.parts();
        let token = a.export_started();
        let old = std::mem::replace(&mut a, Array::from(vec![1]));
        assert_eq!(old.exports(), 1);
        drop(old); // exported: leaked, not freed
                   // SAFETY: the exported memory and shape outlive the dropped Array.
        unsafe {
            assert_eq!(
                std::slice::from_raw_parts(parts.data.cast::<i64>(), 3),
                [7, 8, 9]
            );
            assert_eq!(*parts.shape, 3);
            Array::<i64>::export_ended(token);
        }
        assert_eq!(a.exports(), 0);
        assert_eq!(a.into_vec(), [1]);
    }
}
