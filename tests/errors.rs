//! `PyErr`: lazy and normalized errors, the error indicator, exception details, the
//! conversions from std errors, and the exception macros.
use bind::create_exception;
use bind::exceptions::*;
use bind::prelude::*;
use bind::types::PyTypeInfo;

/// Runs `source` in fresh globals and returns them.
fn run<'py>(gil: Gil<'py>, source: &str) -> Owned<'py, PyDict> {
    let globals = PyDict::new(gil);
    gil.run(source, Some(&globals), None).unwrap();
    globals
}

/// Evaluates `expr` with `name` bound to `value`.
fn try_eval_with<'py>(
    gil: Gil<'py>,
    expr: &str,
    name: &str,
    value: impl IntoPyObject<'py>,
) -> PyResult<Owned<'py, PyAny>> {
    let globals = PyDict::new(gil);
    globals.set_item(name, value).unwrap();
    bind::types::run::eval(gil, expr, Some(&globals), None)
}

fn python_minor(gil: Gil<'_>) -> u32 {
    gil.eval("__import__('sys').version_info[1]")
        .unwrap()
        .extract()
        .unwrap()
}

#[test]
fn pyerr_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<PyErr>();
}

#[test]
fn new_err_needs_no_gil_and_can_cross_threads() {
    // Built on a thread that does not hold the GIL, inspected on another.
    let err = std::thread::spawn(|| PyValueError::new_err("made without the GIL"))
        .join()
        .unwrap();
    Gil::with(|gil| {
        assert!(err.is_instance_of::<PyValueError>(gil));
        assert_eq!(err.to_string(), "ValueError: made without the GIL");
    });
}

#[test]
fn lazy_error_builds_its_exception_once_when_needed() {
    Gil::with(|gil| {
        let globals = run(
            gil,
            r#"
built = [0]
class Counted(Exception):
    def __init__(self, *args):
        built[0] += 1
        super().__init__(*args)
"#,
        );
        let built = || -> i64 {
            bind::types::run::eval(gil, "built[0]", Some(&globals), None)
                .unwrap()
                .extract()
                .unwrap()
        };
        let ty = globals
            .get_item("Counted")
            .unwrap()
            .unwrap()
            .downcast_into::<PyType>()
            .unwrap();
        let err = PyErr::new_with_type(ty.clone().unbind(), "lazy message");
        assert_eq!(built(), 0, "a lazy error builds nothing up front");
        let value = err.value(gil).clone();
        assert_eq!(built(), 1);
        assert!(err.value(gil).is(&value), "value() is cached");
        assert_eq!(built(), 1);
        assert_eq!(
            value
                .getattr("args")
                .unwrap()
                .extract::<(String,)>()
                .unwrap()
                .0,
            "lazy message"
        );

        // With a tuple of arguments.
        let err = PyErr::new_with_args(ty.unbind(), (1, "two"));
        assert_eq!(built(), 1);
        let args: (i64, String) = err.value(gil).getattr("args").unwrap().extract().unwrap();
        assert_eq!(args, (1, "two".to_owned()));
        assert_eq!(built(), 2);
    });
}

#[test]
fn new_err_argument_forms() {
    Gil::with(|gil| {
        let args = |err: PyErr| {
            err.value(gil)
                .getattr("args")
                .unwrap()
                .repr()
                .unwrap()
                .to_string()
        };
        assert_eq!(args(PyValueError::new_err(())), "()");
        assert_eq!(args(PyValueError::new_err("static")), "('static',)");
        assert_eq!(
            args(PyValueError::new_err(String::from("owned"))),
            "('owned',)"
        );
        assert_eq!(args(PyValueError::new_err((1, 2.5, "x"))), "(1, 2.5, 'x')");
        assert_eq!(args(PyKeyError::new_err(("key",))), "('key',)");
    });
}

