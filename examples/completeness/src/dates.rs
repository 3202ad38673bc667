//! `datetime` values built and read from Rust, a time zone written in Rust, and the
//! `std::time` conversions.
use bind::prelude::*;
use bind::types::datetime::{DateFields, DeltaFields, TimeFields};
use std::cmp::Ordering;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A fixed-offset time zone implemented in Rust: a subclass of `datetime.tzinfo`.
#[derive(PyType)]
#[bind(module = "completeness", extends = PyTzInfo)]
pub struct FixedZone {
    /// Minutes east of UTC.
    #[bind(get)]
    offset_minutes: i32,
    /// What `tzname` answers.
    #[bind(get)]
    name: String,
}

#[methods]
impl FixedZone {
    #[new]
    fn new(offset_minutes: i32, name: String) -> Self {
        FixedZone {
            offset_minutes,
            name,
        }
    }

    /// The offset from UTC, whatever the datetime.
    fn utcoffset<'py>(
        &self,
        gil: Gil<'py>,
        _dt: Owned<'py, PyAny>,
    ) -> PyResult<Owned<'py, PyDelta>> {
        let delta = DeltaFields {
            days: 0,
            seconds: self.offset_minutes * 60,
            microseconds: 0,
        };
        PyDelta::new(gil, delta)
    }

    /// No daylight saving time.
    fn dst<'py>(&self, gil: Gil<'py>, _dt: Owned<'py, PyAny>) -> PyResult<Owned<'py, PyDelta>> {
        PyDelta::new(gil, DeltaFields::default())
    }

    /// The zone's name.
    fn tzname(&self, _dt: Owned<'_, PyAny>) -> String {
        self.name.clone()
    }
}

/// `date(year, month, day)` built from Rust.
#[function]
fn make_date(gil: Gil<'_>, year: i32, month: u8, day: u8) -> PyResult<Owned<'_, PyDate>> {
    PyDate::new(gil, DateFields { year, month, day })
}

/// A date's `(year, month, day)` read from Rust.
#[function]
fn date_fields(date: &Owned<'_, PyDate>) -> PyResult<(i32, u8, u8)> {
    let DateFields { year, month, day } = date.fields()?;
    Ok((year, month, day))
}

/// `(hour, minute, second, microsecond, fold)` as `TimeFields`.
fn time_of(time: (u8, u8, u8, u32, bool)) -> TimeFields {
    let (hour, minute, second, microsecond, fold) = time;
    TimeFields {
        hour,
        minute,
        second,
        microsecond,
        fold,
    }
}

/// `((hour, minute, second, microsecond, fold))` from `TimeFields`.
fn time_tuple(time: TimeFields) -> (u8, u8, u8, u32, bool) {
    (
        time.hour,
        time.minute,
        time.second,
        time.microsecond,
        time.fold,
    )
}

/// `datetime` from `(year, month, day)`, `(hour, minute, second, microsecond, fold)` and
/// an optional tzinfo, built from Rust.
#[function]
#[bind(signature = (date, time, tzinfo = None))]
fn make_datetime<'py>(
    gil: Gil<'py>,
    date: (i32, u8, u8),
    time: (u8, u8, u8, u32, bool),
    tzinfo: Option<Owned<'py, PyTzInfo>>,
) -> PyResult<Owned<'py, PyDateTime>> {
    let (year, month, day) = date;
    let date = DateFields { year, month, day };
    PyDateTime::new(gil, date, time_of(time), tzinfo.as_ref())
}

/// A datetime's date part, time part and tzinfo, read from Rust.
#[function]
#[allow(clippy::type_complexity)]
fn datetime_fields<'py>(
    dt: &Owned<'py, PyDateTime>,
) -> PyResult<(
    (i32, u8, u8),
    (u8, u8, u8, u32, bool),
    Option<Owned<'py, PyTzInfo>>,
)> {
    let DateFields { year, month, day } = dt.date_fields()?;
    Ok((
        (year, month, day),
        time_tuple(dt.time_fields()?),
        dt.tzinfo()?,
    ))
}

/// `time` from `(hour, minute, second, microsecond, fold)` and an optional tzinfo.
#[function]
#[bind(signature = (time, tzinfo = None))]
fn make_time<'py>(
    gil: Gil<'py>,
    time: (u8, u8, u8, u32, bool),
    tzinfo: Option<Owned<'py, PyTzInfo>>,
) -> PyResult<Owned<'py, PyTime>> {
    PyTime::new(gil, time_of(time), tzinfo.as_ref())
}

