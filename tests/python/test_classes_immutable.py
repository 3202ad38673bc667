"""Bind classes are immutable types where CPython has the flag (3.10+,
Py_TPFLAGS_IMMUTABLETYPE): their attributes cannot be replaced or deleted, like those of
built-in types. The stable ABI cannot set the flag after creating the type (and 3.8/3.9
have none): there the classes stay mutable. Python subclasses are always mutable."""

import sys

import pytest

import classes_demo as c

IMMUTABLE = sys.version_info >= (3, 10) and not c.__file__.endswith(".abi3.so")


@pytest.mark.skipif(not IMMUTABLE, reason="no immutable heap types here (see module doc)")
def test_class_attributes_cannot_be_set_or_deleted():
    before = c.MyClass.my_attribute
    with pytest.raises(TypeError, match="immutable type 'classes_demo.MyClass'"):
        c.MyClass.my_attribute = "changed"
    with pytest.raises(TypeError, match="immutable type"):
        c.MyClass.new_attribute = 1
    with pytest.raises(TypeError, match="immutable type"):
        del c.MyClass.method1
    with pytest.raises(TypeError, match="immutable type"):
        c.BaseClass.method = lambda self: 0
    assert c.MyClass.my_attribute == before
    assert not hasattr(c.MyClass, "new_attribute")
    assert c.MyClass().method1() == 10
    # Instances keep their own settable fields.
    m = c.MyClass()
    m.num = 3
    assert m.num == 3


@pytest.mark.skipif(IMMUTABLE, reason="immutable here")
def test_class_attributes_settable_without_the_flag():
    c.MyClass.extra_attribute = 1
    try:
        assert c.MyClass().extra_attribute == 1
    finally:
        del c.MyClass.extra_attribute


def test_python_subclass_is_mutable():
    class Sub(c.BaseClass):
        pass

    Sub.added = 5
    assert Sub().added == 5
    Sub.method = lambda self: 42
    assert Sub().method() == 42
    assert c.BaseClass().method() == 10
