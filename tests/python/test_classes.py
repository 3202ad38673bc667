"""Classes from Rust structs (derive(PyType) + #[methods]): the examples of the guide's
"Python classes" chapter, translated to bind (module ``classes_demo``)."""

import gc
import sys
import threading
import weakref

import pytest

import classes_demo as c


# --- constructors -------------------------------------------------------------------


def test_constructor_defaults_and_keywords():
    m = c.MyClass()
    assert (m.num, m.debug) == (-1, True)
    m = c.MyClass(5, debug=False)
    assert (m.num, m.debug) == (5, False)


def test_constructor_errors_are_cpython_worded():
    with pytest.raises(TypeError, match=r"argument 'num'"):
        c.MyClass("x")
    with pytest.raises(TypeError, match="takes from 0 to 2 positional arguments but 3 were given"):
        c.MyClass(1, True, 3)
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        c.MyClass(nope=1)


def test_fallible_constructor():
    assert c.Positive(3).num == 3
    with pytest.raises(ValueError, match="num must be positive"):
        c.Positive(0)


def test_no_new_cannot_be_created_from_python():
    with pytest.raises(TypeError, match=r"^cannot create 'classes_demo.NoNew' instances$"):
        c.NoNew()
    obj = c.make_no_new(7)
    assert type(obj) is c.NoNew and obj.id == 7


def test_tuple_and_unit_structs():
    p = c.Pair(1, "b")
    assert (p.first, p.second) == (1, "b")
    p.first = 5
    assert p.first == 5
    assert type(c.Marker()).__name__ == "Marker"


# --- methods ------------------------------------------------------------------------


def test_methods_and_receivers():
    m = c.MyClass(1)
    assert m.method1() == 10
    m.set_method(42)
    assert m.num == 42
    assert m.method2() == 10  # the GIL token is not a Python parameter
    assert m.make_change(44, False) == "num=44, debug=false"
    assert m.make_change(debug=False, num=-1) == "num=-1, debug=false"


def test_method_with_args_and_kwargs():
    m = c.MyClass()
    assert (
        m.method(44, False, "World", 666, x=44, y=55)
        == "py_args=(666,), py_kwargs=Some({'x': 44, 'y': 55}), name=World, num=44, debug=false"
    )
    assert m.method(num=-1, name="World") == (
        "py_args=(), py_kwargs=None, name=World, num=-1, debug=true"
    )


def test_class_and_static_methods():
    assert c.MyClass.cls_method() == "MyClass says 10"
    assert c.MyClass().cls_method() == "MyClass says 10"

    class Derived(c.MyClass if c.MyClass.__flags__ & (1 << 10) else object):
        pass

    assert c.MyClass.static_method(1, "a") == "1:a"
    assert c.MyClass().static_method(2, param2="b") == "2:b"


def test_class_attributes():
    assert c.MyClass.my_attribute == "hello"
    assert c.MyClass.MY_CONST_ATTRIBUTE == "foobar"
    assert c.MyClass().my_attribute == "hello"


def test_call():
    m = c.MyClass(3)
    assert callable(m)
    assert m() == 3
    assert m(1, 2) == 5


def test_text_signatures():
    import inspect

    assert str(inspect.signature(c.MyClass.make_change)) == "(self, /, num, debug)"
    assert str(inspect.signature(c.MyClass.static_method)) == "(param1, param2)"


# --- properties ---------------------------------------------------------------------


def test_field_properties():
    m = c.MyClass(1)
    m.num = 7
    assert m.num == 7
    with pytest.raises(AttributeError):
        m.debug = False  # get only


def test_wrong_setter_type_names_attribute():
    m = c.MyClass(1)
    with pytest.raises(TypeError, match=r"attribute 'num' of 'MyClass' objects"):
        m.num = "x"
    p = c.Pair(1, "b")
    with pytest.raises(TypeError, match=r"attribute 'first' of 'Pair' objects"):
        p.first = "nope"


def test_delete_field_raises_as_cpython():
    m = c.MyClass(1)
    # A checked (getset) integer field.
    with pytest.raises(AttributeError, match="cannot delete attribute 'num' of 'MyClass' objects"):
        del m.num
    # A read-only member (bool): CPython's own error.
    with pytest.raises(AttributeError):
        del m.debug
    # A read-only float member.
    with pytest.raises(AttributeError):
        del c.Frozen(1.0, "t").x
    # A getset field and a property.
    p = c.Product("a", 1)
    with pytest.raises(AttributeError, match="cannot delete attribute 'name'"):
        del p.name
    k = c.Counter()
    with pytest.raises(AttributeError, match="cannot delete attribute 'num'"):
        del k.num


def test_getter_setter_naming_rules():
    k = c.Counter()
    assert k.num == 0
    k.num = 5
    assert k.num == 5 and k.number == 5
    with pytest.raises(AttributeError, match="not writable"):
        k.number = 3
    with pytest.raises(TypeError, match="attribute 'num' of 'Counter' objects"):
        k.num = "x"


# --- inheritance --------------------------------------------------------------------


def test_three_levels():
    base, sub, subsub = c.BaseClass(), c.SubClass(), c.SubSubClass()
    assert base.method() == 10
    assert sub.method2() == 150
    assert subsub.method3() == 3000
    assert isinstance(subsub, c.SubClass) and isinstance(subsub, c.BaseClass)
    assert (subsub.val1, subsub.val2, subsub.val3) == (10, 15, 20)
    assert subsub.method() == 10 and subsub.method2() == 150
    assert c.SubSubClass.__mro__[1:3] == (c.SubClass, c.BaseClass)