/// A time's fields and tzinfo, read from Rust.
#[function]
#[allow(clippy::type_complexity)]
fn time_fields<'py>(
    time: &Owned<'py, PyTime>,
) -> PyResult<((u8, u8, u8, u32, bool), Option<Owned<'py, PyTzInfo>>)> {
    Ok((time_tuple(time.fields()?), time.tzinfo()?))
}

/// `timedelta(days, seconds, microseconds)` built (and normalised) from Rust.
#[function]
fn make_delta(
    gil: Gil<'_>,
    days: i32,
    seconds: i32,
    microseconds: i32,
) -> PyResult<Owned<'_, PyDelta>> {
    PyDelta::new(
        gil,
        DeltaFields {
            days,
            seconds,
            microseconds,
        },
    )
}

/// A timedelta's normalised `(days, seconds, microseconds)`, read from Rust.
#[function]
fn delta_fields(delta: &Owned<'_, PyDelta>) -> PyResult<(i32, i32, i32)> {
    let DeltaFields {
        days,
        seconds,
        microseconds,
    } = delta.fields()?;
    Ok((days, seconds, microseconds))
}

/// `timezone.utc`, from Rust.
#[function]
fn utc(gil: Gil<'_>) -> PyResult<Owned<'_, PyTzInfo>> {
    PyTzInfo::utc(gil)
}

/// `timezone(offset)`, from Rust.
#[function]
fn fixed_offset<'py>(
    gil: Gil<'py>,
    offset: &Owned<'py, PyDelta>,
) -> PyResult<Owned<'py, PyTzInfo>> {
    PyTzInfo::fixed_offset(gil, offset)
}

/// The latest of `values`, compared from Rust with Python's ordering.
#[function]
fn latest<'py>(values: Vec<Owned<'py, PyAny>>) -> PyResult<Option<Owned<'py, PyAny>>> {
    let mut best: Option<Owned<'py, PyAny>> = None;
    for value in values {
        let later = match &best {
            None => true,
            Some(current) => value.compare(current)? == Ordering::Greater,
        };
        if later {
            best = Some(value);
        }
    }
    Ok(best)
}

/// A `Duration` of `seconds` and `nanos`, as a timedelta.
#[function]
fn duration(seconds: u64, nanos: u32) -> Duration {
    Duration::new(seconds, nanos)
}

/// A timedelta read as a `Duration`: `(seconds, nanos)`.
#[function]
fn duration_parts(value: Duration) -> (u64, u32) {
    (value.as_secs(), value.subsec_nanos())
}

/// The `SystemTime` `micros` microseconds from the Unix epoch, as a datetime.
#[function]
fn system_time(micros: i64) -> SystemTime {
    let magnitude = Duration::from_micros(micros.unsigned_abs());
    if micros >= 0 {
        UNIX_EPOCH + magnitude
    } else {
        UNIX_EPOCH - magnitude
    }
}

/// A datetime read as a `SystemTime`: microseconds from the Unix epoch.
#[function]
fn system_time_micros(value: SystemTime) -> i64 {
    match value.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_micros() as i64,
        Err(before) => -(before.duration().as_micros() as i64),
    }
}

/// Adds this file's classes and functions to the module.
pub fn add_to(m: &Owned<'_, PyModule>) -> PyResult<()> {
    // Extending a native type needs Python 3.10+ in an abi3 build: the reason is kept
    // (and the tests that need the class skip) when it cannot be created.
    if let Err(err) = m.add_class::<FixedZone>() {
        m.add("FIXED_ZONE_UNAVAILABLE", err.to_string())?;
    }
    m.add_function(wrap!(make_date))?;
    m.add_function(wrap!(date_fields))?;
    m.add_function(wrap!(make_datetime))?;
    m.add_function(wrap!(datetime_fields))?;
    m.add_function(wrap!(make_time))?;
    m.add_function(wrap!(time_fields))?;
    m.add_function(wrap!(make_delta))?;
    m.add_function(wrap!(delta_fields))?;
    m.add_function(wrap!(utc))?;
    m.add_function(wrap!(fixed_offset))?;
    m.add_function(wrap!(latest))?;
    m.add_function(wrap!(duration))?;
    m.add_function(wrap!(duration_parts))?;
    m.add_function(wrap!(system_time))?;
    m.add_function(wrap!(system_time_micros))?;
    Ok(())
}