#[test]
fn take_and_fetch_with_nothing_set() {
    Gil::with(|gil| {
        assert!(PyErr::take(gil).is_none());
        let err = PyErr::fetch(gil);
        assert!(err.is_instance_of::<PySystemError>(gil));
        assert!(err.to_string().contains("without setting an exception"));
        assert!(PyErr::take(gil).is_none());
    });
}

#[test]
fn restore_take_round_trip_lazy() {
    Gil::with(|gil| {
        PyTypeError::new_err("round trip").restore(gil);
        let err = PyErr::take(gil).expect("an exception is set");
        assert!(PyErr::take(gil).is_none(), "take clears the indicator");
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert_eq!(err.value(gil).str().unwrap().to_string(), "round trip");
    });
}

#[test]
fn restore_take_round_trip_keeps_the_same_object() {
    Gil::with(|gil| {
        let err = gil.eval("int('x')").unwrap_err();
        let original = err.value(gil).clone();
        let tb = err.traceback(gil).expect("raised from Python code");
        err.restore(gil);
        let again = PyErr::take(gil).unwrap();
        assert!(again.value(gil).is(&original));
        let tb_again = again.traceback(gil).unwrap();
        assert!(tb_again.is(&tb));
    });
}

#[test]
fn restored_error_is_seen_by_python() {
    Gil::with(|gil| {
        // A restored error is what a C function returning NULL reports; Python's
        // `PyErr_Occurred` sees it.
        PyIndexError::new_err("seen").restore(gil);
        // SAFETY: the GIL is held.
        let occurred = unsafe { bind::ffi::PyErr_Occurred() };
        assert!(!occurred.is_null());
        // SAFETY: `occurred` is a borrowed pointer to the current exception's type.
        assert_eq!(occurred, unsafe { bind::ffi::PyExc_IndexError });
        let err = PyErr::take(gil).unwrap();
        assert!(err.is_instance_of::<PyIndexError>(gil));
    });
}

const RAISING: &str = r#"
def inner(x):
    raise KeyError(x)

def outer(x):
    return inner(x)
"#;

#[test]
fn value_type_and_traceback_from_python_code() {
    Gil::with(|gil| {
        let globals = run(gil, RAISING);
        let outer = globals.get_item("outer").unwrap().unwrap();
        let err = outer.call1(("missing",)).unwrap_err();
        assert!(err.is_instance_of::<PyKeyError>(gil));
        assert!(err.get_type(gil).is(&PyKeyError::type_object(gil)));
        assert_eq!(err.get_type(gil).name().unwrap().to_string(), "KeyError");
        let value = err.value(gil);
        assert!(value.is_instance_of::<PyKeyError>());
        assert_eq!(
            value
                .getattr("args")
                .unwrap()
                .extract::<(String,)>()
                .unwrap()
                .0,
            "missing"
        );
        let tb = err.traceback(gil).expect("a traceback");
        let text = tb.format().unwrap();
        assert!(text.contains("in outer"), "{text}");
        assert!(text.contains("in inner"), "{text}");
        assert!(text.contains("line 3, in inner"), "{text}");
        // A lazy error raised from Rust has no traceback.
        assert!(PyKeyError::new_err("k").traceback(gil).is_none());
    });
}

#[test]
fn is_instance_of_follows_the_hierarchy() {
    Gil::with(|gil| {
        let err = PyFileNotFoundError::new_err("nope");
        assert!(err.is_instance_of::<PyFileNotFoundError>(gil));
        assert!(err.is_instance_of::<PyOSError>(gil));
        assert!(err.is_instance_of::<PyException>(gil));
        assert!(err.is_instance_of::<PyBaseExceptionType>(gil));
        assert!(!err.is_instance_of::<PyValueError>(gil));
        assert!(!err.is_instance_of::<PyPermissionError>(gil));
    });
}

