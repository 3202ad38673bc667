//! Calling Python from Rust: calls with positional and keyword arguments, methods,
//! eval/run with explicit namespaces, modules, and errors raised by the callee.
use bind::exceptions::*;
use bind::prelude::*;
use bind::types::run;

const FUNCTIONS: &str = r#"
def describe(*args, **kwargs):
    return repr(args) + ' ' + repr(sorted(kwargs.items()))

def add(a, b=10, *, scale=1):
    return (a + b) * scale

class Greeter:
    def __init__(self, greeting):
        self.greeting = greeting
    def greet(self, name, punctuation='.'):
        return f'{self.greeting}, {name}{punctuation}'

def fail(kind):
    if kind == 'value':
        raise ValueError('bad kind')
    return helper_that_fails()

def helper_that_fails():
    return {}['absent']
"#;

fn namespace(gil: Gil<'_>) -> Owned<'_, PyDict> {
    let globals = PyDict::new(gil);
    gil.run(FUNCTIONS, Some(&globals), None).unwrap();
    globals
}

fn get<'py>(ns: &Owned<'py, PyDict>, name: &str) -> Owned<'py, PyAny> {
    ns.get_item(name).unwrap().unwrap()
}

#[test]
fn call0_call1_and_call() {
    Gil::with(|gil| {
        let ns = namespace(gil);
        let describe = get(&ns, "describe");
        assert_eq!(describe.call0().unwrap().to_string(), "() []");
        assert_eq!(describe.call1((1,)).unwrap().to_string(), "(1,) []");
        assert_eq!(
            describe.call1((1, "two", 3.5, true)).unwrap().to_string(),
            "(1, 'two', 3.5, True) []"
        );
        let kwargs = PyDict::new(gil);
        kwargs.set_item("x", 1).unwrap();
        kwargs.set_item("y", "why").unwrap();
        assert_eq!(
            describe.call((0,), Some(&kwargs)).unwrap().to_string(),
            "(0,) [('x', 1), ('y', 'why')]"
        );
        assert_eq!(
            describe.call((), Some(&kwargs)).unwrap().to_string(),
            "() [('x', 1), ('y', 'why')]"
        );
        // A tuple handle as the argument list.
        let args = PyTuple::new(gil, [7, 8]).unwrap();
        assert_eq!(describe.call1(&args).unwrap().to_string(), "(7, 8) []");
        assert_eq!(describe.call(args, None).unwrap().to_string(), "(7, 8) []");
    });
}

#[test]
fn keyword_and_default_arguments() {
    Gil::with(|gil| {
        let ns = namespace(gil);
        let add = get(&ns, "add");
        assert_eq!(add.call1((1,)).unwrap().extract::<i64>().unwrap(), 11);
        assert_eq!(add.call1((1, 2)).unwrap().extract::<i64>().unwrap(), 3);
        let kwargs = PyDict::new(gil);
        kwargs.set_item("scale", 3).unwrap();
        kwargs.set_item("b", 4).unwrap();
        assert_eq!(
            add.call((1,), Some(&kwargs))
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            15
        );
        // Wrong arguments: TypeError from Python's own checks.
        let err = add.call0().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert!(err.to_string().contains("'a'"), "{err}");
        let bad = PyDict::new(gil);
        bad.set_item("nope", 1).unwrap();
        let err = add.call((1,), Some(&bad)).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert!(err.to_string().contains("nope"), "{err}");
    });
}

#[test]
fn calling_builtins_and_non_callables() {
    Gil::with(|gil| {
        let builtins = gil.import("builtins").unwrap();
        let max = builtins.getattr("max").unwrap();
        assert_eq!(max.call1((3, 9, 4)).unwrap().extract::<i64>().unwrap(), 9);
        let sorted = builtins.getattr("sorted").unwrap();
        let kwargs = PyDict::new(gil);
        kwargs.set_item("reverse", true).unwrap();
        let out: Vec<i64> = sorted
            .call((vec![2, 3, 1],), Some(&kwargs))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(out, [3, 2, 1]);
        let five = gil.eval("5").unwrap();
        assert!(!five.is_callable());
        let err = five.call0().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert_eq!(err.to_string(), "TypeError: 'int' object is not callable");
    });
}

