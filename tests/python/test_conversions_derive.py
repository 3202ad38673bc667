"""records: derive(FromPyObject) / derive(IntoPyObject), every option and error path."""
import re
import types

import pytest

import records as r


def err(exc, text):
    return pytest.raises(exc, match="^" + re.escape(text) + "$")


class Obj:
    def __init__(self, **kw):
        self.__dict__.update(kw)


# ---- structs from attributes (the default) -------------------------------------------

def test_struct_from_attributes():
    assert r.describe_point(Obj(x=1.0, y=2)) == "Point(x=1, y=2)"
    assert r.describe_point(types.SimpleNamespace(x=0.5, y=-1.5)) == "Point(x=0.5, y=-1.5)"


def test_struct_attribute_errors():
    with err(TypeError, "argument 'p': .y: missing attribute"):
        r.describe_point(Obj(x=1.0))
    with err(TypeError, "argument 'p': .x: must be real number, not str"):
        r.describe_point(Obj(x="1", y=2.0))
    with err(TypeError, "argument 'p': .x: missing attribute"):
        r.describe_point({"x": 1.0, "y": 2.0})  # a dict has keys, not attributes


def test_struct_to_dict():
    assert r.make_point(1.0, 2.0) == {"x": 1.0, "y": 2.0}


def test_attribute_error_raised_by_property_is_missing_but_others_propagate():
    class Boom:
        x = 1.0

        @property
        def y(self):
            raise RuntimeError("no y today")

    with pytest.raises(RuntimeError, match="no y today"):
        r.describe_point(Boom())


# ---- from_item_all, item("key"), default ---------------------------------------------

def test_from_item_all_with_renamed_key_and_default():
    out = r.section_rt({"name": "db", "max-retries": 3, "tags": ["a"]})
    # `item("key")` names the key both ways.
    assert out == {"name": "db", "max-retries": 3, "verbose": False, "tags": ["a"]}
    out = r.section_rt({"name": "db", "max-retries": 3, "tags": [], "verbose": True})
    assert out["verbose"] is True


def test_item_errors():
    with err(TypeError, "argument 's': ['max-retries']: missing key"):
        r.section_rt({"name": "db", "tags": []})
    with err(OverflowError, "argument 's': ['max-retries']: Python int too small to convert to u32"):
        r.section_rt({"name": "db", "max-retries": -1, "tags": []})
    with err(TypeError, "argument 's': ['tags'][1]: 'int' object cannot be converted to 'str'"):
        r.section_rt({"name": "db", "max-retries": 1, "tags": ["a", 2]})
    with err(TypeError, "argument 's': 'int' object cannot be converted to 'Mapping'"):
        r.section_rt(5)


def test_items_from_any_mapping():
    class M:
        def __getitem__(self, k):
            return {"name": "n", "max-retries": 1, "tags": []}[k]

    assert r.section_rt(M())["name"] == "n"


# ---- attribute("name"), item on an object, from_py_with -------------------------------

def test_mixed_lookups_and_from_py_with():
    class Thing:
        real = 2.5
        code = "ff"

        def __getitem__(self, key):
            if key == "label":
                return "lbl"
            raise KeyError(key)

    assert r.describe_mixed(Thing()) == "2.5 lbl 255"

    class BadCode(Thing):
        code = "zz"

    with err(ValueError, "argument 'm': .code: invalid hex code \"zz\""):
        r.describe_mixed(BadCode())


# ---- tuple structs, newtypes, transparent --------------------------------------------

def test_tuple_struct():
    assert r.pair_rt((1, "a")) == (1, "a")
    assert r.pair_rt([1, "a"]) == (1, "a")
    with err(ValueError, "argument 'p': expected a sequence of length 2, got one of length 3"):
        r.pair_rt((1, "a", 3))
    with err(TypeError, "argument 'p': [1]: 'int' object cannot be converted to 'str'"):
        r.pair_rt((1, 2))
    with err(TypeError, "argument 'p': 'str' object cannot be converted to 'tuple'"):
        r.pair_rt("ab")


