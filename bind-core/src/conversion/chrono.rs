//! chrono (feature `chrono`): `NaiveDate` ⇄ `date`, `NaiveTime` ⇄ `time`, `NaiveDateTime`
//! ⇄ naive `datetime`, `DateTime<Utc>`/`DateTime<FixedOffset>` ⇄ aware `datetime`,
//! `TimeDelta` ⇄ `timedelta`.
//!
//! Out: values Python cannot hold raise `OverflowError` (years outside 1–9999, a
//! `TimeDelta` beyond ±999 999 999 days) or `ValueError` (a leap second); nanoseconds
//! below a microsecond are truncated. In: a naive type refuses an aware value and an aware
//! type a naive one (`TypeError`), and an offset that is not whole seconds does not fit a
//! `FixedOffset` (`ValueError`).
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::datetime::{DateFields, DeltaFields, TimeFields};
use crate::types::{PyAny, PyDate, PyDateTime, PyDelta, PyTime, PyTzInfo};
use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Utc,
};

const MICROS_PER_DAY: i128 = 86_400_000_000;

fn date_fields_of(date: NaiveDate) -> PyResult<DateFields> {
    if !(1..=9999).contains(&date.year()) {
        return Err(PyOverflowError::new_err(format!(
            "{date} is out of range for a Python date (years 1 to 9999)"
        )));
    }
    Ok(DateFields {
        year: date.year(),
        month: date.month() as u8,
        day: date.day() as u8,
    })
}

fn time_fields_of(time: NaiveTime) -> PyResult<TimeFields> {
    let nanos = time.nanosecond();
    if nanos >= 1_000_000_000 {
        return Err(PyValueError::new_err(format!(
            "{time} is a leap second, which a Python time cannot hold"
        )));
    }
    Ok(TimeFields {
        hour: time.hour() as u8,
        minute: time.minute() as u8,
        second: time.second() as u8,
        microsecond: nanos / 1_000,
        fold: false,
    })
}

fn naive_date(fields: DateFields) -> PyResult<NaiveDate> {
    NaiveDate::from_ymd_opt(fields.year, fields.month.into(), fields.day.into())
        .ok_or_else(|| PyValueError::new_err("date out of range for NaiveDate"))
}

fn naive_time(fields: TimeFields) -> PyResult<NaiveTime> {
    NaiveTime::from_hms_micro_opt(
        fields.hour.into(),
        fields.minute.into(),
        fields.second.into(),
        fields.microsecond,
    )
    .ok_or_else(|| PyValueError::new_err("time out of range for NaiveTime"))
}

/// The datetime behind `obj`, or the conversion's `TypeError`.
fn as_datetime<'a, 'py>(obj: &'a Owned<'py, PyAny>) -> PyResult<&'a Owned<'py, PyDateTime>> {
    obj.downcast::<PyDateTime>().map_err(|_| {
        PyTypeError::new_err(format!(
            "'{}' object cannot be converted to 'datetime'",
            obj.type_name()
        ))
    })
}

/// `obj.utcoffset()` in whole seconds, `None` for a naive datetime.
fn utc_offset_seconds(dt: &Owned<'_, PyDateTime>) -> PyResult<Option<i32>> {
    if dt.tzinfo()?.is_none() {
        return Ok(None);
    }
    let offset = dt.call_method0("utcoffset")?;
    if offset.is_none() {
        return Ok(None);
    }
    let fields = offset.downcast::<PyDelta>()?.fields()?;
    if fields.microseconds != 0 {
        return Err(PyValueError::new_err(
            "a UTC offset with microseconds cannot be converted to FixedOffset",
        ));
    }
    Ok(Some(fields.days * 86_400 + fields.seconds))
}

fn naive_datetime_of(dt: &Owned<'_, PyDateTime>) -> PyResult<NaiveDateTime> {
    Ok(naive_date(dt.date_fields()?)?.and_time(naive_time(dt.time_fields()?)?))
}

impl<'py> IntoPyObject<'py> for NaiveDate {
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(PyDate::new(gil, date_fields_of(self)?)?.into_any())
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for NaiveDate {
    const EXPECTED: &'static str = "date";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let date = obj.downcast::<PyDate>()?;
        naive_date(date.fields()?)
    }
}

impl<'py> IntoPyObject<'py> for NaiveTime {
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(PyTime::new(gil, time_fields_of(self)?, None)?.into_any())
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for NaiveTime {
    const EXPECTED: &'static str = "time";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let time = obj.downcast::<PyTime>()?;
        if time.tzinfo()?.is_some() {
            return Err(PyTypeError::new_err(
                "an aware time cannot be converted to NaiveTime (it has a tzinfo)",
            ));
        }
        naive_time(time.fields()?)
    }
}

