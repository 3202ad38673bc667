//! Python's `datetime` types: [`PyDate`], [`PyDateTime`], [`PyTime`], [`PyDelta`] and
//! [`PyTzInfo`], built and read field by field.
//!
//! With the full C API bind uses the datetime capsule (constructors and direct field
//! reads, as CPython's own macros do); under the limited API (abi3), which does not
//! include it, the same operations go through Python calls. Field reads return
//! [`PyResult`] for that reason: a Python call can fail.
use super::datetime_api::datetime_api;
#[cfg(not(Py_LIMITED_API))]
use super::datetime_api::DatetimeApi;
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::{PyAny, PyTypeCheck, PyTypeInfo};

macro_rules! datetime_type {
    ($(#[$doc:meta])* $name:ident, $pyname:literal, $field:ident) => {
        $(#[$doc])*
        pub enum $name {}

        impl PyTypeCheck for $name {
            const NAME: &'static str = $pyname;
            fn type_check(obj: &Owned<'_, PyAny>) -> bool {
                match datetime_api(obj.gil()) {
                    // SAFETY: `obj` is live and the type object lives for the process.
                    Ok(api) => unsafe { ffi::PyObject_TypeCheck(obj.as_ptr(), api.$field) },
                    Err(_) => false,
                }
            }
        }

        // SAFETY: the datetime module's type object, kept alive for the process (see
        // `datetime_api`), and `type_check` checks against that same object.
        unsafe impl PyTypeInfo for $name {
            fn type_object_raw(gil: Gil<'_>) -> *mut ffi::PyTypeObject {
                datetime_api(gil)
                    .expect("the datetime module could not be imported")
                    .$field
            }
        }

        impl crate::handle::DerefToPyAny for $name {}
    };
}

datetime_type!(
    /// `datetime.date`.
    PyDate,
    "date",
    date
);
datetime_type!(
    /// `datetime.datetime` (a subclass of `date`).
    PyDateTime,
    "datetime",
    datetime
);
datetime_type!(
    /// `datetime.time`.
    PyTime,
    "time",
    time
);
datetime_type!(
    /// `datetime.timedelta`.
    PyDelta,
    "timedelta",
    delta
);
datetime_type!(
    /// `datetime.tzinfo`: the abstract time zone base (`extends = PyTzInfo` to write one
    /// in Rust).
    PyTzInfo,
    "tzinfo",
    tzinfo
);

/// The date part of a `date` or `datetime`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateFields {
    /// 1 to 9999.
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
    /// 1 to the number of days in the month.
    pub day: u8,
}

/// The time-of-day part of a `time` or `datetime`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeFields {
    /// 0 to 23.
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
    /// 0 to 59.
    pub second: u8,
    /// 0 to 999 999.
    pub microsecond: u32,
    /// PEP 495's `fold`: the later of two equal wall times (a clock moved back).
    pub fold: bool,
}

/// A `timedelta`'s normalised fields: `0 <= seconds < 86400`, `0 <= microseconds <
/// 1_000_000`, and `days` carries the sign (−999 999 999 to 999 999 999).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeltaFields {
    /// Whole days (may be negative).
    pub days: i32,
    /// Seconds within the day.
    pub seconds: i32,
    /// Microseconds within the second.
    pub microseconds: i32,
}

impl DeltaFields {
    /// The whole span in microseconds.
    pub fn total_microseconds(self) -> i64 {
        (i64::from(self.days) * 86_400 + i64::from(self.seconds)) * 1_000_000
            + i64::from(self.microseconds)
    }
}

/// `tzinfo` as the raw argument of the constructors: the object or `None`.
fn tzinfo_ptr(tzinfo: Option<&Owned<'_, PyTzInfo>>) -> *mut ffi::PyObject {
    tzinfo.map_or_else(ffi::Py_None, Owned::as_ptr)
}

/// The `tzinfo` read from an object: `None` becomes `Option::None`.
fn tzinfo_of<'py>(value: Owned<'py, PyAny>) -> PyResult<Option<Owned<'py, PyTzInfo>>> {
    if value.is_none() {
        Ok(None)
    } else {
        Ok(Some(value.downcast_into::<PyTzInfo>()?))
    }
}

#[cfg(Py_LIMITED_API)]
fn type_handle<'py>(gil: Gil<'py>, ty: *mut ffi::PyTypeObject) -> Owned<'py, PyAny> {
    // SAFETY: the type object lives for the process; a new reference is taken.
    unsafe { Owned::from_borrowed_ptr(gil, ty.cast()) }
}

