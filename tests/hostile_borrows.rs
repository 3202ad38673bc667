//! Borrow flags under hostile code: every borrow the engine or the generated glue takes
//! is released when the user's code panics, and a field setter converts the new value
//! before it takes the mutable borrow (so the conversion may read the object).
use bind::exceptions::*;
use bind::panic::PanicException;
use bind::prelude::*;
use bind::types::PyDict;

/// A field value whose `Clone` (used by the field getter) panics when negative.
#[derive(Debug)]
struct Fragile(i64);

impl Clone for Fragile {
    fn clone(&self) -> Self {
        assert!(self.0 >= 0, "cannot clone a negative Fragile");
        Fragile(self.0)
    }
}

impl<'py> IntoPyObject<'py> for Fragile {
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        self.0.into_py(gil)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Fragile {
    const EXPECTED: &'static str = "int";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        obj.extract::<i64>().map(Fragile)
    }
}

/// Holds a fragile value.
#[derive(PyType)]
#[bind(module = "hostile")]
struct Holder {
    #[bind(get, set)]
    value: Fragile,
}

#[methods]
impl Holder {
    #[new]
    fn new(value: i64) -> Self {
        Holder {
            value: Fragile(value),
        }
    }
    fn bump_or_panic(&mut self) {
        assert!(self.value.0 < 100, "too big to bump");
        self.value.0 += 1;
    }
    fn peek_or_panic(&self) -> i64 {
        assert!(self.value.0 < 100, "too big to peek");
        self.value.0
    }
    #[getter]
    fn get_doubled(&self) -> i64 {
        assert!(self.value.0 < 100, "too big to double");
        self.value.0 * 2
    }
    #[setter]
    fn set_doubled(&mut self, v: i64) {
        assert!(v % 2 == 0, "odd");
        self.value.0 = v / 2;
    }
}

fn setup(gil: Gil<'_>) -> Owned<'_, PyDict> {
    let module = PyModule::new(gil, "hostile").unwrap();
    module.add_class::<Holder>().unwrap();
    let globals = PyDict::new(gil);
    globals
        .set_item("Holder", module.getattr("Holder").unwrap())
        .unwrap();
    globals
}

fn run(gil: Gil<'_>, globals: &Owned<'_, PyDict>, code: &str) -> PyResult<()> {
    gil.run(code, Some(globals), None)
}

#[test]
fn borrows_are_released_when_user_code_panics() {
    Gil::with(|gil| {
        let g = setup(gil);
        run(gil, &g, "h = Holder(-1)").unwrap();
        // The field getter's `Clone` panics under the engine's shared borrow.
        let err = run(gil, &g, "h.value").unwrap_err();
        assert!(err.is_instance_of::<PanicException>(gil), "{err}");
        // The shared borrow was released: a mutable borrow succeeds.
        run(gil, &g, "h.value = 150; h.bump_or_panic").unwrap();
        for (code, message) in [
            ("h.bump_or_panic()", "too big to bump"),
            ("h.peek_or_panic()", "too big to peek"),
            ("h.doubled", "too big to double"),
            ("h.doubled = 3", "odd"),
        ] {
            let err = run(gil, &g, code).unwrap_err();
            assert!(err.is_instance_of::<PanicException>(gil), "{code}: {err}");
            assert!(err.to_string().contains(message), "{code}: {err}");
            // Both kinds of borrow are free again after each panic.
            run(gil, &g, "assert h.value == 150; h.value = 150").unwrap();
        }
        run(
            gil,
            &g,
            "h.value = 4; h.bump_or_panic(); assert h.doubled == 10",
        )
        .unwrap();
    });
}

#[test]
fn setter_converts_before_taking_the_mutable_borrow() {
    Gil::with(|gil| {
        let g = setup(gil);
        run(
            gil,
            &g,
            r#"
h = Holder(20)
class ReadsHolder:
    """Its integer value is computed from the holder being assigned to."""
    def __index__(self):
        return h.value + 1
h.value = ReadsHolder()
assert h.value == 21, h.value
"#,
        )
        .unwrap();
        // A conversion error names the attribute; nothing stays borrowed.
        let err = run(gil, &g, "h.value = 'x'").unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil), "{err}");
        assert!(err.to_string().contains("attribute 'value'"), "{err}");
        run(
            gil,
            &g,
            "h.value = 1; h.bump_or_panic(); assert h.value == 2",
        )
        .unwrap();
    });
}

/// A frozen class (no borrow flag) that a hand-written impl marks as mutable.
#[derive(PyType)]
#[bind(module = "hostile", frozen)]
struct Frozen {
    #[bind(get)]
    value: i64,
}

#[methods]
impl Frozen {
    #[new]
    fn new(value: i64) -> Self {
        Frozen { value }
    }
}

// A safe impl: unsafe code must not rely on it to find a borrow flag.
impl bind::engine::class::MutableClass for Frozen {}

#[test]
fn frozen_class_wrongly_marked_mutable_is_refused() {
    Gil::with(|gil| {
        let module = PyModule::new(gil, "hostile").unwrap();
        module.add_class::<Frozen>().unwrap();
        let obj = module
            .getattr("Frozen")
            .unwrap()
            .call1((7,))
            .unwrap()
            .downcast::<Frozen>()
            .unwrap()
            .clone();
        let err = obj
            .borrow_mut()
            .err()
            .expect("no mutable borrow of a frozen class");
        assert!(err.to_string().contains("is frozen"), "{err}");
        assert_eq!(obj.borrow().unwrap().value, 7);
        let getrefcount = gil.import("sys").unwrap().getattr("getrefcount").unwrap();
        let count: i64 = getrefcount.call1((&obj,)).unwrap().extract().unwrap();
        assert_eq!(count, 2, "the header was left alone");
    });
}
