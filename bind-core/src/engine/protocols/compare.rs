//! The comparison family: the six rich comparisons (`__eq__`, `__lt__`, …) or one
//! `__richcmp__(other, op)` become one `tp_richcompare`. As for Python classes, a
//! missing `__ne__` inverts `__eq__`, and a missing comparison answers `NotImplemented`
//! (CPython then tries the reflected one, and identity for `==`/`!=`).
use super::{arg, entry, is_not_implemented, not_implemented, or_not_implemented, record};
use crate::engine::class::PyClass;
use crate::engine::trampoline::trampoline;
use crate::err::PyResult;
use crate::ffi;
use crate::reflect::{Dunder, MagicGlue, SlotEntry};
use crate::types::CompareOp;
use std::os::raw::c_int;

/// The dunder of each operator, indexed by CPython's `Py_LT` (0) … `Py_GE` (5).
const BY_OP: [Dunder; 6] = [
    Dunder::Lt,
    Dunder::Le,
    Dunder::Eq,
    Dunder::Ne,
    Dunder::Gt,
    Dunder::Ge,
];

unsafe extern "C" fn tp_richcompare<T: PyClass>(
    slf: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
    op: c_int,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls tp_richcompare with the GIL held, `slf` of this type.
    unsafe {
        trampoline(|gil| {
            let record = record::<T>();
            let table = &record.protocols;
            let Some(op) = CompareOp::from_raw(op) else {
                return Ok(not_implemented());
            };
            match table.get(BY_OP[op as usize]) {
                Some(MagicGlue::Binary(f)) => {
                    return Ok(or_not_implemented(f(gil, arg(gil, slf), arg(gil, other))?))
                }
                Some(_) => return Ok(not_implemented()),
                None => {}
            }
            if let Some(MagicGlue::Compare(f)) = table.get(Dunder::Richcmp) {
                return Ok(or_not_implemented(f(
                    gil,
                    arg(gil, slf),
                    arg(gil, other),
                    op as c_int,
                )?));
            }
            if op == CompareOp::Ne {
                if let Some(MagicGlue::Binary(eq)) = table.get(Dunder::Eq) {
                    return invert(
                        gil,
                        or_not_implemented(eq(gil, arg(gil, slf), arg(gil, other))?),
                    );
                }
            }
            Ok(not_implemented())
        })
    }
}

/// `not result` unless it is `NotImplemented` (object's default `__ne__`). Consumes
/// `result`.
fn invert(gil: crate::gil::Gil<'_>, result: *mut ffi::PyObject) -> PyResult<*mut ffi::PyObject> {
    if is_not_implemented(result) {
        return Ok(result);
    }
    // SAFETY: `result` is a new reference we own; GIL held by the caller.
    unsafe {
        let truth = ffi::PyObject_IsTrue(result);
        ffi::Py_DECREF(result);
        if truth < 0 {
            return Err(crate::err::PyErr::fetch(gil));
        }
        let value = if truth == 0 {
            ffi::Py_True()
        } else {
            ffi::Py_False()
        };
        ffi::Py_INCREF(value);
        Ok(value)
    }
}

/// The comparison family's entry points.
pub(super) const fn entries<T: PyClass>(dunder: Dunder) -> Option<&'static [SlotEntry]> {
    use Dunder::*;
    Some(match dunder {
        Lt | Le | Eq | Ne | Gt | Ge | Richcmp => entry!(Py_tp_richcompare => tp_richcompare::<T>),
        _ => return None,
    })
}

/// What `__richcmp__` takes as its operator: [`CompareOp`].
#[diagnostic::on_unimplemented(
    message = "`__richcmp__` takes the operator as `CompareOp`, not `{Self}`",
    label = "write `op: CompareOp`",
    note = "`fn __richcmp__(&self, other: T, op: CompareOp) -> R`"
)]
pub trait CompareOpArg: Sized {
    /// The operator from CPython's constant.
    fn from_raw_op(op: c_int) -> Self;
}

impl CompareOpArg for CompareOp {
    #[inline(always)]
    fn from_raw_op(op: c_int) -> Self {
        // The engine only passes CPython's six operators.
        CompareOp::from_raw(op).unwrap_or(CompareOp::Eq)
    }
}

/// The glue's conversion of `__richcmp__`'s operator argument.
#[inline(always)]
pub fn compare_op_arg<T: CompareOpArg>(op: c_int) -> T {
    T::from_raw_op(op)
}
