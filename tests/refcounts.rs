//! Reference-count leak checks: each main API runs 10,000 times and, on a debug build of
//! CPython (`Py_DEBUG`, which has `sys.gettotalrefcount`), the interpreter-wide total of
//! references must not grow with the number of iterations.
//!
//! Run against a debug interpreter with
//! `BIND_PYTHON=/usr/bin/python3.11-dbg cargo test --test refcounts -- --nocapture`.
//! On a release interpreter the loops still run (catching crashes and use-after-free
//! under a sanitizer) but nothing is compared.
use bind::exceptions::*;
use bind::prelude::*;
use std::sync::Mutex;

const ITERATIONS: usize = 10_000;
const WARMUP: usize = 100;

/// The largest change of `sys.gettotalrefcount()` accepted over `ITERATIONS` calls.
///
/// A leak (or an over-release) of even one reference per call moves the total by at least
/// `ITERATIONS` = 10,000, so any bound far below that cannot hide one. The slack covers
/// one-time effects that warm-up may not have triggered yet: a dict or list growing its
/// storage, a method cache or interned-string entry filled, a free list refilled. These
/// are bounded by a few dozen references; 100 leaves room without weakening the check.
const TOLERANCE: isize = 100;

/// The tests share the interpreter-wide counter, so they run one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

/// `sys.gettotalrefcount`, if this is a debug interpreter.
fn total_refcount_fn(gil: Gil<'_>) -> Option<Owned<'_, PyAny>> {
    gil.import("sys")
        .unwrap()
        .getattr_opt("gettotalrefcount")
        .unwrap()
}

/// Runs `body` `ITERATIONS` times after a warm-up; the change of the reference total, or
/// `None` on a release interpreter.
fn measure(body: impl for<'py> Fn(Gil<'py>)) -> Option<isize> {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    Gil::with(|gil| {
        for _ in 0..WARMUP {
            body(gil);
        }
        let total_fn = total_refcount_fn(gil);
        let collect = gil.import("gc").unwrap().getattr("collect").unwrap();
        // Reference cycles (a function and its globals, a traceback and its frames) are
        // freed by the cyclic GC whenever it happens to run; collecting before reading the
        // total makes the two readings comparable.
        let total = || -> Option<isize> {
            collect.call0().unwrap();
            total_fn
                .as_ref()
                .map(|f| f.call0().unwrap().extract::<isize>().unwrap())
        };
        let before = total();
        for _ in 0..ITERATIONS {
            body(gil);
        }
        let after = total();
        assert!(PyErr::take(gil).is_none(), "an exception was left set");
        Some(after? - before?)
    })
}

/// Runs `body` `ITERATIONS` times (after a warm-up) and checks the reference total.
fn check_no_leak(name: &str, body: impl for<'py> Fn(Gil<'py>)) {
    match measure(body) {
        Some(delta) => {
            println!(
                "refcounts: {name}: total refcount delta {delta} over {ITERATIONS} iterations"
            );
            assert!(
                delta.abs() <= TOLERANCE,
                "{name}: sys.gettotalrefcount() moved by {delta} over {ITERATIONS} iterations"
            );
        }
        None => println!(
            "refcounts: {name}: ran {ITERATIONS} iterations; not a debug interpreter \
             (no sys.gettotalrefcount), comparison skipped"
        ),
    }
}

#[test]
fn the_harness_detects_a_leak() {
    // One leaked object per iteration (an empty list, never an immortal singleton) must
    // show as at least ITERATIONS.
    let delta = measure(|gil| std::mem::forget(PyList::empty(gil)));
    match delta {
        Some(delta) => {
            println!("refcounts: deliberate leak: delta {delta}");
            assert!(delta >= ITERATIONS as isize, "leak not detected: {delta}");
        }
        None => println!("refcounts: deliberate leak: not a debug interpreter, skipped"),
    }
}

const SETUP: &str = r#"
class Thing:
    def __init__(self):
        self.value = 1
    def method(self, a, b=2, *, c=3):
        return a + b + c
    def __repr__(self):
        return 'Thing()'

def raises():
    raise KeyError('k')
"#;

