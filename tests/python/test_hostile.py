"""Hostile input never kills the process.

Each case runs in its own interpreter (a subprocess): it must end with a Python exception
the case expects, or with success — never a signal (a segfault, a stack overflow, an
abort). One case per class of attack and per class kind (plain, ``gc``, ``dict``,
native bases, exceptions, Python subclasses), with chains of 1,000,000 objects; the same
structure built from pure-Python classes is run first, as the twin bind must match.
"""
import os
import subprocess
import sys
import textwrap

import pytest

import classes_demo

CHAIN = 1_000_000

#: Native bases need a non-abi3 build or Python 3.10+ (see ``classes_demo.native``).
NATIVE = not hasattr(classes_demo.native, "UNAVAILABLE")


def run_case(code, timeout=600):
    """Runs ``code`` in a fresh interpreter; returns its stdout. Fails on a signal or a
    non-zero exit (the case itself asserts what it expects)."""
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ, PYTHONFAULTHANDLER="1"),
    )
    assert proc.returncode >= 0, "killed by signal %d:\n%s" % (-proc.returncode, proc.stderr[-3000:])
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.strip().endswith("OK"), proc.stdout[-3000:]
    return proc.stdout


# ---- 1. deallocation of long chains and cycles ------------------------------------------

#: (name, imports, statements making ``obj`` from ``prev``) per class kind.
CHAIN_KINDS = [
    ("plain", "from classes_demo import Link as K", "obj = K(prev)"),
    ("gc", "from classes_demo import Node as K", "obj = K(prev)"),
    ("dict", "from classes_demo import WithDict as K", "obj = K(); obj.next = prev"),
    (
        "python-subclass",
        "from classes_demo import Link\nclass K(Link): pass",
        "obj = K(prev)",
    ),
    (
        "native-dict",
        "from classes_demo.native import DictWithCounter as K",
        "obj = K(); obj['next'] = prev",
    ),
    (
        "exception",
        "from classes_demo.native import MyError as K",
        "obj = K(); obj.__cause__ = prev",
    ),
    (
        "exception-subclass",
        "from classes_demo.native import MyError\nclass K(MyError): pass",
        "obj = K(); obj.__cause__ = prev",
    ),
]

#: The pure-Python twins of the same structures.
TWIN = """
class K:
    def __init__(self, next=None):
        self.next = next
"""


def chain_program(imports, link, cycle):
    close = "first.next = prev\n" if cycle else ""
    return (
        imports
        + "\nimport gc\ngc.disable()\nprev = None\nfirst = None\n"
        + "for i in range(%d):\n    %s\n    prev = obj\n    if first is None:\n        first = obj\n"
        % (CHAIN, link.replace("; ", "\n    "))
        + close
        + "del obj, prev, first\ngc.enable()\ngc.collect()\nprint('OK')\n"
    )


@pytest.mark.parametrize("name,imports,link", CHAIN_KINDS, ids=[k[0] for k in CHAIN_KINDS])
def test_freeing_a_long_chain(name, imports, link):
    if name.startswith(("native", "exception")) and not NATIVE:
        pytest.skip("native bases unavailable in this build: " + classes_demo.native.UNAVAILABLE)
    if name == "dict" and not hasattr(classes_demo, "WithDict"):
        pytest.skip("`dict` classes unavailable in this build: " + classes_demo.DICT_WEAKREF_UNAVAILABLE)
    twin_link = "obj = K(prev)" if "__cause__" not in link else link
    run_case(chain_program(TWIN if "__cause__" not in link else "class K(Exception): pass", twin_link, False))
    run_case(chain_program(imports, link, False))


@pytest.mark.parametrize("name", ["gc"])
def test_collecting_a_long_cycle(name):
    imports, link = {k[0]: k[1:] for k in CHAIN_KINDS}[name]
    run_case(chain_program(TWIN, "obj = K(prev)", True))
    run_case(chain_program(imports, link, True))


def test_long_chain_of_links_is_measured_without_recursion():
    run_case(
        """
        from classes_demo import Link
        prev = None
        for _ in range(%d):
            prev = Link(prev)
        assert prev.length() == %d
        print('OK')
        """
        % (CHAIN, CHAIN)
    )


