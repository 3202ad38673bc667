"""records: every row of the std mapping table both ways, with its error paths.

Error wording (documented in bind-core/src/conversion/path.rs): CPython-like messages,
prefixed with the argument name and the path inside the argument, e.g.
``argument 'rows': [3]['tags'][1]: 'int' object cannot be converted to 'str'``.
"""
import array
import datetime
import ipaddress
import math
import pathlib
import re
from collections import OrderedDict

import pytest

import records as r


def err(exc, text):
    """pytest.raises matching the whole message exactly."""
    return pytest.raises(exc, match="^" + re.escape(text) + "$")


# ---- integers ------------------------------------------------------------------------

INT_LIMITS = [
    ("i8", -(2**7), 2**7 - 1),
    ("i16", -(2**15), 2**15 - 1),
    ("i32", -(2**31), 2**31 - 1),
    ("i64", -(2**63), 2**63 - 1),
    ("i128", -(2**127), 2**127 - 1),
    ("isize", -(2**63), 2**63 - 1),
    ("u8", 0, 2**8 - 1),
    ("u16", 0, 2**16 - 1),
    ("u32", 0, 2**32 - 1),
    ("u64", 0, 2**64 - 1),
    ("u128", 0, 2**128 - 1),
    ("usize", 0, 2**64 - 1),
]