#[cfg(Py_LIMITED_API)]
fn fold_kwargs(gil: Gil<'_>, fold: bool) -> PyResult<Owned<'_, crate::types::PyDict>> {
    let kwargs = crate::types::PyDict::new(gil);
    kwargs.set_item("fold", u8::from(fold))?;
    Ok(kwargs)
}

/// Reads `names` from `obj` as integers through the descriptors of the datetime type
/// `ty` (so a subclass overriding `year`, `days`, … cannot feed in other values).
#[cfg(Py_LIMITED_API)]
fn read_attrs<const N: usize>(
    obj: &Owned<'_, PyAny>,
    ty: *mut ffi::PyTypeObject,
    names: [&str; N],
) -> PyResult<[i64; N]> {
    let ty = type_handle(obj.gil(), ty);
    let mut values = [0i64; N];
    for (value, name) in values.iter_mut().zip(names) {
        *value = ty
            .getattr(name)?
            .call_method1("__get__", (obj.clone(),))?
            .extract()?;
    }
    Ok(values)
}

/// `obj.tzinfo` through the descriptor of the datetime type `ty`.
#[cfg(Py_LIMITED_API)]
fn read_tzinfo<'py>(
    obj: &Owned<'py, PyAny>,
    ty: *mut ffi::PyTypeObject,
) -> PyResult<Owned<'py, PyAny>> {
    type_handle(obj.gil(), ty)
        .getattr("tzinfo")?
        .call_method1("__get__", (obj.clone(),))
}

#[cfg(not(Py_LIMITED_API))]
fn capi(api: &DatetimeApi) -> &ffi::PyDateTime_CAPI {
    // SAFETY: the capsule's struct is static data of `_datetime`.
    unsafe { &*api.capi }
}

impl PyDate {
    /// `date(year, month, day)`; raises `ValueError` for a day that does not exist.
    pub fn new(gil: Gil<'_>, date: DateFields) -> PyResult<Owned<'_, PyDate>> {
        let api = datetime_api(gil)?;
        #[cfg(not(Py_LIMITED_API))]
        // SAFETY: the GIL is held; the constructor returns a new reference or null.
        let obj: Owned<'_, PyAny> = unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                (capi(api).Date_FromDate)(date.year, date.month.into(), date.day.into(), api.date),
            )?
        };
        #[cfg(Py_LIMITED_API)]
        let obj = type_handle(gil, api.date).call1((date.year, date.month, date.day))?;
        // SAFETY: the date constructor returns a date.
        Ok(unsafe { obj.cast_unchecked() })
    }
}

impl<'py> Owned<'py, PyDate> {
    /// Year, month and day.
    pub fn fields(&self) -> PyResult<DateFields> {
        date_fields(self.as_any())
    }
}

fn date_fields(obj: &Owned<'_, PyAny>) -> PyResult<DateFields> {
    #[cfg(not(Py_LIMITED_API))]
    {
        // SAFETY: `obj` is a live date or datetime (checked by its handle's type).
        let (year, month, day) = unsafe { ffi::PyDateTime_GET_YMD(obj.as_ptr()) };
        Ok(DateFields {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
    #[cfg(Py_LIMITED_API)]
    {
        let api = datetime_api(obj.gil())?;
        let [year, month, day] = read_attrs(obj, api.date, ["year", "month", "day"])?;
        Ok(DateFields {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        })
    }
}

impl PyDateTime {
    /// `datetime(…, tzinfo=tzinfo, fold=…)` from its date and time parts; raises
    /// `ValueError` for a field out of range.
    pub fn new<'py>(
        gil: Gil<'py>,
        date: DateFields,
        time: TimeFields,
        tzinfo: Option<&Owned<'py, PyTzInfo>>,
    ) -> PyResult<Owned<'py, PyDateTime>> {
        let api = datetime_api(gil)?;
        #[cfg(not(Py_LIMITED_API))]
        // SAFETY: the GIL is held; `tzinfo` is a live tzinfo or None (borrowed by the
        // constructor); it returns a new reference or null.
        let obj: Owned<'_, PyAny> = unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                (capi(api).DateTime_FromDateAndTimeAndFold)(
                    date.year,
                    date.month.into(),
                    date.day.into(),
                    time.hour.into(),
                    time.minute.into(),
                    time.second.into(),
                    time.microsecond as i32,
                    tzinfo_ptr(tzinfo),
                    time.fold.into(),
                    api.datetime,
                ),
            )?
        };
        #[cfg(Py_LIMITED_API)]
        let obj = {
            // SAFETY: a live object (tzinfo or None); a new reference is taken.
            let tz: Owned<'py, PyAny> =
                unsafe { Owned::from_borrowed_ptr(gil, tzinfo_ptr(tzinfo)) };
            type_handle(gil, api.datetime).call(
                (
                    date.year,
                    date.month,
                    date.day,
                    time.hour,
                    time.minute,
                    time.second,
                    time.microsecond,
                    tz,
                ),
                Some(&fold_kwargs(gil, time.fold)?),
            )?
        };
        // SAFETY: the datetime constructor returns a datetime.
        Ok(unsafe { obj.cast_unchecked() })
    }
}

