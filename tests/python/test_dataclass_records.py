"""Dataclass-grade bind classes (examples/dataclasses/src/records.rs) against real
``@dataclass`` twins with the same fields and options: constructor and signature, repr,
equality, ordering, hashing, ``match``, the ``dataclasses`` functions, ``copy`` and
pickling by every protocol."""

import copy
import dataclasses
import enum
import inspect
import pickle
import subprocess
import sys
import typing

import pytest

c = pytest.importorskip("classes_demo")


@dataclasses.dataclass
class Point:
    x: float
    y: float


@dataclasses.dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int
    patch: int = 0


if sys.version_info >= (3, 10):

    @dataclasses.dataclass
    class ServerConfig:
        host: str
        port: int = 8080
        tags: typing.List[str] = dataclasses.field(default_factory=list)
        debug: bool = dataclasses.field(default=False, kw_only=True)

else:
    ServerConfig = None


class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


@dataclasses.dataclass(frozen=True)
class Item:
    name: str
    quantity: int
    note: typing.Optional[str] = None
    color: Color = Color.RED


@dataclasses.dataclass
class Inventory:
    owner: str
    items: typing.List[Item] = dataclasses.field(default_factory=list)
    extra: typing.Any = None


def twin_repr(obj):
    """The twin's repr, as the bind class's module shows it (same class names)."""
    return repr(obj)


POINT_ARGS = [(1.0, 2.0), (-0.0, 1e300), (float("inf"), 3.5), (1e-7, 123456789.125)]


@pytest.mark.parametrize("args", POINT_ARGS)
def test_repr_matches_dataclass(args):
    assert repr(c.Point(*args)) == repr(Point(*args))


def test_repr_of_nested_and_optional_fields():
    inv = c.Inventory("ann", [c.Item("pen", 3), c.Item("ink", 1, "blue")], extra={"k": [1]})
    twin = Inventory("ann", [Item("pen", 3), Item("ink", 1, "blue")], extra={"k": [1]})
    assert repr(inv) == repr(twin)
    assert repr(c.Version(1, 2)) == repr(Version(1, 2))


def test_repr_of_a_self_reference_shows_dots():
    inv = c.Inventory("loop")
    inv_twin = Inventory("loop")
    extra = [inv]
    inv2 = c.Inventory("outer", extra=extra)
    twin2 = Inventory("outer", extra=[inv_twin])
    assert repr(inv2) == repr(twin2)


def test_repr_option_alone_with_new():
    assert repr(c.Pixel(1, 2, 3)) == "Pixel(r=1, g=2, b=3)"


@pytest.mark.parametrize(
    "make",
    [
        lambda m: m.Point(1.0, 2.0),
        lambda m: m.Version(1, 2, 3),
        lambda m: m.Item("pen", 3),
    ],
)
def test_signature_matches_dataclass(make):
    obj = make(c)
    twin = make(sys.modules[__name__])
    ours = inspect.signature(type(obj))
    theirs = inspect.signature(type(twin))
    # Defaults by repr: the enum default is a member of each side's own `Color`.
    assert [(p.name, p.kind, repr(p.default)) for p in ours.parameters.values()] == [
        (p.name, p.kind, repr(p.default)) for p in theirs.parameters.values()
    ]


def test_keyword_only_signature_on_every_version():
    # `dataclasses` has no kw_only before 3.10; the bind class has it everywhere.
    assert str(inspect.signature(c.ServerConfig)) == "(host, port=8080, tags=<factory>, *, debug=False)"
    with pytest.raises(TypeError):
        c.ServerConfig("h", 1, [], True)
    assert c.ServerConfig("h", debug=True).debug is True


@pytest.mark.skipif(sys.version_info < (3, 10), reason="kw_only fields need Python 3.10+")
def test_defaults_factory_and_keyword_only_like_dataclass():
    ours = inspect.signature(c.ServerConfig)
    theirs = inspect.signature(ServerConfig)
    assert [(p.name, p.kind, p.default) for p in ours.parameters.values()] == [
        (p.name, p.kind, p.default) for p in theirs.parameters.values()
    ]
    for kwargs in [{}, {"port": 1}, {"tags": ["a"]}, {"debug": True}]:
        assert repr(c.ServerConfig("h", **kwargs)) == repr(ServerConfig("h", **kwargs))
    # A fresh list per instance, as with default_factory.
    a, b = c.ServerConfig("a"), c.ServerConfig("b")
    assert a.tags == [] and a.tags is not b.tags
    for bad in [lambda m: m.ServerConfig(), lambda m: m.ServerConfig("h", 1, [], True),
                lambda m: m.ServerConfig("h", nope=1),
                lambda m: m.ServerConfig("h", host="again")]:
        with pytest.raises(TypeError) as ours_err:
            bad(c)
        with pytest.raises(TypeError):
            bad(sys.modules[__name__])
        assert "ServerConfig" in str(ours_err.value) or "argument" in str(ours_err.value)


def test_bad_argument_type_names_the_field():
    with pytest.raises(TypeError, match="argument 'x'"):
        c.Point("a", 1.0)
    with pytest.raises(TypeError, match="argument 'quantity'"):
        c.Item("pen", "many")
    with pytest.raises(OverflowError):
        c.Version(-1, 0)