#[test]
fn matches_a_type_or_a_tuple() {
    Gil::with(|gil| {
        let err = PyValueError::new_err("v");
        let value_error = PyValueError::type_object(gil);
        let type_error = PyTypeError::type_object(gil);
        assert!(err.matches(gil, &value_error));
        assert!(!err.matches(gil, &type_error));
        let both = PyTuple::new(gil, [type_error.clone(), value_error.clone()]).unwrap();
        assert!(err.matches(gil, &both));
        let neither = PyTuple::new(gil, [type_error, PyKeyError::type_object(gil)]).unwrap();
        assert!(!err.matches(gil, &neither));
        // A base class matches too, as in `except Exception:`.
        assert!(err.matches(gil, &PyException::type_object(gil)));
    });
}

#[test]
fn explicit_cause() {
    Gil::with(|gil| {
        let err = gil
            .run(
                "try:\n    {}['k']\nexcept KeyError as e:\n    raise RuntimeError('wrapped') from ValueError('root')\n",
                None,
                None,
            )
            .unwrap_err();
        assert!(err.is_instance_of::<PyRuntimeError>(gil));
        let cause = err.cause(gil).expect("raise ... from sets __cause__");
        assert!(cause.is_instance_of::<PyValueError>(gil));
        assert_eq!(cause.to_string(), "ValueError: root");
        // The handled KeyError is still the implicit context.
        let context = err.context(gil).expect("__context__ is set too");
        assert!(context.is_instance_of::<PyKeyError>(gil));
    });
}

#[test]
fn implicit_context() {
    Gil::with(|gil| {
        let err = gil
            .run("try:\n    1 / 0\nexcept ZeroDivisionError:\n    raise LookupError('during handling')\n", None, None)
            .unwrap_err();
        assert!(err.is_instance_of::<PyLookupError>(gil));
        assert!(err.cause(gil).is_none());
        let context = err.context(gil).unwrap();
        assert!(context.is_instance_of::<PyZeroDivisionError>(gil));
        assert!(context.context(gil).is_none());
    });
}

#[test]
fn set_cause_from_rust() {
    Gil::with(|gil| {
        let err = PyRuntimeError::new_err("outer");
        err.set_cause(gil, Some(PyValueError::new_err("inner")));
        let cause = err.cause(gil).unwrap();
        assert!(cause.is_instance_of::<PyValueError>(gil));
        // Python sees it as __cause__, with __suppress_context__ set as `raise from` does.
        let value = err.value(gil);
        let py_cause = value.getattr("__cause__").unwrap();
        assert!(py_cause.is(cause.value(gil)));
        assert!(value
            .getattr("__suppress_context__")
            .unwrap()
            .is_truthy()
            .unwrap());
        err.set_cause(gil, None);
        assert!(err.cause(gil).is_none());
    });
}

#[test]
fn add_note() {
    Gil::with(|gil| {
        let err = PyValueError::new_err("with notes");
        let result = err.add_note(gil, "first note");
        if python_minor(gil) >= 11 {
            result.unwrap();
            err.add_note(gil, "second note").unwrap();
            let notes: Vec<String> = err
                .value(gil)
                .getattr("__notes__")
                .unwrap()
                .extract()
                .unwrap();
            assert_eq!(notes, ["first note", "second note"]);
        } else {
            // BaseException.add_note does not exist before 3.11.
            let e = result.unwrap_err();
            assert!(e.is_instance_of::<PyAttributeError>(gil), "{e}");
        }
    });
}

#[test]
fn clone_ref_shares_the_exception() {
    Gil::with(|gil| {
        let err = PyValueError::new_err("shared");
        let copy = err.clone_ref(gil);
        assert!(copy.value(gil).is(err.value(gil)));
        // Mutations through one are visible through the other.
        err.value(gil).setattr("marker", 7).unwrap();
        assert_eq!(
            copy.value(gil)
                .getattr("marker")
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            7
        );
        drop(err);
        assert!(copy.is_instance_of::<PyValueError>(gil));
    });
}

