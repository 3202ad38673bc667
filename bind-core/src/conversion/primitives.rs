//! Integers, floats and `bool`.
use crate::conversion::buffer_fast::{vec_from_buffer, NumKind};
use crate::conversion::plain::{read_bool, read_f32, read_f64, read_int};
use crate::conversion::{FromPyObject, IntoPyObject, PlainRead};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyOverflowError, PyTypeError};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::PyAny;

/// `obj` as an `int`: itself when it is one, else the result of its `__index__`, whose
/// errors (CPython's `TypeError` for non-integers, anything the user's `__index__` raised,
/// `KeyboardInterrupt` included) propagate unchanged.
#[inline]
pub(crate) fn as_int<'py>(obj: &Owned<'py, PyAny>) -> PyResult<Owned<'py, PyAny>> {
    // SAFETY: `obj` is live; the check reads its type flags.
    if unsafe { ffi::PyLong_Check(obj.as_ptr()) } {
        return Ok(obj.clone());
    }
    // SAFETY: Index returns a new int reference, or null with an exception set.
    unsafe { Owned::from_owned_ptr_or_err(obj.gil(), ffi::PyNumber_Index(obj.as_ptr())) }
}

/// Where an int lies relative to the `i64` range, read from its digits (no comparison
/// method of the user's is called, no exception is raised).
pub(crate) enum IntValue {
    /// It fits `i64`.
    Fits(i64),
    /// Above `i64::MAX`.
    Above,
    /// Below `i64::MIN`.
    Below,
}

/// The value of `int` (an `int`, e.g. from [`as_int`]) as an [`IntValue`].
#[inline]
pub(crate) fn int_value(int: &Owned<'_, PyAny>) -> PyResult<IntValue> {
    let mut overflow = 0;
    // SAFETY: `int` is an int: read from its digits, no `__index__` call; a value beyond
    // 64 bits only sets `overflow`.
    let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(int.as_ptr(), &mut overflow) };
    // SAFETY: checking the error indicator with the GIL held.
    if v == -1 && overflow == 0 && unsafe { !ffi::PyErr_Occurred().is_null() } {
        return Err(PyErr::fetch(int.gil()));
    }
    Ok(match overflow {
        0 => IntValue::Fits(v),
        o if o > 0 => IntValue::Above,
        _ => IntValue::Below,
    })
}

/// The hot case of the unsigned conversions: an `int` that fits `i64`.
#[inline(always)]
fn small_int(obj: &Owned<'_, PyAny>) -> Option<i64> {
    // SAFETY: `obj` is live; the check reads its type flags.
    if !unsafe { ffi::PyLong_Check(obj.as_ptr()) } {
        return None;
    }
    let mut overflow = 0;
    // SAFETY: `obj` is an int: no `__index__` call, no exception.
    let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(obj.as_ptr(), &mut overflow) };
    (overflow == 0).then_some(v)
}

#[cold]
fn out_of_range(rust_type: &str, negative: bool) -> PyErr {
    if negative {
        PyOverflowError::new_err(format!("Python int too small to convert to {rust_type}"))
    } else {
        PyOverflowError::new_err(format!("Python int too large to convert to {rust_type}"))
    }
}

/// The general signed path: `__index__`, then the sign and range from its result.
#[inline(never)]
fn extract_signed<T: TryFrom<i64>>(obj: &Owned<'_, PyAny>, rust_type: &'static str) -> PyResult<T> {
    let int = as_int(obj)?;
    match int_value(&int)? {
        IntValue::Fits(v) => T::try_from(v).map_err(|_| out_of_range(rust_type, v < 0)),
        IntValue::Above => Err(out_of_range(rust_type, false)),
        IntValue::Below => Err(out_of_range(rust_type, true)),
    }
}

