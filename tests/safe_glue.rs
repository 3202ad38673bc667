//! Generated glue is safe code: called with an object of the wrong type (which CPython
//! never passes, but safe Rust can), it raises `TypeError` instead of reading the object as
//! an instance of the class.
use bind::__private::{FunctionHolder, ParsedArgs};
use bind::prelude::*;

#[derive(PyType)]
#[bind(module = "safe_glue")]
struct Point {
    x: f64,
    y: f64,
}

#[methods]
impl Point {
    #[new]
    fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }

    fn norm(&self) -> f64 {
        self.x.hypot(self.y)
    }

    fn scale(&mut self, k: f64) {
        self.x *= k;
        self.y *= k;
    }

    #[getter]
    fn x(&self) -> f64 {
        self.x
    }
}

/// The name of the module this function belongs to.
#[function(pass_module)]
fn module_name(module: &Owned<'_, PyModule>) -> PyResult<String> {
    module.getattr("__name__")?.extract()
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
        let point = Owned::new(gil, Point::new(3.0, 4.0)).unwrap().into_any();
        let five = 5i64.into_py(gil).unwrap();
        let args = ParsedArgs::empty();
        // The class's own instance goes through.
        let norm = Point::__bind_glue_1_norm(gil, point.as_borrowed(), &args).unwrap();
        assert_eq!(norm.extract::<f64>().unwrap(), 5.0);
        // An `int` is refused with CPython's descriptor wording.
        let err = Point::__bind_glue_1_norm(gil, five.as_borrowed(), &args).unwrap_err();
        assert_eq!(
            type_error_text(gil, err),
            "TypeError: descriptor 'norm' for 'Point' objects doesn't apply to a 'int' object"
        );
        let err = Point::__bind_get_3_x(gil, five.as_borrowed()).unwrap_err();
        assert!(type_error_text(gil, err).contains("descriptor 'x' for 'Point'"));
    });
}

#[test]
fn constructor_glue_refuses_a_class_that_is_not_a_subtype() {
    Gil::with(|gil| {
        let _ = Owned::new(gil, Point::new(0.0, 0.0)).unwrap();
        let int_type = gil.eval("int").unwrap();
        let x = 1.0f64.into_py(gil).unwrap();
        let y = 2.0f64.into_py(gil).unwrap();
        let slots = [x.as_ptr(), y.as_ptr()];
        // SAFETY: two live arguments, alive for the call.
        let args = unsafe { ParsedArgs::borrowed(slots.as_ptr(), 2) };
        let err = Point::__bind_glue_0_new(gil, int_type.as_borrowed(), &args).unwrap_err();
        assert!(type_error_text(gil, err).contains("is not a subtype of Point"));
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
        let point = Owned::new(gil, Point::new(3.0, 4.0)).unwrap().into_any();
        let cls = point.get_type();
        let globals = PyDict::new(gil);
        globals.set_item("Point", cls).unwrap();
        gil.run(
            "try:\n    Point.norm(5)\nexcept TypeError as e:\n    message = str(e)\n",
            Some(&globals),
            None,
        )
        .unwrap();
        let message: String = globals
            .get_item("message")
            .unwrap()
            .unwrap()
            .extract()
            .unwrap();
        assert!(
            message.starts_with("descriptor 'norm' for '")
                && message.ends_with("Point' objects doesn't apply to a 'int' object"),
            "{message}"
        );
    });
}
