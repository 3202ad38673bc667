//! The number family: binary operators with their reflected (`__radd__`) and in-place
//! (`__iadd__`) forms, `pow` with its modulo, unary operators, `int()`/`float()`/
//! `operator.index()` and truth value. Binary slots follow CPython's rules for classes
//! written in Python (`SLOT1BINFULL` in `typeobject.c`): the left operand's method first,
//! unless the right operand is an instance of a subclass whose reflected method then
//! goes first; the reflected method only for operands of different types; a glue whose
//! operand does not convert answers `NotImplemented`.
use super::{arg, entry, not_implemented, or_not_implemented, record, slot_is};
use crate::engine::class::borrow::is_instance;
use crate::engine::class::record::ClassRecord;
use crate::engine::class::PyClass;
use crate::engine::trampoline::trampoline;
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::reflect::{Dunder, MagicGlue, SlotEntry};
use std::os::raw::c_int;

/// One binary operator: its dunders and slots.
#[derive(Copy, Clone)]
struct Operator {
    forward: Dunder,
    reflected: Dunder,
    slot: c_int,
}

macro_rules! binary_operators {
    ($($entry:ident: $forward:ident / $reflected:ident in $slot:ident;)*) => {
        $(
            unsafe extern "C" fn $entry<T: PyClass>(
                a: *mut ffi::PyObject,
                b: *mut ffi::PyObject,
            ) -> *mut ffi::PyObject {
                const OP: Operator = Operator {
                    forward: Dunder::$forward,
                    reflected: Dunder::$reflected,
                    slot: ffi::$slot,
                };
                // SAFETY: CPython calls number slots with the GIL held and live operands.
                unsafe { trampoline(|gil| binary(gil, record::<T>(), OP, a, b, None)) }
            }
        )*
    };
}

binary_operators! {
    nb_add: Add / Radd in Py_nb_add;
    nb_subtract: Sub / Rsub in Py_nb_subtract;
    nb_multiply: Mul / Rmul in Py_nb_multiply;
    nb_matrix_multiply: Matmul / Rmatmul in Py_nb_matrix_multiply;
    nb_true_divide: Truediv / Rtruediv in Py_nb_true_divide;
    nb_floor_divide: Floordiv / Rfloordiv in Py_nb_floor_divide;
    nb_remainder: Mod / Rmod in Py_nb_remainder;
    nb_divmod: Divmod / Rdivmod in Py_nb_divmod;
    nb_lshift: Lshift / Rlshift in Py_nb_lshift;
    nb_rshift: Rshift / Rrshift in Py_nb_rshift;
    nb_and: And / Rand in Py_nb_and;
    nb_xor: Xor / Rxor in Py_nb_xor;
    nb_or: Or / Ror in Py_nb_or;
}

/// `nb_power`: with a modulo (`pow(a, b, m)`) only the left operand's `__pow__` is
/// tried, as CPython does.
unsafe extern "C" fn nb_power<T: PyClass>(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    modulo: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    const OP: Operator = Operator {
        forward: Dunder::Pow,
        reflected: Dunder::Rpow,
        slot: ffi::Py_nb_power,
    };
    // SAFETY: CPython calls number slots with the GIL held and live operands.
    unsafe {
        trampoline(|gil| {
            let record = record::<T>();
            if modulo == ffi::Py_None() {
                return binary(gil, record, OP, a, b, None);
            }
            let entry = record.protocols.entry(OP.forward, OP.slot);
            match record.protocols.get(Dunder::Pow) {
                Some(glue) if slot_is(record, a, OP.slot, entry) => {
                    call_operator(gil, glue, a, b, Some(modulo))
                }
                _ => Ok(not_implemented()),
            }
        })
    }
}

