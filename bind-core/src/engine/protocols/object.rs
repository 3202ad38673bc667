//! The object family: `__repr__`, `__str__`, `__hash__` and `__call__` (whose glue is
//! its own `tp_call`, parsing arguments like a method).
use super::{arg, entry, record};
use crate::engine::class::record::ClassRecord;
use crate::engine::class::PyClass;
use crate::engine::function::{varargs_entry, FunctionHolder};
use crate::engine::trampoline::trampoline;
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::reflect::{Dunder, MagicGlue, SlotEntry};

/// Calls the unary glue of `dunder` on `slf` (null without an exception stays null:
/// `__next__` exhausted).
///
/// # Safety
/// `slf` live; GIL held.
#[inline(always)]
pub(super) unsafe fn call_unary(
    gil: Gil<'_>,
    record: &'static ClassRecord,
    dunder: Dunder,
    slf: *mut ffi::PyObject,
) -> PyResult<*mut ffi::PyObject> {
    match record.protocols.get(dunder) {
        // SAFETY: `slf` is live (the caller's guarantee).
        Some(MagicGlue::Unary(f)) => f(gil, unsafe { arg(gil, slf) }),
        _ => Err(crate::exceptions::PyTypeError::new_err(format!(
            "'{}' object has no {:?} glue",
            record.name(),
            dunder
        ))),
    }
}

unsafe extern "C" fn tp_repr<T: PyClass>(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: CPython calls tp_repr with the GIL held on an instance.
    unsafe { trampoline(|gil| call_unary(gil, record::<T>(), Dunder::Repr, slf)) }
}

unsafe extern "C" fn tp_str<T: PyClass>(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: CPython calls tp_str with the GIL held on an instance.
    unsafe { trampoline(|gil| call_unary(gil, record::<T>(), Dunder::Str, slf)) }
}

/// `tp_hash`: `__hash__`, with -1 (CPython's error value) mapped to -2 as Python does.
unsafe extern "C" fn tp_hash<T: PyClass>(slf: *mut ffi::PyObject) -> ffi::Py_hash_t {
    // SAFETY: CPython calls tp_hash with the GIL held on an instance.
    unsafe {
        trampoline(|gil| {
            let record = record::<T>();
            let h = match record.protocols.get(Dunder::Hash) {
                Some(MagicGlue::Hash(f)) => f(gil, arg(gil, slf))?,
                _ => return Ok(ffi::PyObject_HashNotImplemented(slf)),
            };
            Ok(if h == -1 { -2 } else { h as ffi::Py_hash_t })
        })
    }
}

/// The glue of `__call__`: `tp_call` parsing its arguments like a method.
pub const fn call_glue<H: FunctionHolder>() -> MagicGlue {
    MagicGlue::Call(varargs_entry::<H, false>)
}

/// The object family's entry points.
pub(super) const fn entries<T: PyClass>(dunder: Dunder) -> Option<&'static [SlotEntry]> {
    Some(match dunder {
        Dunder::Repr => entry!(Py_tp_repr => tp_repr::<T>),
        Dunder::Str => entry!(Py_tp_str => tp_str::<T>),
        Dunder::Hash => entry!(Py_tp_hash => tp_hash::<T>),
        Dunder::Call => &[],
        _ => return None,
    })
}

/// What a `__hash__` may return: an integer.
#[diagnostic::on_unimplemented(
    message = "`__hash__` must return an integer, not `{Self}`",
    label = "not an integer",
    note = "return `u64` (e.g. `Hasher::finish()`), `isize` or another integer type"
)]
pub trait HashValue {
    /// The value as CPython's hash (bits kept, as `hash()` of a Python int would wrap).
    fn into_hash(self) -> isize;
}

macro_rules! hash_values {
    ($($t:ty),*) => {$(
        impl HashValue for $t {
            #[inline(always)]
            fn into_hash(self) -> isize {
                self as isize
            }
        }
    )*};
}
hash_values!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// The glue's conversion of a `__hash__` result.
#[inline(always)]
pub fn hash_value<H: HashValue>(value: H) -> isize {
    value.into_hash()
}
