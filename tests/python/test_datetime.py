"""datetime values built and read from Rust (examples/completeness), compared with what
the datetime module itself gives for the same values; a tzinfo subclass written in Rust
against datetime.timezone; the std::time conversions at their range limits."""

import datetime as dt
import re
import sys

import pytest

import completeness as c
from conftest import assert_no_leak

UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
ONE_MICRO = dt.timedelta(microseconds=1)

DATES = [
    (1, 1, 1),
    (9999, 12, 31),
    (2000, 2, 29),
    (2024, 2, 29),
    (1900, 2, 28),
    (1970, 1, 1),
    (2038, 1, 19),
    (255, 7, 4),  # the year's low byte alone
    (256, 12, 1),  # and the high byte
]

TIMES = [
    (0, 0, 0, 0, False),
    (23, 59, 59, 999999, False),
    (12, 30, 15, 65536, True),  # the microsecond's third byte
    (1, 2, 3, 255, True),
    (1, 2, 3, 256, False),
]


#: Why the Rust tzinfo class is missing (abi3 builds on Python < 3.10), else None.
FIXED_ZONE_UNAVAILABLE = getattr(c, "FIXED_ZONE_UNAVAILABLE", None)
needs_fixed_zone = pytest.mark.skipif(
    FIXED_ZONE_UNAVAILABLE is not None, reason=str(FIXED_ZONE_UNAVAILABLE)
)


def err(exc, text):
    return pytest.raises(exc, match="^" + re.escape(text) + "$")


def python_error(fn):
    """The exception type and message CPython's own constructor raises."""
    with pytest.raises(Exception) as info:
        fn()
    return type(info.value), str(info.value)


# ---- date -------------------------------------------------------------------------------


@pytest.mark.parametrize("ymd", DATES)
def test_date_built_in_rust_equals_python_date(ymd):
    built = c.make_date(*ymd)
    assert type(built) is dt.date
    assert built == dt.date(*ymd)
    assert c.date_fields(dt.date(*ymd)) == ymd


def test_date_fields_of_a_datetime_and_of_a_subclass():
    class MyDate(dt.date):
        pass

    assert c.date_fields(dt.datetime(2001, 9, 11, 8, 46)) == (2001, 9, 11)
    assert c.date_fields(MyDate(1999, 12, 31)) == (1999, 12, 31)


@pytest.mark.parametrize("ymd", [(2023, 2, 29), (0, 1, 1), (10000, 1, 1), (2020, 13, 1), (2020, 4, 31)])
def test_invalid_dates_raise_what_datetime_raises(ymd):
    expected_type, expected_message = python_error(lambda: dt.date(*ymd))
    with pytest.raises(expected_type) as info:
        c.make_date(*ymd)
    assert str(info.value) == expected_message


def test_date_fields_rejects_other_types_naming_the_argument():
    with err(TypeError, "argument 'date': 'str' object cannot be converted to 'date'"):
        c.date_fields("2020-01-01")
    with err(TypeError, "argument 'date': 'time' object cannot be converted to 'date'"):
        c.date_fields(dt.time(1))


# ---- datetime and time --------------------------------------------------------------------


@pytest.mark.parametrize("ymd", DATES)
@pytest.mark.parametrize("hmsuf", TIMES)
def test_datetime_fields_round_trip(ymd, hmsuf):
    *hmsu, fold = hmsuf
    expected = dt.datetime(*ymd, *hmsu, fold=int(fold))
    built = c.make_datetime(ymd, hmsuf)
    assert type(built) is dt.datetime
    assert built == expected and built.fold == expected.fold and built.tzinfo is None
    assert c.datetime_fields(expected) == (ymd, hmsuf, None)


def test_datetime_with_tzinfo():
    tz = dt.timezone(dt.timedelta(hours=-5), "EST")
    built = c.make_datetime((2020, 3, 8), (1, 30, 0, 0, True), tz)
    assert built == dt.datetime(2020, 3, 8, 1, 30, tzinfo=tz, fold=1)
    assert built.tzinfo is tz
    assert c.datetime_fields(built)[2] is tz
    assert c.datetime_fields(dt.datetime(2020, 1, 1, tzinfo=UTC))[2] is UTC


@pytest.mark.parametrize("hmsuf", TIMES)
def test_time_fields_round_trip(hmsuf):
    *hmsu, fold = hmsuf
    expected = dt.time(*hmsu, fold=int(fold))
    built = c.make_time(hmsuf)
    assert type(built) is dt.time
    assert built == expected and built.fold == expected.fold
    assert c.time_fields(expected) == (hmsuf, None)
    aware = dt.time(*hmsu, tzinfo=UTC, fold=int(fold))
    assert c.make_time(hmsuf, UTC) == aware
    assert c.time_fields(aware) == (hmsuf, UTC)