/// The binary operator `op` on `a` and `b` (`modulo` for `pow`).
///
/// # Safety
/// Live operands; GIL held.
#[inline(always)]
unsafe fn binary(
    gil: Gil<'_>,
    record: &'static ClassRecord,
    op: Operator,
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    modulo: Option<*mut ffi::PyObject>,
) -> PyResult<*mut ffi::PyObject> {
    let table = &record.protocols;
    // SAFETY: live operands and types.
    unsafe {
        let same_type = ffi::Py_TYPE(a) == ffi::Py_TYPE(b);
        if same_type && ffi::Py_TYPE(a) == record.type_object() {
            // Two instances of the class itself: only the forward method applies.
            return match table.get(op.forward) {
                Some(forward) => call_operator(gil, forward, a, b, modulo),
                None => Ok(not_implemented()),
            };
        }
        let entry = table.entry(op.forward, op.slot);
        let entry = if entry.is_null() {
            table.entry(op.reflected, op.slot)
        } else {
            entry
        };
        let a_fills = slot_is(record, a, op.slot, entry);
        let mut try_reflected =
            !same_type && table.has(op.reflected) && slot_is(record, b, op.slot, entry);
        if a_fills {
            if let Some(forward) = table.get(op.forward) {
                if try_reflected && ffi::PyType_IsSubtype(ffi::Py_TYPE(b), ffi::Py_TYPE(a)) != 0 {
                    let glue = table.get(op.reflected).expect("checked above");
                    let r = call_operator(gil, glue, b, a, modulo)?;
                    if !super::is_not_implemented(r) {
                        return Ok(r);
                    }
                    ffi::Py_DECREF(r);
                    try_reflected = false;
                }
                let r = call_operator(gil, forward, a, b, modulo)?;
                if !super::is_not_implemented(r) || same_type {
                    return Ok(r);
                }
                ffi::Py_DECREF(r);
            }
        }
        if try_reflected {
            let glue = table.get(op.reflected).expect("checked above");
            return call_operator(gil, glue, b, a, modulo);
        }
    }
    Ok(not_implemented())
}

/// Calls operator glue with `slf` and `other` (and `pow`'s modulo, `None` if absent).
///
/// # Safety
/// Live operands; GIL held.
#[inline(always)]
unsafe fn call_operator(
    gil: Gil<'_>,
    glue: MagicGlue,
    slf: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
    modulo: Option<*mut ffi::PyObject>,
) -> PyResult<*mut ffi::PyObject> {
    // SAFETY: live operands (the caller's guarantee).
    let (slf, other) = unsafe { (arg(gil, slf), arg(gil, other)) };
    let r = match glue {
        MagicGlue::Binary(f) => {
            if modulo.is_some_and(|m| m != ffi::Py_None()) {
                // A `__pow__` without a modulo parameter, called with one.
                return Ok(not_implemented());
            }
            f(gil, slf, other)?
        }
        MagicGlue::Ternary(f) => {
            // SAFETY: a live modulo, or `None`.
            let modulo = unsafe { arg(gil, modulo.unwrap_or_else(ffi::Py_None)) };
            f(gil, slf, other, modulo)?
        }
        _ => return Ok(not_implemented()),
    };
    Ok(or_not_implemented(r))
}

macro_rules! inplace_operators {
    ($($entry:ident: $dunder:ident;)*) => {
        $(
            unsafe extern "C" fn $entry<T: PyClass>(
                a: *mut ffi::PyObject,
                b: *mut ffi::PyObject,
            ) -> *mut ffi::PyObject {
                // SAFETY: CPython calls in-place slots with the GIL held, on the left
                // operand's type.
                unsafe { trampoline(|gil| inplace(gil, record::<T>(), Dunder::$dunder, a, b, None)) }
            }
        )*
    };
}

inplace_operators! {
    nb_inplace_add: Iadd;
    nb_inplace_subtract: Isub;
    nb_inplace_multiply: Imul;
    nb_inplace_matrix_multiply: Imatmul;
    nb_inplace_true_divide: Itruediv;
    nb_inplace_floor_divide: Ifloordiv;
    nb_inplace_remainder: Imod;
    nb_inplace_lshift: Ilshift;
    nb_inplace_rshift: Irshift;
    nb_inplace_and: Iand;
    nb_inplace_xor: Ixor;
    nb_inplace_or: Ior;
}

unsafe extern "C" fn nb_inplace_power<T: PyClass>(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    modulo: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as for the other in-place slots.
    unsafe { trampoline(|gil| inplace(gil, record::<T>(), Dunder::Ipow, a, b, Some(modulo))) }
}

/// `a op= b`: the in-place method (`NotImplemented` makes CPython fall back to `a op b`).
///
/// # Safety
/// Live operands; GIL held.
#[inline(always)]
unsafe fn inplace(
    gil: Gil<'_>,
    record: &'static ClassRecord,
    dunder: Dunder,
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    modulo: Option<*mut ffi::PyObject>,
) -> PyResult<*mut ffi::PyObject> {
    // SAFETY: live operand.
    if !unsafe { is_instance(record, a) } {
        return Ok(not_implemented());
    }
    match record.protocols.get(dunder) {
        // SAFETY: live operands (the caller's guarantee).
        Some(glue) => unsafe { call_operator(gil, glue, a, b, modulo) },
        None => Ok(not_implemented()),
    }
}

