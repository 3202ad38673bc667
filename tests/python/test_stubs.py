"""The typed stubs bind generates from the descriptors (`__bind_stubs__()`), checked
against the Python signatures they describe. stubtest and mypy run in ./test's typing
step; these tests pin what the generator writes."""
import inspect

import pytest

import classes_demo
import quickstart
import signatures


def stub_lines(module, name=None):
    stubs = module.__bind_stubs__()
    return stubs[name or module.__name__].splitlines()


def test_every_module_carries_its_stubs_and_submodules():
    stubs = classes_demo.__bind_stubs__()
    assert sorted(stubs) == ["classes_demo", "classes_demo.native"]
    assert "from . import native as native" in stubs["classes_demo"]
    assert "__bind_stubs__" not in classes_demo.__all__


def test_function_signature_and_types():
    assert "def sum_as_string(a: int, b: int) -> str: ..." in stub_lines(quickstart)


@pytest.mark.parametrize(
    "name, line",
    [
        ("negate", "def negate(x: int, /) -> int: ..."),
        ("power", "def power(base: int, exp: int, /, modulus: int | None = ...) -> int: ..."),
        ("greet", "def greet(name: str, greeting: str = ..., *, punctuation: str = ...) -> str: ..."),
        ("join", "def join(*parts: typing.Any, sep: str = ...) -> str: ..."),
        ("scale", "def scale(values: typing.Sequence[float], factor: float = ...) -> list[float]: ..."),
        ("first_word", "def first_word(text: str) -> str | None: ..."),
        ("list_len", "def list_len(xs: list[typing.Any]) -> int: ..."),
        # Overridden with #[function(hint(...))].
        ("type_name", "def type_name(obj: object) -> str: ..."),
        ("range_list", "def range_list(n: int) -> list[int]: ..."),
    ],
)
def test_signature_forms(name, line):
    assert line in stub_lines(signatures)
    # The stub's parameters are the runtime's, in order and kind.
    runtime = inspect.signature(getattr(signatures, name))
    params = line[line.index("(") + 1 : line.rindex(") ->")]
    names = [p.split(":")[0].strip().lstrip("*") for p in params.split(", ") if p not in ("/", "*")]
    assert names == [p.name for p in runtime.parameters.values()]


def test_class_stub():
    lines = stub_lines(classes_demo)
    start = lines.index("class Product:")
    body = lines[start - 1 : start + 12]
    assert body[0] == "@typing.final"
    assert "    name: str" in body
    assert "    def __new__(cls, name: str, price: int, quantity: int | None = ...) -> Product: ..." in body
    assert "    def merge(self, other: Product) -> None: ..." in body
    assert "    def __repr__(self) -> str: ..." in body


def test_read_only_fields_are_properties_and_static_methods_marked():
    lines = stub_lines(classes_demo)
    frozen = lines[lines.index("class Frozen:") :]
    assert frozen[1:3] == ["    @property", "    def x(self) -> float: ..."]
    my_class = lines[lines.index("class MyClass:") :]
    i = my_class.index("    def static_method(param1: int, param2: str) -> str: ...")
    assert my_class[i - 1] == "    @staticmethod"
    i = my_class.index("    def cls_method(cls) -> str: ...")
    assert my_class[i - 1] == "    @classmethod"
    assert "    MY_CONST_ATTRIBUTE: typing.ClassVar[str]" in my_class


def test_exceptions_and_builtin_bases():
    if hasattr(classes_demo.native, "UNAVAILABLE"):
        pytest.skip("native bases unavailable in this build: " + classes_demo.native.UNAVAILABLE)
    native = stub_lines(classes_demo, "classes_demo.native")
    assert "class MyError(Exception):" in native
    assert "class DictWithCounter(dict[typing.Any, typing.Any]):" in native