@pytest.mark.parametrize(
    "date, time",
    [((2020, 1, 1), (24, 0, 0, 0, False)), ((2020, 1, 1), (0, 60, 0, 0, False)),
     ((2020, 1, 1), (0, 0, 60, 0, False)), ((2020, 1, 1), (0, 0, 0, 1000000, False))],
)
def test_invalid_datetimes_and_times_raise_what_datetime_raises(date, time):
    expected = python_error(lambda: dt.datetime(*date, *time[:4]))
    with pytest.raises(expected[0]) as info:
        c.make_datetime(date, time)
    assert str(info.value) == expected[1]
    expected = python_error(lambda: dt.time(*time[:4]))
    with pytest.raises(expected[0]) as info:
        c.make_time(time)
    assert str(info.value) == expected[1]


def test_tzinfo_argument_must_be_a_tzinfo():
    with err(TypeError, "argument 'tzinfo': 'int' object cannot be converted to 'tzinfo'"):
        c.make_datetime((2020, 1, 1), (0, 0, 0, 0, False), 5)


# ---- timedelta ----------------------------------------------------------------------------

DELTA_INPUTS = [
    (0, 0, 0),
    (0, -1, 0),
    (0, 0, -1),
    (-1, 86399, 999999),
    (1, 86400, 1000000),
    (0, 10**6, 10**7),
    (999999999, 86399, 999999),
    (-999999999, 0, 0),
    (5, -3600 * 30, 123),
]


@pytest.mark.parametrize("dsu", DELTA_INPUTS)
def test_delta_normalises_like_timedelta(dsu):
    expected = dt.timedelta(days=dsu[0], seconds=dsu[1], microseconds=dsu[2])
    built = c.make_delta(*dsu)
    assert type(built) is dt.timedelta and built == expected
    assert c.delta_fields(expected) == (expected.days, expected.seconds, expected.microseconds)


@pytest.mark.parametrize("dsu", [(999999999, 86400, 0), (-999999999, -1, 0)])
def test_delta_overflow_raises_what_timedelta_raises(dsu):
    expected = python_error(lambda: dt.timedelta(days=dsu[0], seconds=dsu[1], microseconds=dsu[2]))
    with pytest.raises(expected[0]):
        c.make_delta(*dsu)


# ---- tzinfo: singletons and a subclass written in Rust -----------------------------------


def test_utc_and_fixed_offsets_are_the_datetime_module_s():
    assert c.utc() is UTC
    for minutes in (-23 * 60 - 59, -330, 0, 345, 23 * 60 + 59):
        offset = dt.timedelta(minutes=minutes)
        assert c.fixed_offset(offset) == dt.timezone(offset)
    expected = python_error(lambda: dt.timezone(dt.timedelta(hours=24)))
    with pytest.raises(expected[0]):
        c.fixed_offset(dt.timedelta(hours=24))


ZONES = [(-480, "PST"), (0, "Z"), (330, "IST"), (-59, "odd"), (14 * 60, "LINT")]


@needs_fixed_zone
@pytest.mark.parametrize("minutes, name", ZONES)
def test_rust_tzinfo_behaves_like_timezone(minutes, name):
    rust = c.FixedZone(minutes, name)
    python = dt.timezone(dt.timedelta(minutes=minutes), name)
    assert isinstance(rust, dt.tzinfo)
    assert (rust.offset_minutes, rust.name) == (minutes, name)
    for naive in [dt.datetime(2020, 1, 1), dt.datetime(1999, 12, 31, 23, 59, 59, 999999),
                  dt.datetime(2, 1, 1), dt.datetime(9998, 12, 31)]:
        a = naive.replace(tzinfo=rust)
        b = naive.replace(tzinfo=python)
        assert a.utcoffset() == b.utcoffset()
        assert a.dst() == dt.timedelta(0) and a.tzname() == b.tzname() == name
        assert a == b and hash(a) == hash(b)
        assert a.astimezone(UTC) == b.astimezone(UTC)
        assert a.timestamp() == b.timestamp()
        assert a.isoformat() == b.isoformat()
        # Arithmetic: aware differences, shifting, and conversion into the Rust zone.
        assert a - EPOCH == b - EPOCH
        assert (a + dt.timedelta(hours=7)).utcoffset() == b.utcoffset()
        assert EPOCH.astimezone(rust) == EPOCH.astimezone(python)
        assert EPOCH.astimezone(rust).tzinfo is rust


@needs_fixed_zone
def test_rust_tzinfo_built_into_datetimes_from_rust():
    zone = c.FixedZone(90, "X")
    built = c.make_datetime((2024, 3, 1), (1, 2, 3, 4, False), zone)
    assert built.tzinfo is zone and built.utcoffset() == dt.timedelta(minutes=90)
    assert c.datetime_fields(built)[2] is zone
    assert c.make_time((1, 2, 3, 4, False), zone).tzname() == "X"


# ---- comparisons from Rust ---------------------------------------------------------------


def test_latest_orders_like_max():
    dates = [dt.date(*ymd) for ymd in DATES]
    assert c.latest(dates) == max(dates)
    moments = [dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(minutes=m))) for m, _ in ZONES]
    assert c.latest(moments) == max(moments)
    deltas = [dt.timedelta(*dsu) for dsu in DELTA_INPUTS]
    assert c.latest(deltas) == max(deltas)
    assert c.latest([]) is None
    with pytest.raises(TypeError):  # naive vs aware, as Python refuses it
        c.latest([dt.datetime(2020, 1, 1), dt.datetime(2020, 1, 1, tzinfo=UTC)])