def test_python_subclass_of_bind_class():
    class Py(c.BaseClass):
        def extra(self):
            return self.method() + 1

    obj = Py()
    assert obj.extra() == 11
    assert obj.__dict__ == {}  # Python subclasses get a dict


def test_not_subclassable_without_option():
    with pytest.raises(TypeError):

        class Bad(c.Positive):
            pass


# --- options ------------------------------------------------------------------------


def test_gc_traverses_fields_and_collects_cycles():
    class Tracer:
        pass

    a = c.Node()
    b = c.Node(a)
    a.next = b
    assert b.next is a
    assert a in gc.get_referents(b)
    # The cycle a -> b -> tracer -> a runs through two gc classes and a Python object
    # we can watch with a weak reference.
    tracer = Tracer()
    tracer.back = a
    b.next = tracer
    ref = weakref.ref(tracer)
    del a, b, tracer
    gc.collect()
    assert ref() is None


def test_weakref():
    if not hasattr(c, "Weakly"):
        pytest.skip(c.DICT_WEAKREF_UNAVAILABLE)
    obj = c.Weakly()
    r = weakref.ref(obj)
    assert r() is obj
    del obj
    assert r() is None
    with pytest.raises(TypeError):
        weakref.ref(c.Positive(1))


def test_dict():
    if not hasattr(c, "WithDict"):
        pytest.skip(c.DICT_WEAKREF_UNAVAILABLE)
    obj = c.WithDict()
    obj.extra = 5
    assert obj.__dict__ == {"extra": 5}
    assert obj.fixed == 1
    assert gc.get_referents(obj).count(obj.__dict__) == 1
    with pytest.raises(AttributeError):
        c.Positive(1).extra = 5


def test_freelist_reuses_and_stays_correct():
    values = [c.Pooled(str(i)) for i in range(20)]
    assert [v.value for v in values] == [str(i) for i in range(20)]
    del values
    again = [c.Pooled("x%d" % i) for i in range(20)]
    assert [v.value for v in again] == ["x%d" % i for i in range(20)]


def test_frozen():
    f = c.Frozen(1.5, "t")
    assert (f.x, f.tag) == (1.5, "t")
    with pytest.raises(AttributeError):
        f.x = 2.0
    with pytest.raises(AttributeError):
        f.tag = "u"
    assert repr(f) == "Frozen(1.5, \"t\")"


def test_unsendable_from_another_thread_raises():
    obj = c.Unsendable("hi")
    assert obj.text() == "hi"
    errors = []

    def worker():
        try:
            obj.text()
        except RuntimeError as e:
            errors.append(str(e))

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert errors and "unsendable" in errors[0] and "Unsendable" in errors[0]


def test_class_metadata():
    assert c.MyClass.__module__ == "classes_demo"
    assert c.MyClass.__name__ == "MyClass"
    assert c.Counter.__doc__.startswith("Properties from")
    assert c.Product.name.__doc__ == "The product name."


# --- borrow checking ----------------------------------------------------------------


def test_conflicting_borrow_raises_naming_class():
    # `merge` takes `&mut self` and a mutable borrow of its argument: the same object
    # twice is a conflicting borrow, reported as RuntimeError naming the class.
    p = c.Product("a", 1, 2)
    with pytest.raises(RuntimeError, match=r"Already mutably borrowed: the 'Product' object"):
        p.merge(p)
    assert p.quantity == 2  # untouched, and usable again
    q = c.Product("a", 1, 3)
    p.merge(q)
    assert (p.quantity, q.quantity) == (5, 0)


# --- native bases -------------------------------------------------------------------


def test_dict_base():
    import classes_demo.native as native

    if not hasattr(native, "DictWithCounter"):
        pytest.skip(native.UNAVAILABLE)
    d = native.DictWithCounter()
    d.set("abc", 10)
    assert d["abc"] == 10 and d.count == 1
    assert isinstance(d, dict)
    d["x"] = 1
    assert dict(d) == {"abc": 10, "x": 1}


def test_exception_base():
    import classes_demo.native as native

    if not hasattr(native, "MyError"):
        pytest.skip(native.UNAVAILABLE)
    with pytest.raises(native.MyError) as info:
        raise native.MyError("a", "b")
    assert info.value.code == 2
    assert info.value.args == ("a", "b")
    assert isinstance(info.value, Exception)


def test_submodule_importable():
    import importlib

    sub = importlib.import_module("classes_demo.native")
    assert sub is c.native
    assert sys.modules["classes_demo.native"] is sub


# --- leaks --------------------------------------------------------------------------


def test_no_leaks(assert_no_leak):
    import classes_demo.native as native

    def create_drop():
        c.MyClass(1, True).method(1, True, "n", 2, k=3)
        c.Product("p", 2, 3).total
        c.SubSubClass().method3()
        c.Node(c.Node())
        c.Pooled("x")
        c.Frozen(1.0, "t").tag
        c.Pair(1, "a").second
        c.Marker()
        c.Counter().num
        try:
            c.Positive(-1)
        except ValueError:
            pass
        try:
            c.MyClass().num = "x"
        except TypeError:
            pass
        if hasattr(c, "WithDict"):
            w = c.WithDict()
            w.a = [1]
        if hasattr(c, "Weakly"):
            weakref.ref(c.Weakly())
        if hasattr(native, "DictWithCounter"):
            native.DictWithCounter().set("k", 1)
            native.MyError("e")
        a = c.Node()
        a.next = a  # a cycle through a gc class

    assert_no_leak(create_drop, n=100000 if hasattr(sys, "gettotalrefcount") else 2000)
