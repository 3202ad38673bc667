//! chrono values across the boundary (bind's `chrono` feature): each function takes a
//! chrono value from Python and gives it back, so Python sees both directions.
use bind::prelude::*;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

/// A `date` through `NaiveDate` and back.
#[function]
fn naive_date_round_trip(value: NaiveDate) -> NaiveDate {
    value
}

/// A naive `time` through `NaiveTime` and back.
#[function]
fn naive_time_round_trip(value: NaiveTime) -> NaiveTime {
    value
}

/// A naive `datetime` through `NaiveDateTime` and back.
#[function]
fn naive_datetime_round_trip(value: NaiveDateTime) -> NaiveDateTime {
    value
}

/// An aware `datetime` through `DateTime<Utc>` and back (in UTC).
#[function]
fn utc_round_trip(value: DateTime<Utc>) -> DateTime<Utc> {
    value
}

/// An aware `datetime` through `DateTime<FixedOffset>` and back (same offset).
#[function]
fn fixed_offset_round_trip(value: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    value
}

/// A `timedelta` through `TimeDelta` and back.
#[function]
fn time_delta_round_trip(value: TimeDelta) -> TimeDelta {
    value
}

/// `NaiveDate::from_ymd_opt(year, 1, 1)` out to Python (years Python cannot hold raise).
#[function]
fn chrono_new_year(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
}

/// `TimeDelta::milliseconds(ms)` out to Python, `None` when chrono cannot hold it.
#[function]
fn chrono_milliseconds(ms: i64) -> Option<TimeDelta> {
    TimeDelta::try_milliseconds(ms)
}

/// 23:59:59 plus `nanos` (1_000_000_000 and above make a leap second) out to Python.
#[function]
fn chrono_late_time(nanos: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_nano_opt(23, 59, 59, nanos)
}

/// Adds this file's functions to the module.
pub fn add_to(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap!(naive_date_round_trip))?;
    m.add_function(wrap!(naive_time_round_trip))?;
    m.add_function(wrap!(naive_datetime_round_trip))?;
    m.add_function(wrap!(utc_round_trip))?;
    m.add_function(wrap!(fixed_offset_round_trip))?;
    m.add_function(wrap!(time_delta_round_trip))?;
    m.add_function(wrap!(chrono_new_year))?;
    m.add_function(wrap!(chrono_milliseconds))?;
    m.add_function(wrap!(chrono_late_time))?;
    Ok(())
}
