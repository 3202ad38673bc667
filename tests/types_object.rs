//! The object protocol shared by every handle (`Owned<PyAny>`), through an embedded
//! interpreter.
use bind::exceptions::{
    PyAttributeError, PyIndexError, PyKeyError, PyTypeError, PyValueError, PyZeroDivisionError,
};
use bind::prelude::*;
use bind::types::CompareOp;
use std::cmp::Ordering;

/// Runs `code` in a fresh namespace and returns the namespace.
fn ns<'py>(gil: Gil<'py>, code: &str) -> Owned<'py, PyDict> {
    let globals = PyDict::new(gil);
    gil.run(code, Some(&globals), None).unwrap();
    globals
}

fn get<'py>(globals: &Owned<'py, PyDict>, name: &str) -> Owned<'py, PyAny> {
    globals.get_item(name).unwrap().expect(name)
}

const CLASSES: &str = r#"
class Point:
    """A point."""
    def __init__(self, x=0, y=0):
        self.x = x
        self.y = y
    def norm2(self, scale=1):
        return (self.x * self.x + self.y * self.y) * scale
    def shifted(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __str__(self):
        return f"({self.x}, {self.y})"

class Unhashable:
    __hash__ = None

class Falsy:
    def __bool__(self):
        return False

class BadBool:
    def __bool__(self):
        raise ValueError("no truth")

class Frozen:
    __slots__ = ()

def kw(a, b=2, *, c=3):
    return (a, b, c)
"#;

#[test]
fn attributes() {
    Gil::with(|gil| {
        let g = ns(gil, CLASSES);
        let p = get(&g, "Point").call1((1, 2)).unwrap();
        assert_eq!(p.getattr("x").unwrap().extract::<i64>().unwrap(), 1);
        assert!(p.hasattr("y").unwrap());
        assert!(!p.hasattr("z").unwrap());
        p.setattr("z", 5).unwrap();
        assert!(p.hasattr("z").unwrap());
        assert_eq!(p.getattr("z").unwrap().extract::<i64>().unwrap(), 5);
        p.delattr("z").unwrap();
        assert!(!p.hasattr("z").unwrap());
        assert!(p.getattr_opt("z").unwrap().is_none());

        let err = p.getattr("missing").unwrap_err();
        assert!(err.is_instance_of::<PyAttributeError>(gil));
        assert!(err
            .to_string()
            .contains("'Point' object has no attribute 'missing'"));
        let err = p.delattr("missing").unwrap_err();
        assert!(err.is_instance_of::<PyAttributeError>(gil));

        let frozen = get(&g, "Frozen").call0().unwrap();
        let err = frozen.setattr("a", 1).unwrap_err();
        assert!(err.is_instance_of::<PyAttributeError>(gil));

        // An interned name handle works as well as &str.
        let name = PyStr::intern(gil, "x");
        assert_eq!(p.getattr(&name).unwrap().extract::<i64>().unwrap(), 1);
    });
}

#[test]
fn calls() {
    Gil::with(|gil| {
        let g = ns(gil, CLASSES);
        let point = get(&g, "Point");
        let origin = point.call0().unwrap();
        assert_eq!(origin.getattr("x").unwrap().extract::<i64>().unwrap(), 0);
        let p = point.call1((3, 4)).unwrap();
        assert_eq!(
            p.call_method0("norm2").unwrap().extract::<i64>().unwrap(),
            25
        );
        assert_eq!(
            p.call_method1("norm2", (2,))
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            50
        );

        let kwargs = PyDict::new(gil);
        kwargs.set_item("scale", 3).unwrap();
        let r = p.call_method("norm2", (), Some(&kwargs)).unwrap();
        assert_eq!(r.extract::<i64>().unwrap(), 75);

        let kwargs = PyDict::from_pairs(gil, [("dy", 10)]).unwrap();
        let q = p.call_method("shifted", (1,), Some(&kwargs)).unwrap();
        assert_eq!(q.repr().unwrap().to_str().unwrap(), "Point(4, 14)");

        let kw = get(&g, "kw");
        let kwargs = PyDict::from_pairs(gil, [("c", 30)]).unwrap();
        let r: (i64, i64, i64) = kw.call((1,), Some(&kwargs)).unwrap().extract().unwrap();
        assert_eq!(r, (1, 2, 30));
        let r: (i64, i64, i64) = kw.call((1, 20), None).unwrap().extract().unwrap();
        assert_eq!(r, (1, 20, 3));
        let args = PyTuple::new(gil, [7, 8]).unwrap();
        let r: (i64, i64, i64) = kw.call1(args).unwrap().extract().unwrap();
        assert_eq!(r, (7, 8, 3));

        // Error paths: wrong arity, unknown keyword, calling a non-callable, missing method.
        let err = kw.call0().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        let kwargs = PyDict::from_pairs(gil, [("d", 1)]).unwrap();
        let err = kw.call((1,), Some(&kwargs)).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert!(err.to_string().contains("unexpected keyword argument 'd'"));
        let five = 5.into_py(gil).unwrap();
        assert!(!five.is_callable());
        assert!(kw.is_callable());
        let err = five.call0().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert_eq!(err.to_string(), "TypeError: 'int' object is not callable");
        let err = p.call_method0("nope").unwrap_err();
        assert!(err.is_instance_of::<PyAttributeError>(gil));
        // Exceptions raised by the callee propagate.
        let err = gil.eval("lambda: 1 / 0").unwrap().call0().unwrap_err();
        assert!(err.is_instance_of::<PyZeroDivisionError>(gil));
    });
}

#[test]
fn repr_str_and_display() {
    Gil::with(|gil| {
        let g = ns(gil, CLASSES);
        let p = get(&g, "Point").call1((1, 2)).unwrap();
        assert_eq!(p.repr().unwrap().to_str().unwrap(), "Point(1, 2)");
        assert_eq!(p.str().unwrap().to_str().unwrap(), "(1, 2)");
        let s = "a'b".into_py(gil).unwrap();
        assert_eq!(s.repr().unwrap().to_str().unwrap(), "\"a'b\"");
        assert_eq!(s.str().unwrap().to_str().unwrap(), "a'b");
        let bad = gil
            .eval("type('R', (), {'__repr__': lambda self: 1 / 0})()")
            .unwrap();
        assert!(bad
            .repr()
            .unwrap_err()
            .is_instance_of::<PyZeroDivisionError>(gil));
    });
}

#[test]
fn rich_comparison() {
    Gil::with(|gil| {
        let one = 1.into_py(gil).unwrap();
        assert!(one.eq(1).unwrap());
        assert!(one.ne(2).unwrap());
        assert!(one.lt(2).unwrap());
        assert!(one.le(1).unwrap());
        assert!(one.gt(0.5).unwrap());
        assert!(one.ge(1.0).unwrap());
        assert!(!one.eq("1").unwrap());
        assert_eq!(one.compare(2).unwrap(), Ordering::Less);
        assert_eq!(one.compare(1).unwrap(), Ordering::Equal);
        assert_eq!(one.compare(0).unwrap(), Ordering::Greater);
        let r = one.rich_compare(5, CompareOp::Lt).unwrap();
        assert!(r.is_truthy().unwrap());

        let g = ns(gil, CLASSES);
        let point = get(&g, "Point");
        let a = point.call1((1, 2)).unwrap();
        let b = point.call1((1, 2)).unwrap();
        assert!(a.eq(&b).unwrap());
        assert!(!a.is(&b));
        assert!(a.is(&a.clone()));

        // Ordering between unrelated types raises TypeError.
        let err = one.lt("x").unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert!(err.to_string().contains("'<' not supported"));
        let err = one.compare("x").unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        let nan = f64::NAN.into_py(gil).unwrap();
        assert!(nan.compare(1.0).is_err());
    });
}

#[test]
fn instance_checks_and_types() {
    Gil::with(|gil| {
        let g = ns(gil, CLASSES);
        let point = get(&g, "Point");
        let p = point.call0().unwrap();
        assert!(p.is_instance(&point).unwrap());
        let int_type = gil.eval("int").unwrap();
        assert!(!p.is_instance(&int_type).unwrap());
        let t = gil.eval("True").unwrap();
        assert!(t.is_instance(&int_type).unwrap());
        assert!(t.is_instance_of::<PyInt>());
        assert!(t.is_instance_of::<PyBool>());
        assert!(!t.is_exact_instance_of::<PyInt>());
        assert!(t.is_exact_instance_of::<PyBool>());
        // isinstance with a non-type second argument raises.
        let err = p.is_instance(&p).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));

        let ty = p.get_type();
        assert!(ty.is(&point));
        assert_eq!(ty.name().unwrap().to_str().unwrap(), "Point");
        assert_eq!(p.type_name(), "Point");
        assert_eq!(1.5.into_py(gil).unwrap().type_name(), "float");
    });
}

