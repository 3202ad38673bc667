//! `datetime.h`: the datetime C API capsule and the object layouts its macros read.
//!
//! Not part of the limited API: under `Py_LIMITED_API` bind reaches datetime objects
//! through Python calls instead.
use crate::object::{PyObject, PyTypeObject};
use crate::Py_hash_t;
use libc::{c_char, c_int};

/// `PyDateTime_CAPSULE_NAME`: what `PyCapsule_Import` takes to find the API.
pub const PyDateTime_CAPSULE_NAME: &std::ffi::CStr = c"datetime.datetime_CAPI";

/// `PyDateTime_CAPI`: the datetime module's types and constructors (unchanged 3.8–3.13).
#[repr(C)]
pub struct PyDateTime_CAPI {
    pub DateType: *mut PyTypeObject,
    pub DateTimeType: *mut PyTypeObject,
    pub TimeType: *mut PyTypeObject,
    pub DeltaType: *mut PyTypeObject,
    pub TZInfoType: *mut PyTypeObject,
    pub TimeZone_UTC: *mut PyObject,
    pub Date_FromDate:
        unsafe extern "C" fn(c_int, c_int, c_int, *mut PyTypeObject) -> *mut PyObject,
    pub DateTime_FromDateAndTime: unsafe extern "C" fn(
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        *mut PyObject,
        *mut PyTypeObject,
    ) -> *mut PyObject,
    pub Time_FromTime: unsafe extern "C" fn(
        c_int,
        c_int,
        c_int,
        c_int,
        *mut PyObject,
        *mut PyTypeObject,
    ) -> *mut PyObject,
    pub Delta_FromDelta:
        unsafe extern "C" fn(c_int, c_int, c_int, c_int, *mut PyTypeObject) -> *mut PyObject,
    pub TimeZone_FromTimeZone:
        unsafe extern "C" fn(offset: *mut PyObject, name: *mut PyObject) -> *mut PyObject,
    pub DateTime_FromTimestamp:
        unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject,
    pub Date_FromTimestamp: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject,
    pub DateTime_FromDateAndTimeAndFold: unsafe extern "C" fn(
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        *mut PyObject,
        c_int,
        *mut PyTypeObject,
    ) -> *mut PyObject,
    pub Time_FromTimeAndFold: unsafe extern "C" fn(
        c_int,
        c_int,
        c_int,
        c_int,
        *mut PyObject,
        c_int,
        *mut PyTypeObject,
    ) -> *mut PyObject,
}

/// `_PyDateTime_BaseTZInfo`: the head every date/time object starts with.
#[repr(C)]
pub struct _PyDateTime_BaseTZInfo {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
}

/// `PyDateTime_Date`.
#[repr(C)]
pub struct PyDateTime_Date {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [u8; 4],
}

/// `PyDateTime_DateTime` (`tzinfo` is present only when `hastzinfo` is true).
#[repr(C)]
pub struct PyDateTime_DateTime {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [u8; 10],
    pub fold: u8,
    pub tzinfo: *mut PyObject,
}

/// `PyDateTime_Time` (`tzinfo` is present only when `hastzinfo` is true).
#[repr(C)]
pub struct PyDateTime_Time {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [u8; 6],
    pub fold: u8,
    pub tzinfo: *mut PyObject,
}

/// `PyDateTime_Delta`.
#[repr(C)]
pub struct PyDateTime_Delta {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub days: c_int,
    pub seconds: c_int,
    pub microseconds: c_int,
}

/// `PyDateTime_GET_YEAR`/`_MONTH`/`_DAY` (also valid on datetimes).
#[inline]
pub unsafe fn PyDateTime_GET_YMD(o: *mut PyObject) -> (c_int, c_int, c_int) {
    // SAFETY: the caller passes a live date or datetime (both start like PyDateTime_Date).
    let data = unsafe { (*o.cast::<PyDateTime_Date>()).data };
    (
        (c_int::from(data[0]) << 8) | c_int::from(data[1]),
        c_int::from(data[2]),
        c_int::from(data[3]),
    )
}

/// `PyDateTime_DATE_GET_TZINFO` (borrowed; `Py_None` when there is none).
#[inline]
pub unsafe fn PyDateTime_DATE_GET_TZINFO(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: the caller passes a live datetime; `tzinfo` exists only when `hastzinfo`.
    unsafe {
        let dt = o.cast::<PyDateTime_DateTime>();
        if (*dt).hastzinfo != 0 {
            (*dt).tzinfo
        } else {
            crate::Py_None()
        }
    }
}

/// `PyDateTime_TIME_GET_TZINFO` (borrowed; `Py_None` when there is none).
#[inline]
pub unsafe fn PyDateTime_TIME_GET_TZINFO(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: the caller passes a live time; `tzinfo` exists only when `hastzinfo`.
    unsafe {
        let t = o.cast::<PyDateTime_Time>();
        if (*t).hastzinfo != 0 {
            (*t).tzinfo
        } else {
            crate::Py_None()
        }
    }
}
