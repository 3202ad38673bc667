//! Dataclass options and enums from Rust: the generated constructor drops what it built
//! when a later field fails, values round-trip between Rust and Python, enums convert
//! both ways.
use bind::prelude::*;
use bind::types::PyDict;
use std::cell::Cell;

thread_local! {
    /// Drops of `Tracked` values on this thread (tests run in parallel threads).
    static DROPS: Cell<usize> = const { Cell::new(0) };
}

fn drops() -> usize {
    DROPS.with(Cell::get)
}

/// A field type that counts its drops.
#[derive(Clone, Debug, PartialEq)]
struct Tracked(String);

impl Drop for Tracked {
    fn drop(&mut self) {
        DROPS.with(|d| d.set(d.get() + 1));
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Tracked {
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        Ok(Tracked(obj.extract()?))
    }
}

impl<'py> IntoPyObject<'py> for Tracked {
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        self.0.clone().into_py(gil)
    }
}

/// Two fields: the first is built before the second fails.
#[derive(PyType, Clone)]
#[bind(module = "dc", init, repr, eq, pickle)]
struct Pair {
    first: Tracked,
    second: u32,
    #[bind(default_factory = Vec::new)]
    rest: Vec<Tracked>,
}

/// Every primitive field type: the generated repr and comparisons read them from memory.
#[derive(PyType, Clone)]
#[bind(module = "dc", init, repr, eq, order, subclass)]
struct Numbers {
    a: i8,
    b: u8,
    c: i16,
    d: u16,
    e: i32,
    f: u32,
    g: i64,
    h: u64,
    i: isize,
    j: usize,
    k: f32,
    l: f64,
    m: bool,
}

/// An `unsendable` all-primitive class: its owner thread is checked before a comparison or
/// a repr reads the fields.
#[derive(PyType, Clone)]
#[bind(module = "dc", init, repr, eq, unsendable)]
struct Local {
    x: f64,
}

#[derive(PyType, Clone, Copy, Debug, PartialEq)]
#[bind(module = "dc", int_enum)]
enum Level {
    Low = 1,
    High = 5,
}

#[derive(PyType, Clone, Debug, PartialEq)]
#[bind(module = "dc")]
enum Event {
    Click { x: i32, y: i32 },
    Key(String),
    Quit,
}

