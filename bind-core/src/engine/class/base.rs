//! Base classes: another bind class, or a native type (`object`, `dict`, `Exception`, …).
use super::init::{BaseInit, Initializer};
use super::record::ClassRecord;
use super::PyClass;
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::types::PyTypeInfo;

/// What the type builder needs to know about a base class.
#[derive(Copy, Clone)]
pub struct BaseInfo {
    /// The base type object.
    pub type_object: *mut ffi::PyTypeObject,
    /// Its record when it is a bind class.
    pub record: Option<&'static ClassRecord>,
}

/// A type a class can extend (`extends = Base`).
///
/// # Safety
/// `base_info` returns the type object `Self` names and, for bind classes, that type's
/// record: the type builder lays the subclass out on top of them.
pub unsafe trait ClassBase: 'static {
    /// What a constructor supplies for the base part: `()` for native bases, the base's
    /// [`Initializer`] for bind classes.
    type Init: BaseInit;
    /// The base type's instance size (`__basicsize__`) when it is known at compile time
    /// (`object`); classes on such a base get their layout as a constant
    /// ([`super::PyClass::FIXED_LAYOUT`]). Checked when a subclass's type is created.
    const FIXED_SIZE: Option<usize> = None;
    /// The base type and record, creating a bind base's type on first use.
    fn base_info(gil: Gil<'_>) -> PyResult<BaseInfo>;
}

// SAFETY: a bind class's own type and record.
unsafe impl<T: PyClass> ClassBase for T {
    type Init = Initializer<T>;
    fn base_info(gil: Gil<'_>) -> PyResult<BaseInfo> {
        let record = super::record::<T>(gil)?;
        Ok(BaseInfo {
            type_object: record.type_object(),
            record: Some(record),
        })
    }
}

macro_rules! native_bases {
    ($($ty:path $(=> $size:expr)?),* $(,)?) => {$(
        // SAFETY: the native type the marker stands for; no record.
        unsafe impl ClassBase for $ty {
            type Init = ();
            $(const FIXED_SIZE: Option<usize> = Some($size);)?
            fn base_info(gil: Gil<'_>) -> PyResult<BaseInfo> {
                Ok(BaseInfo {
                    type_object: <$ty as PyTypeInfo>::type_object_raw(gil),
                    record: None,
                })
            }
        }
    )*};
}

native_bases!(
    crate::types::PyAny => std::mem::size_of::<ffi::PyObject>(),
    crate::types::PyDict,
    crate::types::PyList,
    crate::types::PyTzInfo,
    crate::exceptions::PyBaseExceptionType,
    crate::exceptions::PyException,
    crate::exceptions::PyValueError,
    crate::exceptions::PyTypeError,
    crate::exceptions::PyRuntimeError,
);
