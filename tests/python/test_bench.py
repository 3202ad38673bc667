"""bind_bench: the benchmark module follows the shared spec (functions part)."""
import pytest

import bind_bench


def test_noop_returns_none():
    assert bind_bench.noop() is None


def test_add_positional_and_keyword():
    assert bind_bench.add(1, 2) == 3
    assert bind_bench.add(a=1, b=2) == 3
    assert bind_bench.add(-(2**63), 0) == -(2**63)
    with pytest.raises(OverflowError, match="^argument 'a'"):
        bind_bench.add(2**63, 0)


def test_lists_round_trip():
    xs = list(range(1000))
    assert bind_bench.sum_list(xs) == sum(xs)
    assert bind_bench.sum_list(tuple(xs)) == sum(xs)
    assert bind_bench.make_list(5) == [0, 1, 2, 3, 4]
    assert bind_bench.make_list(0) == []
    with pytest.raises(TypeError, match=r"^argument 'xs': 'str' object cannot be converted to 'list'$"):
        bind_bench.sum_list("123")
    with pytest.raises(TypeError, match=r"^argument 'xs': \[1\]: 'str' object cannot be interpreted as an integer$"):
        bind_bench.sum_list([1, "2"])


def test_echo_str_copies_text():
    for s in ["", "héllo", "日本語", "a" * 10000, "emoji 😀"]:
        assert bind_bench.echo_str(s) == s
    with pytest.raises(UnicodeEncodeError):
        bind_bench.echo_str("lone \ud800 surrogate")


def test_raise_value_error():
    with pytest.raises(ValueError, match="^boom$"):
        bind_bench.raise_value_error()


def test_no_leaks(assert_no_leak):
    xs = list(range(100))

    def calls():
        bind_bench.add(1, 2)
        bind_bench.sum_list(xs)
        bind_bench.make_list(10)
        bind_bench.echo_str("abc")
        try:
            bind_bench.raise_value_error()
        except ValueError:
            pass

    assert_no_leak(calls, n=5000)


# --- Point (classes) -------------------------------------------------------------------


def test_point():
    import bind_bench as b

    p = b.Point(1.0, 2.0)
    assert (p.x, p.y) == (1.0, 2.0)
    assert repr(p) == "Point(x=1.0, y=2.0)"
    assert repr(b.Point(1e16, -1.5e-05)) == "Point(x=1e+16, y=-1.5e-05)"
    assert p.norm() == pytest.approx(5 ** 0.5)
    q = p + b.Point(0.5, 0.5)
    assert (q.x, q.y) == (1.5, 2.5)
    assert p == b.Point(1.0, 2.0) and p != q
    assert (p == 3) is False
    with pytest.raises(TypeError):
        p + 1
    p.x = 3.0
    assert p.x == 3.0
    p.y = 4  # ints are accepted, as by a float attribute
    assert p.norm() == 5.0
    with pytest.raises(TypeError, match="attribute 'x' of 'Point' objects"):
        p.x = "a"
    with pytest.raises(AttributeError, match="cannot delete attribute 'x' of 'Point' objects"):
        del p.x
    assert b.Point(x=1.0, y=2.0) == b.Point(1.0, 2.0)
    with pytest.raises(TypeError, match=r"Point\(\) missing 1 required positional argument: 'y'"):
        b.Point(1.0)


def test_point_generated_repr_eq_pickle():
    """`repr`, `==` and pickling of the benchmark Point come from its fields."""
    import copy
    import pickle

    import bind_bench as b

    for x in [0.0, -0.0, 0.1, 1e-5, 1e16, 123456789.125, float("inf"), float("-inf"), 2.5e-308]:
        assert repr(b.Point(x, 1.0)) == "Point(x=%r, y=1.0)" % x
    assert repr(b.Point(float("nan"), 0)) == "Point(x=nan, y=0.0)"
    p = b.Point(1.5, -2.0)
    assert p.__eq__((1.5, -2.0)) is NotImplemented
    assert b.Point.__hash__ is None  # eq without frozen, as a dataclass
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(p, protocol=protocol))
        assert type(back) is b.Point and back == p and back is not p
    assert copy.deepcopy(p) == p


def test_point_no_leaks(assert_no_leak):
    import bind_bench as b

    def calls():
        p = b.Point(1.0, 2.0)
        p.x = 2.0
        (p + p).norm()
        p == p
        repr(p)

    assert_no_leak(calls, n=5000)


def test_method_refuses_a_receiver_of_another_type():
    # As a method of a builtin class does: `str.upper(5)`.
    with pytest.raises(TypeError) as builtin:
        str.upper(5)
    assert str(builtin.value) == "descriptor 'upper' for 'str' objects doesn't apply to a 'int' object"
    with pytest.raises(TypeError, match=r"^descriptor 'norm' for '(bind_bench\.)?Point' objects doesn't apply to a 'int' object$"):
        bind_bench.Point.norm(5)
    with pytest.raises(TypeError, match=r"^descriptor 'x' for '(bind_bench\.)?Point' objects doesn't apply to a 'int' object$"):
        bind_bench.Point.x.__get__(5)
    with pytest.raises(TypeError, match=r"^descriptor '__add__' requires a '(bind_bench\.)?Point' object but received a 'int'$"):
        bind_bench.Point.__add__(5, bind_bench.Point(1.0, 2.0))
