//! The attribute family: `__getattribute__`, `__getattr__` (called only when normal
//! lookup raises `AttributeError`), `__setattr__` and `__delattr__` (sharing
//! `tp_setattro`; a missing one falls back to `object`'s behaviour, as for Python
//! classes).
use super::{arg, record};
use crate::engine::class::PyClass;
use crate::engine::trampoline::trampoline;
use crate::err::PyErr;
use crate::ffi;
use crate::reflect::{Dunder, MagicGlue, SlotEntry};
use std::os::raw::{c_int, c_void};

unsafe extern "C" fn tp_getattro<T: PyClass>(
    slf: *mut ffi::PyObject,
    name: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls tp_getattro with the GIL held on an instance.
    unsafe {
        trampoline(|gil| {
            let record = record::<T>();
            let table = &record.protocols;
            let found = match table.get(Dunder::Getattribute) {
                Some(MagicGlue::Binary(f)) => f(gil, arg(gil, slf), arg(gil, name)),
                _ => {
                    let r = ffi::PyObject_GenericGetAttr(slf, name);
                    if r.is_null() {
                        Err(PyErr::fetch(gil))
                    } else {
                        Ok(r)
                    }
                }
            };
            match (found, table.get(Dunder::Getattr)) {
                (Err(err), Some(MagicGlue::Binary(getattr)))
                    if err.is_instance_of::<crate::exceptions::PyAttributeError>(gil) =>
                {
                    getattr(gil, arg(gil, slf), arg(gil, name))
                }
                (found, _) => found,
            }
        })
    }
}

unsafe extern "C" fn tp_setattro<T: PyClass>(
    slf: *mut ffi::PyObject,
    name: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
) -> c_int {
    // SAFETY: CPython calls tp_setattro with the GIL held on an instance.
    unsafe {
        trampoline(|gil| {
            let record = record::<T>();
            let table = &record.protocols;
            match (
                value.is_null(),
                table.get(Dunder::Setattr),
                table.get(Dunder::Delattr),
            ) {
                (false, Some(MagicGlue::Store(f)), _) => {
                    f(gil, arg(gil, slf), arg(gil, name), arg(gil, value)).map(|()| 0)
                }
                (true, _, Some(MagicGlue::Delete(f))) => {
                    f(gil, arg(gil, slf), arg(gil, name)).map(|()| 0)
                }
                _ => {
                    if ffi::PyObject_GenericSetAttr(slf, name, value) == 0 {
                        Ok(0)
                    } else {
                        Err(PyErr::fetch(gil))
                    }
                }
            }
        })
    }
}

/// The attribute family's entry points.
pub(super) const fn entries<T: PyClass>(dunder: Dunder) -> Option<&'static [SlotEntry]> {
    Some(match dunder {
        Dunder::Getattr | Dunder::Getattribute => &[SlotEntry {
            slot: ffi::Py_tp_getattro,
            pfunc: tp_getattro::<T> as *mut c_void,
        }],
        Dunder::Setattr | Dunder::Delattr => &[SlotEntry {
            slot: ffi::Py_tp_setattro,
            pfunc: tp_setattro::<T> as *mut c_void,
        }],
        _ => return None,
    })
}
