//! The descriptor family: `__get__(instance, owner)` (`tp_descr_get`; `None` for an
//! absent instance or owner), `__set__(instance, value)` and `__delete__(instance)`
//! (sharing `tp_descr_set`; a missing one raises `AttributeError` naming it).
use super::mapping::missing;
use super::{arg, entry, record};
use crate::engine::class::PyClass;
use crate::engine::trampoline::trampoline;
use crate::ffi;
use crate::reflect::{Dunder, MagicGlue, SlotEntry};
use std::os::raw::c_int;

fn or_none(obj: *mut ffi::PyObject) -> *mut ffi::PyObject {
    if obj.is_null() {
        ffi::Py_None()
    } else {
        obj
    }
}

unsafe extern "C" fn tp_descr_get<T: PyClass>(
    slf: *mut ffi::PyObject,
    instance: *mut ffi::PyObject,
    owner: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls tp_descr_get with the GIL held on an instance.
    unsafe {
        trampoline(|gil| {
            let record = record::<T>();
            match record.protocols.get(Dunder::Get) {
                Some(MagicGlue::Ternary(f)) => f(
                    gil,
                    arg(gil, slf),
                    arg(gil, or_none(instance)),
                    arg(gil, or_none(owner)),
                ),
                _ => Err(missing("__get__")),
            }
        })
    }
}

unsafe extern "C" fn tp_descr_set<T: PyClass>(
    slf: *mut ffi::PyObject,
    instance: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
) -> c_int {
    // SAFETY: CPython calls tp_descr_set with the GIL held on an instance.
    unsafe {
        trampoline(|gil| {
            let record = record::<T>();
            let table = &record.protocols;
            if value.is_null() {
                match table.get(Dunder::Delete) {
                    Some(MagicGlue::Delete(f)) => {
                        f(gil, arg(gil, slf), arg(gil, instance)).map(|()| 0)
                    }
                    _ => Err(missing("__delete__")),
                }
            } else {
                match table.get(Dunder::Set) {
                    Some(MagicGlue::Store(f)) => {
                        f(gil, arg(gil, slf), arg(gil, instance), arg(gil, value)).map(|()| 0)
                    }
                    _ => Err(missing("__set__")),
                }
            }
        })
    }
}

/// The descriptor family's entry points.
pub(super) const fn entries<T: PyClass>(dunder: Dunder) -> Option<&'static [SlotEntry]> {
    Some(match dunder {
        Dunder::Get => entry!(Py_tp_descr_get => tp_descr_get::<T>),
        Dunder::Set | Dunder::Delete => entry!(Py_tp_descr_set => tp_descr_set::<T>),
        _ => return None,
    })
}
