//! Integers, floats and `bool`.
use crate::conversion::buffer_fast::{vec_from_buffer, NumKind};
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyOverflowError, PyTypeError};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::PyAny;

/// Reads any `int` (or object with `__index__`) as `i64`/`u64` through CPython, which
/// raises `TypeError: 'str' object cannot be interpreted as an integer` for non-integers
/// and `OverflowError` when out of range.
#[inline]
fn index_to<T>(
    obj: &Owned<'_, PyAny>,
    read: unsafe extern "C" fn(*mut ffi::PyObject) -> T,
    failed: impl Fn(&T) -> bool,
) -> PyResult<T> {
    let gil = obj.gil();
    // SAFETY: `obj` is live; PyLong_Check reads its type flags.
    if unsafe { ffi::PyLong_Check(obj.as_ptr()) } {
        // SAFETY: `obj` is an int.
        let v = unsafe { read(obj.as_ptr()) };
        // SAFETY: checking the error indicator with the GIL held.
        if failed(&v) && unsafe { !ffi::PyErr_Occurred().is_null() } {
            return Err(PyErr::fetch(gil));
        }
        return Ok(v);
    }
    // SAFETY: Index returns a new int reference or null with CPython's TypeError.
    let index: Owned<'_, PyAny> =
        unsafe { Owned::from_owned_ptr_or_err(gil, ffi::PyNumber_Index(obj.as_ptr()))? };
    // SAFETY: `index` is an int.
    let v = unsafe { read(index.as_ptr()) };
    // SAFETY: checking the error indicator with the GIL held.
    if failed(&v) && unsafe { !ffi::PyErr_Occurred().is_null() } {
        return Err(PyErr::fetch(gil));
    }
    Ok(v)
}

#[cold]
fn out_of_range(rust_type: &str, negative: bool) -> PyErr {
    if negative {
        PyOverflowError::new_err(format!("Python int too small to convert to {rust_type}"))
    } else {
        PyOverflowError::new_err(format!("Python int too large to convert to {rust_type}"))
    }
}

/// The general signed path: `__index__`, errors, `-1`.
#[inline(never)]
fn signed_slow(obj: &Owned<'_, PyAny>, rust_type: &'static str) -> PyResult<i64> {
    index_to(obj, ffi::PyLong_AsLongLong, |v| *v == -1).map_err(|e| {
        if e.is_instance_of::<PyOverflowError>(obj.gil()) {
            out_of_range(rust_type, obj.lt(0i64).unwrap_or(false))
        } else {
            e
        }
    })
}

macro_rules! signed_int {
    ($($ty:ty),*) => {$(
        impl<'a, 'py> FromPyObject<'a, 'py> for $ty {
            const TYPE_HINT: TypeHint = TypeHint::Name("int");
            const EXPECTED: &'static str = "int";
            const PLAIN: bool = true;
            #[inline(always)]
            fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
                // The hot case inline: an `int` that fits; everything else out of line.
                // SAFETY: `obj` is live; the check reads its type flags.
                if unsafe { ffi::PyLong_Check(obj.as_ptr()) } {
                    // SAFETY: `obj` is an int.
                    let v = unsafe { ffi::PyLong_AsLongLong(obj.as_ptr()) };
                    if v != -1 {
                        #[allow(irrefutable_let_patterns)]
                        if let Ok(v) = <$ty>::try_from(v) {
                            return Ok(v);
                        }
                    }
                }
                signed_slow(obj, stringify!($ty)).and_then(|v| {
                    <$ty>::try_from(v).map_err(|_| out_of_range(stringify!($ty), v < 0))
                })
            }
            #[inline]
            fn extract_vec(obj: &'a Owned<'py, PyAny>) -> Option<PyResult<Vec<Self>>> {
                vec_from_buffer(obj, NumKind::Signed)
            }
        }
        impl<'py> IntoPyObject<'py> for $ty {
            const TYPE_HINT: TypeHint = TypeHint::Name("int");
            #[inline]
            fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
                // SAFETY: FromLongLong returns a new reference or null on memory exhaustion.
                unsafe { Owned::from_owned_ptr_or_err(gil, ffi::PyLong_FromLongLong(self as i64)) }
            }
        }
    )*};
}

macro_rules! unsigned_int {
    ($($ty:ty),*) => {$(
        impl<'a, 'py> FromPyObject<'a, 'py> for $ty {
            const TYPE_HINT: TypeHint = TypeHint::Name("int");
            const EXPECTED: &'static str = "int";
            const PLAIN: bool = true;
            #[inline]
            fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
                let v = index_to(obj, ffi::PyLong_AsUnsignedLongLong, |v| *v == u64::MAX)
                    .map_err(|e| {
                        let gil = obj.gil();
                        if e.is_instance_of::<PyOverflowError>(gil) {
                            let negative = obj.lt(0i64).unwrap_or(false);
                            out_of_range(stringify!($ty), negative)
                        } else {
                            e
                        }
                    })?;
                <$ty>::try_from(v).map_err(|_| out_of_range(stringify!($ty), false))
            }
            #[inline]
            fn extract_vec(obj: &'a Owned<'py, PyAny>) -> Option<PyResult<Vec<Self>>> {
                vec_from_buffer(obj, NumKind::Unsigned)
            }
        }
        impl<'py> IntoPyObject<'py> for $ty {
            const TYPE_HINT: TypeHint = TypeHint::Name("int");
            #[inline]
            fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
                // SAFETY: returns a new reference or null on memory exhaustion.
                unsafe {
                    Owned::from_owned_ptr_or_err(gil, ffi::PyLong_FromUnsignedLongLong(self as u64))
                }
            }
        }
    )*};
}

