"""Fieldless Rust enums as `enum.Enum` / `enum.IntEnum` subclasses
(examples/dataclasses/src/records.rs), compared with real `enum` twins."""

import enum
import pickle

import pytest

c = pytest.importorskip("classes_demo")


class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


class Priority(enum.IntEnum):
    LOW = 10
    NORMAL = 20
    HIGH = 30


@pytest.mark.parametrize("ours, twin", [(c.Color, Color), (c.Priority, Priority)])
def test_enum_class_like_twin(ours, twin):
    assert issubclass(ours, enum.Enum) and isinstance(ours.__members__, type(twin.__members__))
    assert issubclass(ours, int) == issubclass(twin, int)
    assert [m.name for m in ours] == [m.name for m in twin]
    assert [m.value for m in ours] == [m.value for m in twin]
    assert [repr(m) for m in ours] == [repr(m) for m in twin]
    assert [str(m) for m in ours] == [str(m) for m in twin]
    assert len(ours) == len(twin)
    for member in twin:
        assert ours[member.name] is ours(member.value)
        assert ours[member.name].name == member.name
        assert isinstance(ours[member.name], enum.Enum)
    with pytest.raises(KeyError):
        ours["PURPLE"]
    with pytest.raises(ValueError):
        ours(99)
    with pytest.raises(ValueError):
        twin(99)
    assert ours.__module__ == "classes_demo" and ours.__qualname__ == twin.__qualname__


def test_int_enum_compares_as_int():
    assert c.Priority.HIGH == 30 and Priority.HIGH == 30
    assert sorted([c.Priority.HIGH, c.Priority.LOW]) == [c.Priority.LOW, c.Priority.HIGH]
    assert c.Color.RED != 1 and Color.RED != 1


def test_enum_arguments_and_results():
    assert c.next_color(c.Color.RED) is c.Color.GREEN
    assert c.next_color(c.Color.BLUE) is c.Color.RED
    assert c.is_urgent(c.Priority.HIGH) and not c.is_urgent(c.Priority.LOW)


@pytest.mark.parametrize("bad", [1, "RED", Color.RED, None, c.Priority.LOW])
def test_enum_argument_errors_name_the_members(bad):
    with pytest.raises(TypeError) as err:
        c.next_color(bad)
    assert str(err.value).startswith(
        "argument 'color': expected a Color member (Color.RED, Color.GREEN, Color.BLUE), got "
    )


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_enum_members_pickle(protocol):
    for member in list(c.Color) + list(c.Priority):
        assert pickle.loads(pickle.dumps(member, protocol=protocol)) is member


def test_match_on_members():
    import sys

    if sys.version_info < (3, 10):
        pytest.skip("match needs Python 3.10+")
    code = """
def describe(color):
    match color:
        case Color.RED:
            return "warm"
        case Color.GREEN | Color.BLUE:
            return "cool"
"""
    for cls in (c.Color, Color):
        ns = {"Color": cls}
        exec(code, ns)
        assert [ns["describe"](m) for m in cls] == ["warm", "cool", "cool"]
