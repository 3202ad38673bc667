//! The typed glue the conversion tables point at: one tiny monomorphic function per field
//! type, doing only what needs the type (a write, a move out, a drop). Shared with the
//! dataclass glue of classes where the job is the same.
use crate::conversion::IntoPyObject;
use crate::err::PyResult;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::PyAny;
use std::marker::PhantomData;

pub use crate::engine::class::dataclass::{init_field, write_default, FieldDefaultValue};
pub use crate::engine::class::drop_erased;

/// The `Default::default()` of `T`, for [`write_default`] (field option `default`).
pub struct DefaultOf<T>(PhantomData<T>);

impl<T: Default> FieldDefaultValue for DefaultOf<T> {
    type Value = T;
    #[inline]
    fn value() -> T {
        T::default()
    }
}

/// A field's extraction other than its `FromPyObject` (field options `from_py_with` and
/// `serde`), implemented on a marker type per field.
pub trait ExtractWith {
    /// The field's type.
    type Value;
    /// Extracts the field's value.
    fn extract(obj: &Owned<'_, PyAny>) -> PyResult<Self::Value>;
}

/// Typed glue extracting a field through `W` and writing it (on success only).
///
/// # Safety
/// `ptr` points at uninitialised, aligned memory for a `W::Value`.
pub unsafe fn extract_with<W: ExtractWith>(
    _gil: Gil<'_>,
    ptr: *mut u8,
    obj: &Owned<'_, PyAny>,
) -> PyResult<()> {
    let value = W::extract(obj)?;
    // SAFETY: the caller's guarantee.
    unsafe { ptr.cast::<W::Value>().write(value) };
    Ok(())
}

/// A field's conversion other than its `IntoPyObject` (field option `serde`), implemented
/// on a marker type.
pub trait IntoPyWith {
    /// The field's type.
    type Value;
    /// Converts the field's value.
    fn into_py<'py>(value: Self::Value, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>>;
}

/// Typed glue moving a `T` out of its slot and converting it.
///
/// # Safety
/// `ptr` points at a live `T` that is not used (nor dropped) afterwards.
pub unsafe fn into_field<'py, T>(ptr: *mut u8, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>>
where
    T: for<'p> IntoPyObject<'p>,
{
    // SAFETY: a live `T`, moved out here (the caller's guarantee).
    let value = unsafe { ptr.cast::<T>().read() };
    value.into_py(gil)
}

/// Typed glue moving a `W::Value` out of its slot and converting it through `W`.
///
/// # Safety
/// `ptr` points at a live `W::Value` that is not used (nor dropped) afterwards.
pub unsafe fn into_field_with<'py, W: IntoPyWith>(
    ptr: *mut u8,
    gil: Gil<'py>,
) -> PyResult<Owned<'py, PyAny>> {
    // SAFETY: a live `W::Value`, moved out here (the caller's guarantee).
    let value = unsafe { ptr.cast::<W::Value>().read() };
    W::into_py(value, gil)
}