def test_equality_like_dataclass():
    pairs = [((1.0, 2.0), (1.0, 2.0)), ((1.0, 2.0), (2.0, 1.0)), ((0.0, 1.0), (-0.0, 1.0))]
    for a, b in pairs:
        assert (c.Point(*a) == c.Point(*b)) == (Point(*a) == Point(*b))
        assert (c.Point(*a) != c.Point(*b)) == (Point(*a) != Point(*b))
    # Other types: NotImplemented, so == falls back to identity.
    p = c.Point(1.0, 2.0)
    assert p.__eq__((1.0, 2.0)) is NotImplemented
    assert Point(1.0, 2.0).__eq__((1.0, 2.0)) is NotImplemented
    assert p != (1.0, 2.0) and p != Point(1.0, 2.0)
    assert p.__lt__(p) is NotImplemented  # no `order`
    with pytest.raises(TypeError):
        p < p  # noqa: B015
    with pytest.raises(TypeError):
        Point(1, 2) < Point(1, 2)  # noqa: B015


def test_ordering_as_tuples():
    versions = [(1, 2, 3), (1, 2), (0, 9, 9), (1, 10), (1, 2, 0)]
    ours = sorted(c.Version(*v) for v in versions)
    theirs = sorted(Version(*v) for v in versions)
    assert [repr(v) for v in ours] == [repr(v) for v in theirs]
    for a in versions:
        for b in versions:
            for op in ["__lt__", "__le__", "__gt__", "__ge__", "__eq__", "__ne__"]:
                assert getattr(c.Version(*a), op)(c.Version(*b)) == getattr(
                    Version(*a), op
                )(Version(*b))
    assert c.Version(1, 0).__lt__((1, 0)) is NotImplemented


def test_hash_like_dataclass():
    # frozen + eq: the hash of the field tuple, the same number as the twin's.
    assert hash(c.Version(1, 2, 3)) == hash(Version(1, 2, 3))
    assert hash(c.Item("pen", 3, "x", c.Color.BLUE)) != hash(c.Item("pen", 3, "x"))
    assert len({c.Version(1, 2), c.Version(1, 2, 0), c.Version(2, 0)}) == 2
    # eq without frozen: unhashable, as a dataclass.
    assert c.Point.__hash__ is None and Point.__hash__ is None
    with pytest.raises(TypeError):
        hash(c.Point(1.0, 2.0))


def test_frozen_fields_cannot_be_set():
    v = c.Version(1, 2)
    with pytest.raises(AttributeError):
        v.major = 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        Version(1, 2).major = 3


def test_match_args():
    assert c.Point.__match_args__ == ("x", "y")
    assert c.Version.__match_args__ == Version.__match_args__ if sys.version_info >= (3, 10) else True
    if sys.version_info >= (3, 10):
        assert c.ServerConfig.__match_args__ == ServerConfig.__match_args__
        assert c.Item.__match_args__ == Item.__match_args__


@pytest.mark.skipif(sys.version_info < (3, 10), reason="match needs Python 3.10+")
def test_match_statement():
    code = """
def where(p):
    match p:
        case Point(0.0, y):
            return f"on the y axis at {y}"
        case Point(x, 0.0):
            return f"on the x axis at {x}"
        case Point(x=x, y=y) if x == y:
            return "diagonal"
        case _:
            return "elsewhere"
"""
    results = []
    for cls in (c.Point, Point):
        ns = {"Point": cls}
        exec(code, ns)
        results.append([ns["where"](cls(*a)) for a in [(0.0, 2.0), (3.0, 0.0), (1.0, 1.0), (1.0, 2.0)]])
    assert results[0] == results[1]
    assert results[0][0] == "on the y axis at 2.0"


def test_dataclasses_functions():
    p, tp = c.Point(1.5, -2.0), Point(1.5, -2.0)
    assert dataclasses.is_dataclass(p) and dataclasses.is_dataclass(c.Point)
    assert not dataclasses.is_dataclass(c.Pixel(1, 2, 3))
    assert [f.name for f in dataclasses.fields(p)] == [f.name for f in dataclasses.fields(tp)]
    assert dataclasses.asdict(p) == dataclasses.asdict(tp)
    assert dataclasses.astuple(p) == dataclasses.astuple(tp)
    moved = dataclasses.replace(p, y=7.0)
    assert type(moved) is c.Point and repr(moved) == repr(dataclasses.replace(tp, y=7.0))
    inv = c.Inventory("ann", [c.Item("pen", 3)], extra=[1, 2])
    twin = Inventory("ann", [Item("pen", 3)], extra=[1, 2])
    assert repr(dataclasses.asdict(inv)) == repr(dataclasses.asdict(twin))
    assert repr(dataclasses.astuple(inv)) == repr(dataclasses.astuple(twin))
    params = c.Version.__dataclass_params__
    assert (params.frozen, params.order, params.eq) == (True, True, True)
    fields = {f.name: f for f in dataclasses.fields(c.Version)}
    assert fields["patch"].default == 0
    assert fields["major"].default is dataclasses.MISSING
    with pytest.raises(TypeError):
        dataclasses.replace(p, z=1.0)


