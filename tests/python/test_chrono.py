"""chrono conversions (bind feature `chrono`, examples/completeness): round trips at the
range limits of Python's datetime types, and precise errors past them."""

import datetime as dt
import re

import pytest

import completeness as c

UTC = dt.timezone.utc


def err(exc, text):
    return pytest.raises(exc, match="^" + re.escape(text) + "$")


@pytest.mark.parametrize("value", [dt.date.min, dt.date.max, dt.date(2024, 2, 29), dt.date(1970, 1, 1)])
def test_naive_date(value):
    out = c.naive_date_round_trip(value)
    assert type(out) is dt.date and out == value


def test_naive_date_from_a_datetime_takes_its_date():
    assert c.naive_date_round_trip(dt.datetime(2020, 5, 6, 7, 8)) == dt.date(2020, 5, 6)


@pytest.mark.parametrize("value", [dt.time.min, dt.time.max, dt.time(12, 30, 15, 65536)])
def test_naive_time(value):
    out = c.naive_time_round_trip(value)
    assert type(out) is dt.time and out == value and out.tzinfo is None


@pytest.mark.parametrize(
    "value", [dt.datetime.min, dt.datetime.max, dt.datetime(2038, 1, 19, 3, 14, 7, 999999)]
)
def test_naive_datetime(value):
    out = c.naive_datetime_round_trip(value)
    assert type(out) is dt.datetime and out == value and out.tzinfo is None


OFFSETS = [dt.timedelta(0), dt.timedelta(hours=-5), dt.timedelta(hours=23, minutes=59, seconds=59),
           -dt.timedelta(hours=23, minutes=59, seconds=59), dt.timedelta(hours=5, minutes=45)]


@pytest.mark.parametrize("offset", OFFSETS)
def test_utc_round_trip_is_the_same_instant_in_utc(offset):
    value = dt.datetime(2020, 6, 1, 12, 0, 0, 123456, tzinfo=dt.timezone(offset))
    out = c.utc_round_trip(value)
    assert out == value and out.tzinfo is UTC
    assert out == value.astimezone(UTC)


@pytest.mark.parametrize("offset", OFFSETS)
def test_fixed_offset_round_trip_keeps_the_wall_time_and_offset(offset):
    value = dt.datetime(2020, 6, 1, 12, 0, 0, 123456, tzinfo=dt.timezone(offset))
    out = c.fixed_offset_round_trip(value)
    assert out == value
    assert out.replace(tzinfo=None) == value.replace(tzinfo=None)
    assert out.utcoffset() == offset


def test_aware_limits():
    for value in (dt.datetime.min.replace(tzinfo=UTC), dt.datetime.max.replace(tzinfo=UTC)):
        assert c.utc_round_trip(value) == value
        assert c.fixed_offset_round_trip(value) == value
    # The same instant in UTC is past year 9999: chrono holds it, Python cannot.
    late = dt.datetime.max.replace(tzinfo=dt.timezone(-dt.timedelta(hours=1)))
    assert c.fixed_offset_round_trip(late) == late
    with err(OverflowError, "+10000-01-01 is out of range for a Python date (years 1 to 9999)"):
        c.utc_round_trip(late)


@pytest.mark.parametrize(
    "value",
    [dt.timedelta.max, dt.timedelta.min, dt.timedelta(0), -dt.timedelta(microseconds=1),
     dt.timedelta(days=-3, seconds=5, microseconds=7), dt.timedelta.resolution],
)
def test_time_delta(value):
    out = c.time_delta_round_trip(value)
    assert type(out) is dt.timedelta and out == value


def test_out_of_range_values_raise():
    assert c.chrono_new_year(9999) == dt.date(9999, 1, 1)
    assert c.chrono_new_year(1) == dt.date(1, 1, 1)
    with err(OverflowError, "+10000-01-01 is out of range for a Python date (years 1 to 9999)"):
        c.chrono_new_year(10000)
    with err(OverflowError, "0000-01-01 is out of range for a Python date (years 1 to 9999)"):
        c.chrono_new_year(0)
    max_ms = dt.timedelta.max // dt.timedelta(milliseconds=1)
    min_ms = dt.timedelta.min // dt.timedelta(milliseconds=1)
    assert c.chrono_milliseconds(max_ms) == dt.timedelta(milliseconds=max_ms)
    assert c.chrono_milliseconds(min_ms) == dt.timedelta.min
    with err(OverflowError, "TimeDelta of -1000000000 days is out of range for timedelta (at most 999999999 days either way)"):
        c.chrono_milliseconds(min_ms - 1)
    with err(OverflowError, "TimeDelta of 1000000000 days is out of range for timedelta (at most 999999999 days either way)"):
        c.chrono_milliseconds(10**9 * 86400 * 1000)
    with err(ValueError, "23:59:60.500 is a leap second, which a Python time cannot hold"):
        c.chrono_late_time(1_500_000_000)
    # Nanoseconds below a microsecond are truncated.
    assert c.chrono_late_time(999_999_999) == dt.time(23, 59, 59, 999999)


def test_naive_and_aware_mismatches_name_the_argument():
    with err(TypeError, "argument 'value': an aware time cannot be converted to NaiveTime (it has a tzinfo)"):
        c.naive_time_round_trip(dt.time(1, tzinfo=UTC))
    with err(TypeError, "argument 'value': a naive datetime cannot be converted to DateTime<Utc> (it needs a tzinfo)"):
        c.utc_round_trip(dt.datetime(2020, 1, 1))
    with err(TypeError, "argument 'value': a naive datetime cannot be converted to DateTime<FixedOffset> (it needs a tzinfo)"):
        c.fixed_offset_round_trip(dt.datetime(2020, 1, 1))
    with err(TypeError, "argument 'value': an aware datetime cannot be converted to NaiveDateTime (it has a tzinfo)"):
        c.naive_datetime_round_trip(dt.datetime(2020, 1, 1, tzinfo=UTC))
    with err(TypeError, "argument 'value': 'int' object cannot be converted to 'date'"):
        c.naive_date_round_trip(3)
    with err(TypeError, "argument 'value': 'date' object cannot be converted to 'datetime'"):
        c.naive_datetime_round_trip(dt.date(2020, 1, 1))
    with err(ValueError, "argument 'value': a UTC offset with microseconds cannot be converted to FixedOffset"):
        c.fixed_offset_round_trip(dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(microseconds=5))))


LEAK_CASES = {
    "NaiveDate": lambda: c.naive_date_round_trip(dt.date(2024, 2, 29)),
    "NaiveTime": lambda: c.naive_time_round_trip(dt.time(1, 2, 3, 4)),
    "NaiveDateTime": lambda: c.naive_datetime_round_trip(dt.datetime(2024, 2, 29, 1, 2, 3, 4)),
    "DateTime<Utc>": lambda: c.utc_round_trip(dt.datetime(2024, 2, 29, 1, tzinfo=UTC)),
    "DateTime<FixedOffset>": lambda: c.fixed_offset_round_trip(
        dt.datetime(2024, 2, 29, 1, tzinfo=dt.timezone(dt.timedelta(hours=-3)))
    ),
    "TimeDelta": lambda: c.time_delta_round_trip(dt.timedelta(days=-2, microseconds=3)),
    "errors": lambda: pytest.raises(OverflowError, c.chrono_new_year, 10000),
}


@pytest.mark.parametrize("name", sorted(LEAK_CASES))
def test_no_reference_leaks(name):
    from conftest import assert_no_leak

    assert_no_leak(LEAK_CASES[name], n=10000)
