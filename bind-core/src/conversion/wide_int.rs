//! `int` ↔ `i128`/`u128` and the `NonZero*` integers.
//!
//! 128-bit values that fit 64 bits take one C call; wider ones are split into two 64-bit
//! halves with Python's own shift and mask, which the limited API offers too.
use crate::conversion::primitives::{int_value, IntValue};
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyOverflowError, PyValueError};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::PyAny;
use std::num::{
    NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI8, NonZeroIsize, NonZeroU16, NonZeroU32,
    NonZeroU64, NonZeroU8, NonZeroUsize,
};

/// `operator.index(obj)`: an `int` (floats and strings raise CPython's `TypeError`).
fn index<'py>(obj: &Owned<'py, PyAny>) -> PyResult<Owned<'py, PyAny>> {
    // SAFETY: `obj` is live; Index returns a new int reference or null with an exception.
    unsafe { Owned::from_owned_ptr_or_err(obj.gil(), ffi::PyNumber_Index(obj.as_ptr())) }
}

/// `int` for a Python-level binary operation result.
fn binop<'py>(
    gil: Gil<'py>,
    op: unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject) -> *mut ffi::PyObject,
    a: &Owned<'py, PyAny>,
    b: &Owned<'py, PyAny>,
) -> PyResult<Owned<'py, PyAny>> {
    // SAFETY: both operands are live ints; the operation returns a new reference or null.
    unsafe { Owned::from_owned_ptr_or_err(gil, op(a.as_ptr(), b.as_ptr())) }
}

/// The low 64 bits (two's complement) of an int and the rest shifted down (`n >> 64`).
fn split<'py>(n: &Owned<'py, PyAny>) -> PyResult<(u64, Owned<'py, PyAny>)> {
    let gil = n.gil();
    // SAFETY: `n` is an int; the mask conversion never fails for ints.
    let low = unsafe { ffi::PyLong_AsUnsignedLongLongMask(n.as_ptr()) };
    let shift = 64u32.into_py(gil)?;
    Ok((low, binop(gil, ffi::PyNumber_Rshift, n, &shift)?))
}

#[cold]
fn too_big(rust_type: &str, negative: bool) -> PyErr {
    let word = if negative { "small" } else { "large" };
    PyOverflowError::new_err(format!("Python int too {word} to convert to {rust_type}"))
}

impl<'a, 'py> FromPyObject<'a, 'py> for i128 {
    const TYPE_HINT: TypeHint = TypeHint::Name("int");
    const EXPECTED: &'static str = "int";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let n = index(obj)?;
        let (low, high) = split(&n)?;
        // The sign of `n` is the sign of `n >> 64`: read from digits, no comparison.
        match int_value(&high)? {
            IntValue::Fits(high) => Ok((i128::from(high) << 64) | i128::from(low)),
            IntValue::Above => Err(too_big("i128", false)),
            IntValue::Below => Err(too_big("i128", true)),
        }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for u128 {
    const TYPE_HINT: TypeHint = TypeHint::Name("int");
    const EXPECTED: &'static str = "int";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let n = index(obj)?;
        let (low, high) = split(&n)?;
        // The sign of `n` is the sign of `n >> 64`: read from digits, no comparison.
        let high = match int_value(&high)? {
            IntValue::Fits(high) if high < 0 => return Err(too_big("u128", true)),
            IntValue::Below => return Err(too_big("u128", true)),
            IntValue::Fits(high) => high as u64,
            // Beyond `i64::MAX` but maybe within `u64`: read as unsigned.
            IntValue::Above => u64::extract(&high).map_err(|_| too_big("u128", false))?,
        };
        Ok((u128::from(high) << 64) | u128::from(low))
    }
}

/// `(high << 64) | low` as a Python int.
fn join(gil: Gil<'_>, high: i64, low: u64) -> PyResult<Owned<'_, PyAny>> {
    let high = high.into_py(gil)?;
    let shift = 64u32.into_py(gil)?;
    let shifted = binop(gil, ffi::PyNumber_Lshift, &high, &shift)?;
    let low = low.into_py(gil)?;
    binop(gil, ffi::PyNumber_Or, &shifted, &low)
}

impl<'py> IntoPyObject<'py> for i128 {
    const TYPE_HINT: TypeHint = TypeHint::Name("int");
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        match i64::try_from(self) {
            Ok(small) => small.into_py(gil),
            Err(_) => join(gil, (self >> 64) as i64, self as u64),
        }
    }
}

impl<'py> IntoPyObject<'py> for u128 {
    const TYPE_HINT: TypeHint = TypeHint::Name("int");
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        match u64::try_from(self) {
            Ok(small) => small.into_py(gil),
            Err(_) => {
                // The high half is below 2**64; as a non-negative i128 shift it fits in
                // `join`'s signed high word only when < 2**63, so build it from u64 parts.
                let high = ((self >> 64) as u64).into_py(gil)?;
                let shift = 64u32.into_py(gil)?;
                let shifted = binop(gil, ffi::PyNumber_Lshift, &high, &shift)?;
                let low = (self as u64).into_py(gil)?;
                binop(gil, ffi::PyNumber_Or, &shifted, &low)
            }
        }
    }
}

macro_rules! nonzero {
    ($($nz:ty => $inner:ty),*) => {$(
        impl<'a, 'py> FromPyObject<'a, 'py> for $nz {
            const TYPE_HINT: TypeHint = TypeHint::Name("int");
            const EXPECTED: &'static str = "int";
            /// Zero raises `ValueError`.
            fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
                let v = <$inner>::extract(obj)?;
                <$nz>::new(v).ok_or_else(|| PyValueError::new_err("value must be non-zero"))
            }
        }
        impl<'py> IntoPyObject<'py> for $nz {
            const TYPE_HINT: TypeHint = TypeHint::Name("int");
            #[inline]
            fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
                self.get().into_py(gil)
            }
        }
    )*};
}

nonzero!(
    NonZeroI8 => i8, NonZeroI16 => i16, NonZeroI32 => i32, NonZeroI64 => i64,
    NonZeroIsize => isize, NonZeroU8 => u8, NonZeroU16 => u16, NonZeroU32 => u32,
    NonZeroU64 => u64, NonZeroUsize => usize
);
