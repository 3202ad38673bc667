//! The one generic getter/setter pair behind every accessor field and every
//! `#[getter]`/`#[setter]` property: the `PyGetSetDef` closure is the descriptor.
use super::borrow::{FieldWrite, LevelBorrow};
use super::record::ClassRecord;
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::engine::trampoline::trampoline;
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyAttributeError;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::{Borrowed, Owned};
use crate::reflect::{FieldDesc, FieldKind};
use crate::types::PyAny;
use std::os::raw::{c_int, c_void};

/// The closure of an accessor field's getset: the field and its class's record.
pub(crate) struct FieldSlot {
    pub(crate) field: &'static FieldDesc,
    pub(crate) record: &'static ClassRecord,
}

/// The closure of a property's getset: getter and setter merged by name.
pub(crate) struct PropertySlot {
    pub(crate) name: &'static str,
    pub(crate) class: &'static str,
    pub(crate) get: Option<crate::reflect::PropertyGetter>,
    pub(crate) set: Option<crate::reflect::PropertySetter>,
    pub(crate) delete: Option<crate::reflect::PropertyDeleter>,
}

/// The generic field getter (`PyGetSetDef.get`).
pub(crate) unsafe extern "C" fn field_get(
    slf: *mut ffi::PyObject,
    closure: *mut c_void,
) -> *mut ffi::PyObject {
    // SAFETY: closure is a leaked FieldSlot; CPython checked slf's type; GIL held.
    unsafe {
        let slot = &*closure.cast::<FieldSlot>();
        trampoline(|gil| {
            let FieldKind::Accessor { get: Some(get), .. } = slot.field.kind else {
                return Err(PyAttributeError::new_err("unreadable attribute"));
            };
            let borrow = LevelBorrow::shared(slot.record, slf)?;
            get(gil, borrow.data().add(slot.field.offset))
        })
    }
}

/// The generic field setter (`PyGetSetDef.set`).
pub(crate) unsafe extern "C" fn field_set(
    slf: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
    closure: *mut c_void,
) -> c_int {
    // SAFETY: closure is a leaked FieldSlot; CPython checked slf's type; GIL held.
    unsafe {
        let slot = &*closure.cast::<FieldSlot>();
        trampoline(|gil| {
            let name = slot.field.name.to_string_lossy();
            if value.is_null() {
                return Err(cannot_delete(&name, slot.record.name()));
            }
            let FieldKind::Accessor { set: Some(set), .. } = slot.field.kind else {
                return Err(PyAttributeError::new_err(format!(
                    "attribute '{name}' of '{}' objects is not writable",
                    slot.record.name()
                )));
            };
            let value: &Owned<'_, PyAny> = Borrowed::slot_as_owned(&*(&value as *const _));
            // The glue converts first, then stores under the mutable borrow.
            let target = FieldWrite {
                obj: slf,
                record: slot.record,
                offset: slot.field.offset,
            };
            set(gil, std::ptr::addr_of!(target).cast_mut().cast(), value)
                .map(|()| 0)
                .map_err(|e| attribute_error(gil, e, &name, slot.record.name()))
        })
    }
}

#[cold]
pub(crate) fn cannot_delete(name: &str, class: &str) -> PyErr {
    PyAttributeError::new_err(format!(
        "cannot delete attribute '{name}' of '{class}' objects"
    ))
}

/// The generic property getter.
pub(crate) unsafe extern "C" fn property_get(
    slf: *mut ffi::PyObject,
    closure: *mut c_void,
) -> *mut ffi::PyObject {
    // SAFETY: closure is a leaked PropertySlot; GIL held; CPython passes a live `slf`.
    unsafe {
        let slot = &*closure.cast::<PropertySlot>();
        trampoline(|gil| match slot.get {
            Some(get) => get(gil, Borrowed::from_ptr(gil, slf)),
            None => Err(PyAttributeError::new_err(format!(
                "attribute '{}' of '{}' objects is not readable",
                slot.name, slot.class
            ))),
        })
    }
}