macro_rules! unary_operators {
    ($($entry:ident: $dunder:ident;)*) => {
        $(
            unsafe extern "C" fn $entry<T: PyClass>(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
                // SAFETY: CPython calls unary slots with the GIL held on an instance.
                unsafe { trampoline(|gil| super::object::call_unary(gil, record::<T>(), Dunder::$dunder, slf)) }
            }
        )*
    };
}

unary_operators! {
    nb_negative: Neg;
    nb_positive: Pos;
    nb_absolute: Abs;
    nb_invert: Invert;
    nb_int: Int;
    nb_float: Float;
    nb_index: Index;
}

/// `nb_bool`: `__bool__`.
unsafe extern "C" fn nb_bool<T: PyClass>(slf: *mut ffi::PyObject) -> c_int {
    // SAFETY: CPython calls nb_bool with the GIL held on an instance.
    unsafe {
        trampoline(|gil| {
            let record = record::<T>();
            match record.protocols.get(Dunder::Bool) {
                Some(MagicGlue::Predicate(f)) => Ok(c_int::from(f(gil, arg(gil, slf))?)),
                _ => Ok(1),
            }
        })
    }
}

/// The number family's entry points.
pub(super) const fn entries<T: PyClass>(dunder: Dunder) -> Option<&'static [SlotEntry]> {
    use Dunder::*;
    Some(match dunder {
        Add | Radd => entry!(Py_nb_add => nb_add::<T>),
        Sub | Rsub => entry!(Py_nb_subtract => nb_subtract::<T>),
        Mul | Rmul => entry!(Py_nb_multiply => nb_multiply::<T>),
        Matmul | Rmatmul => entry!(Py_nb_matrix_multiply => nb_matrix_multiply::<T>),
        Truediv | Rtruediv => entry!(Py_nb_true_divide => nb_true_divide::<T>),
        Floordiv | Rfloordiv => entry!(Py_nb_floor_divide => nb_floor_divide::<T>),
        Mod | Rmod => entry!(Py_nb_remainder => nb_remainder::<T>),
        Divmod | Rdivmod => entry!(Py_nb_divmod => nb_divmod::<T>),
        Pow | Rpow => entry!(Py_nb_power => nb_power::<T>),
        Lshift | Rlshift => entry!(Py_nb_lshift => nb_lshift::<T>),
        Rshift | Rrshift => entry!(Py_nb_rshift => nb_rshift::<T>),
        And | Rand => entry!(Py_nb_and => nb_and::<T>),
        Xor | Rxor => entry!(Py_nb_xor => nb_xor::<T>),
        Or | Ror => entry!(Py_nb_or => nb_or::<T>),
        Iadd => entry!(Py_nb_inplace_add => nb_inplace_add::<T>),
        Isub => entry!(Py_nb_inplace_subtract => nb_inplace_subtract::<T>),
        Imul => entry!(Py_nb_inplace_multiply => nb_inplace_multiply::<T>),
        Imatmul => entry!(Py_nb_inplace_matrix_multiply => nb_inplace_matrix_multiply::<T>),
        Itruediv => entry!(Py_nb_inplace_true_divide => nb_inplace_true_divide::<T>),
        Ifloordiv => entry!(Py_nb_inplace_floor_divide => nb_inplace_floor_divide::<T>),
        Imod => entry!(Py_nb_inplace_remainder => nb_inplace_remainder::<T>),
        Ipow => entry!(Py_nb_inplace_power => nb_inplace_power::<T>),
        Ilshift => entry!(Py_nb_inplace_lshift => nb_inplace_lshift::<T>),
        Irshift => entry!(Py_nb_inplace_rshift => nb_inplace_rshift::<T>),
        Iand => entry!(Py_nb_inplace_and => nb_inplace_and::<T>),
        Ixor => entry!(Py_nb_inplace_xor => nb_inplace_xor::<T>),
        Ior => entry!(Py_nb_inplace_or => nb_inplace_or::<T>),
        Neg => entry!(Py_nb_negative => nb_negative::<T>),
        Pos => entry!(Py_nb_positive => nb_positive::<T>),
        Abs => entry!(Py_nb_absolute => nb_absolute::<T>),
        Invert => entry!(Py_nb_invert => nb_invert::<T>),
        Int => entry!(Py_nb_int => nb_int::<T>),
        Float => entry!(Py_nb_float => nb_float::<T>),
        Index => entry!(Py_nb_index => nb_index::<T>),
        Bool => entry!(Py_nb_bool => nb_bool::<T>),
        _ => return None,
    })
}
