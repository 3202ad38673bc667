//! Every numeric magic method on a wrapped integer (the guide's `Number`), with
//! `__richcmp__` taking the operator as a value.
use bind::exceptions::{PyValueError, PyZeroDivisionError};
use bind::prelude::*;

/// An integer with Python's operators (wrapping 64-bit arithmetic).
#[derive(PyType, Clone, Copy)]
#[bind(module = "protocols_demo", subclass)]
pub struct Number {
    /// The value.
    #[bind(get)]
    value: i64,
}

fn nonzero(d: i64) -> PyResult<i64> {
    if d == 0 {
        Err(PyZeroDivisionError::new_err("division by zero"))
    } else {
        Ok(d)
    }
}

#[methods]
impl Number {
    #[new]
    fn new(value: i64) -> Self {
        Number { value }
    }

    fn __repr__(&self) -> String {
        format!("Number({})", self.value)
    }

    fn __add__(&self, other: i64) -> Number {
        Number::new(self.value.wrapping_add(other))
    }
    fn __radd__(&self, other: i64) -> Number {
        Number::new(other.wrapping_add(self.value))
    }
    fn __iadd__(&mut self, other: i64) {
        self.value = self.value.wrapping_add(other);
    }
    fn __sub__(&self, other: i64) -> Number {
        Number::new(self.value.wrapping_sub(other))
    }
    fn __rsub__(&self, other: i64) -> Number {
        Number::new(other.wrapping_sub(self.value))
    }
    fn __isub__(&mut self, other: i64) {
        self.value = self.value.wrapping_sub(other);
    }
    fn __mul__(&self, other: i64) -> Number {
        Number::new(self.value.wrapping_mul(other))
    }
    fn __rmul__(&self, other: i64) -> Number {
        Number::new(other.wrapping_mul(self.value))
    }
    fn __imul__(&mut self, other: i64) {
        self.value = self.value.wrapping_mul(other);
    }
    fn __floordiv__(&self, other: i64) -> PyResult<Number> {
        Ok(Number::new(self.value.div_euclid_floor(nonzero(other)?)))
    }
    fn __rfloordiv__(&self, other: i64) -> PyResult<Number> {
        Ok(Number::new(other.div_euclid_floor(nonzero(self.value)?)))
    }
    fn __mod__(&self, other: i64) -> PyResult<Number> {
        Ok(Number::new(self.value.rem_floor(nonzero(other)?)))
    }
    fn __rmod__(&self, other: i64) -> PyResult<Number> {
        Ok(Number::new(other.rem_floor(nonzero(self.value)?)))
    }
    fn __divmod__(&self, other: i64) -> PyResult<(Number, Number)> {
        Ok((self.__floordiv__(other)?, self.__mod__(other)?))
    }
    fn __rdivmod__(&self, other: i64) -> PyResult<(Number, Number)> {
        Ok((self.__rfloordiv__(other)?, self.__rmod__(other)?))
    }
    fn __truediv__(&self, other: i64) -> PyResult<f64> {
        Ok(self.value as f64 / nonzero(other)? as f64)
    }
    fn __rtruediv__(&self, other: i64) -> PyResult<f64> {
        Ok(other as f64 / nonzero(self.value)? as f64)
    }
    /// `self ** other`, or `pow(self, other, modulo)`.
    fn __pow__(&self, other: u32, modulo: Option<i64>) -> PyResult<Number> {
        match modulo {
            None => Ok(Number::new(self.value.wrapping_pow(other))),
            Some(m) => {
                let m = nonzero(m)?;
                let mut acc: i128 = 1;
                for _ in 0..other {
                    acc = (acc * self.value as i128).rem_euclid(m as i128);
                }
                Ok(Number::new((acc as i64).rem_floor(m)))
            }
        }
    }
    fn __rpow__(&self, other: i64, _modulo: Option<i64>) -> PyResult<Number> {
        let exp = u32::try_from(self.value)
            .map_err(|_| PyValueError::new_err("negative or huge exponent"))?;
        Ok(Number::new(other.wrapping_pow(exp)))
    }
    fn __lshift__(&self, other: u32) -> Number {
        Number::new(self.value.wrapping_shl(other))
    }
    fn __rshift__(&self, other: u32) -> Number {
        Number::new(self.value.wrapping_shr(other))
    }
    fn __and__(&self, other: i64) -> Number {
        Number::new(self.value & other)
    }
    fn __rand__(&self, other: i64) -> Number {
        Number::new(other & self.value)
    }
    fn __or__(&self, other: i64) -> Number {
        Number::new(self.value | other)
    }
    fn __ror__(&self, other: i64) -> Number {
        Number::new(other | self.value)
    }
    fn __xor__(&self, other: i64) -> Number {
        Number::new(self.value ^ other)
    }
    fn __rxor__(&self, other: i64) -> Number {
        Number::new(other ^ self.value)
    }
    fn __neg__(&self) -> Number {
        Number::new(self.value.wrapping_neg())
    }
    fn __pos__(&self) -> Number {
        *self
    }
    fn __abs__(&self) -> Number {
        Number::new(self.value.wrapping_abs())
    }
    fn __invert__(&self) -> Number {
        Number::new(!self.value)
    }
    fn __int__(&self) -> i64 {
        self.value
    }
    fn __float__(&self) -> f64 {
        self.value as f64
    }
    fn __index__(&self) -> i64 {
        self.value
    }
    /// `complex(n)`: a plain method Python looks up by name.
    fn __complex__<'py>(&self, gil: Gil<'py>) -> Owned<'py, PyComplex> {
        PyComplex::new(gil, self.value as f64, 0.0)
    }
    fn __bool__(&self) -> bool {
        self.value != 0
    }
    fn __hash__(&self) -> i64 {
        self.value
    }
    /// All six comparisons in one method, against numbers and plain integers.
    fn __richcmp__(&self, other: i64, op: CompareOp) -> bool {
        op.matches(self.value.cmp(&other))
    }
}

/// Python's floor division and modulo on integers.
trait FloorDiv {
    fn div_euclid_floor(self, d: Self) -> Self;
    fn rem_floor(self, d: Self) -> Self;
}

impl FloorDiv for i64 {
    fn div_euclid_floor(self, d: i64) -> i64 {
        let q = self.wrapping_div(d);
        if (self % d != 0) && ((self < 0) != (d < 0)) {
            q - 1
        } else {
            q
        }
    }
    fn rem_floor(self, d: i64) -> i64 {
        let r = self.wrapping_rem(d);
        if r != 0 && ((r < 0) != (d < 0)) {
            r + d
        } else {
            r
        }
    }
}
