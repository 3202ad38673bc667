//! The other Rust sequences: `[T; N]`, `Box<[T]>`, `VecDeque<T>`, `SmallVec<[T; N]>`.
//!
//! Each extracts like `Vec<T>` (any sequence but `str`, fast paths included) and converts
//! out like it: a `list`, or `bytes` when the element type is `u8`.
use crate::conversion::sequences::{extract_like_vec, extract_vec};
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::exceptions::PyValueError;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::PyAny;
use smallvec::SmallVec;
use std::collections::VecDeque;

impl<'py, T: IntoPyObject<'py>, const N: usize> IntoPyObject<'py> for [T; N] {
    const TYPE_HINT: TypeHint = <T as IntoPyObject<'py>>::SEQ_TYPE_HINT;
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        T::seq_into_py(self.into_iter(), gil)
    }
}

impl<'a, 'py, T, const N: usize> FromPyObject<'a, 'py> for [T; N]
where
    T: for<'b> FromPyObject<'b, 'py>,
{
    const TYPE_HINT: TypeHint = TypeHint::Generic {
        name: "typing.Sequence",
        args: &[<T as FromPyObject<'a, 'py>>::TYPE_HINT],
    };
    const EXPECTED: &'static str = "list";
    /// A sequence of exactly `N` items; another length raises `ValueError`.
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let items: Vec<T> = extract_vec(obj)?;
        let len = items.len();
        items.try_into().map_err(|_| {
            PyValueError::new_err(format!(
                "expected a sequence of length {N}, got one of length {len}"
            ))
        })
    }
}

impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for Box<[T]> {
    const TYPE_HINT: TypeHint = <T as IntoPyObject<'py>>::SEQ_TYPE_HINT;
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        T::vec_into_py(self.into_vec(), gil)
    }
}

impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for VecDeque<T> {
    const TYPE_HINT: TypeHint = <T as IntoPyObject<'py>>::SEQ_TYPE_HINT;
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        T::seq_into_py(self.into_iter(), gil)
    }
}

impl<'py, A> IntoPyObject<'py> for SmallVec<A>
where
    A: smallvec::Array,
    A::Item: IntoPyObject<'py>,
{
    const TYPE_HINT: TypeHint = <A::Item as IntoPyObject<'py>>::SEQ_TYPE_HINT;
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        A::Item::seq_into_py(self.into_iter(), gil)
    }
}

impl<'a, 'py, A> FromPyObject<'a, 'py> for SmallVec<A>
where
    A: smallvec::Array,
    A::Item: for<'b> FromPyObject<'b, 'py>,
{
    const TYPE_HINT: TypeHint = TypeHint::Generic {
        name: "typing.Sequence",
        args: &[<A::Item as FromPyObject<'a, 'py>>::TYPE_HINT],
    };
    const EXPECTED: &'static str = "list";
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        extract_vec(obj).map(SmallVec::from_vec)
    }
}

extract_like_vec!(Box<[T]> => Vec::into_boxed_slice, VecDeque<T> => VecDeque::from);
