//! `list`/`tuple`/any sequence ↔ `Vec<T>` and Rust tuples.
//!
//! Lists and tuples are read through their item arrays (no iterator object, no per-item
//! method call); other sequences through the iterator protocol; `str` is refused (it
//! would silently split into characters). Element types may take a faster route through
//! the [`FromPyObject::extract_vec`] hook (numbers from buffers, `u8` from `bytes`).
//! A failing element is reported with its index (`[3]: …`, see [`super::path`]).
use crate::conversion::path::ErrPath;
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::exceptions::{PyTypeError, PyValueError};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::{FreshSeq, PyAny, PyList, PyStr, PyTuple};

/// A new `list` of exactly `len` items taken from `items` (pre-sized, filled in place).
#[inline]
pub(crate) fn list_from_iter<'py, T, I>(gil: Gil<'py>, items: I) -> PyResult<Owned<'py, PyAny>>
where
    T: IntoPyObject<'py>,
    I: ExactSizeIterator<Item = T>,
{
    FreshSeq::list(gil, items.len())?.fill(items)
}

impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for Vec<T> {
    const TYPE_HINT: TypeHint = <T as IntoPyObject<'py>>::SEQ_TYPE_HINT;
    /// A `list` (a `bytes` object for `Vec<u8>`).
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        T::vec_into_py(self, gil)
    }
}

impl<'py, T> IntoPyObject<'py> for &[T]
where
    for<'b> &'b T: IntoPyObject<'py>,
{
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        list_from_iter(gil, self.iter())
    }
}

#[cold]
fn not_a_sequence(obj: &Owned<'_, PyAny>) -> crate::PyErr {
    PyTypeError::new_err(format!(
        "'{}' object cannot be converted to 'list'",
        obj.type_name()
    ))
}

/// Reads any sequence except `str` into a `Vec`, element by element, with index paths.
pub(crate) fn extract_sequence<'py, T>(obj: &Owned<'py, PyAny>) -> PyResult<Vec<T>>
where
    T: for<'b> FromPyObject<'b, 'py>,
{
    let gil = obj.gil();
    let p = obj.as_ptr();
    // SAFETY: `p` is live; the checks read its type flags.
    let (is_list, is_tuple) = unsafe { (ffi::PyList_Check(p), ffi::PyTuple_Check(p)) };
    if is_tuple {
        let tuple: &Owned<'py, PyTuple> = obj.downcast::<PyTuple>()?;
        let len = tuple.len();
        let mut out = Vec::new();
        reserve_for::<T>(&mut out, len)?;
        for i in 0..len {
            // A tuple owns its items for as long as it lives: borrowing them is sound.
            let item = tuple.get_borrowed_item(i)?;
            push(&mut out, T::extract(&item).map_err(|e| e.at_index(gil, i))?)?;
        }
        return Ok(out);
    }
    if is_list {
        let list: &Owned<'py, PyList> = obj.downcast::<PyList>()?;
        let mut out = Vec::new();
        reserve_for::<T>(&mut out, list_len(list))?;
        let mut i = 0;
        // The length is re-read on every step: extracting an item may run Python code
        // (`__index__`, `__float__`, a collection's callbacks) that mutates the list.
        while i < list_len(list) {
            #[cfg(all(not(Py_LIMITED_API), not(Py_GIL_DISABLED)))]
            if let Some(reader) = T::PLAIN {
                // SAFETY: `i < len(list)` was just checked with the GIL held, so the slot
                // holds a live item; the sealed reader runs no Python code, so nothing can
                // remove the item while it is read without a reference.
                let value = unsafe {
                    reader.read(ffi::PyList_GET_ITEM(list.as_ptr(), i as ffi::Py_ssize_t))
                };
                if let Some(value) = value {
                    push(&mut out, value)?;
                    i += 1;
                    continue;
                }
            }
            // Anything else (and every error) goes through an owned reference.
            let item = list_item(list, i);
            push(&mut out, T::extract(&item).map_err(|e| e.at_index(gil, i))?)?;
            i += 1;
        }
        return Ok(out);
    }
    if obj.is_instance_of::<PyStr>() {
        return Err(PyTypeError::new_err(
            "'str' object cannot be converted to 'list'",
        ));
    }
    // SAFETY: `p` is live.
    if unsafe { ffi::PySequence_Check(p) } == 0 {
        return Err(not_a_sequence(obj));
    }
    // `__len__` of an arbitrary sequence is not trusted (it may lie, or fail): the vector
    // grows as items arrive.
    let mut out = Vec::new();
    for (i, item) in obj.iter()?.enumerate() {
        let item = item?;
        push(&mut out, T::extract(&item).map_err(|e| e.at_index(gil, i))?)?;
    }
    Ok(out)
}

/// The most bytes reserved ahead from a container's length; beyond it a vector grows as
/// items arrive (so a huge element type or length costs memory only for real items).
const MAX_RESERVE_BYTES: usize = 1 << 24;

/// Reserves room for up to `len` items of `T`, bounded by [`MAX_RESERVE_BYTES`];
/// `MemoryError` when even that fails.
#[inline]
pub(crate) fn reserve_for<T>(out: &mut Vec<T>, len: usize) -> PyResult<()> {
    let bound = MAX_RESERVE_BYTES / std::mem::size_of::<T>().max(1);
    out.try_reserve(len.min(bound)).map_err(|_| memory_error())
}

