//! The mapping family: `__getitem__`, and `__setitem__`/`__delitem__` sharing
//! `mp_ass_subscript` (a missing one raises `AttributeError` naming it, as for Python
//! classes). Classes with the `sequence` option fill the sequence slots instead.
use super::{arg, record};
use crate::engine::class::record::ClassRecord;
use crate::engine::class::PyClass;
use crate::engine::trampoline::trampoline;
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::reflect::{Dunder, MagicGlue, SlotEntry};
use std::os::raw::{c_int, c_void};

unsafe extern "C" fn mp_subscript<T: PyClass>(
    slf: *mut ffi::PyObject,
    key: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls mp_subscript with the GIL held on an instance.
    unsafe { trampoline(|gil| get_item(gil, record::<T>(), slf, key)) }
}

/// `slf[key]` through `__getitem__`.
///
/// # Safety
/// Live objects; GIL held.
pub(super) unsafe fn get_item(
    gil: Gil<'_>,
    record: &'static ClassRecord,
    slf: *mut ffi::PyObject,
    key: *mut ffi::PyObject,
) -> PyResult<*mut ffi::PyObject> {
    match record.protocols.get(Dunder::Getitem) {
        // SAFETY: live objects for the call (the caller's guarantee).
        Some(MagicGlue::Binary(f)) => f(gil, unsafe { arg(gil, slf) }, unsafe { arg(gil, key) }),
        _ => Err(missing("__getitem__")),
    }
}

unsafe extern "C" fn mp_ass_subscript<T: PyClass>(
    slf: *mut ffi::PyObject,
    key: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
) -> c_int {
    // SAFETY: CPython calls mp_ass_subscript with the GIL held on an instance.
    unsafe { trampoline(|gil| set_item(gil, record::<T>(), slf, key, value).map(|()| 0)) }
}

/// `slf[key] = value`, or `del slf[key]` when `value` is null.
///
/// # Safety
/// Live objects (`value` may be null); GIL held.
pub(super) unsafe fn set_item(
    gil: Gil<'_>,
    record: &'static ClassRecord,
    slf: *mut ffi::PyObject,
    key: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
) -> PyResult<()> {
    let table = &record.protocols;
    // SAFETY: live objects for the call (the caller's guarantee); `value` is checked
    // non-null before it is wrapped.
    let (slf, key) = unsafe { (arg(gil, slf), arg(gil, key)) };
    if value.is_null() {
        match table.get(Dunder::Delitem) {
            Some(MagicGlue::Delete(f)) => f(gil, slf, key),
            _ => Err(missing("__delitem__")),
        }
    } else {
        match table.get(Dunder::Setitem) {
            // SAFETY: as above, non-null here.
            Some(MagicGlue::Store(f)) => f(gil, slf, key, unsafe { arg(gil, value) }),
            _ => Err(missing("__setitem__")),
        }
    }
}

/// CPython's error for a dunder a class lacks (`AttributeError: __delitem__`).
#[cold]
pub(super) fn missing(name: &str) -> crate::err::PyErr {
    crate::exceptions::PyAttributeError::new_err(name.to_owned())
}

/// The mapping family's entry points (with the sequence slots the `sequence` option
/// chooses instead).
pub(super) const fn entries<T: PyClass>(dunder: Dunder) -> Option<&'static [SlotEntry]> {
    Some(match dunder {
        Dunder::Getitem => &[
            SlotEntry {
                slot: ffi::Py_mp_subscript,
                pfunc: mp_subscript::<T> as *mut c_void,
            },
            SlotEntry {
                slot: ffi::Py_sq_item,
                pfunc: super::sequence::sq_item::<T> as *mut c_void,
            },
        ],
        Dunder::Setitem | Dunder::Delitem => &[
            SlotEntry {
                slot: ffi::Py_mp_ass_subscript,
                pfunc: mp_ass_subscript::<T> as *mut c_void,
            },
            SlotEntry {
                slot: ffi::Py_sq_ass_item,
                pfunc: super::sequence::sq_ass_item::<T> as *mut c_void,
            },
        ],
        _ => return None,
    })
}
