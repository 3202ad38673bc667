"""The quickstart module: one function, its signature, and its argument errors."""
import inspect
import sys

import pytest

import quickstart


def test_sum_as_string():
    assert quickstart.sum_as_string(1, 2) == "3"
    assert quickstart.sum_as_string(a=40, b=2) == "42"
    assert quickstart.sum_as_string(0, b=0) == "0"


def test_large_values_up_to_usize_max():
    big = 2**64 - 1
    assert quickstart.sum_as_string(big, 0) == str(big)


def test_wrong_type_names_the_argument():
    with pytest.raises(TypeError, match=r"^argument 'a': 'str' object cannot be interpreted as an integer$"):
        quickstart.sum_as_string("a", 2)
    with pytest.raises(TypeError, match=r"^argument 'b': 'float' object cannot be interpreted as an integer$"):
        quickstart.sum_as_string(1, 2.5)


def test_out_of_range_raises_overflow():
    with pytest.raises(OverflowError, match=r"^argument 'a': .*too large.*usize"):
        quickstart.sum_as_string(2**64, 1)
    with pytest.raises(OverflowError, match=r"^argument 'b': .*too small.*usize"):
        quickstart.sum_as_string(1, -1)


def test_index_protocol_is_honoured():
    class Index:
        def __index__(self):
            return 5

    assert quickstart.sum_as_string(Index(), 1) == "6"


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        ((1,), {}, "sum_as_string() missing 1 required positional argument: 'b'"),
        ((), {}, "sum_as_string() missing 2 required positional arguments: 'a' and 'b'"),
        ((1, 2, 3), {}, "sum_as_string() takes 2 positional arguments but 3 were given"),
        ((1,), {"c": 2}, "sum_as_string() got an unexpected keyword argument 'c'"),
        ((1,), {"a": 2}, "sum_as_string() got multiple values for argument 'a'"),
    ],
)
def test_call_errors_match_cpython(args, kwargs, message):
    def sum_as_string(a, b):
        return str(a + b)

    with pytest.raises(TypeError) as ours:
        quickstart.sum_as_string(*args, **kwargs)
    with pytest.raises(TypeError) as theirs:
        sum_as_string(*args, **kwargs)
    assert str(ours.value) == message
    # CPython 3.10+ prefixes the qualified name; the rest of the wording is the same.
    assert str(theirs.value).endswith(message.split("() ", 1)[1])


def test_signature_and_doc():
    sig = inspect.signature(quickstart.sum_as_string)
    assert list(sig.parameters) == ["a", "b"]
    assert quickstart.sum_as_string.__doc__ == "Formats the sum of two numbers as a string."
    assert quickstart.sum_as_string.__name__ == "sum_as_string"
    assert quickstart.sum_as_string.__module__ == "quickstart"


def test_module_metadata():
    assert quickstart.__doc__ == "A Python module implemented in Rust."
    assert quickstart.__all__ == ["sum_as_string"]


def test_repeated_calls_do_not_leak(assert_no_leak):
    def call():
        quickstart.sum_as_string(1, 2)
        try:
            quickstart.sum_as_string("x", 2)
        except TypeError:
            pass

    assert_no_leak(call)


def test_subinterpreter_import_is_refused():
    """bind keeps per-process state: a subinterpreter's import fails with ImportError
    (3.12+: CPython refuses through the module's slot; 3.9-3.11: the module's exec refuses),
    and the process goes on and exits cleanly."""
    import subprocess

    if sys.version_info < (3, 9):
        pytest.skip("3.8 has no stable way to tell a subinterpreter")
    if quickstart.__file__.endswith(".abi3.so") and sys.version_info < (3, 12):
        pytest.skip("a stable-ABI build for 3.8 cannot tell a subinterpreter below 3.12")
    try:
        import _xxsubinterpreters  # noqa: F401
    except ImportError:
        pytest.skip("no _xxsubinterpreters module on this interpreter")
    script = (
        "import _xxsubinterpreters as interpreters\n"
        "iid = interpreters.create()\n"
        "try:\n"
        "    result = interpreters.run_string(iid, 'import quickstart')\n"
        "except Exception as e:\n"
        "    print('RAISED', e)\n"
        "else:\n"
        "    print('RESULT', result)\n"
        "interpreters.destroy(iid)\n"
        "import quickstart\n"
        "print('MAIN', quickstart.sum_as_string(1, 2))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "ImportError" in out and "subinterpreters" in out, out
    assert "MAIN 3" in out, out
