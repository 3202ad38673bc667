//! The datetime types from Rust: construction, fields, tzinfo, and the std::time
//! conversions, checked against the datetime module's own results.
use bind::prelude::*;
use bind::types::datetime::{DateFields, DeltaFields, TimeFields};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[test]
fn values_built_in_rust_equal_the_datetime_module_s() {
    Gil::with(|gil| {
        let date = PyDate::new(
            gil,
            DateFields {
                year: 2024,
                month: 2,
                day: 29,
            },
        )?;
        assert!(date.eq(gil.eval("__import__('datetime').date(2024, 2, 29)")?)?);
        assert_eq!(date.fields()?.year, 2024);

        let utc = PyTzInfo::utc(gil)?;
        let time = TimeFields {
            hour: 23,
            minute: 59,
            second: 58,
            microsecond: 123_456,
            fold: true,
        };
        let dt = PyDateTime::new(gil, date.fields()?, time, Some(&utc))?;
        let expected = gil.eval(
            "__import__('datetime').datetime(2024, 2, 29, 23, 59, 58, 123456, fold=1, \
             tzinfo=__import__('datetime').timezone.utc)",
        )?;
        assert!(dt.eq(&expected)?);
        assert_eq!(dt.time_fields()?, time);
        assert!(dt.tzinfo()?.expect("aware").is(&utc));

        let naive = PyTime::new(gil, time, None)?;
        assert_eq!(naive.fields()?, time);
        assert!(naive.tzinfo()?.is_none());

        let delta = PyDelta::new(
            gil,
            DeltaFields {
                days: 0,
                seconds: -1,
                microseconds: 0,
            },
        )?;
        assert_eq!(
            delta.fields()?,
            DeltaFields {
                days: -1,
                seconds: 86_399,
                microseconds: 0
            }
        );
        assert_eq!(delta.fields()?.total_microseconds(), -1_000_000);
        let err = PyDate::new(
            gil,
            DateFields {
                year: 2023,
                month: 2,
                day: 29,
            },
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "ValueError: day is out of range for month");
        Ok::<_, PyErr>(())
    })
    .unwrap();
}

#[test]
fn std_time_round_trips() {
    Gil::with(|gil| {
        let moment = UNIX_EPOCH + Duration::from_micros(1_700_000_000_123_456);
        let obj = moment.into_py(gil)?;
        assert_eq!(obj.str()?.to_string(), "2023-11-14 22:13:20.123456+00:00");
        assert_eq!(obj.extract::<SystemTime>()?, moment);
        let before = UNIX_EPOCH - Duration::from_micros(1);
        assert_eq!(before.into_py(gil)?.extract::<SystemTime>()?, before);
        let span = Duration::new(90_061, 5_000);
        assert_eq!(span.into_py(gil)?.extract::<Duration>()?, span);
        Ok::<_, PyErr>(())
    })
    .unwrap();
}