def test_copy_and_deepcopy():
    extra = {"nested": [1, 2]}
    inv = c.Inventory("ann", [c.Item("pen", 3)], extra=extra)
    twin = Inventory("ann", [Item("pen", 3)], extra=extra)
    for fn in (copy.copy, copy.deepcopy):
        ours, theirs = fn(inv), fn(twin)
        assert type(ours) is c.Inventory and ours is not inv
        assert repr(ours) == repr(theirs)
        # A shallow copy shares the Python objects a field holds; a deep one copies them.
        assert (ours.extra is extra) == (theirs.extra is extra)
    p = c.Point(1.0, 2.0)
    assert copy.copy(p) == p and copy.deepcopy(p) == p and copy.copy(p) is not p


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_every_protocol(protocol):
    values = [
        c.Point(1.0, -2.5),
        c.Version(1, 2, 3),
        c.ServerConfig("h", 1, ["a", "b"], debug=True),
        c.Inventory("ann", [c.Item("pen", 3), c.Item("ink", 1, "blue")], extra={"k": (1, 2)}),
    ]
    for value in values:
        back = pickle.loads(pickle.dumps(value, protocol=protocol))
        assert type(back) is type(value)
        assert repr(back) == repr(value)
        if not isinstance(value, c.Inventory):
            assert back == value
    nested = [c.Item("a", 1), c.Item("b", 2)]
    assert pickle.loads(pickle.dumps(nested, protocol=protocol)) == nested


def test_pickle_names_class_and_field_without_conversion():
    session = c.open_session("bob")
    assert repr(session) == "Session(user='bob', conn='<connection 7>')"
    with pytest.raises(TypeError, match="'Session'.*field 'conn'"):
        pickle.dumps(session)
    with pytest.raises(TypeError, match="field 'conn'"):
        copy.copy(session)


def test_from_fields_checks_its_arguments():
    with pytest.raises(TypeError, match="takes 2 arguments"):
        c.Point._from_fields(1.0)
    with pytest.raises(TypeError, match="argument 'y'"):
        c.Point._from_fields(1.0, "no")


def test_pickle_loads_in_another_process():
    data = pickle.dumps(
        [c.Point(1.0, 2.0), c.Inventory("ann", [c.Item("pen", 3)], extra=[1])], protocol=2
    )
    out = subprocess.run(
        [sys.executable, "-c", "import pickle, sys; print(repr(pickle.loads(sys.stdin.buffer.read())))"],
        input=data,
        capture_output=True,
        check=True,
    )
    assert out.stdout.decode().strip() == (
        "[Point(x=1.0, y=2.0), Inventory(owner='ann', "
        "items=[Item(name='pen', quantity=3, note=None, color=<Color.RED: 1>)], extra=[1])]"
    )


def test_mutation_through_set_fields():
    p = c.Point(1.0, 2.0)
    p.x = 5
    assert repr(p) == "Point(x=5.0, y=2.0)"
    s = c.ServerConfig("h")
    with pytest.raises(AttributeError):
        s.tags = ["x"]  # not `set`


def test_pixel_eq_only():
    assert c.Pixel(1, 2, 3) == c.Pixel(1, 2, 3)
    assert c.Pixel(1, 2, 3) != c.Pixel(1, 2, 4)
    assert c.Pixel.__hash__ is None
    assert not hasattr(c.Pixel, "__match_args__")


def test_enum_fields():
    item = c.Item("pen", 3, color=c.Color.BLUE)
    assert item.color is c.Color.BLUE
    assert repr(item) == repr(Item("pen", 3, color=Color.BLUE))
    assert dataclasses.asdict(item)["color"] is c.Color.BLUE
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(item, protocol=protocol)) == item
    with pytest.raises(TypeError, match=r"argument 'color': expected a Color member \(Color.RED"):
        c.Item("pen", 3, color="RED")


@dataclasses.dataclass
class Deployment:
    name: str
    limits: dict
    replicas: int = 1


def test_serde_field_goes_through_serde():
    limits = {"cpus": 2, "memory_mb": 512, "labels": {"tier": "web"}}
    ours, twin = c.Deployment("api", limits), Deployment("api", limits)
    assert repr(ours) == repr(twin)
    assert dataclasses.asdict(ours) == dataclasses.asdict(twin)
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(ours, protocol=protocol))
        assert back == ours and back.limits == limits
    assert copy.deepcopy(ours) == ours
    with pytest.raises(TypeError, match=r"argument 'limits': \['cpus'\]"):
        c.Deployment("api", {"cpus": "x", "memory_mb": 1, "labels": {}})


def test_hand_written_magic_method_wins():
    m = c.Money(1250, "EUR")
    assert repr(m) == "12.50 EUR"  # the class's own __repr__
    assert m == c.Money(1250, "EUR") and hash(m) == hash((1250, "EUR"))  # generated
    assert pickle.loads(pickle.dumps(m)) == m