#[test]
fn call_method_with_kwargs() {
    Gil::with(|gil| {
        let ns = namespace(gil);
        let greeter = get(&ns, "Greeter").call1(("Hello",)).unwrap();
        assert_eq!(
            greeter.call_method1("greet", ("Ada",)).unwrap().to_string(),
            "Hello, Ada."
        );
        let kwargs = PyDict::new(gil);
        kwargs.set_item("punctuation", "!").unwrap();
        assert_eq!(
            greeter
                .call_method("greet", ("Grace",), Some(&kwargs))
                .unwrap()
                .to_string(),
            "Hello, Grace!"
        );
        let kwargs = PyDict::new(gil);
        kwargs.set_item("name", "Alan").unwrap();
        assert_eq!(
            greeter
                .call_method("greet", (), Some(&kwargs))
                .unwrap()
                .to_string(),
            "Hello, Alan."
        );
        // Methods of built-in types.
        let text = PyStr::new(gil, "a,b,,c");
        let parts: Vec<String> = text
            .call_method1("split", (",",))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(parts, ["a", "b", "", "c"]);
        assert_eq!(text.call_method0("upper").unwrap().to_string(), "A,B,,C");
        let kwargs = PyDict::new(gil);
        kwargs.set_item("maxsplit", 1).unwrap();
        let parts: Vec<String> = text
            .call_method("split", (",",), Some(&kwargs))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(parts, ["a", "b,,c"]);
        // A missing method is an AttributeError.
        let err = greeter.call_method0("wave").unwrap_err();
        assert!(err.is_instance_of::<PyAttributeError>(gil));
        assert!(err.to_string().contains("wave"), "{err}");
    });
}

#[test]
fn eval_with_globals_and_locals() {
    Gil::with(|gil| {
        let globals = PyDict::new(gil);
        globals.set_item("x", 10).unwrap();
        let locals = PyDict::new(gil);
        locals.set_item("y", 5).unwrap();
        let v: i64 = run::eval(gil, "x * y", Some(&globals), Some(&locals))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(v, 50);
        // Locals shadow globals.
        locals.set_item("x", 1).unwrap();
        let v: i64 = run::eval(gil, "x * y", Some(&globals), Some(&locals))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(v, 5);
        // Builtins are available even in a fresh dict.
        let v: i64 = run::eval(gil, "len([1, 2, 3])", Some(&PyDict::new(gil)), None)
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(v, 3);
        // Missing names are NameErrors.
        let err = run::eval(gil, "undefined_name", Some(&globals), None).unwrap_err();
        assert!(err.is_instance_of::<PyNameError>(gil));
        // eval accepts expressions only.
        let err = gil.eval("x = 1").unwrap_err();
        assert!(err.is_instance_of::<PySyntaxError>(gil));
        // Source with a NUL byte cannot be compiled.
        let err = gil.eval("1\0").unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));
    });
}

#[test]
fn run_defines_a_function_then_rust_calls_it() {
    Gil::with(|gil| {
        let globals = PyDict::new(gil);
        gil.run(
            "def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n",
            Some(&globals),
            None,
        )
        .unwrap();
        let fib = globals.get_item("fib").unwrap().unwrap();
        assert!(fib.is_callable());
        let v: u64 = fib.call1((50,)).unwrap().extract().unwrap();
        assert_eq!(v, 12_586_269_025);
        // Separate locals: definitions land there, not in globals.
        let locals = PyDict::new(gil);
        gil.run("y = fib(10)", Some(&globals), Some(&locals))
            .unwrap();
        assert_eq!(
            locals
                .get_item("y")
                .unwrap()
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            55
        );
        assert!(globals.get_item("y").unwrap().is_none());
        // Syntax errors come back as SyntaxError with the line.
        let err = gil.run("def broken(:\n    pass\n", None, None).unwrap_err();
        assert!(err.is_instance_of::<PySyntaxError>(gil));
        assert_eq!(
            err.value(gil)
                .getattr("lineno")
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            1
        );
    });
}

#[test]
fn compile_then_evaluate() {
    Gil::with(|gil| {
        let code = run::compile(gil, "2 ** 10", "<power>", bind::ffi::Py_eval_input).unwrap();
        assert_eq!(code.getattr("co_filename").unwrap().to_string(), "<power>");
        let builtins = gil.import("builtins").unwrap();
        let v: i64 = builtins
            .getattr("eval")
            .unwrap()
            // Without a calling frame, builtins.eval needs explicit globals.
            .call1((code, PyDict::new(gil)))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(v, 1024);
    });
}

