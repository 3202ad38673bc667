//! Generated glue is safe code: called with an object of the wrong type (which CPython
//! never passes, but safe Rust can), it raises `TypeError` instead of reading the object as
//! an instance of the class.
use bind::__private::{FunctionHolder, ParsedArgs};
use bind::prelude::*;

/// A counter: a method, a mutating method and a getter, each with a receiver to check.
#[derive(PyType)]
#[bind(module = "safe_glue", subclass)]
struct Counter {
    count: i64,
}

#[methods]
impl Counter {
    #[new]
    fn new(count: i64) -> Self {
        Counter { count }
    }

    fn doubled(&self) -> i64 {
        2 * self.count
    }

    fn bump(&mut self) {
        self.count += 1;
    }

    #[getter]
    fn count(&self) -> i64 {
        self.count
    }
}

/// A bind subclass: its own level must be initialised by its own constructor.
#[derive(PyType)]
#[bind(module = "safe_glue", extends = Counter)]
struct Labelled {
    label: String,
}

#[methods]
impl Labelled {
    #[new]
    fn new(count: i64, label: String) -> (Self, Counter) {
        (Labelled { label }, Counter::new(count))
    }

    fn label(&self) -> String {
        self.label.clone()
    }
}

/// A picklable class (`_from_fields`, a class method a subclass inherits) with a bind
/// subclass.
#[derive(PyType, Clone)]
#[bind(module = "safe_glue", init, pickle, subclass)]
struct Stamp {
    day: u32,
}

/// Inherits `Stamp._from_fields`, which must not build it.
#[derive(PyType)]
#[bind(module = "safe_glue", extends = Stamp)]
struct Event {
    name: String,
}

#[methods]
impl Event {
    #[new]
    fn new(day: u32, name: String) -> (Self, Stamp) {
        (Event { name }, Stamp { day })
    }

    fn name(&self) -> String {
        self.name.clone()
    }
}

/// The name of the module this function belongs to.
#[function(pass_module)]
fn module_name(module: &Owned<'_, PyModule>) -> PyResult<String> {
    module.getattr("__name__")?.extract()
}

/// Runs `code` with `names` bound and returns its global `message` (`None` if unset or
/// `None`).
fn message_of<'py>(
    gil: Gil<'py>,
    names: &[(&str, Owned<'py, PyAny>)],
    code: &str,
) -> Option<String> {
    let globals = PyDict::new(gil);
    for (name, value) in names {
        globals.set_item(*name, value).unwrap();
    }
    gil.run(code, Some(&globals), None).unwrap();
    globals.get_item("message").unwrap()?.extract().ok()
}

/// A module, for its `PyInit_safe_glue_module` (a safe `extern "C" fn`).
#[module]
fn safe_glue_module(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap!(module_name))
}

fn type_error_text(gil: Gil<'_>, err: PyErr) -> String {
    assert!(
        err.is_instance_of::<bind::exceptions::PyTypeError>(gil),
        "{err}"
    );
    err.to_string()
}

#[test]
fn method_glue_refuses_a_receiver_of_another_type() {
    Gil::with(|gil| {
        let counter = Owned::new(gil, Counter::new(3)).unwrap().into_any();
        let five = 5i64.into_py(gil).unwrap();
        let args = ParsedArgs::empty();
        // The class's own instance goes through.
        let doubled = Counter::__bind_glue_1_doubled(gil, counter.as_borrowed(), &args);
        assert_eq!(doubled.unwrap().extract::<i64>().unwrap(), 6);
        // An `int` is refused with CPython's descriptor wording, by every receiver form.
        let err = Counter::__bind_glue_1_doubled(gil, five.as_borrowed(), &args).unwrap_err();
        assert_eq!(
            type_error_text(gil, err),
            "TypeError: descriptor 'doubled' for 'Counter' objects doesn't apply to a 'int' object"
        );
        let err = Counter::__bind_glue_2_bump(gil, five.as_borrowed(), &args).unwrap_err();
        assert!(type_error_text(gil, err).contains("descriptor 'bump' for 'Counter'"));
        let err = Counter::__bind_get_3_count(gil, five.as_borrowed()).unwrap_err();
        assert!(type_error_text(gil, err).contains("descriptor 'count' for 'Counter'"));
    });
}

