//! Where the datetime types come from: the `datetime` C API capsule, or (under the limited
//! API, which does not include it) the `datetime` module's attributes.
//!
//! Looked up once per process with the GIL held and kept for the life of the process (the
//! `_datetime` extension and its static types are never unloaded).
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use std::sync::OnceLock;

/// The datetime module's types and singletons.
pub(crate) struct DatetimeApi {
    pub date: *mut ffi::PyTypeObject,
    pub datetime: *mut ffi::PyTypeObject,
    pub time: *mut ffi::PyTypeObject,
    pub delta: *mut ffi::PyTypeObject,
    pub tzinfo: *mut ffi::PyTypeObject,
    /// `datetime.timezone.utc`.
    pub utc: *mut ffi::PyObject,
    /// `datetime.timezone`.
    #[cfg(Py_LIMITED_API)]
    pub timezone: *mut ffi::PyObject,
    /// The capsule's constructors.
    #[cfg(not(Py_LIMITED_API))]
    pub capi: *const ffi::PyDateTime_CAPI,
}

// SAFETY: the pointers are to objects kept alive for the process (a reference owned by
// this table, or static data of the `_datetime` extension); they are only used with the
// GIL held.
unsafe impl Send for DatetimeApi {}
// SAFETY: as above.
unsafe impl Sync for DatetimeApi {}

static API: OnceLock<DatetimeApi> = OnceLock::new();

/// The table, imported on first use.
pub(crate) fn datetime_api(gil: Gil<'_>) -> PyResult<&'static DatetimeApi> {
    if let Some(api) = API.get() {
        return Ok(api);
    }
    // Looked up outside the `OnceLock` (the import runs Python code, which may let another
    // thread in to look it up too): the first table stored wins.
    let api = load(gil)?;
    Ok(API.get_or_init(|| api))
}

#[cfg(not(Py_LIMITED_API))]
fn load(gil: Gil<'_>) -> PyResult<DatetimeApi> {
    // SAFETY: the GIL is held; PyCapsule_Import imports `datetime` and returns the
    // capsule's pointer (a static PyDateTime_CAPI of `_datetime`) or null with an error.
    let capi = unsafe { ffi::PyCapsule_Import(ffi::PyDateTime_CAPSULE_NAME.as_ptr(), 1) };
    if capi.is_null() {
        return Err(crate::PyErr::fetch(gil));
    }
    let capi = capi.cast::<ffi::PyDateTime_CAPI>();
    // SAFETY: `capi` points to the module's static, fully initialised API struct.
    unsafe {
        Ok(DatetimeApi {
            date: (*capi).DateType,
            datetime: (*capi).DateTimeType,
            time: (*capi).TimeType,
            delta: (*capi).DeltaType,
            tzinfo: (*capi).TZInfoType,
            utc: (*capi).TimeZone_UTC,
            capi,
        })
    }
}

#[cfg(Py_LIMITED_API)]
fn load(gil: Gil<'_>) -> PyResult<DatetimeApi> {
    let module = gil.import("datetime")?;
    // Each reference is kept for the life of the process.
    let keep =
        |name: &str| -> PyResult<*mut ffi::PyObject> { Ok(module.getattr(name)?.into_ptr()) };
    let timezone = keep("timezone")?;
    // SAFETY: `timezone` is a live object (its reference kept above).
    let timezone_handle =
        unsafe { crate::Owned::<crate::types::PyAny>::from_borrowed_ptr(gil, timezone) };
    Ok(DatetimeApi {
        date: keep("date")?.cast(),
        datetime: keep("datetime")?.cast(),
        time: keep("time")?.cast(),
        delta: keep("timedelta")?.cast(),
        tzinfo: keep("tzinfo")?.cast(),
        utc: timezone_handle.getattr("utc")?.into_ptr(),
        timezone,
    })
}