#[test]
fn module_import() {
    Gil::with(|gil| {
        let math = PyModule::import(gil, "math").unwrap();
        assert_eq!(math.name().unwrap(), "math");
        let v: f64 = math
            .getattr("sqrt")
            .unwrap()
            .call1((2.0,))
            .unwrap()
            .extract()
            .unwrap();
        assert!((v - std::f64::consts::SQRT_2).abs() < 1e-15);
        // Dotted names give the leaf module.
        let path = PyModule::import(gil, "os.path").unwrap();
        assert!(path.hasattr("join").unwrap());
        let err = PyModule::import(gil, "no_such_module_anywhere").unwrap_err();
        assert!(err.is_instance_of::<PyModuleNotFoundError>(gil));
        assert!(err.is_instance_of::<PyImportError>(gil));
        // gil.import is the same thing.
        assert!(gil.import("math").unwrap().is(&math));
    });
}

#[test]
fn module_from_code() {
    Gil::with(|gil| {
        let module = PyModule::from_code(
            gil,
            "VALUE = 42\ndef double(x):\n    return 2 * x\nclass Box:\n    pass\n",
            "calling_mod.py",
            "calling_mod",
        )
        .unwrap();
        assert_eq!(module.name().unwrap(), "calling_mod");
        assert_eq!(
            module.getattr("VALUE").unwrap().extract::<i64>().unwrap(),
            42
        );
        let doubled: i64 = module
            .call_method1("double", (21,))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(doubled, 42);
        assert_eq!(
            module.getattr("__file__").unwrap().to_string(),
            "calling_mod.py"
        );
        assert_eq!(
            module
                .getattr("Box")
                .unwrap()
                .getattr("__module__")
                .unwrap()
                .to_string(),
            "calling_mod"
        );
        // Registered in sys.modules: Python code can import it.
        let v: i64 = gil
            .eval("__import__('calling_mod').double(5)")
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(v, 10);
        // Errors at module execution propagate.
        let err = PyModule::from_code(
            gil,
            "raise RuntimeError('at import')",
            "bad.py",
            "calling_bad",
        )
        .unwrap_err();
        assert!(err.is_instance_of::<PyRuntimeError>(gil));
        let tb = err.traceback(gil).unwrap().format().unwrap();
        assert!(tb.contains("bad.py"), "{tb}");
    });
}

#[test]
fn errors_from_the_callee_keep_type_and_traceback() {
    Gil::with(|gil| {
        let ns = namespace(gil);
        let fail = get(&ns, "fail");
        let err = fail.call1(("value",)).unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));
        assert_eq!(err.to_string(), "ValueError: bad kind");
        let tb = err.traceback(gil).unwrap().format().unwrap();
        assert!(tb.contains("in fail"), "{tb}");

        let err = fail.call1(("other",)).unwrap_err();
        assert!(err.is_instance_of::<PyKeyError>(gil));
        assert_eq!(err.to_string(), "KeyError: 'absent'");
        let tb = err.traceback(gil).unwrap().format().unwrap();
        let fail_at = tb.find("in fail").expect("fail frame");
        let helper_at = tb.find("in helper_that_fails").expect("helper frame");
        assert!(fail_at < helper_at, "frames in call order:\n{tb}");
        // No exception is left set after the call failed.
        assert!(PyErr::take(gil).is_none());
        // A method call failing inside Python is the same.
        let greeter = get(&ns, "Greeter").call1(("Hi",)).unwrap();
        let err = greeter.call_method1("greet", ()).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
    });
}

#[test]
fn callee_can_call_back_into_other_python_code() {
    Gil::with(|gil| {
        let builtins = gil.import("builtins").unwrap();
        let map = builtins.getattr("map").unwrap();
        let abs = builtins.getattr("abs").unwrap();
        let list = builtins.getattr("list").unwrap();
        let out: Vec<i64> = list
            .call1((map.call1((abs, vec![-1i64, 2, -3])).unwrap(),))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(out, [1, 2, 3]);
    });
}
