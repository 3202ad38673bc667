"""Every signature form of ``#[function]`` (module ``signatures``), compared with pure-Python
functions of the same signature: results, ``inspect.signature``, ``help()`` and, message for
message, the ``TypeError``s CPython raises for a bad call."""

import inspect
import pydoc
import sys

import pytest

import signatures as s

# Pure-Python twins: the same signatures, so CPython's own messages are the reference.
exec(
    """
def add(a, b): pass
def power(base, exp, /, modulus=None): pass
def greet(name, greeting='Hello', *, punctuation='!'): pass
def join(*parts, sep=' '): pass
def record(id, **fields): pass
def describe(*args, **kwargs): pass
def everything(a, /, b=2, *args, c, d=4.5, **kwargs): pass
def scale(values, factor=2.0): pass
def clamp(x, lo=None, hi=None): pass
def first_word(text): pass
def kind(type): pass
def nine(a, b, c, d, e, f, g, h, i=0): pass
def total(values): pass
def make_counter(start=0, *, step=1): pass
def module_name(): pass
def range_list(n): pass
""",
    globals(),
    PY := {},
)

TWINS = sorted(PY)


@pytest.mark.parametrize("name", TWINS)
def test_inspect_signature_round_trips(name):
    ours = inspect.signature(getattr(s, name))
    theirs = inspect.signature(PY[name])
    assert str(ours) == str(theirs)
    assert [(p.name, p.kind, p.default) for p in ours.parameters.values()] == [
        (p.name, p.kind, p.default) for p in theirs.parameters.values()
    ]


def test_text_signature_of_single_argument_and_no_argument_functions():
    assert str(inspect.signature(s.negate)) == "(x, /)"
    assert str(inspect.signature(s.nothing)) == "()"
    assert s.add.__text_signature__ == "($module, a, b)"
    assert s.power.__text_signature__ == "($module, base, exp, /, modulus=None)"


def test_docstrings_and_help():
    assert s.add.__doc__ == "Adds two integers."
    assert s.greet.__name__ == "greet"
    assert s.total.__name__ == "total"
    assert s.add.__module__ == "signatures"
    text = pydoc.render_doc(s.greet, renderer=pydoc.plaintext)
    assert "greet(name, greeting='Hello', *, punctuation='!')" in text
    assert "A greeting; `punctuation` is keyword-only." in text
    text = pydoc.render_doc(s.everything, renderer=pydoc.plaintext)
    assert "everything(a, /, b=2, *args, c, d=4.5, **kwargs)" in text


def test_results_of_every_form():
    assert s.add(1, 2) == s.add(a=1, b=2) == s.add(b=2, a=1) == s.add(1, b=2) == 3
    assert s.power(2, 10) == 1024
    assert s.power(2, 10, 1000) == 24
    assert s.power(2, 10, modulus=1000) == 24
    assert s.greet("Bob") == "Hello, Bob!"
    assert s.greet("Bob", "Hi") == "Hi, Bob!"
    assert s.greet(name="Bob", greeting="Hey", punctuation="?") == "Hey, Bob?"
    assert s.join() == ""
    assert s.join("a", "b", "c") == "a b c"
    assert s.join("a", "b", sep="-") == "a-b"
    assert s.record(7) == {"id": 7}
    assert s.record(7, name="x", size=3) == {"name": "x", "size": 3, "id": 7}
    assert s.record(id=7, x=1) == {"x": 1, "id": 7}
    assert s.describe() == (0, [])
    assert s.describe(1, 2, z=3, a=4) == (2, ["a", "z"])
    assert s.everything(1, c=True) == (1, 2, [], True, 4.5, 0)
    assert s.everything(1, 3, 5, 6, c=False, d=1.0, q=1) == (1, 3, [5, 6], False, 1.0, 1)
    # A positional-only name passed by keyword lands in **kwargs.
    assert s.everything(1, a=9, c=True) == (1, 2, [], True, 4.5, 1)
    assert s.scale([1.0, 2.0]) == [2.0, 4.0]
    assert s.scale([1.0], factor=0.5) == [0.5]
    assert s.clamp(5) == 5
    assert s.clamp(5, 6) == 6
    assert s.clamp(5, hi=3) == 3
    assert s.clamp(5, None, None) == 5
    assert s.negate(5) == -5
    assert s.nothing() is None
    assert s.nine(1, 2, 3, 4, 5, 6, 7, 8) == 36
    assert s.nine(1, 2, 3, 4, 5, 6, 7, h=8, i=9) == 45
    assert s.total([1, 2, 3]) == 6
    assert s.kind("x") == s.kind(type="x") == "kind=x"


