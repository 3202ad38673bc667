//! A Rust panic inside a function called from Python becomes `PanicException`, never an
//! unwind across the C boundary.
use bind::engine::trampoline::{trampoline, trampoline_unraisable};
use bind::exceptions::*;
use bind::ffi;
use bind::panic::PanicException;
use bind::prelude::*;
use bind::types::PyTypeInfo;

/// Panics with `message` (a `#[function]`, so through the engine's generated glue).
#[function]
fn explode(message: String) -> i64 {
    panic!("{message}")
}

/// Returns its argument doubled, or panics on a negative number.
#[function]
fn double_or_panic(n: i64) -> i64 {
    assert!(n >= 0, "negative input: {n}");
    n * 2
}

fn probe_module(gil: Gil<'_>) -> Owned<'_, PyModule> {
    let module = PyModule::new(gil, "panic_probe").unwrap();
    module.add_function(wrap!(explode)).unwrap();
    module.add_function(wrap!(double_or_panic)).unwrap();
    module
}

#[test]
fn panic_exception_type() {
    Gil::with(|gil| {
        let ty = PanicException::type_object(gil);
        assert_eq!(ty.name().unwrap().to_string(), "PanicException");
        assert_eq!(ty.getattr("__module__").unwrap().to_string(), "bind");
        assert!(ty.is_subclass_of::<PyBaseExceptionType>());
        // Not an Exception: `except Exception:` must not swallow a panic.
        assert!(!ty.is_subclass_of::<PyException>());
        assert!(PanicException::type_object(gil).is(&ty));
    });
}

#[test]
fn panic_in_function_becomes_panic_exception_in_rust() {
    Gil::with(|gil| {
        let module = probe_module(gil);
        let err = module
            .call_method1("explode", ("kept message",))
            .unwrap_err();
        assert!(err.is_instance_of::<PanicException>(gil));
        assert!(err.is_instance_of::<PyBaseExceptionType>(gil));
        assert!(!err.is_instance_of::<PyException>(gil));
        assert_eq!(err.to_string(), "PanicException: kept message");
        assert!(PyErr::take(gil).is_none());
        // The interpreter and the function keep working.
        let v: i64 = module
            .call_method1("double_or_panic", (21,))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(v, 42);
        let err = module.call_method1("double_or_panic", (-1,)).unwrap_err();
        assert_eq!(err.to_string(), "PanicException: negative input: -1");
    });
    assert!(!bind::gil::gil_is_held());
}

#[test]
fn panic_exception_seen_from_python() {
    Gil::with(|gil| {
        let globals = PyDict::new(gil);
        globals.set_item("probe", probe_module(gil)).unwrap();
        gil.run(
            r#"
try:
    try:
        probe.explode("from python")
    except Exception:
        swallowed = True   # must not happen
except BaseException as e:
    caught = (type(e).__name__, type(e).__module__, str(e), e.args)
"#,
            Some(&globals),
            None,
        )
        .unwrap();
        assert!(globals.get_item("swallowed").unwrap().is_none());
        let caught: (String, String, String, (String,)) = globals
            .get_item("caught")
            .unwrap()
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(
            caught,
            (
                "PanicException".to_owned(),
                "bind".to_owned(),
                "from python".to_owned(),
                ("from python".to_owned(),)
            )
        );
        // Uncaught in Python: it propagates back to Rust through the Python frames.
        let err = gil
            .run(
                "def f():\n    probe.explode('deep')\nf()\n",
                Some(&globals),
                None,
            )
            .unwrap_err();
        assert!(err.is_instance_of::<PanicException>(gil));
        let tb = err.traceback(gil).unwrap().format().unwrap();
        assert!(tb.contains("in f"), "{tb}");
    });
}

// Raw entry points built directly on the trampoline, called through `PyCFunction_NewEx`.

unsafe extern "C" fn raw_panics(
    _slf: *mut ffi::PyObject,
    _args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls this METH_NOARGS function with the GIL held.
    unsafe { trampoline(|_gil| -> PyResult<*mut ffi::PyObject> { panic!("raw panic") }) }
}

unsafe extern "C" fn raw_panics_any(
    _slf: *mut ffi::PyObject,
    _args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as above.
    unsafe { trampoline(|_gil| -> PyResult<*mut ffi::PyObject> { std::panic::panic_any(42_u32) }) }
}

unsafe extern "C" fn raw_errors(
    _slf: *mut ffi::PyObject,
    _args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as above.
    unsafe { trampoline(|_gil| Err(PyValueError::new_err("raw error"))) }
}

unsafe extern "C" fn raw_returns(
    _slf: *mut ffi::PyObject,
    _args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as above.
    unsafe { trampoline(|gil| Ok(gil.eval("'raw ok'")?.into_ptr())) }
}

unsafe extern "C" fn raw_unraisable(
    slf: *mut ffi::PyObject,
    _args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as above; `slf` (the module) is the context reported with the error.
    unsafe {
        trampoline_unraisable(|_gil| panic!("panic in a destructor"), slf);
        trampoline(|gil| Ok(gil.none().into_ptr()))
    }
}

const fn noargs(name: &'static std::ffi::CStr, f: ffi::PyCFunction) -> ffi::PyMethodDef {
    ffi::PyMethodDef {
        ml_name: name.as_ptr(),
        ml_meth: ffi::PyMethodDefPointer { noargs: f },
        ml_flags: ffi::METH_NOARGS,
        ml_doc: std::ptr::null(),
    }
}

static RAW_PANICS: ffi::PyMethodDef = noargs(c"raw_panics", raw_panics);
static RAW_PANICS_ANY: ffi::PyMethodDef = noargs(c"raw_panics_any", raw_panics_any);
static RAW_ERRORS: ffi::PyMethodDef = noargs(c"raw_errors", raw_errors);
static RAW_RETURNS: ffi::PyMethodDef = noargs(c"raw_returns", raw_returns);
static RAW_UNRAISABLE: ffi::PyMethodDef = noargs(c"raw_unraisable", raw_unraisable);

fn raw_function<'py>(gil: Gil<'py>, def: &'static ffi::PyMethodDef) -> Owned<'py, PyAny> {
    // SAFETY: `def` is static (CPython keeps the pointer and never writes through it);
    // null self and module are allowed; NewEx returns a new reference or null.
    unsafe {
        Owned::from_owned_ptr_or_err(
            gil,
            ffi::PyCFunction_NewEx(
                def as *const ffi::PyMethodDef as *mut ffi::PyMethodDef,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            ),
        )
        .unwrap()
    }
}

#[test]
fn raw_trampoline_turns_a_panic_into_panic_exception() {
    Gil::with(|gil| {
        let f = raw_function(gil, &RAW_PANICS);
        let err = f.call0().unwrap_err();
        assert!(err.is_instance_of::<PanicException>(gil));
        assert_eq!(err.to_string(), "PanicException: raw panic");

        let f = raw_function(gil, &RAW_PANICS_ANY);
        let err = f.call0().unwrap_err();
        assert!(err.is_instance_of::<PanicException>(gil));
        assert_eq!(
            err.to_string(),
            "PanicException: Rust panic with a non-string payload"
        );
        // Repeated panics keep working (no state left behind).
        for _ in 0..3 {
            assert!(raw_function(gil, &RAW_PANICS)
                .call0()
                .unwrap_err()
                .is_instance_of::<PanicException>(gil));
        }
    });
}

#[test]
fn raw_trampoline_errors_and_values() {
    Gil::with(|gil| {
        let err = raw_function(gil, &RAW_ERRORS).call0().unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));
        assert_eq!(err.to_string(), "ValueError: raw error");
        let ok = raw_function(gil, &RAW_RETURNS).call0().unwrap();
        assert_eq!(ok.to_string(), "raw ok");
        assert!(PyErr::take(gil).is_none());
    });
}

#[test]
fn unraisable_panic_is_reported_not_raised() {
    Gil::with(|gil| {
        let globals = PyDict::new(gil);
        globals
            .set_item("f", raw_function(gil, &RAW_UNRAISABLE))
            .unwrap();
        gil.run(
            r#"
import sys
seen = []
old, sys.unraisablehook = sys.unraisablehook, lambda u: seen.append((type(u.exc_value).__name__, str(u.exc_value)))
try:
    result = f()
finally:
    sys.unraisablehook = old
"#,
            Some(&globals),
            None,
        )
        .unwrap();
        assert!(globals.get_item("result").unwrap().unwrap().is_none());
        let seen: Vec<(String, String)> = globals
            .get_item("seen")
            .unwrap()
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(
            seen,
            [(
                "PanicException".to_owned(),
                "panic in a destructor".to_owned()
            )]
        );
    });
}