# ---- std::time::Duration -------------------------------------------------------------------


@pytest.mark.parametrize(
    "seconds, nanos",
    [(0, 0), (0, 999), (0, 1000), (1, 999999999), (86399, 0), (86400, 0),
     (999999999 * 86400 + 86399, 999999999)],
)
def test_duration_out_is_timedelta_truncated_to_microseconds(seconds, nanos):
    out = c.duration(seconds, nanos)
    assert out == dt.timedelta(seconds=seconds, microseconds=nanos // 1000)
    assert c.duration_parts(out) == (seconds, nanos // 1000 * 1000)


def test_duration_limits():
    assert c.duration_parts(dt.timedelta.max) == (
        dt.timedelta.max.days * 86400 + dt.timedelta.max.seconds,
        dt.timedelta.max.microseconds * 1000,
    )
    with err(OverflowError, "Duration of 1000000000 days is out of range for timedelta (at most 999999999 days)"):
        c.duration(10**9 * 86400, 0)
    with err(ValueError, "argument 'value': a negative timedelta cannot be converted to Duration"):
        c.duration_parts(-ONE_MICRO)
    with err(TypeError, "argument 'value': 'float' object cannot be converted to 'timedelta'"):
        c.duration_parts(1.5)


# ---- std::time::SystemTime -----------------------------------------------------------------

MIN_MICROS = (dt.datetime.min.replace(tzinfo=UTC) - EPOCH) // ONE_MICRO
MAX_MICROS = (dt.datetime.max.replace(tzinfo=UTC) - EPOCH) // ONE_MICRO


@pytest.mark.parametrize(
    "micros", [0, 1, -1, 86400 * 10**6 - 1, -(86400 * 10**6), 1234567890123456, MIN_MICROS, MAX_MICROS]
)
def test_system_time_is_an_aware_utc_datetime(micros):
    out = c.system_time(micros)
    assert out == EPOCH + micros * ONE_MICRO
    assert out.tzinfo is UTC
    assert c.system_time_micros(out) == micros


def test_system_time_limits():
    assert c.system_time(MIN_MICROS) == dt.datetime.min.replace(tzinfo=UTC)
    assert c.system_time(MAX_MICROS) == dt.datetime.max.replace(tzinfo=UTC)
    with err(OverflowError, "SystemTime is out of range for datetime (year 0 is not in 1..=9999)"):
        c.system_time(MIN_MICROS - 1)
    with err(OverflowError, "SystemTime is out of range for datetime (year 10000 is not in 1..=9999)"):
        c.system_time(MAX_MICROS + 1)


def test_system_time_in_reads_any_tzinfo():
    for minutes, name in ZONES:
        zones = [dt.timezone(dt.timedelta(minutes=minutes))]
        if FIXED_ZONE_UNAVAILABLE is None:
            zones.append(c.FixedZone(minutes, name))
        for zone in zones:
            moment = dt.datetime(2021, 6, 1, 12, 0, 0, 5, tzinfo=zone)
            assert c.system_time_micros(moment) == (moment - EPOCH) // ONE_MICRO
    with err(TypeError, "argument 'value': a naive datetime cannot be converted to SystemTime (it needs a tzinfo)"):
        c.system_time_micros(dt.datetime(2020, 1, 1))
    with err(TypeError, "argument 'value': 'date' object cannot be converted to 'datetime'"):
        c.system_time_micros(dt.date(2020, 1, 1))


# ---- references --------------------------------------------------------------------------


LEAK_CASES = {
    "date": lambda: c.date_fields(c.make_date(2024, 2, 29)),
    "datetime": lambda: c.datetime_fields(c.make_datetime((2024, 2, 29), (1, 2, 3, 4, True), UTC)),
    "time": lambda: c.time_fields(c.make_time((1, 2, 3, 4, True), UTC)),
    "delta": lambda: c.delta_fields(c.make_delta(-1, 5, 7)),
    "tzinfo": lambda: (c.utc(), c.fixed_offset(dt.timedelta(hours=1))),
    "duration": lambda: c.duration_parts(c.duration(90061, 5000)),
    "system time": lambda: c.system_time_micros(c.system_time(-1234567)),
    "errors": lambda: pytest.raises(TypeError, c.system_time_micros, dt.datetime(2020, 1, 1)),
}


@pytest.mark.parametrize("name", sorted(LEAK_CASES))
def test_no_reference_leaks(name):
    assert_no_leak(LEAK_CASES[name], n=10000)


@needs_fixed_zone
def test_no_reference_leaks_through_the_rust_tzinfo():
    zone = c.FixedZone(60, "x")
    assert_no_leak(lambda: c.make_datetime((2024, 1, 1), (0, 0, 0, 0, False), zone).utcoffset(), n=10000)
    assert_no_leak(lambda: c.FixedZone(-60, "y").tzname(None), n=10000)