#[test]
fn into_value_and_from_value() {
    Gil::with(|gil| {
        let exc = PyValueError::new_err("v").into_value(gil);
        assert!(exc.is_instance_of::<PyValueError>());
        let err = PyErr::from_value(exc.clone().into_any());
        assert!(err.value(gil).is(&exc));
        // An exception type is instantiated with no arguments.
        let err = PyErr::from_value(PyKeyError::type_object(gil).into_any());
        assert!(err.is_instance_of::<PyKeyError>(gil));
        assert_eq!(err.to_string(), "KeyError");
        // Anything else is a TypeError.
        let err = PyErr::from_value(gil.eval("42").unwrap());
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert!(err.to_string().contains("BaseException"), "{err}");
    });
}

#[test]
fn display_and_debug() {
    Gil::with(|gil| {
        let err = PyValueError::new_err("bad value");
        assert_eq!(err.to_string(), "ValueError: bad value");
        assert_eq!(
            format!("{err:?}"),
            r#"PyErr { exception: "ValueError: bad value" }"#
        );
        assert_eq!(PyStopIteration::new_err(()).to_string(), "StopIteration");
        // KeyError's str() is the repr of its key.
        assert_eq!(PyKeyError::new_err("k").to_string(), "KeyError: 'k'");
        let from_python = gil.eval("[][1]").unwrap_err();
        assert_eq!(
            from_python.to_string(),
            "IndexError: list index out of range"
        );
    });
    // Display also works without holding the GIL (it acquires it).
    let err = PyOverflowError::new_err("too big");
    assert_eq!(format!("{err}"), "OverflowError: too big");
    // And as a std error.
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(err);
    assert_eq!(boxed.to_string(), "OverflowError: too big");
}

#[test]
fn print_writes_to_sys_stderr_and_clears() {
    Gil::with(|gil| {
        let globals = run(
            gil,
            "import io, sys\ncapture = io.StringIO()\nsaved, sys.stderr = sys.stderr, capture\n",
        );
        let err = gil
            .run(
                "def f():\n    raise ValueError('printed')\nf()\n",
                None,
                None,
            )
            .unwrap_err();
        err.print(gil);
        gil.run("sys.stderr = saved", Some(&globals), None).unwrap();
        let text: String = bind::types::run::eval(gil, "capture.getvalue()", Some(&globals), None)
            .unwrap()
            .extract()
            .unwrap();
        assert!(text.contains("Traceback (most recent call last)"), "{text}");
        assert!(text.contains("ValueError: printed"), "{text}");
        assert!(PyErr::take(gil).is_none(), "print leaves no exception set");
        // The error itself is still usable.
        assert!(err.is_instance_of::<PyValueError>(gil));
    });
}

#[test]
fn io_error_not_found_with_errno() {
    Gil::with(|gil| {
        let io = std::fs::File::open("/definitely/not/here").unwrap_err();
        assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
        let err = PyErr::from(io);
        assert!(err.is_instance_of::<PyFileNotFoundError>(gil));
        assert!(err.is_instance_of::<PyOSError>(gil));
        let value = err.value(gil);
        assert_eq!(
            value.getattr("errno").unwrap().extract::<i32>().unwrap(),
            libc_enoent()
        );
        assert_eq!(
            value
                .getattr("strerror")
                .unwrap()
                .extract::<String>()
                .unwrap(),
            "No such file or directory"
        );
        // The same text Python gives for the same failure (without the file name, which
        // io::Error does not carry).
        assert_eq!(
            err.to_string(),
            "FileNotFoundError: [Errno 2] No such file or directory"
        );
    });
}

fn libc_enoent() -> i32 {
    2
}

