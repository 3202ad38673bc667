"""Shared fixtures and helpers of bind's Python test suite (run by ./test).

Refcount-leak checks: ``assert_no_leak(fn)`` calls ``fn`` many times and, on an
interpreter built with ``Py_REF_DEBUG`` (Debian's ``python3.11-dbg``, used by ./test),
checks that ``sys.gettotalrefcount()`` did not grow. Elsewhere the calls still run (so the
code path is exercised) and only the refcount comparison is left out.
"""

import gc
import os
import sys
import sysconfig

import pytest

#: True on interpreters that count references globally (debug builds).
HAS_TOTALREFCOUNT = hasattr(sys, "gettotalrefcount")

#: True on a ``Py_DEBUG`` build of CPython.
IS_DEBUG_BUILD = bool(sysconfig.get_config_var("Py_DEBUG")) or HAS_TOTALREFCOUNT


def total_refcount():
    """``sys.gettotalrefcount()`` after a full collection (debug interpreters only)."""
    gc.collect()
    gc.collect()
    return sys.gettotalrefcount()


def assert_no_leak(fn, n=10000, *, warmup=100, tolerance=None, attempts=3):
    """Calls ``fn()`` ``n`` times and fails if the total refcount grew by more than
    ``tolerance`` (default ``max(20, n // 1000)``, so a leak of one reference per call or
    even per hundred calls is caught).

    ``warmup`` calls first fill caches (interned strings, type caches, freelists) so they
    are not taken for leaks. The measurement is repeated up to ``attempts`` times and
    passes as soon as one stays within the tolerance: a real leak grows every time.
    Without ``sys.gettotalrefcount`` (release builds) the calls run but nothing is
    compared. Returns the refcount growth of the last measurement (``None`` when not
    measured).
    """
    if tolerance is None:
        tolerance = max(20, n // 1000)
    for _ in range(warmup):
        fn()
    if not HAS_TOTALREFCOUNT:
        for _ in range(n):
            fn()
        return None
    growths = []
    for _ in range(attempts):
        before = total_refcount()
        for _ in range(n):
            fn()
        growth = total_refcount() - before
        growths.append(growth)
        if growth <= tolerance:
            return growth
    pytest.fail(
        "reference leak: sys.gettotalrefcount() grew by %s over %d calls of %r "
        "(tolerance %d, about %.3f references per call)"
        % (growths, n, fn, tolerance, min(growths) / n),
        pytrace=False,
    )


@pytest.fixture(name="assert_no_leak")
def assert_no_leak_fixture():
    """The :func:`assert_no_leak` helper, as a fixture."""
    return assert_no_leak


@pytest.fixture
def refcount_debug():
    """True when refcount leaks can be measured (``sys.gettotalrefcount`` exists)."""
    return HAS_TOTALREFCOUNT


requires_refcount_debug = pytest.mark.skipif(
    not HAS_TOTALREFCOUNT, reason="needs a debug interpreter (sys.gettotalrefcount)"
)


def pytest_report_header(config):
    abi = sysconfig.get_config_var("EXT_SUFFIX")
    return [
        "interpreter: %s (%s)" % (sys.executable, sys.version.split()[0]),
        "debug build: %s; sys.gettotalrefcount: %s; extension suffix: %s"
        % (IS_DEBUG_BUILD, "yes" if HAS_TOTALREFCOUNT else "no", abi),
    ]


try:
    from hypothesis import HealthCheck, settings
    from hypothesis.database import DirectoryBasedExampleDatabase
except ImportError:  # hypothesis is optional outside ./test
    pass
else:
    # No deadline: debug interpreters and cold caches are slow. The example database
    # lives in the (git-ignored) work dir of ./test, not in the source tree. In CI the
    # runs are derandomized so that a failure reproduces from the log.
    _REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    settings.register_profile(
        "bind",
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        database=DirectoryBasedExampleDatabase(
            os.path.join(_REPO, ".test-work", "hypothesis")
        ),
    )
    settings.register_profile(
        "bind-ci",
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
        derandomize=True,
        print_blob=True,
    )
    settings.load_profile(
        os.environ.get(
            "HYPOTHESIS_PROFILE", "bind-ci" if os.environ.get("CI") else "bind"
        )
    )