#[test]
fn constructor_glue_refuses_a_class_that_is_not_a_subtype() {
    Gil::with(|gil| {
        let _ = Owned::new(gil, Counter::new(0)).unwrap();
        let int_type = gil.eval("int").unwrap();
        let count = 1i64.into_py(gil).unwrap();
        let slots = [count.as_ptr()];
        // SAFETY: one live argument, alive for the call.
        let args = unsafe { ParsedArgs::borrowed(slots.as_ptr(), 1) };
        let err = Counter::__bind_glue_0_new(gil, int_type.as_borrowed(), &args).unwrap_err();
        assert_eq!(
            type_error_text(gil, err),
            "TypeError: descriptor '__new__' for 'Counter' objects doesn't apply to a 'type' object"
        );
    });
}

#[test]
fn constructor_glue_refuses_a_bind_subclass_but_builds_a_python_one() {
    Gil::with(|gil| {
        let labelled = Owned::new(gil, Labelled::new(1, "a".into()))
            .unwrap()
            .into_any();
        let count = 7i64.into_py(gil).unwrap();
        let slots = [count.as_ptr()];
        // SAFETY: one live argument, alive for the call.
        let args = unsafe { ParsedArgs::borrowed(slots.as_ptr(), 1) };
        // `Counter`'s constructor would leave `Labelled`'s own level uninitialised.
        let labelled_type = labelled.get_type().into_any();
        let err = Counter::__bind_glue_0_new(gil, labelled_type.as_borrowed(), &args);
        let text = type_error_text(gil, err.unwrap_err());
        assert!(
            text.contains("descriptor '__new__' for 'Counter'"),
            "{text}"
        );
        // A Python subclass of `Counter` has no bind level of its own.
        let counter = Owned::new(gil, Counter::new(0)).unwrap().into_any();
        let globals = PyDict::new(gil);
        globals.set_item("Counter", counter.get_type()).unwrap();
        gil.run("class Sub(Counter):\n    pass\n", Some(&globals), None)
            .unwrap();
        let sub = globals.get_item("Sub").unwrap().unwrap();
        let made = Counter::__bind_glue_0_new(gil, sub.as_borrowed(), &args).unwrap();
        assert_eq!(made.type_name(), "Sub");
        assert_eq!(made.getattr("count").unwrap().extract::<i64>().unwrap(), 7);
    });
}

#[test]
fn from_fields_refuses_a_bind_subclass() {
    Gil::with(|gil| {
        let event = Owned::new(gil, Event::new(1, "a".into()))
            .unwrap()
            .into_any();
        let stamp = Owned::new(gil, Stamp { day: 2 }).unwrap().into_any();
        let message = message_of(
            gil,
            &[
                ("Event", event.get_type().into_any()),
                ("Stamp", stamp.get_type().into_any()),
            ],
            "assert Stamp._from_fields(3).day == 3\n\
             try:\n    Event._from_fields(3)\n    message = None\n\
             except TypeError as e:\n    message = str(e)\n",
        );
        assert_eq!(
            message.as_deref(),
            Some("_from_fields() needs 'Stamp' or a Python subclass of it")
        );
    });
}

#[test]
fn pass_module_glue_refuses_an_object_that_is_not_a_module() {
    Gil::with(|gil| {
        let five = 5i64.into_py(gil).unwrap();
        let args = ParsedArgs::empty();
        let err = module_name::Holder::call(gil, five.as_borrowed(), &args).unwrap_err();
        let text = type_error_text(gil, err);
        assert!(text.contains("module"), "{text}");
    });
}

#[test]
fn python_sees_cpython_descriptor_errors_first() {
    Gil::with(|gil| {
        let counter = Owned::new(gil, Counter::new(3)).unwrap().into_any();
        let message = message_of(
            gil,
            &[("Counter", counter.get_type().into_any())],
            "try:\n    Counter.doubled(5)\nexcept TypeError as e:\n    message = str(e)\n",
        )
        .unwrap_or_default();
        assert!(
            message.starts_with("descriptor 'doubled' for '")
                && message.ends_with("Counter' objects doesn't apply to a 'int' object"),
            "{message}"
        );
    });
}

#[test]
fn module_init_outside_an_import_returns_the_definition() {
    let with_gil = Gil::with(|_| PyInit_safe_glue_module() as usize);
    assert_ne!(with_gil, 0);
    // `init` touches no interpreter state: a thread without the GIL gets the same
    // definition, and so do threads racing on it.
    let others: Vec<_> = (0..4)
        .map(|_| std::thread::spawn(|| PyInit_safe_glue_module() as usize))
        .collect();
    for other in others {
        assert_eq!(other.join().unwrap(), with_gil);
    }
}