@pytest.mark.parametrize("name,lo,hi", INT_LIMITS)
def test_int_limits_round_trip(name, lo, hi):
    f = getattr(r, "rt_" + name)
    for v in (lo, hi, 0, 1, lo // 3, hi // 3):
        out = f(v)
        assert out == v and type(out) is int


@pytest.mark.parametrize("name,lo,hi", INT_LIMITS)
def test_int_overflow(name, lo, hi):
    f = getattr(r, "rt_" + name)
    with pytest.raises(OverflowError, match="^argument 'x': Python int too large to convert to " + name):
        f(hi + 1)
    with pytest.raises(OverflowError, match="^argument 'x': "):
        f(lo - 1)


@pytest.mark.parametrize("name", [n for n, _, _ in INT_LIMITS])
def test_int_refuses_float_and_str_honours_index(name):
    f = getattr(r, "rt_" + name)
    with err(TypeError, "argument 'x': 'float' object cannot be interpreted as an integer"):
        f(1.5)
    with err(TypeError, "argument 'x': 'str' object cannot be interpreted as an integer"):
        f("1")

    class Idx:
        def __index__(self):
            return 7

    assert f(Idx()) == 7
    assert f(True) == 1


def test_nonzero():
    assert r.rt_nonzero(5) == 5
    with err(ValueError, "argument 'x': value must be non-zero"):
        r.rt_nonzero(0)


# ---- floats, bool, str ---------------------------------------------------------------

def test_floats():
    assert r.rt_f64(1.5) == 1.5
    assert r.rt_f64(3) == 3.0 and type(r.rt_f64(3)) is float
    assert math.isinf(r.rt_f64(float("inf")))
    assert r.rt_f32(0.1) == pytest.approx(0.1, rel=1e-7)
    with err(TypeError, "argument 'x': must be real number, not str"):
        r.rt_f64("1.0")


def test_bool_is_strict():
    assert r.rt_bool(True) is True and r.rt_bool(False) is False
    with err(TypeError, "argument 'x': 'int' object cannot be converted to 'bool'"):
        r.rt_bool(1)


def test_strings():
    assert r.rt_string("héllo 🐍") == "héllo 🐍"
    assert r.rt_cow_str("x") == "x"
    assert r.rt_char("🐍") == "🐍"
    with err(ValueError, "argument 'x': expected a string of length 1, got one of length 2"):
        r.rt_char("ab")
    with err(TypeError, "argument 'x': 'bytes' object cannot be converted to 'str'"):
        r.rt_string(b"x")
    with pytest.raises(UnicodeEncodeError):
        r.rt_string("\ud800")


# ---- bytes ---------------------------------------------------------------------------

def test_bytes_out_is_bytes():
    assert r.rt_bytes(b"\x00\xff") == b"\x00\xff"
    assert type(r.rt_bytes(b"ab")) is bytes
    assert r.rt_boxed_bytes(b"ab") == b"ab"
    assert r.rt_byte_array(b"abcd") == b"abcd"


def test_bytes_in_accepts_bytes_like_and_int_sequences():
    assert r.rt_bytes(bytearray(b"xy")) == b"xy"
    assert r.rt_bytes(memoryview(b"xyz")) == b"xyz"
    assert r.rt_bytes(array.array("B", [1, 2])) == b"\x01\x02"
    assert r.rt_bytes([1, 2, 255]) == b"\x01\x02\xff"
    with err(OverflowError, "argument 'x': [1]: Python int too large to convert to u8"):
        r.rt_bytes([1, 256])
    with err(TypeError, "argument 'x': 'str' object cannot be converted to 'list'"):
        r.rt_bytes("ab")
    with err(ValueError, "argument 'x': expected a sequence of length 4, got one of length 2"):
        r.rt_byte_array(b"ab")


def test_borrowed_bytes():
    assert r.bytes_len(b"abc") == 3
    with err(TypeError, "argument 'data': 'bytearray' object cannot be converted to 'bytes'"):
        r.bytes_len(bytearray(b"abc"))
    assert r.cow_bytes_borrowed(b"abc") is True
    assert r.cow_bytes_borrowed(bytearray(b"abc")) is False


# ---- None, tuples --------------------------------------------------------------------

def test_option_and_unit():
    assert r.rt_option(None) is None
    assert r.rt_option(5) == 5
    assert r.rt_unit(None) is None
    with err(TypeError, "argument 'x': 'str' object cannot be interpreted as an integer"):
        r.rt_option("5")


def test_tuples():
    assert r.rt_tuple((1, "a", 2.5)) == (1, "a", 2.5)
    t = tuple(range(12))
    assert r.rt_tuple12(t) == t
    with err(ValueError, "argument 'x': expected a tuple of length 3, got one of length 2"):
        r.rt_tuple((1, "a"))
    with err(TypeError, "argument 'x': [1]: 'int' object cannot be converted to 'str'"):
        r.rt_tuple((1, 2, 3.0))
    with err(TypeError, "argument 'x': 'list' object cannot be converted to 'tuple'"):
        r.rt_tuple([1, "a", 2.0])


# ---- sequences -----------------------------------------------------------------------

def test_sequences_in_and_out():
    assert r.rt_vec([1, 2, 3]) == [1, 2, 3]
    assert r.rt_vec((1, 2, 3)) == [1, 2, 3]
    assert r.rt_vec(range(4)) == [0, 1, 2, 3]
    assert r.rt_array([1, 2, 3]) == [1, 2, 3]
    assert r.rt_deque((4, 5)) == [4, 5]
    assert r.rt_smallvec([1] * 10) == [1] * 10
    assert r.rt_vec_str(["a", "b"]) == ["a", "b"]
    with err(ValueError, "argument 'x': expected a sequence of length 3, got one of length 1"):
        r.rt_array([1])
    with err(TypeError, "argument 'x': 'str' object cannot be converted to 'list'"):
        r.rt_vec("123")
    with err(TypeError, "argument 'x': 'dict' object cannot be converted to 'list'"):
        r.rt_vec({1: 2})
    with err(TypeError, "argument 'x': [2]: 'str' object cannot be interpreted as an integer"):
        r.rt_vec([1, 2, "3"])


def test_exact_number_lists():
    """Lists and tuples of exact ints/floats take one tight loop; anything else (bool, int
    subclasses, out-of-range values, ints for floats) gives the general path's result."""
    assert r.rt_vec(list(range(-5, 1000))) == list(range(-5, 1000))
    assert r.rt_vec((2**63 - 1, -(2**63))) == [2**63 - 1, -(2**63)]
    assert r.rt_vec([]) == [] and r.rt_vec(()) == []
    assert r.rt_vec_i8([-128, 0, 127]) == [-128, 0, 127]
    assert r.rt_vec_i32((2**31 - 1, -(2**31))) == [2**31 - 1, -(2**31)]
    assert r.rt_vec_u16([0, 65535]) == [0, 65535]
    assert r.rt_vec_u64([0, 2**63, 2**64 - 1]) == [0, 2**63, 2**64 - 1]
    assert r.rt_bytes([0, 1, 255]) == b"\x00\x01\xff"
    assert r.rt_vec_f64([0.5, -1e300, math.inf]) == [0.5, -1e300, math.inf]
    assert r.rt_vec_f32((0.5, 1.5)) == [0.5, 1.5]
    assert r.rt_vec_f32([0.1]) == [pytest.approx(0.1, rel=1e-7)]
    assert r.rt_vec_f64([1, 2.5]) == [1.0, 2.5]
    assert r.rt_vec([1, True, 3]) == [1, 1, 3]

    class Int(int):
        pass

    class Float(float):
        pass

    assert r.rt_vec([1, Int(7)]) == [1, 7]
    assert r.rt_vec_f64([0.5, Float(2.5)]) == [0.5, 2.5]
    with err(OverflowError, "argument 'x': [1]: Python int too large to convert to i8"):
        r.rt_vec_i8([1, 128])
    with err(OverflowError, "argument 'x': [2]: Python int too small to convert to i8"):
        r.rt_vec_i8((1, 2, -129))
    with err(OverflowError, "argument 'x': [0]: Python int too small to convert to u16"):
        r.rt_vec_u16([-1])
    with err(OverflowError, "argument 'x': [1]: Python int too large to convert to i64"):
        r.rt_vec([0, 2**63])
    with err(OverflowError, "argument 'x': [0]: Python int too large to convert to u64"):
        r.rt_vec_u64([2**64])
    with err(TypeError, "argument 'x': [1]: must be real number, not str"):
        r.rt_vec_f64([1.0, "2"])
    with err(TypeError, "argument 'x': [1]: 'float' object cannot be interpreted as an integer"):
        r.rt_vec([1, 2.0])


def test_buffer_fast_path():
    assert r.sum_f64(array.array("d", [1.5, 2.5])) == 4.0
    assert r.sum_i64(array.array("q", [1, 2, 3])) == 6
    assert r.rt_vec_f64(array.array("d", [0.5])) == [0.5]
    assert r.rt_vec_f64(memoryview(array.array("d", [1.0, 2.0]))) == [1.0, 2.0]
    # Another element format falls back to the item-by-item path.
    assert r.sum_i64(array.array("i", [1, 2, 3])) == 6
    assert r.sum_f64(array.array("f", [1.0, 2.0])) == 3.0
    # Non-contiguous buffers too.
    assert r.sum_i64(memoryview(array.array("q", range(10)))[::2]) == 20


# ---- maps and sets -------------------------------------------------------------------

def test_maps():
    assert r.rt_hashmap({"a": 1, "b": 2}) == {"a": 1, "b": 2}
    assert r.rt_btreemap({2: "b", 1: "a"}) == {1: "a", 2: "b"}
    assert list(r.rt_btreemap({2: "b", 1: "a"})) == [1, 2]
    d = OrderedDict([("z", 1), ("a", 2), ("m", 3)])
    assert list(r.rt_indexmap(d)) == ["z", "a", "m"]
    with err(TypeError, "argument 'x': 'list' object cannot be converted to 'dict'"):
        r.rt_hashmap([("a", 1)])
    with err(TypeError, "argument 'x': ['b']: 'str' object cannot be interpreted as an integer"):
        r.rt_hashmap({"a": 1, "b": "2"})
    with err(TypeError, "argument 'x': [1]: key: 'int' object cannot be converted to 'str'"):
        r.rt_hashmap({1: 1})


def test_sets():
    assert r.rt_hashset({1, 2}) == {1, 2}
    assert r.rt_hashset(frozenset({3})) == {3}
    assert r.rt_btreeset({"b", "a"}) == {"a", "b"}
    assert type(r.rt_btreeset(set())) is set
    with err(TypeError, "argument 'x': 'list' object cannot be converted to 'set'"):
        r.rt_hashset([1, 2])


def test_nested_path():
    ok = [{"a": ["x"]}, {"b": []}]
    assert r.rt_nested(ok) == ok
    bad = [{}, {}, {}, {"tags": ["a", 5]}]
    with err(TypeError, "argument 'x': [3]['tags'][1]: 'int' object cannot be converted to 'str'"):
        r.rt_nested(bad)


# ---- Duration, PathBuf, IpAddr -------------------------------------------------------

def test_duration():
    td = datetime.timedelta(days=2, seconds=5, microseconds=7)
    assert r.rt_duration(td) == td
    assert r.rt_duration(datetime.timedelta(0)) == datetime.timedelta(0)
    with err(ValueError, "argument 'x': a negative timedelta cannot be converted to Duration"):
        r.rt_duration(datetime.timedelta(seconds=-1))
    with err(TypeError, "argument 'x': 'int' object cannot be converted to 'timedelta'"):
        r.rt_duration(5)


def test_path():
    assert r.rt_path("/tmp/x") == pathlib.Path("/tmp/x")
    assert type(r.rt_path("/tmp/x")) is type(pathlib.Path())
    assert r.rt_path(pathlib.Path("/a/b")) == pathlib.Path("/a/b")
    assert r.rt_path(b"/raw") == pathlib.Path("/raw")
    # Non-UTF-8 bytes survive (as surrogate escapes).
    assert r.rt_path("/tmp/\udcff") == pathlib.Path("/tmp/\udcff")

    class P:
        def __fspath__(self):
            return "/from/fspath"

    assert r.rt_path(P()) == pathlib.Path("/from/fspath")
    with err(TypeError, "argument 'x': 'int' object cannot be converted to 'os.PathLike'"):
        r.rt_path(3)


def test_ip():
    v4 = ipaddress.ip_address("192.168.0.1")
    v6 = ipaddress.ip_address("::1")
    assert r.rt_ip(v4) == v4 and r.rt_ip(v6) == v6
    assert r.rt_ip("10.0.0.1") == ipaddress.IPv4Address("10.0.0.1")
    assert r.rt_ipv4(v4) == v4
    assert r.rt_ipv6("::2") == ipaddress.IPv6Address("::2")
    with err(ValueError, "argument 'x': expected an IPv4 address, got IPv6"):
        r.rt_ipv4(v6)
    with err(ValueError, "argument 'x': 'nope' does not appear to be an IPv4 or IPv6 address"):
        r.rt_ip("nope")
    with err(TypeError, "argument 'x': 'int' object cannot be converted to 'ipaddress'"):
        r.rt_ip(1)


def test_no_leaks(assert_no_leak):
    data = [{"a": ["x", "y"]}, {"b": []}]
    assert_no_leak(lambda: r.rt_nested(data), n=2000)
    assert_no_leak(lambda: r.rt_btreemap({1: "a", 2: "b"}), n=2000)
    assert_no_leak(lambda: r.rt_i128(2**100), n=2000)
    assert_no_leak(lambda: r.sum_f64(array.array("d", [1.0, 2.0])), n=2000)
    assert_no_leak(lambda: r.rt_vec_f64([0.5, 1.5]), n=2000)
    assert_no_leak(lambda: r.rt_vec_i32((1, 2, 3)), n=2000)
    assert_no_leak(lambda: r.rt_vec_u64([1, 2**64 - 1]), n=2000)

    def failing():
        with pytest.raises(TypeError):
            r.rt_nested([{"a": [1]}])

    assert_no_leak(failing, n=2000)

    def failing_fast_path():
        with pytest.raises(OverflowError):
            r.rt_vec_i8([1, 2, 300])

    assert_no_leak(failing_fast_path, n=2000)
