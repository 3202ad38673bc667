//! Freeing long chains of bind objects: every class kind survives a chain of 1,000,000
//! objects, each holding the next (through a field, the instance `__dict__`, a native
//! base's storage or an exception's `__cause__`), as the pure-Python equivalent does.
//!
//! Each case runs in a child process (a stack overflow would otherwise take the whole test
//! binary with it) on the main thread's stack, as a Python program would.
use bind::exceptions::PyException;
use bind::prelude::*;
use bind::types::PyDict;
use std::process::Command;

/// No `gc`: holds the next object in a plain field.
#[derive(PyType)]
#[bind(module = "chains")]
struct Plain {
    #[bind(get)]
    next: Option<Handle<PyAny>>,
}

#[methods]
impl Plain {
    #[new]
    fn new(next: Option<Handle<PyAny>>) -> Self {
        Plain { next }
    }
}

/// `gc`: the same, tracked by the collector.
#[derive(PyType)]
#[bind(module = "chains", gc)]
struct Tracked {
    #[bind(get, set)]
    next: Option<Handle<PyAny>>,
}

#[methods]
impl Tracked {
    #[new]
    fn new(next: Option<Handle<PyAny>>) -> Self {
        Tracked { next }
    }
}

/// `dict`: the next object lives in the instance dict.
#[derive(PyType)]
#[bind(module = "chains", dict)]
struct WithDict {}

#[methods]
impl WithDict {
    #[new]
    fn new() -> Self {
        WithDict {}
    }
}

/// A native base: the next object is an item of the dict part.
#[derive(PyType, Default)]
#[bind(module = "chains", extends = PyDict)]
struct DictBased {}

#[methods]
impl DictBased {
    #[new]
    fn new() -> Self {
        DictBased {}
    }
}

/// An exception: the next one is its `__cause__`.
#[derive(PyType)]
#[bind(module = "chains", extends = PyException, subclass)]
struct Failure {}

#[methods]
impl Failure {
    #[new]
    #[bind(signature = (*_args))]
    fn new(_args: Owned<'_, PyTuple>) -> Self {
        Failure {}
    }
}

/// Marks the child process that runs one case.
const CHILD_VAR: &str = "BIND_DEALLOC_CASE";

const LENGTH: usize = 1_000_000;

/// Builds a chain of `LENGTH` objects with `link` (Python statements, indented by four
/// spaces, that make `obj` from `prev`), then frees it at once; with `cycle`, the last
/// object also refers to the first and the collector frees the whole cycle.
fn chain_case(name: &str, link: &str, cycle: bool) {
    if std::env::var(CHILD_VAR).as_deref() != Ok(name) {
        let out = Command::new(std::env::current_exe().expect("the test binary"))
            .args([name, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_VAR, name)
            .output()
            .expect("the test binary runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("1 passed"),
            "{name} failed in its child process ({}):\n{stdout}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr),
        );
        return;
    }
    Gil::with(|gil| {
        let module = PyModule::new(gil, "chains").unwrap();
        module.add_class::<Plain>().unwrap();
        module.add_class::<Tracked>().unwrap();
        module.add_class::<WithDict>().unwrap();
        module.add_class::<DictBased>().unwrap();
        module.add_class::<Failure>().unwrap();
        let globals = PyDict::new(gil);
        for class in ["Plain", "Tracked", "WithDict", "DictBased", "Failure"] {
            globals
                .set_item(class, module.getattr(class).unwrap())
                .unwrap();
        }
        let close = if cycle {
            "first.next = prev\ndel first\n"
        } else {
            ""
        };
        let code = format!(
            "import gc\ngc.disable()\nprev = None\nfor i in range({LENGTH}):\n{link}\n    prev = obj\n    if i == 0:\n        first = obj\n{close}del obj\ndel prev\ngc.enable()\ngc.collect()\n"
        );
        if !cycle {
            let code = code.replace("        first = obj", "        pass");
            gil.run(&code, Some(&globals), None).unwrap();
        } else {
            gil.run(&code, Some(&globals), None).unwrap();
        }
    });
}

#[test]
fn chain_of_plain_objects() {
    chain_case("chain_of_plain_objects", "    obj = Plain(prev)", false);
}

#[test]
fn chain_of_gc_objects() {
    chain_case("chain_of_gc_objects", "    obj = Tracked(prev)", false);
}

#[test]
fn chain_through_instance_dicts() {
    chain_case(
        "chain_through_instance_dicts",
        "    obj = WithDict()\n    obj.next = prev",
        false,
    );
}

#[test]
fn chain_through_native_base_storage() {
    chain_case(
        "chain_through_native_base_storage",
        "    obj = DictBased()\n    obj['next'] = prev",
        false,
    );
}

#[test]
fn chain_of_exception_causes() {
    chain_case(
        "chain_of_exception_causes",
        "    obj = Failure()\n    obj.__cause__ = prev",
        false,
    );
}

#[test]
fn long_gc_cycle_is_collected() {
    chain_case(
        "long_gc_cycle_is_collected",
        "    obj = Tracked(prev)",
        true,
    );
}