impl<'py> Owned<'py, PyDateTime> {
    /// Year, month and day.
    pub fn date_fields(&self) -> PyResult<DateFields> {
        date_fields(self.as_any())
    }

    /// Hour, minute, second, microsecond and fold.
    pub fn time_fields(&self) -> PyResult<TimeFields> {
        #[cfg(not(Py_LIMITED_API))]
        {
            // SAFETY: `self` is a live datetime.
            let dt = unsafe { &*self.as_ptr().cast::<ffi::PyDateTime_DateTime>() };
            Ok(time_from_bytes(&dt.data[4..], dt.fold))
        }
        #[cfg(Py_LIMITED_API)]
        {
            time_fields_by_attrs(self.as_any(), datetime_api(self.gil())?.datetime)
        }
    }

    /// The time zone, `None` for a naive datetime.
    pub fn tzinfo(&self) -> PyResult<Option<Owned<'py, PyTzInfo>>> {
        #[cfg(not(Py_LIMITED_API))]
        // SAFETY: `self` is a live datetime; the tzinfo is borrowed from it and a new
        // reference is taken at once.
        let value = unsafe {
            Owned::from_borrowed_ptr(self.gil(), ffi::PyDateTime_DATE_GET_TZINFO(self.as_ptr()))
        };
        #[cfg(Py_LIMITED_API)]
        let value = read_tzinfo(self.as_any(), datetime_api(self.gil())?.datetime)?;
        tzinfo_of(value)
    }
}

/// The time fields stored in a time's (or a datetime's last) six data bytes, as
/// `PyDateTime_TIME_GET_*` reads them.
#[cfg(not(Py_LIMITED_API))]
fn time_from_bytes(d: &[u8], fold: u8) -> TimeFields {
    TimeFields {
        hour: d[0],
        minute: d[1],
        second: d[2],
        microsecond: (u32::from(d[3]) << 16) | (u32::from(d[4]) << 8) | u32::from(d[5]),
        fold: fold != 0,
    }
}

#[cfg(Py_LIMITED_API)]
fn time_fields_by_attrs(
    obj: &Owned<'_, PyAny>,
    ty: *mut ffi::PyTypeObject,
) -> PyResult<TimeFields> {
    let [hour, minute, second, microsecond, fold] =
        read_attrs(obj, ty, ["hour", "minute", "second", "microsecond", "fold"])?;
    Ok(TimeFields {
        hour: hour as u8,
        minute: minute as u8,
        second: second as u8,
        microsecond: microsecond as u32,
        fold: fold != 0,
    })
}

impl PyTime {
    /// `time(…, tzinfo=tzinfo, fold=…)`; raises `ValueError` for a field out of range.
    pub fn new<'py>(
        gil: Gil<'py>,
        time: TimeFields,
        tzinfo: Option<&Owned<'py, PyTzInfo>>,
    ) -> PyResult<Owned<'py, PyTime>> {
        let api = datetime_api(gil)?;
        #[cfg(not(Py_LIMITED_API))]
        // SAFETY: as in `PyDateTime::new`.
        let obj: Owned<'_, PyAny> = unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                (capi(api).Time_FromTimeAndFold)(
                    time.hour.into(),
                    time.minute.into(),
                    time.second.into(),
                    time.microsecond as i32,
                    tzinfo_ptr(tzinfo),
                    time.fold.into(),
                    api.time,
                ),
            )?
        };
        #[cfg(Py_LIMITED_API)]
        let obj = {
            // SAFETY: a live object (tzinfo or None); a new reference is taken.
            let tz: Owned<'py, PyAny> =
                unsafe { Owned::from_borrowed_ptr(gil, tzinfo_ptr(tzinfo)) };
            type_handle(gil, api.time).call(
                (time.hour, time.minute, time.second, time.microsecond, tz),
                Some(&fold_kwargs(gil, time.fold)?),
            )?
        };
        // SAFETY: the time constructor returns a time.
        Ok(unsafe { obj.cast_unchecked() })
    }
}

impl<'py> Owned<'py, PyTime> {
    /// Hour, minute, second, microsecond and fold.
    pub fn fields(&self) -> PyResult<TimeFields> {
        #[cfg(not(Py_LIMITED_API))]
        {
            // SAFETY: `self` is a live time.
            let t = unsafe { &*self.as_ptr().cast::<ffi::PyDateTime_Time>() };
            Ok(time_from_bytes(&t.data, t.fold))
        }
        #[cfg(Py_LIMITED_API)]
        {
            time_fields_by_attrs(self.as_any(), datetime_api(self.gil())?.time)
        }
    }

