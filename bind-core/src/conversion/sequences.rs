//! `list`/`tuple` ↔ `Vec<T>` and Rust tuples.
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::exceptions::{PyTypeError, PyValueError};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::{PyAny, PyList, PyStr, PyTuple};

impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for Vec<T> {
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(PyList::new(gil, self)?.into_any())
    }
}

impl<'py, T> IntoPyObject<'py> for &[T]
where
    for<'b> &'b T: IntoPyObject<'py>,
{
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(PyList::new(gil, self.iter())?.into_any())
    }
}

impl<'a, 'py, T> FromPyObject<'a, 'py> for Vec<T>
where
    T: for<'b> FromPyObject<'b, 'py>,
{
    const EXPECTED: &'static str = "list";
    /// Any sequence except `str` (which would silently split into characters).
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<PyStr>() {
            return Err(PyTypeError::new_err(
                "'str' object cannot be converted to 'list'",
            ));
        }
        // SAFETY: `obj` is live.
        if unsafe { ffi::PySequence_Check(obj.as_ptr()) } == 0 {
            return Err(PyTypeError::new_err(format!(
                "'{}' object cannot be converted to 'list'",
                obj.type_name()
            )));
        }
        let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
        for item in obj.iter()? {
            let item = item?;
            out.push(T::extract(&item)?);
        }
        Ok(out)
    }
}

macro_rules! tuple_conversions {
    ($len:literal: $($name:ident $idx:tt),+) => {
        impl<'py, $($name: IntoPyObject<'py>),+> IntoPyObject<'py> for ($($name,)+) {
            #[inline]
            fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
                Ok(PyTuple::new(gil, [$(self.$idx.into_py(gil)?),+])?.into_any())
            }
        }

        impl<'a, 'py, $($name: for<'b> FromPyObject<'b, 'py>),+> FromPyObject<'a, 'py> for ($($name,)+) {
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
                Ok(($($name::extract(&tuple.get_item($idx)?)?,)+))
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