#[test]
fn truthiness_and_none() {
    Gil::with(|gil| {
        let g = ns(gil, CLASSES);
        assert!(!0.into_py(gil).unwrap().is_truthy().unwrap());
        assert!(1.into_py(gil).unwrap().is_truthy().unwrap());
        assert!(!"".into_py(gil).unwrap().is_truthy().unwrap());
        assert!(!PyList::empty(gil).is_truthy().unwrap());
        assert!(!get(&g, "Falsy").call0().unwrap().is_truthy().unwrap());
        let err = get(&g, "BadBool").call0().unwrap().is_truthy().unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));
        assert_eq!(err.to_string(), "ValueError: no truth");
        let none = gil.none();
        assert!(none.is_none());
        assert!(!none.is_truthy().unwrap());
        assert!(!0.into_py(gil).unwrap().is_none());
    });
}

#[test]
fn hashing() {
    Gil::with(|gil| {
        let g = ns(gil, CLASSES);
        assert_eq!(7.into_py(gil).unwrap().hash().unwrap(), 7);
        let s1 = PyStr::new(gil, "hello");
        let s2 = PyStr::new(gil, "hello");
        assert_eq!(s1.hash().unwrap(), s2.hash().unwrap());
        let p = get(&g, "Point").call1((1, 2)).unwrap();
        let expected: isize = gil.eval("hash((1, 2))").unwrap().extract().unwrap();
        assert_eq!(p.hash().unwrap(), expected);
        let err = get(&g, "Unhashable").call0().unwrap().hash().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert!(err.to_string().contains("unhashable type"));
        let err = PyList::empty(gil).hash().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
    });
}

