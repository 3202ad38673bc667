"""Class details a module moved from PyO3 reaches for (examples/completeness): the
default __module__ of classes added to a module, class attributes that are instances of
the class itself, exceptions with dotted names added to a module by name."""

import subprocess
import sys
import textwrap

import pytest

import completeness as c


def test_classes_without_module_option_take_the_module_s_name():
    for cls in (c.Point, c.Counter):
        assert cls.__module__ == "completeness"
        assert repr(cls) == "<class 'completeness.%s'>" % cls.__name__


def test_no_warning_about_a_missing_module_with_warnings_as_errors():
    # Type creation happens at import: check it in a fresh interpreter where every
    # warning is an error (3.12+ warns when a type has no __module__).
    code = textwrap.dedent(
        """
        import warnings
        warnings.simplefilter("error")
        import completeness as c
        for cls in (c.Point, c.Counter):
            assert cls.__module__ == "completeness", cls.__module__
            repr(cls(1.0, 2.0) if cls is c.Point else cls())
        print("ok")
        """
    )
    proc = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_class_attributes_of_the_class_s_own_type():
    origin = c.Point.ORIGIN
    assert type(origin) is c.Point
    assert (origin.x, origin.y) == (0.0, 0.0)
    unit = c.Point.unit_x
    assert type(unit) is c.Point and (unit.x, unit.y) == (1.0, 0.0)
    assert repr(c.Point.ORIGIN) == "Point(0, 0)"
    # Reached through instances too, and computed once.
    assert c.Point(3, 4).ORIGIN is c.Point.ORIGIN
    shared = c.Counter.shared
    assert type(shared) is c.Counter and shared is c.Counter.shared
    shared.count += 2
    assert c.Counter.shared.count == 2


def test_frozen_class_stays_immutable_after_its_class_attributes_are_set():
    if sys.version_info < (3, 10):
        pytest.skip("CPython has no immutable-type flag before 3.10")
    try:
        c.Point.ORIGIN = c.Point(1, 1)
    except TypeError as e:
        assert "immutable type" in str(e)
    else:
        # Under the stable ABI the flag cannot be set after creation (see README).
        assert c.__file__.endswith(".abi3.so"), "a non-abi3 frozen class accepted assignment"


def test_dotted_exception_names_and_hierarchy():
    assert c.ConfigError.__module__ == "completeness.errors"
    assert c.ConfigError.__qualname__ == "ConfigError"
    assert c.DeepError.__module__ == "completeness.errors.deep"
    assert c.ConfigError.__mro__[1] is ValueError
    assert issubclass(c.DeepError, c.ConfigError)
    assert c.ConfigError.__doc__ == "A configuration could not be read."
    assert repr(c.DeepError) == "<class 'completeness.errors.deep.DeepError'>"


def test_exceptions_raised_from_rust_are_the_module_s_types():
    with pytest.raises(c.ConfigError, match="^bad key$") as info:
        c.raise_config_error("bad key")
    assert type(info.value) is c.ConfigError
    with pytest.raises(ValueError) as info:
        c.raise_deep_error("deeper")
    assert type(info.value) is c.DeepError
    assert "completeness.errors.deep.DeepError: deeper" in "".join(
        __import__("traceback").format_exception_only(type(info.value), info.value)
    )


def test_methods_taking_other_as_ref_self():
    a, b = c.Point(0, 0), c.Point(3, 4)
    assert a.distance(b) == 5.0 == b.distance(a)
    assert a.distance(a) == 0.0  # the same object borrowed twice (shared)
    mid = c.Point.midpoint(a, b)
    assert (mid.x, mid.y) == (1.5, 2.0)
    with pytest.raises(TypeError, match="^argument 'other': 'int' object cannot be converted to 'Point'$"):
        a.distance(5)
    with pytest.raises(TypeError, match="^argument 'b': 'Counter' object cannot be converted to 'Point'$"):
        c.Point.midpoint(a, c.Counter())


def test_methods_taking_other_as_mut_self():
    x, y = c.Counter(), c.Counter()
    x.count, y.count = 2, 5
    x.absorb(y)
    assert (x.count, y.count) == (7, 0)
    x.absorb(other=y)
    assert (x.count, y.count) == (7, 0)
    # The same object cannot be borrowed mutably twice: an exception, not aliasing.
    with pytest.raises(RuntimeError, match="Already mutably borrowed"):
        x.absorb(x)
    assert x.count == 7


class PySetting:
    """The pure-Python twin of completeness.Setting."""

    def __init__(self):
        self._value = None
        self.deletions = 0

    @property
    def value(self):
        return "default" if self._value is None else self._value

    @value.setter
    def value(self, value):
        self._value = value

    @value.deleter
    def value(self):
        if self._value is None:
            raise AttributeError("value is not set")
        self._value = None
        self.deletions += 1


def run_setting_script(setting):
    log = []
    for step in ["get", "del", "set:a", "get", "del", "get", "del", "set:b", "set:c", "del", "get"]:
        try:
            if step == "get":
                log.append(setting.value)
            elif step == "del":
                del setting.value
                log.append("deleted")
            else:
                setting.value = step[4:]
                log.append("set")
        except AttributeError as e:
            log.append("AttributeError: %s" % e)
    log.append(setting.deletions)
    return log


def test_property_deleter_behaves_like_python_s():
    assert run_setting_script(c.Setting()) == run_setting_script(PySetting())


def test_deleting_a_property_without_deleter_raises_attribute_error():
    setting = c.Setting()
    with pytest.raises(AttributeError):
        del setting.deletions
    assert setting.deletions == 0


# ---- constructors receiving the class, __init__ ---------------------------------------------


def test_constructor_receives_the_class_it_is_called_on():
    assert c.Shape(4).made_for == "Shape"

    class Square(c.Shape):
        pass

    square = Square(4)
    assert type(square) is Square and square.made_for == "Square" and square.sides == 4
    # A classmethod factory returning cls(...) builds the subclass.
    triangle = Square.triangle()
    assert type(triangle) is Square and triangle.made_for == "Square" and triangle.sides == 3
    assert type(c.Shape.triangle()) is c.Shape
    with pytest.raises(TypeError, match="^argument 'sides': "):
        Square("four")


class PyAccount:
    """The pure-Python twin of completeness.Account."""

    def __init__(self, owner, balance=0):
        if balance < 0:
            raise ValueError("an account cannot open with a negative balance")
        self.owner = owner
        self.balance = balance
        self.inits = getattr(self, "inits", 0) + 1


def account_story(base):
    class Savings(base):
        def __init__(self, owner, rate):
            super().__init__(owner, 100)
            self.rate = rate

    class Plain(base):
        pass

    log = []
    a = base("ann", 5)
    log.append((a.owner, a.balance, a.inits))
    a.__init__("bob")  # re-running __init__ on a live object, as Python allows
    log.append((a.owner, a.balance, a.inits))
    s = Savings("cy", 0.5)
    log.append((type(s).__name__, s.owner, s.balance, s.inits, s.rate))
    p = Plain(owner="dee", balance=7)
    log.append((type(p).__name__, p.owner, p.balance, p.inits))
    for args in [("x", -1), ()]:
        try:
            base(*args)
        except (ValueError, TypeError) as e:
            log.append(type(e).__name__)
    return log


def test_init_runs_after_the_constructor_like_python_s():
    assert account_story(c.Account) == account_story(PyAccount)


def test_init_errors_keep_their_type_in_subclasses():
    class Bad(c.Account):
        pass

    with pytest.raises(ValueError, match="negative balance"):
        Bad("x", -5)
