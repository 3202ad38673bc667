//! The `__dict__` attribute of classes declared with `dict`: types built from a spec get
//! no `__dict__` descriptor, so the engine adds this getset.
//!
//! It is CPython's `PyObject_GenericGetDict`/`PyObject_GenericSetDict` pair, except in abi3
//! builds for versions before 3.10, where `PyObject_GenericGetDict` is outside the stable
//! ABI: there the getter reads the instance's dict pointer at the layout's offset itself.
use crate::ffi;
use std::ffi::c_void;

/// The `__dict__` getset of a class whose instances keep their dict at `dict_offset`.
pub(crate) fn dict_getset(dict_offset: usize) -> ffi::PyGetSetDef {
    #[cfg(any(not(Py_LIMITED_API), Py_3_10))]
    let (get, closure): (Option<ffi::getter>, *mut c_void) = {
        let _ = dict_offset;
        (Some(ffi::PyObject_GenericGetDict), std::ptr::null_mut())
    };
    #[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
    let (get, closure): (Option<ffi::getter>, *mut c_void) =
        (Some(get_dict_at_offset), dict_offset as *mut c_void);
    ffi::PyGetSetDef {
        name: c"__dict__".as_ptr(),
        get,
        set: Some(ffi::PyObject_GenericSetDict),
        doc: std::ptr::null(),
        closure,
    }
}

/// `obj.__dict__` for a dict stored at the offset carried in `closure`, created on first
/// access (a new reference, or NULL with an exception set).
///
/// # Safety
/// Called by CPython as a getter of a type built with a dict at that offset, on a live
/// instance of it, with the GIL held.
#[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
unsafe extern "C" fn get_dict_at_offset(
    obj: *mut ffi::PyObject,
    closure: *mut c_void,
) -> *mut ffi::PyObject {
    let offset = closure as usize;
    // SAFETY: the instance's layout has a dict pointer at `offset` (the builder passed the
    // layout's offset); it is NULL or an owned reference to a dict. PyDict_New may run the
    // gc and so any Python code, which could store a dict there meanwhile: the slot is read
    // again after it, and the new dict dropped if one appeared.
    unsafe {
        let slot = obj.cast::<u8>().add(offset).cast::<*mut ffi::PyObject>();
        if (*slot).is_null() {
            let dict = ffi::PyDict_New();
            if dict.is_null() {
                return std::ptr::null_mut();
            }
            if (*slot).is_null() {
                *slot = dict;
            } else {
                ffi::Py_DECREF(dict);
            }
        }
        let dict = *slot;
        ffi::Py_INCREF(dict);
        dict
    }
}