signed_int!(i8, i16, i32, i64, isize);
unsigned_int!(u16, u32, u64, usize);

impl<'a, 'py> FromPyObject<'a, 'py> for u8 {
    const TYPE_HINT: TypeHint = TypeHint::Name("int");
    const EXPECTED: &'static str = "int";
    const PLAIN: bool = true;
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let v = u64::extract(obj).map_err(|e| {
            if e.is_instance_of::<PyOverflowError>(obj.gil()) {
                let negative = obj.lt(0i64).unwrap_or(false);
                out_of_range("u8", negative)
            } else {
                e
            }
        })?;
        u8::try_from(v).map_err(|_| out_of_range("u8", false))
    }
    /// `bytes`, `bytearray` and byte buffers are copied at once.
    #[inline]
    fn extract_vec(obj: &'a Owned<'py, PyAny>) -> Option<PyResult<Vec<Self>>> {
        crate::conversion::bytes::bytes_like_to_vec(obj)
    }
}

impl<'py> IntoPyObject<'py> for u8 {
    /// Rust sequences of `u8` convert to `bytes`.
    const SEQ_TYPE_HINT: TypeHint = TypeHint::Name("bytes");
    const TYPE_HINT: TypeHint = TypeHint::Name("int");
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        // SAFETY: returns a new reference (small ints are cached) or null.
        unsafe { Owned::from_owned_ptr_or_err(gil, ffi::PyLong_FromLong(self.into())) }
    }
    /// A sequence of bytes becomes `bytes`.
    #[inline]
    fn seq_into_py<I>(items: I, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>>
    where
        I: ExactSizeIterator<Item = Self>,
    {
        let data: Vec<u8> = items.collect();
        Ok(crate::types::PyBytes::new(gil, &data).into_any())
    }
    /// `Vec<u8>` becomes `bytes` (one copy).
    #[inline]
    fn vec_into_py(items: Vec<Self>, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(crate::types::PyBytes::new(gil, &items).into_any())
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for f64 {
    const TYPE_HINT: TypeHint = TypeHint::Name("float");
    const EXPECTED: &'static str = "float";
    const PLAIN: bool = true;
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        // SAFETY: `obj` is live; AsDouble accepts floats, ints and `__float__`/`__index__`
        // objects, raising `TypeError: must be real number, not str` otherwise.
        let v = unsafe { ffi::PyFloat_AsDouble(obj.as_ptr()) };
        // SAFETY: checking the error indicator with the GIL held.
        if v == -1.0 && unsafe { !ffi::PyErr_Occurred().is_null() } {
            return Err(PyErr::fetch(obj.gil()));
        }
        Ok(v)
    }
    #[inline]
    fn extract_vec(obj: &'a Owned<'py, PyAny>) -> Option<PyResult<Vec<Self>>> {
        vec_from_buffer(obj, NumKind::Float)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for f32 {
    const TYPE_HINT: TypeHint = TypeHint::Name("float");
    const EXPECTED: &'static str = "float";
    const PLAIN: bool = true;
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        f64::extract(obj).map(|v| v as f32)
    }
    #[inline]
    fn extract_vec(obj: &'a Owned<'py, PyAny>) -> Option<PyResult<Vec<Self>>> {
        vec_from_buffer(obj, NumKind::Float)
    }
}

impl<'py> IntoPyObject<'py> for f64 {
    const TYPE_HINT: TypeHint = TypeHint::Name("float");
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        // SAFETY: returns a new reference or null on memory exhaustion.
        unsafe { Owned::from_owned_ptr_or_err(gil, ffi::PyFloat_FromDouble(self)) }
    }
}

impl<'py> IntoPyObject<'py> for f32 {
    const TYPE_HINT: TypeHint = TypeHint::Name("float");
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        f64::from(self).into_py(gil)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for bool {
    const TYPE_HINT: TypeHint = TypeHint::Name("bool");
    const EXPECTED: &'static str = "bool";
    const PLAIN: bool = true;
    /// Only `True` and `False` convert (no truthiness), as CPython's `p` format would
    /// accept anything: being strict catches swapped arguments.
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let p = obj.as_ptr();
        if p == ffi::Py_True() {
            Ok(true)
        } else if p == ffi::Py_False() {
            Ok(false)
        } else {
            Err(PyTypeError::new_err(format!(
                "'{}' object cannot be converted to 'bool'",
                obj.type_name()
            )))
        }
    }
}

impl<'py> IntoPyObject<'py> for bool {
    const TYPE_HINT: TypeHint = TypeHint::Name("bool");
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(gil.bool(self).into_any())
    }
}
