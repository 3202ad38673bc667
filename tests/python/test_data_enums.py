"""Data-carrying Rust enums (examples/dataclasses `Shape`): a base class with one frozen
dataclass subclass per variant, compared with the same hierarchy written in Python."""

import copy
import dataclasses
import math
import pickle
import sys

import pytest

c = pytest.importorskip("classes_demo")
S = c.Shape


class Shape:
    pass


@dataclasses.dataclass(frozen=True)
class Circle(Shape):
    radius: object


@dataclasses.dataclass(frozen=True)
class Rect(Shape):
    width: object
    height: object


Circle.__qualname__, Rect.__qualname__ = "Shape.Circle", "Shape.Rect"


def test_hierarchy():
    for variant in (S.Circle, S.Rect, S.Polygon, S.Empty):
        assert issubclass(variant, S) and dataclasses.is_dataclass(variant)
    assert S.Circle.__module__ == "classes_demo" and S.Circle.__qualname__ == "Shape.Circle"
    assert [f.name for f in dataclasses.fields(S.Rect)] == ["width", "height"]
    assert [f.name for f in dataclasses.fields(S.Polygon)] == ["_0"]
    assert S.Circle.__doc__ == "A circle of a radius."
    assert S.__doc__ == "A shape: a data-carrying enum, one Python subclass per variant."


def test_variants_like_python_twin():
    pairs = [(S.Circle(1.5), Circle(1.5)), (S.Rect(2.0, 3.0), Rect(2.0, 3.0))]
    for ours, twin in pairs:
        assert repr(ours) == repr(twin)
        assert hash(ours) == hash(twin)
        assert dataclasses.asdict(ours) == dataclasses.asdict(twin)
        with pytest.raises(dataclasses.FrozenInstanceError):
            ours.radius = 1
    assert S.Circle(1.0) == S.Circle(1.0) and S.Circle(1.0) != S.Rect(1.0, 1.0)


def test_conversion_both_ways():
    assert c.area(S.Rect(2.0, 3.0)) == 6.0
    assert c.area(S.Circle(1.0)) == pytest.approx(math.pi)
    assert c.area(S.Polygon([(0, 0), (4, 0), (0, 3)])) == 6.0
    assert c.area(S.Empty()) == 0.0
    assert c.scale(S.Circle(2.0), 2) == S.Circle(4.0)
    assert c.scale(S.Rect(1.0, 2.0), 3) == S.Rect(3.0, 6.0)
    assert c.scale(S.Polygon([(1.0, 2.0)]), 2) == S.Polygon([(2.0, 4.0)])
    assert type(c.scale(S.Empty(), 2)) is S.Empty


def test_conversion_errors_name_variants_and_fields():
    with pytest.raises(TypeError, match=r"argument 'shape': expected a Shape \(Shape.Circle, "
                                        r"Shape.Rect, Shape.Polygon, Shape.Empty\), got 'int'"):
        c.area(3)
    with pytest.raises(TypeError, match=r"got 'Circle'"):
        c.area(Circle(1.0))  # the Python twin is another class
    with pytest.raises(TypeError, match=r"argument 'shape': Shape.Circle.radius: "):
        c.area(S.Circle("x"))


@pytest.mark.skipif(sys.version_info < (3, 10), reason="match needs Python 3.10+")
def test_match_on_variants():
    code = """
def describe(shape):
    match shape:
        case S.Circle(r):
            return f"circle {r}"
        case S.Rect(width=w, height=h) if w == h:
            return f"square {w}"
        case S.Rect(w, h):
            return f"rect {w}x{h}"
        case S.Polygon(points):
            return f"{len(points)}-gon"
        case S.Empty():
            return "empty"
"""
    ns = {"S": S}
    exec(code, ns)
    shapes = [S.Circle(1.0), c.scale(S.Rect(1.0, 1.0), 2), S.Rect(1.0, 2.0),
              S.Polygon([(0, 0)] * 3), S.Empty()]
    assert [ns["describe"](s) for s in shapes] == [
        "circle 1.0", "square 2.0", "rect 1.0x2.0", "3-gon", "empty"]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_and_copy(protocol):
    for shape in [S.Circle(1.0), S.Rect(1.0, 2.0), S.Polygon([(0.0, 1.0)]), S.Empty()]:
        back = pickle.loads(pickle.dumps(shape, protocol=protocol))
        assert type(back) is type(shape) and back == shape
        assert copy.deepcopy(shape) == shape
