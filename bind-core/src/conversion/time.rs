//! `std::time`: `Duration` ↔ `datetime.timedelta`, `SystemTime` ↔ `datetime.datetime`.
//!
//! `Duration` out: `timedelta(days, seconds, microseconds)`; nanoseconds below a
//! microsecond are truncated (a timedelta cannot hold them), and more than 999 999 999
//! days raise `OverflowError`. In: any `timedelta` that is not negative.
//!
//! `SystemTime` out: an aware `datetime` in UTC (`timezone.utc`), truncated to the
//! microsecond; a time outside the years 1–9999 raises `OverflowError`. In: an aware
//! `datetime` (any tzinfo, including ones written in Rust); a naive one raises
//! `TypeError`, as there is no telling which instant it means.
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::datetime::{DateFields, DeltaFields, TimeFields};
use crate::types::{PyAny, PyDateTime, PyDelta, PyTzInfo};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const SECONDS_PER_DAY: u64 = 86_400;
/// `timedelta.max.days`.
const MAX_DELTA_DAYS: u64 = 999_999_999;

impl<'py> IntoPyObject<'py> for Duration {
    const TYPE_HINT: TypeHint = TypeHint::Name("datetime.timedelta");
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        let secs = self.as_secs();
        let days = secs / SECONDS_PER_DAY;
        if days > MAX_DELTA_DAYS {
            return Err(PyOverflowError::new_err(format!(
                "Duration of {days} days is out of range for timedelta (at most {MAX_DELTA_DAYS} days)"
            )));
        }
        let delta = DeltaFields {
            days: days as i32,
            seconds: (secs % SECONDS_PER_DAY) as i32,
            microseconds: self.subsec_micros() as i32,
        };
        Ok(PyDelta::new(gil, delta)?.into_any())
    }
}

/// The `timedelta` behind `obj`, or the conversion's `TypeError`.
fn delta_fields(obj: &Owned<'_, PyAny>) -> PyResult<DeltaFields> {
    match obj.downcast::<PyDelta>() {
        Ok(delta) => delta.fields(),
        Err(_) => Err(PyTypeError::new_err(format!(
            "'{}' object cannot be converted to 'timedelta'",
            obj.type_name()
        ))),
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Duration {
    const TYPE_HINT: TypeHint = TypeHint::Name("datetime.timedelta");
    const EXPECTED: &'static str = "timedelta";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let delta = delta_fields(obj)?;
        let days = u64::try_from(delta.days).map_err(|_| {
            PyValueError::new_err("a negative timedelta cannot be converted to Duration")
        })?;
        // Normalised: 0 <= seconds < 86400, 0 <= microseconds < 10**6.
        Ok(Duration::new(
            days * SECONDS_PER_DAY + delta.seconds as u64,
            delta.microseconds as u32 * 1_000,
        ))
    }
}

/// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The instant `micros` microseconds after the Unix epoch as an aware UTC datetime.
fn utc_datetime(gil: Gil<'_>, micros: i128) -> PyResult<Owned<'_, PyAny>> {
    const MICROS_PER_DAY: i128 = SECONDS_PER_DAY as i128 * 1_000_000;
    let days = micros.div_euclid(MICROS_PER_DAY);
    let of_day = micros.rem_euclid(MICROS_PER_DAY) as i64;
    let (year, month, day) = civil_from_days(days.clamp(-1 << 40, 1 << 40) as i64);
    if !(1..=9999).contains(&year) {
        return Err(PyOverflowError::new_err(format!(
            "SystemTime is out of range for datetime (year {year} is not in 1..=9999)"
        )));
    }
    let seconds = of_day / 1_000_000;
    let time = TimeFields {
        hour: (seconds / 3_600) as u8,
        minute: (seconds / 60 % 60) as u8,
        second: (seconds % 60) as u8,
        microsecond: (of_day % 1_000_000) as u32,
        fold: false,
    };
    let date = DateFields {
        year: year as i32,
        month,
        day,
    };
    let utc = PyTzInfo::utc(gil)?;
    Ok(PyDateTime::new(gil, date, time, Some(&utc))?.into_any())
}

impl<'py> IntoPyObject<'py> for SystemTime {
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        let micros = match self.duration_since(UNIX_EPOCH) {
            Ok(after) => after.as_micros() as i128,
            // Truncated towards the epoch, like the instants after it.
            Err(before) => -(before.duration().as_micros() as i128),
        };
        utc_datetime(gil, micros)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for SystemTime {
    const EXPECTED: &'static str = "datetime";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let gil = obj.gil();
        let dt = obj.downcast::<PyDateTime>().map_err(|_| {
            PyTypeError::new_err(format!(
                "'{}' object cannot be converted to 'datetime'",
                obj.type_name()
            ))
        })?;
        if dt.tzinfo()?.is_none() || dt.call_method0("utcoffset")?.is_none() {
            return Err(PyTypeError::new_err(
                "a naive datetime cannot be converted to SystemTime (it needs a tzinfo)",
            ));
        }
        // The aware subtraction applies the tzinfo's own utcoffset.
        let epoch = utc_datetime(gil, 0)?;
        let since = crate::types::datetime::subtract(dt.as_any(), &epoch)?;
        let micros = delta_fields(&since)?.total_microseconds();
        let magnitude = Duration::from_micros(micros.unsigned_abs());
        let time = if micros >= 0 {
            UNIX_EPOCH.checked_add(magnitude)
        } else {
            UNIX_EPOCH.checked_sub(magnitude)
        };
        time.ok_or_else(|| {
            PyOverflowError::new_err("datetime is out of range for SystemTime on this platform")
        })
    }
}
