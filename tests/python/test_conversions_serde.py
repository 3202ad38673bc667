"""records: the serde bridge on nested real-world data, its mapping and its errors."""
import dataclasses
import re

import pytest

import records as r


def err(exc, text):
    return pytest.raises(exc, match="^" + re.escape(text) + "$")


CONFIG = {
    "name": "shop",
    "version": (2, 0, 1),
    "servers": [
        {"host": "a.example", "port": 443, "tls": True},
        {"host": "b.example", "port": 8080, "tls": False},
    ],
    "errors": {404: "not found", 500: "server error"},
    "features": {"zeta": True, "alpha": False},
    "mode": {"Production": {"replicas": 3}},
    "timeout_ms": 2500,
    "secret": b"\x00\x01\xfe",
}


def test_config_round_trip():
    out = r.config_rt(CONFIG)
    assert out == CONFIG
    assert type(out["version"]) is tuple  # serde tuples are Python tuples
    assert list(out["features"]) == ["zeta", "alpha"]  # IndexMap keeps order
    assert type(out["secret"]) is bytes


def test_config_defaults_and_enum_forms():
    c = dict(CONFIG, mode="Development")
    del c["timeout_ms"]
    out = r.config_rt(c)
    assert out["mode"] == "Development" and out["timeout_ms"] is None
    assert r.config_rt(dict(CONFIG, mode={"Custom": "x"}))["mode"] == {"Custom": "x"}
    assert r.default_config()["errors"] == {404: "not found", 500: "oops"}


def test_config_error_paths():
    bad = dict(CONFIG, servers=[CONFIG["servers"][0], {"host": "h", "port": 70000, "tls": True}])
    with err(OverflowError, "argument 'c': ['servers'][1]['port']: Python int too large to convert to u16"):
        r.config_rt(bad)
    with err(TypeError, "argument 'c': ['errors']['x']: key: 'str' object cannot be interpreted as an integer"):
        r.config_rt(dict(CONFIG, errors={"x": "y"}))
    with err(ValueError, "argument 'c': ['mode']: unknown variant 'Staging', expected one of 'Development', 'Production', 'Custom'"):
        r.config_rt(dict(CONFIG, mode="Staging"))
    c = dict(CONFIG)
    del c["name"]
    with err(TypeError, "argument 'c': missing field 'name'"):
        r.config_rt(c)
    with err(TypeError, "argument 'c': ['servers']: 'str' object cannot be converted to 'list'"):
        r.config_rt(dict(CONFIG, servers="x"))


RECORDS = [
    {"id": 1, "name": "a", "tags": ["x"], "score": 0.5, "status": "active"},
    {"id": 2, "name": "b", "tags": [], "score": 1.0, "status": {"flagged": "spam"}},
    {"id": 3, "name": "c", "tags": ["y", "z"], "score": 0.0, "status": "archived"},
]


def test_records_with_enums():
    assert r.records_rt(RECORDS) == RECORDS
    bad = [dict(x) for x in RECORDS] + [{"id": 4, "name": "d", "tags": ["ok", 5], "score": 1.0, "status": "active"}]
    with err(TypeError, "argument 'rows': [3]['tags'][1]: 'int' object cannot be converted to 'str'"):
        r.records_rt(bad)


def test_dataclasses_and_objects_are_read_as_structs():
    @dataclasses.dataclass
    class Rec:
        id: int
        name: str
        tags: list
        score: float
        status: str

    out = r.records_rt([Rec(1, "n", ["t"], 0.25, "active")])
    assert out == [{"id": 1, "name": "n", "tags": ["t"], "score": 0.25, "status": "active"}]

    class Plain:
        def __init__(self):
            self.id, self.name, self.tags, self.score, self.status = 5, "p", [], 1.0, "archived"

    assert r.records_rt([Plain()])[0]["id"] == 5

    class Missing:
        id = 1

    with err(TypeError, "argument 'rows': [0]: missing field 'name'"):
        r.records_rt([Missing()])


def test_internally_tagged_events():
    events = [{"type": "Click", "x": 1, "y": 2}, {"type": "Key", "code": "Enter"}]
    assert r.events_rt(events) == events
    with pytest.raises(ValueError, match=r"^argument 'events': \[0\]\['type'\]: unknown variant 'Scroll'"):
        r.events_rt([{"type": "Scroll"}])


def test_self_describing_values():
    for v in [None, True, 1, -(2**40), 1.5, "s", b"b", [1, [2, "x"]], {"k": [1, None]}]:
        assert r.serde_value_rt(v) == v
    assert r.serde_value_rt((1, 2)) == [1, 2]  # a tuple is a seq: a list out


def test_serde_no_leaks(assert_no_leak):
    assert_no_leak(lambda: r.config_rt(CONFIG), n=1000)
    assert_no_leak(lambda: r.records_rt(RECORDS), n=1000)

    def failing():
        with pytest.raises(TypeError):
            r.records_rt([{"id": 1}])

    assert_no_leak(failing, n=1000)