# ---- 2. deep and self-containing data ----------------------------------------------------

DEEP = """
import records as r
deep_list = []
for _ in range(%d):
    deep_list = [deep_list]
deep_dict = {}
for _ in range(%d):
    deep_dict = {"a": deep_dict}
self_list = []
self_list.append(self_list)
self_dict = {}
self_dict["a"] = self_dict
class T:
    def __init__(self, children):
        self.children = children
deep_tree = T([])
for _ in range(%d):
    deep_tree = T([deep_tree])
self_tree = T([])
self_tree.children.append(self_tree)
""" % (CHAIN, CHAIN, CHAIN)


@pytest.mark.parametrize(
    "call",
    [
        "r.serde_value_rt(deep_list)",
        "r.serde_value_rt(deep_dict)",
        "r.serde_value_rt(self_list)",
        "r.serde_value_rt(self_dict)",
        "r.tree_size(deep_tree)",
        "r.tree_size(self_tree)",
    ],
)
def test_deep_data_raises_recursion_error(call):
    run_case(
        DEEP
        + """
try:
    %s
except RecursionError as e:
    assert "maximum recursion depth" in str(e), e
else:
    raise AssertionError("no RecursionError")
# The interpreter is fine afterwards, and so is ordinary nesting.
assert r.serde_value_rt([[1], {"a": [2]}]) == [[1], {"a": [2]}]
assert r.tree_size(T([T([]), T([])])) == 3
print('OK')
"""
        % call
    )


def test_deep_data_in_a_thread_raises_recursion_error():
    # Threads may have smaller stacks than the main thread: the bound covers them too.
    run_case(
        DEEP
        + """
import threading
threading.stack_size(512 * 1024)
out = []
def work():
    try:
        r.serde_value_rt(deep_list)
    except RecursionError:
        out.append("ok")
t = threading.Thread(target=work)
t.start(); t.join()
assert out == ["ok"], out
print('OK')
"""
    )


# ---- 3. lying sizes ----------------------------------------------------------------------

LIARS = """
import sys
import records as r
class LyingSeq:
    def __len__(self):
        return sys.maxsize
    def __getitem__(self, i):
        if i < 3:
            return i
        raise IndexError(i)
class LyingDict(dict):
    def __len__(self):
        return sys.maxsize
class LenRaises:
    def __len__(self):
        raise KeyboardInterrupt("from __len__")
    def __getitem__(self, i):
        raise IndexError(i)
"""


def test_lying_len():
    run_case(
        LIARS
        + """
assert r.rt_vec(LyingSeq()) == [0, 1, 2]
assert r.rt_vec_str(["a"]) == ["a"]
assert r.rt_hashmap(LyingDict(a=1)) == {"a": 1}
assert r.rt_deque(LyingSeq()) == [0, 1, 2]
print('OK')
"""
    )


# ---- 5. integers -------------------------------------------------------------------------

INTS = """
import records as r
class NoCompare:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
    def __lt__(self, other):
        raise AssertionError("comparison called")
    __gt__ = __le__ = __ge__ = __lt__
class Interrupting:
    def __index__(self):
        raise KeyboardInterrupt("from __index__")
"""


def test_integer_extraction_uses_index_only():
    run_case(
        INTS
        + """
for fn, value, word in [
    (r.rt_i64, 2**70, "large"), (r.rt_i64, -2**70, "small"), (r.rt_u8, -1, "small"),
    (r.rt_u64, -2**70, "small"), (r.rt_u64, 2**64, "large"), (r.rt_i8, 128, "large"),
    (r.rt_i128, -2**200, "small"), (r.rt_u128, -1, "small"), (r.rt_u128, 2**128, "large"),
]:
    try:
        fn(NoCompare(value))
    except OverflowError as e:
        assert word in str(e), (fn, value, e)
    else:
        raise AssertionError((fn, value))
assert r.rt_u64(NoCompare(2**64 - 1)) == 2**64 - 1
for fn in [r.rt_i64, r.rt_u8, r.rt_u64, r.rt_i128, r.rt_vec]:
    arg = Interrupting() if fn is not r.rt_vec else [1, Interrupting()]
    try:
        fn(arg)
    except KeyboardInterrupt as e:
        assert "from __index__" in str(e)
    else:
        raise AssertionError(fn)
print('OK')
"""
    )