#[test]
fn io_error_kinds_map_to_oserror_subclasses() {
    use std::io::{Error, ErrorKind};
    Gil::with(|gil| {
        let err = PyErr::from(Error::from_raw_os_error(13));
        assert!(err.is_instance_of::<PyPermissionError>(gil));
        assert_eq!(
            err.value(gil)
                .getattr("errno")
                .unwrap()
                .extract::<i32>()
                .unwrap(),
            13
        );

        // CPython picks the subclass from errno too: compare with OSError(13, ...).
        let python_pick = gil
            .eval("type(OSError(13, 'x')).__name__")
            .unwrap()
            .to_string();
        assert_eq!(python_pick, "PermissionError");

        // Without an OS code: the kind picks the type, the message is the only argument.
        let err = PyErr::from(Error::new(ErrorKind::NotFound, "custom message"));
        assert!(err.is_instance_of::<PyFileNotFoundError>(gil));
        assert_eq!(err.to_string(), "FileNotFoundError: custom message");
        assert!(err.value(gil).getattr("errno").unwrap().is_none());

        let cases: &[(ErrorKind, &str)] = &[
            (ErrorKind::PermissionDenied, "PermissionError"),
            (ErrorKind::AlreadyExists, "FileExistsError"),
            (ErrorKind::ConnectionRefused, "ConnectionRefusedError"),
            (ErrorKind::BrokenPipe, "BrokenPipeError"),
            (ErrorKind::TimedOut, "TimeoutError"),
            (ErrorKind::WouldBlock, "BlockingIOError"),
            (ErrorKind::Interrupted, "InterruptedError"),
            (ErrorKind::InvalidInput, "ValueError"),
            (ErrorKind::UnexpectedEof, "EOFError"),
            (ErrorKind::Other, "OSError"),
        ];
        for &(kind, name) in cases {
            let err = PyErr::from(Error::new(kind, "m"));
            assert_eq!(
                err.get_type(gil).name().unwrap().to_string(),
                name,
                "{kind:?}"
            );
        }
    });
}

#[test]
fn parse_errors_become_value_error() {
    Gil::with(|gil| {
        let err = PyErr::from("12x".parse::<i32>().unwrap_err());
        assert!(err.is_instance_of::<PyValueError>(gil));
        assert_eq!(err.to_string(), "ValueError: invalid digit found in string");
        let err = PyErr::from("1.2.3".parse::<f64>().unwrap_err());
        assert!(err.is_instance_of::<PyValueError>(gil));
        let err = PyErr::from("maybe".parse::<bool>().unwrap_err());
        assert!(err.is_instance_of::<PyValueError>(gil));
        let err = PyErr::from(u8::try_from(300i32).unwrap_err());
        assert!(err.is_instance_of::<PyOverflowError>(gil));
        // `?` converts in functions returning PyResult.
        fn parse(text: &str) -> PyResult<i64> {
            Ok(text.parse::<i64>()?)
        }
        assert_eq!(parse("17").unwrap(), 17);
        assert!(parse("seventeen")
            .unwrap_err()
            .is_instance_of::<PyValueError>(gil));
    });
}

/// The fields of a UnicodeDecodeError: (encoding, object, start, end, reason).
type DecodeFields = (String, Vec<u8>, usize, usize, String);

fn decode_fields(err: &PyErr, gil: Gil<'_>) -> DecodeFields {
    let v = err.value(gil);
    (
        v.getattr("encoding").unwrap().extract().unwrap(),
        v.getattr("object").unwrap().extract().unwrap(),
        v.getattr("start").unwrap().extract().unwrap(),
        v.getattr("end").unwrap().extract().unwrap(),
        v.getattr("reason").unwrap().extract().unwrap(),
    )
}

#[test]
fn from_utf8_error_matches_python_decoder() {
    let inputs: &[&[u8]] = &[
        b"a\xffb",           // invalid start byte
        b"ab\xe2\x28\xa1",   // invalid continuation byte
        b"\xf0\x90\x28\xbc", // 4-byte lead, broken after two bytes
        b"ok\xe2\x82",       // truncated at the end
        b"\xc0\xaf",         // overlong encoding
        b"\xed\xa0\x80",     // surrogate
    ];
    Gil::with(|gil| {
        for &input in inputs {
            let rust = String::from_utf8(input.to_vec()).unwrap_err();
            let err = PyErr::from(rust);
            assert!(err.is_instance_of::<PyUnicodeDecodeError>(gil));
            assert!(err.is_instance_of::<PyValueError>(gil));
            let ours = decode_fields(&err, gil);

            let bytes = bind::types::PyBytes::new(gil, input);
            let python = try_eval_with(gil, "b.decode('utf-8')", "b", bytes).unwrap_err();
            let theirs = decode_fields(&python, gil);
            assert_eq!(ours, theirs, "input {input:?}");
            assert_eq!(err.to_string(), python.to_string());
        }
    });
}