#[test]
fn length_and_iteration() {
    Gil::with(|gil| {
        let list = gil.eval("[1, 2, 3]").unwrap();
        assert_eq!(list.len().unwrap(), 3);
        assert!(!list.is_empty().unwrap());
        assert!(gil.eval("{}").unwrap().is_empty().unwrap());
        let items: Vec<i64> = list
            .iter()
            .unwrap()
            .map(|item| item.unwrap().extract::<i64>().unwrap())
            .collect();
        assert_eq!(items, [1, 2, 3]);
        let gen = gil.eval("(x * x for x in range(4))").unwrap();
        let squares: PyResult<Vec<i64>> = gen.iter().unwrap().map(|r| r?.extract()).collect();
        assert_eq!(squares.unwrap(), [0, 1, 4, 9]);

        // A generator that raises midway yields Err.
        let failing = gil
            .eval("(1 // x for x in [1, 0, 2])")
            .unwrap()
            .iter()
            .unwrap()
            .collect::<Vec<_>>();
        assert_eq!(failing.len(), 2);
        assert!(failing[0].is_ok());
        assert!(failing[1]
            .as_ref()
            .unwrap_err()
            .is_instance_of::<PyZeroDivisionError>(gil));

        let five = 5.into_py(gil).unwrap();
        let err = five.len().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert!(err.to_string().contains("has no len()"));
        let err = five.iter().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert!(err.to_string().contains("'int' object is not iterable"));
    });
}