def test_list_cleared_by_a_collection_during_conversion():
    # An out-of-range int makes an OverflowError; allocating it may run a collection,
    # whose callback empties the list being converted (and frees the int).
    run_case(
        """
        import gc
        import records as r
        victim = [int("1" * 30), 5]
        armed = [True]
        def clear(phase, info):
            if armed[0]:
                victim.clear()
        gc.callbacks.append(clear)
        gc.set_threshold(1)
        for fn in [r.rt_vec, r.rt_vec_i32, r.rt_vec_u64, r.sum_i64, r.rt_option]:
            victim[:] = [int("1" * 30), 5]
            try:
                fn(victim)
            except (OverflowError, TypeError):
                pass
        armed[0] = False
        print('OK')
        """,
    )


# ---- 6. composite values -----------------------------------------------------------------


def test_composite_values_are_validated():
    run_case(
        """
        import datetime, ipaddress
        import records as r
        class FakeDelta(datetime.timedelta):
            days = 10 ** 30
            seconds = -5
            microseconds = 10 ** 12
        assert r.rt_duration(FakeDelta(days=2, seconds=3)) == datetime.timedelta(days=2, seconds=3)
        assert r.rt_duration(datetime.timedelta.max) == datetime.timedelta.max
        class FakeV4(ipaddress.IPv4Address):
            @property
            def packed(self):
                return bytes(16)
        try:
            r.rt_ip(FakeV4("1.2.3.4"))
        except ValueError as e:
            assert "packed" in str(e), e
        else:
            raise AssertionError("accepted")
        print('OK')
        """
    )


# ---- 8. PanicException -------------------------------------------------------------------


def test_panic_exception_is_one_class_per_interpreter():
    run_case(
        """
        import pickle
        import records, signatures
        import bind
        caught = []
        for fn in [signatures.panics, lambda: records.panic_with("from records")]:
            try:
                fn()
            except bind.PanicException as e:
                caught.append(e)
        assert len(caught) == 2, caught
        assert type(caught[0]) is type(caught[1]) is bind.PanicException
        assert not issubclass(bind.PanicException, Exception)
        again = pickle.loads(pickle.dumps(caught[1]))
        assert type(again) is bind.PanicException and str(again) == "from records", again
        print('OK')
        """
    )


# ---- reference leaks on the error paths (counted under the debug interpreter) ----------

import records as r  # noqa: E402


def _raises(exc, fn, *args):
    try:
        fn(*args)
    except exc:
        return
    raise AssertionError("no %s" % exc.__name__)


class _NoCompare:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v

    def __lt__(self, other):
        raise AssertionError("comparison called")


class _Interrupting:
    def __index__(self):
        raise KeyboardInterrupt("from __index__")


class _LyingSeq:
    def __len__(self):
        return sys.maxsize

    def __getitem__(self, i):
        if i < 3:
            return i
        raise IndexError(i)


def test_no_leak_on_hostile_error_paths(assert_no_leak):
    deep = []
    for _ in range(3000):
        deep = [deep]
    cyclic = []
    cyclic.append(cyclic)

    class T:
        def __init__(self, children):
            self.children = children

    self_tree = T([])
    self_tree.children.append(self_tree)
    cases = [
        lambda: _raises(RecursionError, r.serde_value_rt, deep),
        lambda: _raises(RecursionError, r.serde_value_rt, cyclic),
        lambda: _raises(RecursionError, r.tree_size, self_tree),
        lambda: _raises(OverflowError, r.rt_i64, _NoCompare(2**70)),
        lambda: _raises(OverflowError, r.rt_u8, _NoCompare(-1)),
        lambda: _raises(KeyboardInterrupt, r.rt_vec, [1, _Interrupting()]),
        lambda: _raises(UnicodeEncodeError, r.rt_vec_str, ["a", "\ud800"]),
        lambda: r.rt_vec(_LyingSeq()),
    ]
    if not hasattr(sys, "gettotalrefcount"):
        for case in cases:
            case()
        pytest.skip("release interpreter: no sys.gettotalrefcount, references not counted")
    for case in cases:
        assert_no_leak(case, n=300, warmup=30)