/// The unsigned path: `__index__`, then the sign and range from its result.
#[inline(never)]
fn extract_unsigned<T: TryFrom<u64>>(
    obj: &Owned<'_, PyAny>,
    rust_type: &'static str,
) -> PyResult<T> {
    let int = as_int(obj)?;
    let v = match int_value(&int)? {
        IntValue::Fits(v) => u64::try_from(v).map_err(|_| out_of_range(rust_type, true))?,
        IntValue::Below => return Err(out_of_range(rust_type, true)),
        IntValue::Above => {
            // SAFETY: `int` is a positive int; beyond 64 bits the call raises, cleared here.
            let v = unsafe { ffi::PyLong_AsUnsignedLongLong(int.as_ptr()) };
            // SAFETY: checking the error indicator with the GIL held.
            if v == u64::MAX && unsafe { !ffi::PyErr_Occurred().is_null() } {
                drop(PyErr::fetch(obj.gil()));
                return Err(out_of_range(rust_type, false));
            }
            v
        }
    };
    T::try_from(v).map_err(|_| out_of_range(rust_type, false))
}

macro_rules! signed_int {
    ($($ty:ty),*) => {$(
        impl<'a, 'py> FromPyObject<'a, 'py> for $ty {
            const TYPE_HINT: TypeHint = TypeHint::Name("int");
            const EXPECTED: &'static str = "int";
            // SAFETY: `read_int` only reads an exact int (see `plain`): no Python code.
            const PLAIN: Option<PlainRead<Self>> = Some(unsafe { PlainRead::new(read_int::<$ty>) });
            #[inline(always)]
            fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
                // The hot case inline: an `int` that fits; everything else out of line.
                // SAFETY: `obj` is live; the check reads its type flags.
                if unsafe { ffi::PyLong_Check(obj.as_ptr()) } {
                    let mut overflow = 0;
                    // SAFETY: `obj` is an int: no `__index__` call, no exception.
                    let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(obj.as_ptr(), &mut overflow) };
                    if overflow == 0 {
                        #[allow(irrefutable_let_patterns)]
                        if let Ok(v) = <$ty>::try_from(v) {
                            return Ok(v);
                        }
                    }
                }
                extract_signed(obj, stringify!($ty))
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
            // SAFETY: `read_int` only reads an exact int (see `plain`): no Python code.
            const PLAIN: Option<PlainRead<Self>> = Some(unsafe { PlainRead::new(read_int::<$ty>) });
            #[inline]
            fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
                if let Some(v) = small_int(obj).and_then(|v| <$ty>::try_from(v).ok()) {
                    return Ok(v);
                }
                extract_unsigned(obj, stringify!($ty))
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
    // SAFETY: `read_int` only reads an exact int (see `plain`): no Python code.
    const PLAIN: Option<PlainRead<Self>> = Some(unsafe { PlainRead::new(read_int::<u8>) });
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        if let Some(v) = small_int(obj).and_then(|v| u8::try_from(v).ok()) {
            return Ok(v);
        }
        extract_unsigned(obj, "u8")
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
    // SAFETY: `read_f64` only reads an exact float (see `plain`): no Python code.
    const PLAIN: Option<PlainRead<Self>> = Some(unsafe { PlainRead::new(read_f64) });
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        // The hot case inline: an exact float, read in place.
        #[cfg(not(Py_LIMITED_API))]
        // SAFETY: `obj` is live; the check reads its type, and an exact float has the
        // `PyFloatObject` layout.
        unsafe {
            if ffi::PyFloat_CheckExact(obj.as_ptr()) {
                return Ok(ffi::PyFloat_AS_DOUBLE(obj.as_ptr()));
            }
        }
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
    // SAFETY: `read_f32` only reads an exact float (see `plain`): no Python code.
    const PLAIN: Option<PlainRead<Self>> = Some(unsafe { PlainRead::new(read_f32) });
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
    // SAFETY: `read_bool` only compares pointers (see `plain`): no Python code.
    const PLAIN: Option<PlainRead<Self>> = Some(unsafe { PlainRead::new(read_bool) });
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