impl<'py> IntoPyObject<'py> for NaiveDateTime {
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        let date = date_fields_of(self.date())?;
        let time = time_fields_of(self.time())?;
        Ok(PyDateTime::new(gil, date, time, None)?.into_any())
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for NaiveDateTime {
    const EXPECTED: &'static str = "datetime";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let dt = as_datetime(obj)?;
        if dt.tzinfo()?.is_some() {
            return Err(PyTypeError::new_err(
                "an aware datetime cannot be converted to NaiveDateTime (it has a tzinfo)",
            ));
        }
        naive_datetime_of(dt)
    }
}

/// An aware datetime at the wall time `local` with `tzinfo`.
fn aware<'py>(
    gil: Gil<'py>,
    local: NaiveDateTime,
    tzinfo: &Owned<'py, PyTzInfo>,
) -> PyResult<Owned<'py, PyAny>> {
    let date = date_fields_of(local.date())?;
    let time = time_fields_of(local.time())?;
    Ok(PyDateTime::new(gil, date, time, Some(tzinfo))?.into_any())
}

impl<'py> IntoPyObject<'py> for DateTime<Utc> {
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        aware(gil, self.naive_utc(), &PyTzInfo::utc(gil)?)
    }
}

impl<'py> IntoPyObject<'py> for DateTime<FixedOffset> {
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        let offset = PyDelta::new(
            gil,
            DeltaFields {
                days: 0,
                seconds: self.offset().local_minus_utc(),
                microseconds: 0,
            },
        )?;
        let tzinfo = PyTzInfo::fixed_offset(gil, &offset)?;
        aware(gil, self.naive_local(), &tzinfo)
    }
}

/// The wall time and UTC offset of an aware datetime.
fn aware_parts(obj: &Owned<'_, PyAny>, target: &str) -> PyResult<(NaiveDateTime, FixedOffset)> {
    let dt = as_datetime(obj)?;
    let seconds = utc_offset_seconds(dt)?.ok_or_else(|| {
        PyTypeError::new_err(format!(
            "a naive datetime cannot be converted to {target} (it needs a tzinfo)"
        ))
    })?;
    let offset = FixedOffset::east_opt(seconds)
        .ok_or_else(|| PyValueError::new_err("UTC offset out of range for FixedOffset"))?;
    Ok((naive_datetime_of(dt)?, offset))
}

impl<'a, 'py> FromPyObject<'a, 'py> for DateTime<FixedOffset> {
    const EXPECTED: &'static str = "datetime";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let (local, offset) = aware_parts(obj, "DateTime<FixedOffset>")?;
        local
            .and_local_timezone(offset)
            .single()
            .ok_or_else(|| PyOverflowError::new_err("datetime out of range for DateTime"))
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for DateTime<Utc> {
    const EXPECTED: &'static str = "datetime";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let (local, offset) = aware_parts(obj, "DateTime<Utc>")?;
        let utc = local
            .checked_sub_offset(offset)
            .ok_or_else(|| PyOverflowError::new_err("datetime out of range for DateTime"))?;
        Ok(utc.and_utc())
    }
}

impl<'py> IntoPyObject<'py> for TimeDelta {
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        // Truncated towards zero to whole microseconds (`subsec_nanos` has the sign of
        // the whole); i128 because ±999 999 999 days overflow i64 microseconds.
        let micros =
            i128::from(self.num_seconds()) * 1_000_000 + i128::from(self.subsec_nanos() / 1_000);
        // Normalised as timedelta stores it: the days carry the sign.
        let days = micros.div_euclid(MICROS_PER_DAY);
        if !(-999_999_999..=999_999_999).contains(&days) {
            return Err(PyOverflowError::new_err(format!(
                "TimeDelta of {days} days is out of range for timedelta (at most 999999999 days either way)"
            )));
        }
        let of_day = micros.rem_euclid(MICROS_PER_DAY);
        let delta = DeltaFields {
            days: days as i32,
            seconds: (of_day / 1_000_000) as i32,
            microseconds: (of_day % 1_000_000) as i32,
        };
        Ok(PyDelta::new(gil, delta)?.into_any())
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for TimeDelta {
    const EXPECTED: &'static str = "timedelta";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let fields = obj.downcast::<PyDelta>()?.fields()?;
        // Every timedelta (±999 999 999 days) fits a TimeDelta (±2^63 ms).
        Ok(TimeDelta::days(fields.days.into())
            + TimeDelta::seconds(fields.seconds.into())
            + TimeDelta::microseconds(fields.microseconds.into()))
    }
}
