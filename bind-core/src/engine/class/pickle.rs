//! Pickling and copying from the field descriptors (class option `pickle`): `__reduce__`
//! returns `(cls._from_fields, (field values...))`, and the `_from_fields` class method
//! builds an instance from one value per field. `copy.copy`/`copy.deepcopy` go through
//! the same reduction (deep copies copy the field values).
use super::dataclass::{construct, data_fields, field_tuple, no_conversion};
use super::PyClass;
use crate::engine::trampoline::trampoline;
use crate::exceptions::PyTypeError;
use crate::ffi;
use crate::handle::Owned;
use crate::reflect::{TypeDesc, TypeFlags};
use crate::types::{PyAny, PyTuple};

/// The name of the class method that rebuilds an instance from its field values.
pub(crate) const FROM_FIELDS: &str = "_from_fields";

/// The methods the class option `pickle` adds.
pub(crate) fn methods(
    desc: &'static TypeDesc,
    hooks: Option<&super::dataclass::DataHooks>,
) -> Vec<ffi::PyMethodDef> {
    let (true, Some(hooks)) = (desc.flags.contains(TypeFlags::PICKLE), hooks) else {
        return Vec::new();
    };
    vec![
        ffi::PyMethodDef {
            ml_name: c"__reduce__".as_ptr(),
            ml_meth: ffi::PyMethodDefPointer {
                noargs: hooks.reduce,
            },
            ml_flags: ffi::METH_NOARGS,
            ml_doc: c"Pickling support: the class's `_from_fields` and the field values.".as_ptr(),
        },
        ffi::PyMethodDef {
            ml_name: c"_from_fields".as_ptr(),
            ml_meth: ffi::PyMethodDefPointer {
                varargs: hooks.from_fields,
            },
            ml_flags: ffi::METH_VARARGS | ffi::METH_CLASS,
            ml_doc: c"An instance from one value per field, in declaration order (used by \
                      pickling and copying)."
                .as_ptr(),
        },
    ]
}

/// `__reduce__`.
pub(crate) unsafe extern "C" fn reduce<T: PyClass>(
    slf: *mut ffi::PyObject,
    _args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls the method with the GIL held on an instance of T.
    unsafe {
        trampoline(|gil| {
            let record = T::lazy().existing();
            for (field, data) in data_fields(record.desc) {
                if (data.init)().is_none() {
                    return Err(PyTypeError::new_err(format!(
                        "cannot pickle '{}' object: field '{}' of type {} has no \
                         conversion from Python",
                        record.name(),
                        field.name.to_string_lossy(),
                        data.type_name
                    )));
                }
            }
            let values = field_tuple(gil, record, slf)?;
            let ty: Owned<'_, PyAny> = Owned::from_borrowed_ptr(gil, ffi::Py_TYPE(slf).cast());
            let rebuild = ty.getattr(FROM_FIELDS)?;
            Ok(PyTuple::new(gil, [rebuild, values.into_any()])?.into_ptr())
        })
    }
}

/// `_from_fields(*values)` (a class method: `cls` is the class it is called on).
pub(crate) unsafe extern "C" fn from_fields<T: PyClass>(
    cls: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls the method with the GIL held, the class and an args tuple.
    unsafe {
        trampoline(|gil| {
            let record = T::lazy().existing();
            let args: Owned<'_, PyTuple> = Owned::from_borrowed_ptr(gil, args);
            let expected = data_fields(record.desc).count();
            if args.len() != expected {
                return Err(PyTypeError::new_err(format!(
                    "{}.{FROM_FIELDS}() takes {expected} arguments ({} given)",
                    record.name(),
                    args.len()
                )));
            }
            for (field, data) in data_fields(record.desc) {
                if (data.init)().is_none() {
                    return Err(no_conversion(record.desc, field, data));
                }
            }
            // A bind subclass inheriting `_from_fields` is refused: its own level would
            // stay uninitialised.
            let Ok(cls) = super::init::instance_type::<T>(crate::Borrowed::from_ptr(gil, cls))
            else {
                return Err(PyTypeError::new_err(format!(
                    "{FROM_FIELDS}() needs '{}' or a Python subclass of it",
                    record.name()
                )));
            };
            construct::<T, _>(gil, cls, data_fields(record.desc), |i| {
                args.get_item(i).ok()
            })
        })
    }
}
