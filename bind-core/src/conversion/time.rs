//! `datetime.timedelta` ↔ `std::time::Duration`.
//!
//! Out: `timedelta(days, seconds, microseconds)`; nanoseconds below a microsecond are
//! truncated, as a timedelta cannot hold them. In: any `timedelta` (or subclass) that is
//! not negative; a negative one raises `ValueError`.
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::exceptions::{PyTypeError, PyValueError};
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::{PyAny, PyTuple};
use std::time::Duration;

const SECONDS_PER_DAY: u64 = 86_400;

/// The `datetime.timedelta` type.
fn timedelta_type(gil: Gil<'_>) -> PyResult<Owned<'_, PyAny>> {
    gil.import("datetime")?.getattr("timedelta")
}

impl<'py> IntoPyObject<'py> for Duration {
    const TYPE_HINT: TypeHint = TypeHint::Name("datetime.timedelta");
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        let secs = self.as_secs();
        let days = secs / SECONDS_PER_DAY;
        let seconds = secs % SECONDS_PER_DAY;
        let micros = self.subsec_micros();
        let args = PyTuple::new(
            gil,
            [
                days.into_py(gil)?,
                seconds.into_py(gil)?,
                micros.into_py(gil)?,
            ],
        )?;
        // `timedelta` raises OverflowError past 999999999 days.
        timedelta_type(gil)?.call1(args)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Duration {
    const TYPE_HINT: TypeHint = TypeHint::Name("datetime.timedelta");
    const EXPECTED: &'static str = "timedelta";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let gil = obj.gil();
        if !obj.is_instance(&timedelta_type(gil)?)? {
            return Err(PyTypeError::new_err(format!(
                "'{}' object cannot be converted to 'timedelta'",
                obj.type_name()
            )));
        }
        // The components are read through `timedelta`'s own descriptors, so a subclass
        // overriding `days`/`seconds`/`microseconds` cannot feed in other values; each is
        // still validated (CPython keeps 0 <= seconds < 86400, 0 <= microseconds < 10**6).
        let ty = timedelta_type(gil)?;
        let component = |name: &str| -> PyResult<Owned<'py, PyAny>> {
            ty.getattr(name)?.call_method1("__get__", (obj,))
        };
        let days: i64 = component("days")?.extract()?;
        let seconds: u64 = component("seconds")?.extract()?;
        let micros: u32 = component("microseconds")?.extract()?;
        let days = u64::try_from(days).map_err(|_| {
            PyValueError::new_err("a negative timedelta cannot be converted to Duration")
        })?;
        if seconds >= SECONDS_PER_DAY || micros >= 1_000_000 {
            return Err(PyValueError::new_err(format!(
                "timedelta components out of range: seconds={seconds}, microseconds={micros}"
            )));
        }
        // At most 999999999 days, so this cannot overflow; checked all the same.
        let secs = days
            .checked_mul(SECONDS_PER_DAY)
            .and_then(|s| s.checked_add(seconds))
            .ok_or_else(|| PyValueError::new_err("timedelta too large for Duration"))?;
        Ok(Duration::new(secs, micros * 1_000))
    }
}