def test_keyword_names_that_are_not_interned():
    a, b = "".join(["a"]), "".join(["b"])
    assert s.add(**{a: 1, b: 2}) == 3
    assert s.greet("x", **{"".join(["punc", "tuation"]): "?"}) == "Hello, x?"


def test_parameter_kinds_gil_module_objects_and_handles():
    assert s.module_name() == "signatures"
    assert s.type_name([]) == "list"
    assert s.type_name(None) == "NoneType"
    assert s.list_len([1, 2, 3]) == 3
    assert s.range_list(3) == [0, 1, 2]
    assert s.first_word("  hello world") == "hello"
    assert s.first_word("   ") is None


def test_results_and_errors_of_user_error_types():
    assert s.parse_number(" 42 ") == 42
    with pytest.raises(ValueError, match="^empty text$"):
        s.parse_number("  ")
    with pytest.raises(ValueError, match="^not a number: \"x1\"$"):
        s.parse_number("x1")
    with pytest.raises(ValueError, match="modulus must not be zero"):
        s.power(2, 2, 0)


def test_conversion_errors_name_the_argument():
    with pytest.raises(TypeError) as e:
        s.add("x", 2)
    assert str(e.value) == "argument 'a': 'str' object cannot be interpreted as an integer"
    with pytest.raises(TypeError, match="^argument 'b': "):
        s.add(1, b=[])
    with pytest.raises(OverflowError, match="^argument 'a': "):
        s.add(2**64, 1)
    with pytest.raises(TypeError, match="^argument 'xs': "):
        s.list_len((1, 2))
    with pytest.raises(TypeError, match="^argument 'parts': "):
        s.join("a", 1)
    with pytest.raises(TypeError, match="^argument 'c': "):
        s.everything(1, c=1)


# (function name, args, kwargs) of bad calls: our message must be CPython's.
BAD_CALLS = [
    ("add", (), {}),
    ("add", (1,), {}),
    ("add", (1, 2, 3), {}),
    ("add", (1,), {"a": 2}),
    ("add", (1, 2), {"c": 3}),
    ("add", (), {"a": 1, "b": 2, "c": 3}),
    ("add", (), {"b": 1}),
    ("power", (), {"base": 2, "exp": 3}),
    ("power", (2,), {"exp": 3}),
    # Every parameter, keywords in declaration order, but positional-only ones among them.
    ("power", (), {"base": 2, "exp": 3, "modulus": 5}),
    ("power", (2,), {"exp": 3, "modulus": 5}),
    ("power", (2,), {}),
    ("power", (1, 2, 3, 4), {}),
    ("greet", (), {}),
    ("greet", ("a", "b", "c"), {}),
    ("greet", ("a", "b", "c"), {"punctuation": "?"}),
    ("greet", ("a",), {"name": "b"}),
    ("greet", ("a",), {"nope": 1}),
    ("join", (), {"nope": 1}),
    ("record", (), {}),
    ("record", (1, 2), {}),
    ("everything", (1,), {}),
    ("everything", (), {"c": True}),
    ("everything", (), {"a": 1, "c": True}),
    ("everything", (1,), {"b": 1, "c": True, "d": 1.0, "e": 2}) ,
    ("nine", (1, 2, 3), {}),
    ("nine", tuple(range(10)), {}),
    ("nine", tuple(range(8)), {"a": 1}),
    ("make_counter", (1, 2), {}),
    ("make_counter", (1, 2), {"step": 3}),
    ("range_list", (), {"m": 1}),
    ("clamp", (1, 2, 3, 4), {}),
    ("kind", (), {}),
]


