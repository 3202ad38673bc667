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
    m.add_enum::<Level>()?;
    m.add_enum::<Event>()?;
    // Importable, so that pickling finds the classes.
    gil.import("sys")?.getattr("modules")?.set_item("dc", &m)?;
    let g = PyDict::new(gil);
    for name in ["Pair", "Level", "Event"] {
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
