"""Property tests of the generated dataclass behaviours (examples/dataclasses records):
for generated field values, pickle and `copy.deepcopy` round-trips give equal objects and
`repr` evaluates back to an equal object where the field types allow; and no reference
leaks over 10,000 pickle/copy/repr rounds (measured under a debug interpreter)."""

import copy
import pickle

import pytest

c = pytest.importorskip("classes_demo")
hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

floats = st.floats(allow_nan=False)
u32 = st.integers(min_value=0, max_value=2**32 - 1)
u16 = st.integers(min_value=0, max_value=2**16 - 1)
texts = st.text(max_size=20)
colors = st.sampled_from(list(c.Color))

points = st.builds(c.Point, floats, floats)
versions = st.builds(c.Version, u32, u32, u32)
configs = st.builds(
    c.ServerConfig, texts, u16, st.lists(texts, max_size=4), debug=st.booleans()
)
items = st.builds(c.Item, texts, u32, st.none() | texts, colors)
values = st.one_of(points, versions, configs, items)

#: Names `repr` output refers to.
NAMESPACE = {
    "Point": c.Point,
    "Version": c.Version,
    "ServerConfig": c.ServerConfig,
    "inf": float("inf"),
}


@settings(max_examples=200, deadline=None)
@given(values, st.integers(min_value=0, max_value=pickle.HIGHEST_PROTOCOL))
def test_pickle_round_trip(value, protocol):
    back = pickle.loads(pickle.dumps(value, protocol=protocol))
    assert type(back) is type(value)
    assert back == value
    assert repr(back) == repr(value)


@settings(max_examples=200, deadline=None)
@given(values)
def test_copy_round_trips(value):
    for fn in (copy.copy, copy.deepcopy):
        back = fn(value)
        assert back == value and back is not value


@settings(max_examples=200, deadline=None)
@given(st.one_of(points, versions, configs))
def test_repr_evaluates_back(value):
    assert eval(repr(value), dict(NAMESPACE)) == value


@settings(max_examples=100, deadline=None)
@given(st.lists(items, max_size=5), texts)
def test_nested_inventory_round_trip(item_list, owner):
    inv = c.Inventory(owner, item_list, extra={"n": len(item_list)})
    for back in (pickle.loads(pickle.dumps(inv)), copy.deepcopy(inv)):
        assert back.owner == owner and back.items == item_list and back.extra == inv.extra


def test_no_leaks_over_pickle_copy_repr_rounds(assert_no_leak):
    point = c.Point(1.5, -2.0)
    config = c.ServerConfig("h", 1, ["a", "b"], debug=True)
    inv = c.Inventory("ann", [c.Item("pen", 3, "n", c.Color.BLUE)], extra={"k": [1, 2]})
    version = c.Version(1, 2, 3)

    def rounds():
        for value in (point, config, inv, version):
            pickle.loads(pickle.dumps(value, protocol=5))
            copy.copy(value)
            copy.deepcopy(value)
            repr(value)
        point == c.Point(1.5, -2.0)
        c.next_color(c.Color.GREEN)
        c.scale(c.Shape.Rect(1.0, 2.0), 2.0)
        c.area(c.Shape.Polygon([(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)]))
        hash(version)
        version < c.Version(2, 0)
        c.ServerConfig("h")

    assert_no_leak(rounds, n=10000)


def test_no_leaks_on_errors(assert_no_leak):
    def rounds():
        for bad in (lambda: c.Point("x", 1.0), lambda: c.Item("a", -1),
                    lambda: c.next_color(3), lambda: pickle.dumps(c.open_session("u")),
                    lambda: c.area(c.Shape.Circle("r"))):
            try:
                bad()
            except (TypeError, OverflowError):
                pass

    assert_no_leak(rounds, n=10000)


@settings(max_examples=300, deadline=None)
@given(st.tuples(u32, u32, u32), st.tuples(u32, u32, u32))
def test_ordering_matches_tuples(a, b):
    ours_a, ours_b = c.Version(*a), c.Version(*b)
    assert (ours_a < ours_b, ours_a <= ours_b, ours_a > ours_b, ours_a >= ours_b) == (
        a < b, a <= b, a > b, a >= b)
    assert (ours_a == ours_b, ours_a != ours_b) == (a == b, a != b)


@settings(max_examples=300, deadline=None)
@given(st.floats(), st.floats(), st.floats(), st.floats())
def test_float_equality_matches_tuples_of_distinct_floats(x1, y1, x2, y2):
    # Distinct float objects, as the fields are read: NaN is unequal to everything.
    t1, t2 = (float(x1), float(y1)), (float(x2), float(y2))
    assert (c.Point(*t1) == c.Point(*t2)) == (t1 == t2 and not any(v != v for v in t1 + t2))
