"""derive(FromPyObject) with non-string item keys (examples/completeness): integer keys
into sequences and int-keyed dicts, tuple and bool keys, compared with Python's own
subscription of the same objects."""

import re

import pytest

import completeness as c


def err(exc, text):
    return pytest.raises(exc, match="^" + re.escape(text) + "$")


def python_row(row):
    return (row[0], row[-1])


@pytest.mark.parametrize(
    "row",
    [[5, "a", "z"], (7, "q"), {0: 1, -1: "neg"}, [3, "only"], [0, "r"]],
)
def test_integer_keys_read_like_subscription(row):
    assert c.read_row(row) == python_row(row)


def test_tuple_and_bool_keys():
    grid = {(0, 0): 1.5, (1, "x"): "label"}
    assert c.read_grid(grid) == (grid[0, 0], grid[1, "x"], False)
    grid[True] = True
    assert c.read_grid(grid) == (1.5, "label", True)
    # A key equal to the literal (1 == True, 0.0 == 0) finds the same entry, as in Python.
    assert c.read_grid({(0.0, 0): 2.0, (1, "x"): "l", 1: True}) == (2.0, "l", True)


def test_missing_and_bad_values_name_the_key():
    with err(TypeError, "argument 'row': [0]: missing key"):
        c.read_row([])
    with err(TypeError, "argument 'row': [-1]: missing key"):
        c.read_row({0: 1})
    with err(TypeError, "argument 'row': [0]: 'str' object cannot be interpreted as an integer"):
        c.read_row(["x", "y"])
    with err(TypeError, "argument 'row': 'int' object cannot be converted to 'Mapping'"):
        c.read_row(5)
    with err(TypeError, "argument 'grid': [(1, 'x')]: missing key"):
        c.read_grid({(0, 0): 1.0})
    with pytest.raises(TypeError, match=re.escape("argument 'grid': [(0, 0)]: ")):
        c.read_grid({(0, 0): "not a number", (1, "x"): "l"})


def test_errors_raised_by_getitem_pass_through_with_the_key():
    class Picky:
        def __getitem__(self, key):
            raise RuntimeError("no access to %r" % (key,))

    with pytest.raises(RuntimeError, match=re.escape("no access to 0")):
        c.read_row(Picky())