#[test]
fn utf8_error_without_the_bytes() {
    let input = b"ab\xffcd".to_vec();
    let utf8 = std::str::from_utf8(&input).unwrap_err();
    Gil::with(|gil| {
        let err = PyErr::from(utf8);
        assert!(err.is_instance_of::<PyUnicodeDecodeError>(gil));
        let (encoding, object, start, end, _reason) = decode_fields(&err, gil);
        assert_eq!(encoding, "utf-8");
        // The bytes are not known, but the position of the bad sequence is.
        assert!(object.is_empty());
        assert_eq!((start, end), (2, 3));
    });
}

create_exception!(
    my_module,
    MyError,
    bind::exceptions::PyValueError,
    "Raised when things go wrong."
);
create_exception!(my_module, PlainError, bind::exceptions::PyException);

#[test]
fn create_exception_type() {
    Gil::with(|gil| {
        let ty = MyError::type_object(gil);
        assert_eq!(ty.name().unwrap().to_string(), "MyError");
        assert_eq!(ty.getattr("__module__").unwrap().to_string(), "my_module");
        assert_eq!(
            ty.getattr("__doc__").unwrap().to_string(),
            "Raised when things go wrong."
        );
        assert!(ty.is_subclass_of::<PyValueError>());
        assert!(ty.is_subclass_of::<PyException>());
        assert!(!ty.is_subclass_of::<PyTypeError>());
        // Created once.
        assert!(MyError::type_object(gil).is(&ty));
        assert!(PlainError::type_object(gil)
            .getattr("__doc__")
            .unwrap()
            .is_none());
        assert!(PlainError::type_object(gil).is_subclass_of::<PyException>());

        let err = MyError::new_err("custom");
        assert!(err.is_instance_of::<MyError>(gil));
        assert!(err.is_instance_of::<PyValueError>(gil));
        assert!(!err.is_instance_of::<PlainError>(gil));
        assert_eq!(err.to_string(), "MyError: custom");
    });
}

#[test]
fn create_exception_raised_and_caught_in_python() {
    Gil::with(|gil| {
        let globals = PyDict::new(gil);
        globals
            .set_item("MyError", MyError::type_object(gil))
            .unwrap();
        globals
            .set_item("from_rust", MyError::new_err(("rust", 1)).into_value(gil))
            .unwrap();
        gil.run(
            r#"
try:
    raise MyError("from python")
except ValueError as e:
    caught = (type(e).__name__, str(e))
try:
    raise from_rust
except MyError as e:
    caught_rust = e.args
"#,
            Some(&globals),
            None,
        )
        .unwrap();
        let caught: (String, String) = globals
            .get_item("caught")
            .unwrap()
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(caught, ("MyError".to_owned(), "from python".to_owned()));
        let caught: (String, i64) = globals
            .get_item("caught_rust")
            .unwrap()
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(caught, ("rust".to_owned(), 1));

        // Raised in Python, seen in Rust as MyError.
        let err = gil
            .run("raise MyError('escaped')", Some(&globals), None)
            .unwrap_err();
        assert!(err.is_instance_of::<MyError>(gil));
        assert!(err.value(gil).is_instance_of::<MyError>());
        assert_eq!(err.to_string(), "MyError: escaped");
    });
}

mod imported {
    bind::import_exception!(json, JSONDecodeError);
    bind::import_exception!(socket, gaierror);
    bind::import_exception!(email.errors, HeaderParseError);
}