def outcome(fn, args, kwargs):
    try:
        fn(*args, **kwargs)
    except TypeError as e:
        return str(e)
    return None


@pytest.mark.parametrize("name,args,kwargs", BAD_CALLS)
def test_bad_calls_raise_cpythons_message(name, args, kwargs):
    expected = outcome(PY[name], args, kwargs)
    if name == "everything" and kwargs == {"b": 1, "c": True, "d": 1.0, "e": 2}:
        assert expected is None  # **kwargs takes `e`; a valid call
        s.everything(*args, **kwargs)
        return
    assert expected is not None
    assert outcome(getattr(s, name), args, kwargs) == expected


def test_no_argument_and_single_argument_shapes_use_builtin_wording():
    # METH_NOARGS / METH_O: CPython itself checks these calls, with its built-in wording
    # (3.10+ qualifies the name with the module).
    q = r"^(signatures\.)?"
    with pytest.raises(TypeError, match=q + r"nothing\(\) takes no arguments \(1 given\)$"):
        s.nothing(1)
    with pytest.raises(TypeError, match=q + r"nothing\(\) takes no keyword arguments$"):
        s.nothing(x=1)
    with pytest.raises(TypeError, match=q + r"module_name\(\) takes no arguments \(1 given\)$"):
        s.module_name(1)
    with pytest.raises(
        TypeError, match=q + r"negate\(\) takes exactly one argument \(0 given\)$"
    ):
        s.negate()
    with pytest.raises(TypeError, match=q + r"negate\(\) takes no keyword arguments$"):
        s.negate(x=1)
    assert outcome(s.negate, ("a",), {}) == (
        "argument 'x': 'str' object cannot be interpreted as an integer"
    )


def test_closures_keep_state_and_take_keywords():
    counter = s.make_counter(10, step=5)
    assert [counter(), counter(), counter()] == [10, 15, 20]
    assert counter.__name__ == "counter"
    assert counter.__doc__ == "Returns the next value."
    other = s.make_counter()
    assert other() == 0 and other() == 1 and counter() == 25
    adder = s.make_adder(3)
    assert adder(4) == 7
    assert adder(x=5) == 8
    with pytest.raises(IndexError):
        adder()
    with pytest.raises(TypeError):
        adder("a")


def test_panics_become_panic_exception():
    with pytest.raises(BaseException) as e:
        s.panics()
    assert type(e.value).__name__ == "PanicException"
    assert not isinstance(e.value, Exception)
    assert "deliberate panic" in str(e.value)


def test_calls_do_not_leak(assert_no_leak):
    assert_no_leak(lambda: s.add(1, 2))
    assert_no_leak(lambda: s.add(a=1, b=2))
    assert_no_leak(lambda: s.greet("x", punctuation="?"))
    assert_no_leak(lambda: s.join("a", "b", sep="-"))
    assert_no_leak(lambda: s.record(1, x=[1], y="z"))
    assert_no_leak(lambda: s.everything(1, 2, 3, c=True, z=1))
    assert_no_leak(lambda: s.nine(1, 2, 3, 4, 5, 6, 7, h=8))
    assert_no_leak(lambda: s.make_adder(1)(2))
    assert_no_leak(lambda: outcome(s.add, (1,), {"a": 2}))
    assert_no_leak(lambda: outcome(s.add, ("x", 1), {}))
    assert_no_leak(lambda: outcome(s.power, (), {"base": 1, "exp": 2}))
    assert_no_leak(lambda: outcome(s.everything, (), {"c": True}))


@pytest.mark.skipif(sys.version_info < (3, 8), reason="positional-only syntax")
def test_module_lists_the_functions():
    for name in TWINS + ["negate", "nothing", "panics", "make_adder"]:
        assert callable(getattr(s, name))