#[test]
fn items() {
    Gil::with(|gil| {
        let list = gil.eval("[10, 20, 30]").unwrap();
        assert_eq!(list.get_item(1).unwrap().extract::<i64>().unwrap(), 20);
        assert_eq!(list.get_item(-1).unwrap().extract::<i64>().unwrap(), 30);
        list.set_item(0, "a").unwrap();
        assert_eq!(list.get_item(0).unwrap().extract::<String>().unwrap(), "a");
        list.del_item(0).unwrap();
        assert_eq!(list.len().unwrap(), 2);
        let err = list.get_item(5).unwrap_err();
        assert!(err.is_instance_of::<PyIndexError>(gil));
        assert_eq!(err.to_string(), "IndexError: list index out of range");
        let err = list.get_item("x").unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));

        let dict = gil.eval("{'a': 1}").unwrap();
        assert_eq!(dict.get_item("a").unwrap().extract::<i64>().unwrap(), 1);
        dict.set_item("b", 2).unwrap();
        assert!(dict.contains("b").unwrap());
        dict.del_item("b").unwrap();
        assert!(!dict.contains("b").unwrap());
        let err = dict.get_item("zz").unwrap_err();
        assert!(err.is_instance_of::<PyKeyError>(gil));
        assert_eq!(err.to_string(), "KeyError: 'zz'");
        let err = dict.del_item("zz").unwrap_err();
        assert!(err.is_instance_of::<PyKeyError>(gil));
        let err = dict.set_item(PyList::empty(gil), 1).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));

        let five = 5.into_py(gil).unwrap();
        let err = five.get_item(0).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert!(err.to_string().contains("not subscriptable"));
        let err = gil.eval("(1, 2)").unwrap().set_item(0, 1).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert!(err.to_string().contains("does not support item assignment"));
    });
}

#[test]
fn containment_and_dir() {
    Gil::with(|gil| {
        let g = ns(gil, CLASSES);
        let list = gil.eval("[1, 'two', 3.0]").unwrap();
        assert!(list.contains(1).unwrap());
        assert!(list.contains("two").unwrap());
        assert!(list.contains(3).unwrap());
        assert!(!list.contains(4).unwrap());
        assert!(gil.eval("'hello'").unwrap().contains("ell").unwrap());
        let err = gil.eval("'hello'").unwrap().contains(1).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        let err = 5.into_py(gil).unwrap().contains(1).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));

        let p = get(&g, "Point").call1((1, 2)).unwrap();
        let names: Vec<String> = p.dir().unwrap().extract().unwrap();
        for expected in ["x", "y", "norm2", "shifted", "__init__"] {
            assert!(names.iter().any(|n| n == expected), "{expected} in dir()");
        }
    });
}

#[test]
fn extraction_and_downcast_errors() {
    Gil::with(|gil| {
        let one = 1.into_py(gil).unwrap();
        let err = one.downcast::<PyStr>().unwrap_err();
        assert_eq!(err.to_string(), "'int' object cannot be converted to 'str'");
        let err = PyErr::from(one.downcast::<PyList>().unwrap_err());
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert_eq!(
            err.to_string(),
            "TypeError: 'int' object cannot be converted to 'list'"
        );
        let err = one.extract::<Owned<PyDict>>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: 'int' object cannot be converted to 'dict'"
        );
        let err = one.clone().downcast_into::<PyTuple>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'int' object cannot be converted to 'tuple'"
        );
        assert!(one
            .extract::<String>()
            .unwrap_err()
            .is_instance_of::<PyTypeError>(gil));
        assert!(one.downcast::<PyInt>().is_ok());
        assert!(one.downcast::<PyAny>().is_ok());
        let list = gil.eval("[1]").unwrap();
        let typed: &Owned<PyList> = list.downcast().unwrap();
        assert_eq!(typed.len(), 1);
    });
}