    /// The time zone, `None` for a naive time.
    pub fn tzinfo(&self) -> PyResult<Option<Owned<'py, PyTzInfo>>> {
        #[cfg(not(Py_LIMITED_API))]
        // SAFETY: `self` is a live time; a new reference to its tzinfo is taken at once.
        let value = unsafe {
            Owned::from_borrowed_ptr(self.gil(), ffi::PyDateTime_TIME_GET_TZINFO(self.as_ptr()))
        };
        #[cfg(Py_LIMITED_API)]
        let value = read_tzinfo(self.as_any(), datetime_api(self.gil())?.time)?;
        tzinfo_of(value)
    }
}

impl PyDelta {
    /// `timedelta(days, seconds, microseconds)`, normalised (the fields may be given
    /// un-normalised, e.g. `seconds: -1`); raises `OverflowError` beyond ±999 999 999 days.
    pub fn new(gil: Gil<'_>, delta: DeltaFields) -> PyResult<Owned<'_, PyDelta>> {
        let api = datetime_api(gil)?;
        #[cfg(not(Py_LIMITED_API))]
        // SAFETY: the GIL is held; the constructor normalises (last-but-one argument 1)
        // and returns a new reference or null.
        let obj: Owned<'_, PyAny> = unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                (capi(api).Delta_FromDelta)(
                    delta.days,
                    delta.seconds,
                    delta.microseconds,
                    1,
                    api.delta,
                ),
            )?
        };
        #[cfg(Py_LIMITED_API)]
        let obj =
            type_handle(gil, api.delta).call1((delta.days, delta.seconds, delta.microseconds))?;
        // SAFETY: the timedelta constructor returns a timedelta.
        Ok(unsafe { obj.cast_unchecked() })
    }
}

impl<'py> Owned<'py, PyDelta> {
    /// Days, seconds and microseconds, normalised as `timedelta` stores them.
    pub fn fields(&self) -> PyResult<DeltaFields> {
        #[cfg(not(Py_LIMITED_API))]
        {
            // SAFETY: `self` is a live timedelta.
            let d = unsafe { &*self.as_ptr().cast::<ffi::PyDateTime_Delta>() };
            Ok(DeltaFields {
                days: d.days,
                seconds: d.seconds,
                microseconds: d.microseconds,
            })
        }
        #[cfg(Py_LIMITED_API)]
        {
            let [days, seconds, microseconds] = read_attrs(
                self.as_any(),
                datetime_api(self.gil())?.delta,
                ["days", "seconds", "microseconds"],
            )?;
            Ok(DeltaFields {
                days: days as i32,
                seconds: seconds as i32,
                microseconds: microseconds as i32,
            })
        }
    }
}

impl PyTzInfo {
    /// `datetime.timezone.utc`.
    pub fn utc(gil: Gil<'_>) -> PyResult<Owned<'_, PyTzInfo>> {
        let api = datetime_api(gil)?;
        // SAFETY: the singleton lives for the process; a new reference is taken, and it is
        // a tzinfo.
        Ok(unsafe { Owned::<PyAny>::from_borrowed_ptr(gil, api.utc).cast_unchecked() })
    }

    /// `datetime.timezone(offset)`: a fixed offset from UTC (strictly between −24 h and
    /// 24 h, else `ValueError`).
    pub fn fixed_offset<'py>(
        gil: Gil<'py>,
        offset: &Owned<'py, PyDelta>,
    ) -> PyResult<Owned<'py, PyTzInfo>> {
        let api = datetime_api(gil)?;
        #[cfg(not(Py_LIMITED_API))]
        // SAFETY: the GIL is held; `offset` is a live timedelta, the name may be null;
        // returns a new reference or null.
        let obj: Owned<'_, PyAny> = unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                (capi(api).TimeZone_FromTimeZone)(offset.as_ptr(), std::ptr::null_mut()),
            )?
        };
        #[cfg(Py_LIMITED_API)]
        // SAFETY: `datetime.timezone` lives for the process; a new reference is taken.
        let obj = unsafe { Owned::<PyAny>::from_borrowed_ptr(gil, api.timezone) }
            .call1((offset.clone(),))?;
        // SAFETY: timezone instances are tzinfo instances.
        Ok(unsafe { obj.cast_unchecked() })
    }
}

/// `a - b` (`datetime - datetime` is the aware or naive difference as a `timedelta`).
pub(crate) fn subtract<'py>(
    a: &Owned<'py, PyAny>,
    b: &Owned<'py, PyAny>,
) -> PyResult<Owned<'py, PyAny>> {
    // SAFETY: both objects are live and the GIL is held; a new reference or null returns.
    unsafe { Owned::from_owned_ptr_or_err(a.gil(), ffi::PyNumber_Subtract(a.as_ptr(), b.as_ptr())) }
}
