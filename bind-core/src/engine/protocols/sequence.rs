//! The sequence family: `__len__` (filling `mp_length` and `sq_length`),
//! `__contains__`, `__concat__`/`__repeat__` and their in-place forms, and — with the
//! `sequence` option — integer `__getitem__`/`__setitem__`/`__delitem__` through
//! `sq_item`/`sq_ass_item`, so negative indices arrive adjusted by `len()` and
//! `reversed()` and iteration by index work.
use super::mapping::{get_item, missing, set_item};
use super::{arg, entry, record};
use crate::engine::class::PyClass;
use crate::engine::trampoline::trampoline;
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::{Dunder, MagicGlue, SlotEntry};
use crate::types::PyAny;
use crate::IntoPyObject;
use std::os::raw::c_int;

unsafe extern "C" fn length<T: PyClass>(slf: *mut ffi::PyObject) -> ffi::Py_ssize_t {
    // SAFETY: CPython calls sq_length/mp_length with the GIL held on an instance.
    unsafe {
        trampoline(|gil| {
            let record = record::<T>();
            let n = match record.protocols.get(Dunder::Len) {
                Some(MagicGlue::Len(f)) => f(gil, arg(gil, slf))?,
                _ => return Err(missing("__len__")),
            };
            ffi::Py_ssize_t::try_from(n).map_err(|_| {
                crate::exceptions::PyOverflowError::new_err(
                    "cannot fit 'int' into an index-sized integer",
                )
            })
        })
    }
}

unsafe extern "C" fn sq_contains<T: PyClass>(
    slf: *mut ffi::PyObject,
    item: *mut ffi::PyObject,
) -> c_int {
    // SAFETY: CPython calls sq_contains with the GIL held on an instance.
    unsafe {
        trampoline(|gil| {
            let record = record::<T>();
            match record.protocols.get(Dunder::Contains) {
                Some(MagicGlue::Contains(f)) => {
                    Ok(c_int::from(f(gil, arg(gil, slf), arg(gil, item))?))
                }
                _ => Err(missing("__contains__")),
            }
        })
    }
}

/// An index as a Python `int`.
fn index_object(gil: Gil<'_>, index: ffi::Py_ssize_t) -> PyResult<Owned<'_, PyAny>> {
    index.into_py(gil).map(Owned::into_any)
}

pub(super) unsafe extern "C" fn sq_item<T: PyClass>(
    slf: *mut ffi::PyObject,
    index: ffi::Py_ssize_t,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls sq_item with the GIL held on an instance.
    unsafe {
        trampoline(|gil| {
            let key = index_object(gil, index)?;
            get_item(gil, record::<T>(), slf, key.as_ptr())
        })
    }
}

pub(super) unsafe extern "C" fn sq_ass_item<T: PyClass>(
    slf: *mut ffi::PyObject,
    index: ffi::Py_ssize_t,
    value: *mut ffi::PyObject,
) -> c_int {
    // SAFETY: CPython calls sq_ass_item with the GIL held on an instance.
    unsafe {
        trampoline(|gil| {
            let key = index_object(gil, index)?;
            set_item(gil, record::<T>(), slf, key.as_ptr(), value).map(|()| 0)
        })
    }
}

/// Calls the binary glue of `dunder`; an operand that does not convert is a `TypeError`
/// (sequence slots have no `NotImplemented`).
unsafe fn sequence_binary(
    gil: Gil<'_>,
    record: &'static crate::engine::class::record::ClassRecord,
    dunder: Dunder,
    slf: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
) -> PyResult<*mut ffi::PyObject> {
    let Some(MagicGlue::Binary(f)) = record.protocols.get(dunder) else {
        return Err(missing("__concat__"));
    };
    // SAFETY: live operands (the caller's guarantee).
    let r = f(gil, unsafe { arg(gil, slf) }, unsafe { arg(gil, other) })?;
    if r.is_null() {
        // SAFETY: live operand.
        let other_type = unsafe { super::type_name_of(other) };
        return Err(crate::exceptions::PyTypeError::new_err(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            if matches!(dunder, Dunder::Concat | Dunder::InplaceConcat) {
                "+"
            } else {
                "*"
            },
            record.name(),
            other_type
        )));
    }
    Ok(r)
}

macro_rules! sequence_binary {
    ($($entry:ident: $dunder:ident;)*) => {
        $(
            unsafe extern "C" fn $entry<T: PyClass>(
                slf: *mut ffi::PyObject,
                other: *mut ffi::PyObject,
            ) -> *mut ffi::PyObject {
                // SAFETY: CPython calls sequence slots with the GIL held on an instance.
                unsafe { trampoline(|gil| sequence_binary(gil, record::<T>(), Dunder::$dunder, slf, other)) }
            }
        )*
    };
}

sequence_binary! {
    sq_concat: Concat;
    sq_inplace_concat: InplaceConcat;
}

macro_rules! sequence_repeat {
    ($($entry:ident: $dunder:ident;)*) => {
        $(
            unsafe extern "C" fn $entry<T: PyClass>(
                slf: *mut ffi::PyObject,
                count: ffi::Py_ssize_t,
            ) -> *mut ffi::PyObject {
                // SAFETY: CPython calls sequence slots with the GIL held on an instance.
                unsafe {
                    trampoline(|gil| {
                        let count = index_object(gil, count)?;
                        sequence_binary(gil, record::<T>(), Dunder::$dunder, slf, count.as_ptr())
                    })
                }
            }
        )*
    };
}

sequence_repeat! {
    sq_repeat: Repeat;
    sq_inplace_repeat: InplaceRepeat;
}

/// The sequence family's entry points.
pub(super) const fn entries<T: PyClass>(dunder: Dunder) -> Option<&'static [SlotEntry]> {
    Some(match dunder {
        Dunder::Len => &[
            SlotEntry {
                slot: ffi::Py_mp_length,
                pfunc: length::<T> as *mut std::os::raw::c_void,
            },
            SlotEntry {
                slot: ffi::Py_sq_length,
                pfunc: length::<T> as *mut std::os::raw::c_void,
            },
        ],
        Dunder::Contains => entry!(Py_sq_contains => sq_contains::<T>),
        Dunder::Concat => entry!(Py_sq_concat => sq_concat::<T>),
        Dunder::InplaceConcat => entry!(Py_sq_inplace_concat => sq_inplace_concat::<T>),
        Dunder::Repeat => entry!(Py_sq_repeat => sq_repeat::<T>),
        Dunder::InplaceRepeat => entry!(Py_sq_inplace_repeat => sq_inplace_repeat::<T>),
        _ => return None,
    })
}