/// Appends `value`, growing the vector fallibly (`MemoryError`, never an abort).
#[inline(always)]
pub(crate) fn push<T>(out: &mut Vec<T>, value: T) -> PyResult<()> {
    if out.len() == out.capacity() {
        out.try_reserve(1).map_err(|_| memory_error())?;
    }
    out.push(value);
    Ok(())
}

/// `items` copied into a new vector, reserved fallibly (`MemoryError`, never an abort).
pub(crate) fn copy_fallible<T: Copy>(items: &[T]) -> PyResult<Vec<T>> {
    let mut out = Vec::new();
    out.try_reserve_exact(items.len())
        .map_err(|_| memory_error())?;
    out.extend_from_slice(items);
    Ok(out)
}

#[cold]
pub(crate) fn memory_error() -> crate::PyErr {
    crate::exceptions::PyMemoryError::new_err("cannot allocate memory for the converted items")
}

/// `len(list)`, read inline where the ABI allows.
#[inline(always)]
fn list_len(list: &Owned<'_, PyList>) -> usize {
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: `list` is a list.
    unsafe {
        ffi::PyList_GET_SIZE(list.as_ptr()) as usize
    }
    #[cfg(Py_LIMITED_API)]
    list.len()
}

/// `list[i]` as a new reference; `i` must be in bounds.
#[inline(always)]
fn list_item<'py>(list: &Owned<'py, PyList>, i: usize) -> Owned<'py, PyAny> {
    #[cfg(all(not(Py_LIMITED_API), not(Py_GIL_DISABLED)))]
    // SAFETY: `i < len(list)` (checked by the caller just before, with the GIL held); the
    // borrowed item is turned into a new reference at once.
    unsafe {
        Owned::from_borrowed_ptr(
            list.gil(),
            ffi::PyList_GET_ITEM(list.as_ptr(), i as ffi::Py_ssize_t),
        )
    }
    #[cfg(any(Py_LIMITED_API, Py_GIL_DISABLED))]
    {
        list.get_item(i).expect("index checked against the length")
    }
}

/// Reads any sequence except `str` into a `Vec`; numeric element types also read
/// buffer-protocol objects of their element format in one copy, and lists or tuples of
/// exact numbers in one tight loop; `Vec<u8>` reads `bytes`/`bytearray`.
#[inline]
pub(crate) fn extract_vec<'py, T>(obj: &Owned<'py, PyAny>) -> PyResult<Vec<T>>
where
    T: for<'b> FromPyObject<'b, 'py>,
{
    if let Some(fast) = T::extract_vec(obj) {
        return fast;
    }
    extract_sequence(obj)
}

/// `FromPyObject` for Rust sequences of `T` read as by [`extract_vec`], then made from the
/// `Vec` by `$from`.
macro_rules! extract_like_vec {
    ($($seq:ty => $from:expr),* $(,)?) => {$(
        impl<'a, 'py, T> FromPyObject<'a, 'py> for $seq
        where
            T: for<'b> FromPyObject<'b, 'py>,
        {
            const TYPE_HINT: TypeHint = TypeHint::Generic { name: "typing.Sequence", args: &[<T as FromPyObject<'a, 'py>>::TYPE_HINT] };
            const EXPECTED: &'static str = "list";
            #[inline]
            fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
                $crate::conversion::sequences::extract_vec(obj).map($from)
            }
        }
    )*};
}
pub(crate) use extract_like_vec;

extract_like_vec!(Vec<T> => std::convert::identity);

macro_rules! tuple_conversions {
    ($len:literal: $($name:ident $idx:tt),+) => {
        impl<'py, $($name: IntoPyObject<'py>),+> IntoPyObject<'py> for ($($name,)+) {
            const TYPE_HINT: TypeHint = TypeHint::Generic {
                name: "tuple",
                args: &[$(<$name as IntoPyObject<'py>>::TYPE_HINT),+],
            };
            #[inline]
            fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
                Ok(PyTuple::new(gil, [$(self.$idx.into_py(gil)?),+])?.into_any())
            }
        }

        impl<'a, 'py, $($name: for<'b> FromPyObject<'b, 'py>),+> FromPyObject<'a, 'py> for ($($name,)+) {
            const TYPE_HINT: TypeHint = TypeHint::Generic {
                name: "tuple",
                args: &[$(<$name as FromPyObject<'a, 'py>>::TYPE_HINT),+],
            };
            const EXPECTED: &'static str = "tuple";
            fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
                let tuple = obj.downcast::<PyTuple>()?;
                if tuple.len() != $len {
                    return Err(PyValueError::new_err(format!(
                        "expected a tuple of length {}, got one of length {}",
                        $len,
                        tuple.len()
                    )));
                }
                let gil = obj.gil();
                Ok(($(
                    $name::extract(&tuple.get_item($idx)?).map_err(|e| e.at_index(gil, $idx))?,
                )+))
            }
        }
    };
}

tuple_conversions!(1: A 0);
tuple_conversions!(2: A 0, B 1);
tuple_conversions!(3: A 0, B 1, C 2);
tuple_conversions!(4: A 0, B 1, C 2, D 3);
tuple_conversions!(5: A 0, B 1, C 2, D 3, E 4);
tuple_conversions!(6: A 0, B 1, C 2, D 3, E 4, F 5);
tuple_conversions!(7: A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_conversions!(8: A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_conversions!(9: A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_conversions!(10: A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_conversions!(11: A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_conversions!(12: A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);