fn module(gil: Gil<'_>) -> PyResult<Owned<'_, PyDict>> {
    let m = PyModule::new(gil, "dc")?;
    m.add_class::<Pair>()?;
    m.add_class::<Numbers>()?;
    m.add_class::<Local>()?;
    m.add_enum::<Level>()?;
    m.add_enum::<Event>()?;
    // Importable, so that pickling finds the classes.
    gil.import("sys")?.getattr("modules")?.set_item("dc", &m)?;
    let g = PyDict::new(gil);
    for name in ["Pair", "Numbers", "Local", "Level", "Event"] {
        g.set_item(name, m.getattr(name)?)?;
    }
    Ok(g)
}

#[test]
fn failed_construction_drops_the_fields_already_built() {
    Gil::with(|gil| {
        let g = module(gil)?;
        let run = |code: &str| -> PyResult<()> { gil.run(code, Some(&g), None) };
        let before = drops();
        let err = gil
            .run("Pair('a', 'not a number')", Some(&g), None)
            .unwrap_err();
        assert!(err.to_string().contains("argument 'second'"), "{err}");
        // `first` was written, then dropped once when `second` failed.
        assert_eq!(drops() - before, 1);
        run("p = Pair('a', 1, [])")?;
        run("assert repr(p) == \"Pair(first='a', second=1, rest=[])\", repr(p)")?;
        let p: Pair = g.get_item("p")?.unwrap().extract()?;
        assert_eq!((p.first.0.as_str(), p.second), ("a", 1));
        let before = drops();
        drop(p);
        run("del p")?;
        // The extracted clone and the instance's value: one `Tracked` each.
        assert_eq!(drops() - before, 2);
        run("import pickle; q = Pair('b', 2, ['c']); assert pickle.loads(pickle.dumps(q)) == q")?;
        Ok::<(), PyErr>(())
    })
    .unwrap();
}

#[test]
fn rust_values_become_instances() {
    Gil::with(|gil| {
        let g = module(gil)?;
        let pair = Owned::new(
            gil,
            Pair {
                first: Tracked("x".into()),
                second: 7,
                rest: vec![Tracked("y".into())],
            },
        )?;
        assert_eq!(
            pair.repr()?.to_str()?,
            "Pair(first='x', second=7, rest=['y'])"
        );
        g.set_item("made", pair)?;
        gil.run("assert made == Pair('x', 7, ['y'])", Some(&g), None)?;
        Ok::<(), PyErr>(())
    })
    .unwrap();
}

#[test]
fn enums_convert_both_ways() {
    Gil::with(|gil| {
        let g = module(gil)?;
        for level in [Level::Low, Level::High] {
            let obj = level.into_py(gil)?;
            assert_eq!(obj.extract::<Level>()?, level);
            g.set_item("obj", obj)?;
            gil.run(
                "import enum; assert isinstance(obj, enum.IntEnum) and obj is Level(int(obj))",
                Some(&g),
                None,
            )?;
        }
        let err = 5i32.into_py(gil)?.extract::<Level>().unwrap_err();
        assert!(
            err.to_string()
                .contains("expected a Level member (Level.Low, Level.High), got 5"),
            "{err}"
        );
        for event in [
            Event::Click { x: 1, y: -2 },
            Event::Key("q".into()),
            Event::Quit,
        ] {
            let obj = event.clone().into_py(gil)?;
            assert_eq!(obj.extract::<Event>()?, event);
        }
        gil.run(
            "assert repr(Event.Click(1, 2)) == 'Event.Click(x=1, y=2)'",
            Some(&g),
            None,
        )?;
        let bad = gil.eval("1")?;
        assert!(bad.extract::<Event>().is_err());
        Ok::<(), PyErr>(())
    })
    .unwrap();
}

/// Runs `code` with the classes of [`module`] as globals; panics on an exception.
fn run_in_module(code: &str) {
    Gil::with(|gil| gil.run(code, Some(&module(gil)?), None)).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn primitive_fields_repr_and_compare_as_python_values() {
    run_in_module(
        r#"
import itertools, struct
names = "abcdefghijklm"
def f32(v):
    return struct.unpack("f", struct.pack("f", v))[0]
def expected(values):
    shown = ", ".join(f"{n}={v!r}" for n, v in zip(names, values))
    return f"Numbers({shown})"
cases = [
    (-128, 255, -32768, 65535, -2**31, 2**32 - 1, -2**63, 2**64 - 1, -2**63, 2**64 - 1,
     f32(0.1), -2.5e-300, True),
    (127, 0, 32767, 0, 2**31 - 1, 0, 2**63 - 1, 0, 2**63 - 1, 0,
     f32(-1e30), 1e16, False),
    (0, 1, -1, 1, 0, 7, -7, 10**19, 0, 0, float("inf"), -0.0, False),
    (0, 1, -1, 1, 0, 7, -7, 10**19, 0, 0, float("-inf"), float("nan"), True),
    (0, 1, -1, 1, 0, 7, -7, 10**19, 0, 0, 1.0, 1.0, True),
]
for values in cases:
    n = Numbers(*values)
    assert repr(n) == expected(values), (repr(n), expected(values))
class Sub(Numbers):
    pass
assert repr(Sub(*cases[0])) == "Sub" + expected(cases[0])[len("Numbers"):]
def same(values):
    return not any(v != v for v in values)
for x, y in itertools.product(cases, repeat=2):
    a, b = Numbers(*x), Numbers(*y)
    # Fields are read as new float objects: a NaN is unequal even to itself.
    assert (a == b) == (x == y and same(x)), (x, y)
    assert (a != b) == (not (x == y and same(x))), (x, y)
    if same(x) and same(y):
        assert (a < b, a <= b, a > b, a >= b) == (x < y, x <= y, x > y, x >= y), (x, y)
assert Numbers(*cases[0]) != Sub(*cases[0])
assert Numbers(*cases[0]).__eq__(1) is NotImplemented
"#,
    );
}

#[test]
fn generated_repr_and_compare_refuse_a_mutably_borrowed_instance() {
    Gil::with(|gil| {
        let g = module(gil)?;
        gil.run(
            "o = Numbers(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1.5, 2.5, True)\n\
             p = Numbers(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1.5, 2.5, True)",
            Some(&g),
            None,
        )?;
        let o: Owned<'_, Numbers> = g.get_item("o")?.unwrap().extract()?;
        let guard = o.borrow_mut()?;
        for code in ["repr(o)", "o == p", "p == o", "o != p", "p < o", "o >= p"] {
            let err = gil.run(code, Some(&g), None).unwrap_err();
            assert!(
                err.to_string().contains("Already mutably borrowed"),
                "{code}: {err}"
            );
        }
        drop(guard);
        gil.run(
            "assert o == p and not o < p and repr(o) == repr(p)",
            Some(&g),
            None,
        )?;
        Ok::<(), PyErr>(())
    })
    .unwrap();
}

#[test]
fn generated_repr_and_compare_refuse_another_thread_on_an_unsendable_class() {
    run_in_module(
        r#"
import threading
a, b = Local(1.0), Local(1.0)
assert a == b and repr(a) == "Local(x=1.0)"
seen = []
def other():
    for code in ("a == b", "a != b", "repr(a)"):
        try:
            eval(code)
        except RuntimeError as e:
            seen.append("unsendable" in str(e))
        else:
            seen.append("read")
t = threading.Thread(target=other)
t.start()
t.join()
assert seen == [True, True, True], seen
"#,
    );
}