#[test]
fn import_exception_types() {
    use imported::{gaierror, HeaderParseError, JSONDecodeError};
    Gil::with(|gil| {
        let ty = JSONDecodeError::type_object(gil);
        assert!(ty.is(&gil
            .import("json")
            .unwrap()
            .getattr("JSONDecodeError")
            .unwrap()));
        assert!(ty.is_subclass_of::<PyValueError>());

        let err = gil
            .import("json")
            .unwrap()
            .call_method1("loads", ("{",))
            .unwrap_err();
        assert!(err.is_instance_of::<JSONDecodeError>(gil));
        assert!(err.is_instance_of::<PyValueError>(gil));
        assert!(err.value(gil).is_instance_of::<JSONDecodeError>());

        assert!(gaierror::type_object(gil).is_subclass_of::<PyOSError>());
        let err = gaierror::new_err((-2, "Name or service not known"));
        assert!(err.is_instance_of::<gaierror>(gil));
        assert!(err.is_instance_of::<PyOSError>(gil));
        assert_eq!(
            err.value(gil)
                .getattr("errno")
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            -2
        );

        // A dotted module path.
        assert!(HeaderParseError::type_object(gil).is_subclass_of::<PyException>());
        assert!(HeaderParseError::new_err("h").is_instance_of::<HeaderParseError>(gil));
    });
}

#[test]
fn exception_hierarchy() {
    Gil::with(|gil| {
        macro_rules! sub {
            ($child:ty, $parent:ty) => {
                assert!(
                    <$child>::type_object(gil).is_subclass_of::<$parent>(),
                    "{} is not a subclass of {}",
                    stringify!($child),
                    stringify!($parent)
                );
            };
        }
        sub!(PyFileNotFoundError, PyOSError);
        sub!(PyPermissionError, PyOSError);
        sub!(PyConnectionRefusedError, PyConnectionError);
        sub!(PyConnectionError, PyOSError);
        sub!(PyTimeoutError, PyOSError);
        sub!(PyUnicodeDecodeError, PyUnicodeError);
        sub!(PyUnicodeError, PyValueError);
        sub!(PyKeyError, PyLookupError);
        sub!(PyIndexError, PyLookupError);
        sub!(PyZeroDivisionError, PyArithmeticError);
        sub!(PyOverflowError, PyArithmeticError);
        sub!(PyModuleNotFoundError, PyImportError);
        sub!(PyRecursionError, PyRuntimeError);
        sub!(PyNotImplementedError, PyRuntimeError);
        sub!(PyIndentationError, PySyntaxError);
        sub!(PyTabError, PyIndentationError);
        sub!(PyUnboundLocalError, PyNameError);
        sub!(PyDeprecationWarning, PyWarning);
        sub!(PyWarning, PyException);
        sub!(PyException, PyBaseExceptionType);
        sub!(PyKeyboardInterrupt, PyBaseExceptionType);
        sub!(PySystemExit, PyBaseExceptionType);
        sub!(PyGeneratorExit, PyBaseExceptionType);
        assert!(!PyKeyboardInterrupt::type_object(gil).is_subclass_of::<PyException>());
        assert!(!PySystemExit::type_object(gil).is_subclass_of::<PyException>());
        assert!(!PyKeyError::type_object(gil).is_subclass_of::<PyValueError>());
        // Each Rust type is the Python built-in of the same name.
        let builtins = gil.import("builtins").unwrap();
        macro_rules! same {
            ($($ty:ty => $name:literal),*) => {$(
                assert!(<$ty>::type_object(gil).is(&builtins.getattr($name).unwrap()), $name);
            )*};
        }
        same!(PyValueError => "ValueError", PyOSError => "OSError",
              PyBaseExceptionType => "BaseException", PyStopIteration => "StopIteration",
              PyTimeoutError => "TimeoutError", PyUnicodeDecodeError => "UnicodeDecodeError");
    });
}
