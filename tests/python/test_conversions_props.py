"""records: Hypothesis property tests of the conversions (round trips of arbitrary data)."""
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, strategies as st  # noqa: E402

import records as r  # noqa: E402

i64 = st.integers(-(2**63), 2**63 - 1)
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


@given(st.integers())
def test_i128_round_trip_or_overflow(v):
    if -(2**127) <= v < 2**127:
        assert r.rt_i128(v) == v
    else:
        with pytest.raises(OverflowError):
            r.rt_i128(v)


@given(st.integers(0, 2**128 - 1))
def test_u128_round_trip(v):
    assert r.rt_u128(v) == v


@given(st.lists(i64))
def test_vec_i64(xs):
    assert r.rt_vec(xs) == xs
    assert r.rt_vec(tuple(xs)) == xs


@given(st.binary())
def test_bytes(b):
    assert r.rt_bytes(b) == b
    assert r.rt_bytes(bytearray(b)) == b
    assert r.rt_bytes(list(b)) == b


@given(st.dictionaries(text, i64))
def test_maps(d):
    assert r.rt_hashmap(d) == d
    assert list(r.rt_indexmap(d).items()) == list(d.items())


@given(st.dictionaries(i64, text))
def test_int_keyed_btreemap(d):
    out = r.rt_btreemap(d)
    assert out == d and list(out) == sorted(d)


@given(st.lists(st.dictionaries(text, st.lists(text, max_size=4), max_size=4), max_size=5))
def test_nested(v):
    assert r.rt_nested(v) == v


short_text = st.text(alphabet="abc'\"é", max_size=8)  # reprs stay under the 40-char cut


@given(st.lists(st.dictionaries(short_text, st.lists(st.one_of(text, st.integers()), max_size=4), max_size=3), max_size=5))
def test_nested_errors_name_the_path(v):
    bad = [(i, k, j) for i, d in enumerate(v) for k, xs in d.items() for j, x in enumerate(xs) if isinstance(x, int)]
    if not bad:
        assert r.rt_nested(v) == v
        return
    with pytest.raises(TypeError) as info:
        r.rt_nested(v)
    msg = str(info.value)
    assert msg.startswith("argument 'x': [")
    assert any(msg.startswith("argument 'x': [%d][%r][%d]: 'int' object" % b) for b in bad), msg


records = st.fixed_dictionaries({
    "id": i64,
    "name": text,
    "tags": st.lists(text, max_size=3),
    "score": st.floats(allow_nan=False),
    "status": st.one_of(st.sampled_from(["active", "archived"]), st.builds(lambda s: {"flagged": s}, text)),
})


@given(st.lists(records, max_size=5))
def test_serde_records(rows):
    assert r.records_rt(rows) == rows


json_like = st.recursive(
    st.one_of(st.none(), st.booleans(), i64, st.floats(allow_nan=False), text),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(text, children, max_size=4)),
    max_leaves=20,
)


@given(json_like)
def test_serde_any_value(v):
    assert r.serde_value_rt(v) == v


@given(st.one_of(
    st.builds(lambda x: type("O", (), {"r": x})(), st.floats(allow_nan=False)),
    st.fixed_dictionaries({"w": st.floats(allow_nan=False), "h": st.floats(allow_nan=False)}),
    st.tuples(text, st.integers(0, 2**32 - 1)),
    st.floats(allow_nan=False),
))
def test_derived_enum_picks_a_variant(v):
    name, _ = r.shape_info(v)
    assert name in {"Circle", "Rect", "Polygon", "Square"}