def test_newtype_and_transparent():
    assert r.meters_rt(2.5) == 2.5
    assert r.ids_rt([1, 2]) == [1, 2]
    with err(TypeError, "argument 'm': must be real number, not str"):
        r.meters_rt("x")
    with err(TypeError, "argument 'ids': [0]: 'str' object cannot be interpreted as an integer"):
        r.ids_rt(["a"])


# ---- enums ---------------------------------------------------------------------------

def test_enum_variants_in_order():
    name, area = r.shape_info(Obj(r=1.0))
    assert name == "Circle" and abs(area - 3.14159) < 1e-4
    assert r.shape_info({"w": 2.0, "h": 3.0}) == ("Rect", 6.0)
    assert r.shape_info(("tri", 3)) == ("Polygon", 0.0)
    assert r.shape_info(3.0) == ("Square", 9.0)


def test_enum_into_py_by_variant():
    assert r.shape_rt(Obj(r=1.0)) == {"r": 1.0}
    assert r.shape_rt({"w": 2.0, "h": 3.0}) == {"w": 2.0, "h": 3.0}
    assert r.shape_rt(("tri", 3)) == ("tri", 3)
    assert r.shape_rt(2) == 2.0


def test_enum_error_lists_variants_with_annotation():
    with pytest.raises(TypeError) as info:
        r.shape_info("nope")
    msg = str(info.value)
    assert msg.startswith(
        "argument 's': 'str' object cannot be converted to 'circle | Rect | Polygon | Square' ("
    ), msg
    assert "circle: .r: missing attribute" in msg
    assert "Rect: 'str' object cannot be converted to 'Mapping'" in msg or "Rect: ['w']" in msg
    assert "Polygon: 'str' object cannot be converted to 'tuple'" in msg
    with pytest.raises(TypeError, match="Polygon: expected a sequence of length 2, got one of length 3"):
        r.shape_info((1, 2, 3))
    assert "Square: must be real number, not str" in msg


# ---- nested derived values and a serde field -----------------------------------------

ROWS = [{"id": i, "tags": ["a", "b"]} for i in range(5)]


def test_rows_and_error_path():
    assert r.count_tags(ROWS) == (5, 10)
    bad = [dict(row) for row in ROWS]
    bad[3] = {"id": 3, "tags": ["a", 7]}
    with err(TypeError, "argument 'rows': [3]['tags'][1]: 'int' object cannot be converted to 'str'"):
        r.count_tags(bad)
    with err(TypeError, "argument 'rows': [2]['id']: missing key"):
        r.count_tags([ROWS[0], ROWS[1], {"tags": []}])


def test_serde_field_inside_derived_struct():
    rows = [{"id": 1, "tags": [], "meta": {"owner": "ann", "level": "High"}}]
    assert r.rows_rt(rows) == rows
    assert r.rows_rt([{"id": 1, "tags": []}]) == [{"id": 1, "tags": [], "meta": None}]
    with pytest.raises(ValueError, match=r"^argument 'rows': \[0\]\['meta'\]: .*unknown variant 'Top'"):
        r.rows_rt([{"id": 1, "tags": [], "meta": {"owner": "a", "level": "Top"}}])


def test_type_level_serde():
    v = {"max_rows": 10, "per_user": {"ann": 2}}
    assert r.limits_rt(v) == v
    with err(TypeError, "argument 'l': missing field 'per_user'"):
        r.limits_rt({"max_rows": 1})


def test_derive_no_leaks(assert_no_leak):
    assert_no_leak(lambda: r.count_tags(ROWS), n=2000)
    assert_no_leak(lambda: r.shape_rt(("tri", 3)), n=2000)

    def failing():
        with pytest.raises(TypeError):
            r.shape_info("nope")

    assert_no_leak(failing, n=2000)
