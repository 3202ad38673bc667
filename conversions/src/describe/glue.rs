//! The typed glue the derive points its tables at: one tiny monomorphic function per field
//! type, doing only what needs the type (a read, a write, a drop).
use bind_core::conversion::{FromPyObject, IntoPyObject};
use bind_core::types::PyAny;
use bind_core::{Gil, Owned, PyResult};

/// Extracts a `T` and writes it at `out`.
///
/// # Safety
/// `out` is valid for writing a `T` (aligned, uninitialized or dead).
pub unsafe fn extract_at<T>(obj: &Owned<'_, PyAny>, out: *mut u8) -> PyResult<()>
where
    T: for<'b, 'p> FromPyObject<'b, 'p>,
{
    let value = T::extract(obj)?;
    // SAFETY: valid for writing a `T` (caller).
    unsafe { out.cast::<T>().write(value) };
    Ok(())
}

/// Extracts a `T` through the type-erased serde bridge and writes it at `out`.
///
/// # Safety
/// `out` is valid for writing a `T`.
pub unsafe fn extract_serde_at<T>(obj: &Owned<'_, PyAny>, out: *mut u8) -> PyResult<()>
where
    T: serde::de::DeserializeOwned,
{
    let value = crate::serde::from_py_erased(obj, |d| erased_serde::deserialize::<T>(d))?;
    // SAFETY: valid for writing a `T` (caller).
    unsafe { out.cast::<T>().write(value) };
    Ok(())
}

/// Drops the `T` at `p`.
///
/// # Safety
/// `p` holds a live `T` that is not used afterwards.
pub unsafe fn drop_at<T>(p: *mut u8) {
    // SAFETY: a live `T` (caller).
    unsafe { std::ptr::drop_in_place(p.cast::<T>()) }
}

/// Writes `T::default()` at `p`.
///
/// # Safety
/// `p` is valid for writing a `T`.
pub unsafe fn default_at<T: Default>(p: *mut u8) {
    // SAFETY: valid for writing (caller).
    unsafe { p.cast::<T>().write(T::default()) }
}

/// Moves the `T` out of `p` and converts it.
///
/// # Safety
/// `p` holds a live `T` that is not used (nor dropped) afterwards.
pub unsafe fn into_at<'py, T>(p: *mut u8, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>>
where
    T: for<'p> IntoPyObject<'p>,
{
    // SAFETY: a live `T`, moved out here (caller).
    let value = unsafe { p.cast::<T>().read() };
    value.into_py(gil)
}

/// Moves the `T` out of `p` and converts it through the type-erased serde bridge.
///
/// # Safety
/// `p` holds a live `T` that is not used (nor dropped) afterwards.
pub unsafe fn into_serde_at<'py, T>(p: *mut u8, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>>
where
    T: serde::Serialize,
{
    // SAFETY: a live `T`, moved out here (caller).
    let value = unsafe { p.cast::<T>().read() };
    crate::serde::to_py_erased(gil, &value)
}