/// A namespace with `SETUP` run in it, kept for the whole test binary.
fn namespace(gil: Gil<'_>) -> Owned<'_, PyDict> {
    static NS: std::sync::OnceLock<Handle<PyDict>> = std::sync::OnceLock::new();
    NS.get_or_init(|| {
        let globals = PyDict::new(gil);
        gil.run(SETUP, Some(&globals), None).unwrap();
        globals.unbind()
    })
    .bind(gil)
    .clone()
}

#[test]
fn object_getattr_call_repr() {
    check_no_leak("getattr/setattr/hasattr", |gil| {
        let thing = namespace(gil)
            .get_item("Thing")
            .unwrap()
            .unwrap()
            .call0()
            .unwrap();
        let v: i64 = thing.getattr("value").unwrap().extract().unwrap();
        thing.setattr("value", v + 1).unwrap();
        assert!(thing.hasattr("method").unwrap());
        assert!(!thing.hasattr("missing").unwrap());
        assert!(thing.getattr_opt("missing").unwrap().is_none());
    });
    check_no_leak("call/call_method with kwargs", |gil| {
        let thing = namespace(gil)
            .get_item("Thing")
            .unwrap()
            .unwrap()
            .call0()
            .unwrap();
        let kwargs = PyDict::new(gil);
        kwargs.set_item("c", 10).unwrap();
        let r: i64 = thing
            .call_method("method", (1, 2), Some(&kwargs))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(r, 13);
        let method = thing.getattr("method").unwrap();
        assert_eq!(method.call1((1,)).unwrap().extract::<i64>().unwrap(), 6);
        assert_eq!(
            method
                .call((1, 1), Some(&kwargs))
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            12
        );
        let err = method.call0().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
    });
    check_no_leak("repr/str/type_name/hash/compare", |gil| {
        let thing = namespace(gil)
            .get_item("Thing")
            .unwrap()
            .unwrap()
            .call0()
            .unwrap();
        assert_eq!(thing.repr().unwrap().to_str().unwrap(), "Thing()");
        let _ = thing.str().unwrap();
        assert_eq!(thing.type_name(), "Thing");
        let _ = thing.hash().unwrap();
        let one = gil.eval("1").unwrap();
        assert!(one.lt(2).unwrap());
        assert!(one.eq(1).unwrap());
    });
}

#[test]
fn containers() {
    check_no_leak("list build/extract", |gil| {
        let list = PyList::new(gil, [1i64, 2, 3]).unwrap();
        list.append("x").unwrap();
        list.insert(0, 0.5).unwrap();
        let _ = list.get_item(1).unwrap();
        list.set_item(1, 7).unwrap();
        let _ = list.to_tuple();
        let items: Vec<Owned<'_, PyAny>> = list.iter().collect();
        assert_eq!(items.len(), 5);
        let v: Vec<i64> = PyList::new(gil, [4i64, 5]).unwrap().extract().unwrap();
        assert_eq!(v, [4, 5]);
    });
    check_no_leak("dict build/iterate", |gil| {
        let dict = PyDict::new(gil);
        dict.set_item("a", 1).unwrap();
        dict.set_item(2, "b").unwrap();
        assert!(dict.contains("a").unwrap());
        assert!(dict.get_item("zzz").unwrap().is_none());
        let _ = dict.get_item("a").unwrap().unwrap();
        for (k, v) in dict.iter() {
            let _ = (k, v);
        }
        let _ = (dict.keys(), dict.values(), dict.items());
        dict.del_item("a").unwrap();
        let copy = dict.copy().unwrap();
        assert_eq!(copy.len(), 1);
    });
    check_no_leak("tuple build/extract", |gil| {
        let tuple = PyTuple::new(gil, [1i64, 2, 3]).unwrap();
        let _ = tuple.get_item(0).unwrap();
        let _ = tuple.get_borrowed_item(1).unwrap();
        let _ = tuple.slice(0, 2);
        let (a, b, c): (i64, i64, i64) = tuple.extract().unwrap();
        assert_eq!(a + b + c, 6);
        let mixed = (1, "two", 3.0).into_py(gil).unwrap();
        let _: (i64, String, f64) = mixed.extract().unwrap();
    });
}

#[test]
fn strings() {
    check_no_leak("str conversion", |gil| {
        let s = PyStr::new(gil, "héllo wörld");
        assert_eq!(s.to_str().unwrap(), "héllo wörld");
        let _ = s.encode_utf8().unwrap();
        let owned: String = s.extract().unwrap();
        let back = owned.into_py(gil).unwrap();
        assert!(back.eq(&s).unwrap());
        let _ = PyStr::intern(gil, "interned_name");
        let bad = gil.eval("'\\udcff'").unwrap();
        assert!(bad.extract::<String>().is_err());
    });
}

#[test]
fn errors() {
    check_no_leak("error create+restore+take", |gil| {
        PyValueError::new_err("boom").restore(gil);
        let err = PyErr::take(gil).unwrap();
        assert!(err.is_instance_of::<PyValueError>(gil));
        let _ = err.to_string();
    });
    check_no_leak("error normalized round trip", |gil| {
        let err = PyKeyError::new_err(("key", 1));
        let _ = err.value(gil);
        let copy = err.clone_ref(gil);
        copy.restore(gil);
        let again = PyErr::take(gil).unwrap();
        let _ = again.get_type(gil);
        let _ = again.traceback(gil);
        assert!(PyErr::take(gil).is_none());
    });
    check_no_leak("error from python with traceback", |gil| {
        let raises = namespace(gil).get_item("raises").unwrap().unwrap();
        let err = raises.call0().unwrap_err();
        let tb = err.traceback(gil).unwrap();
        let _ = tb;
        let _ = err.context(gil);
        let _ = err.cause(gil);
    });
    check_no_leak("error conversions", |gil| {
        let err = PyErr::from(std::io::Error::from_raw_os_error(2));
        let _ = err.value(gil);
        let err = PyErr::from(String::from_utf8(vec![b'a', 0xff]).unwrap_err());
        let _ = err.value(gil);
        let err = PyErr::from("x".parse::<i32>().unwrap_err());
        let _ = err.value(gil);
        let _ = PyErr::fetch(gil);
    });
}

#[test]
fn eval_and_run() {
    check_no_leak("eval", |gil| {
        let v: i64 = gil.eval("1 + 2").unwrap().extract().unwrap();
        assert_eq!(v, 3);
        let err = gil.eval("1 / 0").unwrap_err();
        assert!(err.is_instance_of::<PyZeroDivisionError>(gil));
    });
    check_no_leak("run with globals", |gil| {
        let globals = PyDict::new(gil);
        gil.run(
            "def f(x):\n    return x * 2\ny = f(21)\n",
            Some(&globals),
            None,
        )
        .unwrap();
        assert_eq!(
            globals
                .get_item("y")
                .unwrap()
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            42
        );
    });
    check_no_leak("import", |gil| {
        let m = gil.import("math").unwrap();
        let _ = m.getattr("pi").unwrap();
    });
}

#[test]
fn handles() {
    check_no_leak("unbind/bind/clone_ref/drop", |gil| {
        let obj = PyList::empty(gil).into_any();
        let handle = obj.clone().unbind();
        let again = handle.clone_ref(gil);
        assert!(handle.bind(gil).is(&obj));
        drop(again);
        let bound = handle.into_bound(gil);
        assert!(bound.is(&obj));
    });
    check_no_leak("allow_threads with a deferred drop", |gil| {
        let handle = PyList::empty(gil).into_any().unbind();
        gil.allow_threads(move || drop(handle));
    });
}

/// Doubles `n` (a `#[function]`, to measure the engine's call path).
#[function]
fn double(n: i64) -> PyResult<i64> {
    if n < 0 {
        return Err(PyValueError::new_err("negative"));
    }
    Ok(n * 2)
}

#[test]
fn engine_function_calls() {
    check_no_leak("#[function] call from Rust", |gil| {
        static MODULE: std::sync::OnceLock<Handle<PyModule>> = std::sync::OnceLock::new();
        let module = MODULE.get_or_init(|| {
            let m = PyModule::new(gil, "refcount_probe").unwrap();
            m.add_function(wrap!(double)).unwrap();
            m.unbind()
        });
        let m = module.bind(gil);
        assert_eq!(
            m.call_method1("double", (4,))
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            8
        );
        let kwargs = PyDict::new(gil);
        kwargs.set_item("n", 5).unwrap();
        assert_eq!(
            m.call_method("double", (), Some(&kwargs))
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            10
        );
        assert!(m
            .call_method1("double", (-1,))
            .unwrap_err()
            .is_instance_of::<PyValueError>(gil));
        assert!(m
            .call_method1("double", ("x",))
            .unwrap_err()
            .is_instance_of::<PyTypeError>(gil));
    });
}