/// The generic property setter.
pub(crate) unsafe extern "C" fn property_set(
    slf: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
    closure: *mut c_void,
) -> c_int {
    // SAFETY: closure is a leaked PropertySlot; GIL held; CPython passes live objects.
    unsafe {
        let slot = &*closure.cast::<PropertySlot>();
        trampoline(|gil| {
            if value.is_null() {
                return match slot.delete {
                    Some(delete) => delete(gil, Borrowed::from_ptr(gil, slf)).map(|()| 0),
                    None => Err(cannot_delete(slot.name, slot.class)),
                };
            }
            let Some(set) = slot.set else {
                return Err(PyAttributeError::new_err(format!(
                    "attribute '{}' of '{}' objects is not writable",
                    slot.name, slot.class
                )));
            };
            let value: &Owned<'_, PyAny> = Borrowed::slot_as_owned(&*(&value as *const _));
            set(gil, Borrowed::from_ptr(gil, slf), value).map(|()| 0)
        })
    }
}

/// Rewrites a conversion error of a setter so that it names the attribute:
/// `attribute 'x' of 'Point': 'str' object cannot be converted to 'float'`.
#[cold]
#[inline(never)]
pub fn attribute_error(gil: Gil<'_>, err: PyErr, name: &str, class: &str) -> PyErr {
    crate::engine::args::prefixed_error(
        gil,
        err,
        &format!("attribute '{name}' of '{class}' objects: "),
    )
}

/// How a field's value is read for Python: by clone and conversion for plain values, by
/// a new reference for fields holding Python objects.
pub trait FieldToPy {
    /// The Python value of the field.
    fn field_to_py<'py>(&self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>>;
}

impl<F: Clone + for<'py> IntoPyObject<'py>> FieldToPy for F {
    #[inline]
    fn field_to_py<'py>(&self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        self.clone().into_py(gil)
    }
}

/// Fields holding Python objects (`Handle<T>`, `Option<Handle<T>>`): read as a new
/// reference to the object.
pub trait ObjectField {
    /// The Python value of the field.
    fn object_to_py<'py>(&self, gil: Gil<'py>) -> Owned<'py, PyAny>;
}

impl<T> ObjectField for crate::handle::Handle<T> {
    #[inline]
    fn object_to_py<'py>(&self, gil: Gil<'py>) -> Owned<'py, PyAny> {
        self.bind(gil).clone().into_any()
    }
}

impl<T> ObjectField for Option<crate::handle::Handle<T>> {
    #[inline]
    fn object_to_py<'py>(&self, gil: Gil<'py>) -> Owned<'py, PyAny> {
        match self {
            Some(h) => h.bind(gil).clone().into_any(),
            None => gil.none().into_any(),
        }
    }
}

/// Typed glue of a readable field holding Python objects.
///
/// # Safety
/// `ptr` points at a live `F`.
pub unsafe fn get_object_field<F: ObjectField>(
    gil: Gil<'_>,
    ptr: *const u8,
) -> PyResult<*mut ffi::PyObject> {
    // SAFETY: the caller's guarantee; the engine holds a shared borrow.
    let value = unsafe { &*ptr.cast::<F>() };
    Ok(value.object_to_py(gil).into_ptr())
}

/// Typed glue of a readable field of type `F` (one instantiation per field type).
///
/// # Safety
/// `ptr` points at a live `F`.
pub unsafe fn get_field<F: FieldToPy>(
    gil: Gil<'_>,
    ptr: *const u8,
) -> PyResult<*mut ffi::PyObject> {
    // SAFETY: the caller's guarantee; the engine holds a shared borrow.
    let value = unsafe { &*ptr.cast::<F>() };
    Ok(value.field_to_py(gil)?.into_ptr())
}

/// Typed glue of a writable field of type `F`: converts `value` with no borrow held, then
/// stores it under the mutable borrow.
///
/// # Safety
/// `target` points at the engine's [`FieldWrite`] for a field of type `F`.
pub unsafe fn set_field<F>(_gil: Gil<'_>, target: *mut u8, value: &Owned<'_, PyAny>) -> PyResult<()>
where
    F: for<'a, 'py> FromPyObject<'a, 'py>,
{
    let new = F::extract(value)?;
    // SAFETY: the caller's guarantee.
    unsafe { (*target.cast::<FieldWrite>()).store(new) }
}

/// Reads a property setter's value, naming the attribute on failure.
#[inline]
pub fn extract_property<'a, 'py, F: FromPyObject<'a, 'py>>(
    value: &'a Owned<'py, PyAny>,
    name: &str,
    class: &str,
) -> PyResult<F> {
    F::extract(value).map_err(|e| attribute_error(value.gil(), e, name, class))
}
