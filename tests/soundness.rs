//! Regression tests of soundness holes: each test reproduces a way in which safe Rust plus
//! ordinary Python code reached an aliased `&mut` or freed memory, and checks that bind now
//! refuses it with a Python exception.
use bind::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// A mutable class with primitive fields (formerly `PyMemberDef`s CPython wrote itself).
#[derive(PyType, Clone)]
#[bind(module = "soundness", subclass)]
struct Sample {
    #[bind(get, set)]
    x: f64,
    #[bind(get, set)]
    n: i64,
    #[bind(get)]
    flag: bool,
}

#[methods]
impl Sample {
    #[new]
    fn new(x: f64) -> Self {
        Sample {
            x,
            n: 0,
            flag: false,
        }
    }
}

/// A subclass: its instances reach `Sample`'s fields through `Sample`'s getsets.
#[derive(PyType)]
#[bind(module = "soundness", extends = Sample)]
struct Derived {
    #[bind(get, set)]
    y: f64,
}

#[methods]
impl Derived {
    #[new]
    fn new(x: f64, y: f64) -> (Self, Sample) {
        (Derived { y }, Sample::new(x))
    }
}

/// A frozen class: its primitive fields stay `PyMemberDef`s (no `&mut` can exist).
#[derive(PyType)]
#[bind(module = "soundness", frozen)]
struct Frozen {
    #[bind(get)]
    x: f64,
}

/// Runs Python code with `names` bound in its globals.
fn run_with(gil: Gil<'_>, names: &[(&str, Owned<'_, PyAny>)], code: &str) -> PyResult<()> {
    let globals = PyDict::new(gil);
    for (name, value) in names {
        globals.set_item(*name, value)?;
    }
    gil.run(code, Some(&globals), None)
}

fn is_runtime_error(gil: Gil<'_>, err: &PyErr) -> bool {
    err.is_instance_of::<bind::exceptions::PyRuntimeError>(gil)
}

#[test]
fn descriptor_set_under_a_shared_borrow_is_refused() {
    Gil::with(|gil| {
        let obj = Owned::new(gil, Sample::new(1.0)).unwrap();
        let shared = obj.borrow().unwrap();
        let any = obj.clone().into_any();
        // The data descriptor's own `__set__` bypasses any `tp_setattro` of the class.
        let err = run_with(
            gil,
            &[("o", any.clone())],
            "type(o).__dict__['x'].__set__(o, 5.0)",
        )
        .unwrap_err();
        assert!(is_runtime_error(gil, &err), "{err}");
        let err = run_with(gil, &[("o", any.clone())], "o.n = 7").unwrap_err();
        assert!(is_runtime_error(gil, &err), "{err}");
        assert_eq!(shared.x, 1.0);
        assert_eq!(shared.n, 0);
        // Reads stay allowed under a shared borrow.
        run_with(gil, &[("o", any.clone())], "assert o.x == 1.0 and o.n == 0").unwrap();
        drop(shared);
        run_with(
            gil,
            &[("o", any)],
            "type(o).__dict__['x'].__set__(o, 5.0); o.n = 7",
        )
        .unwrap();
        assert_eq!(obj.borrow().unwrap().x, 5.0);
        assert_eq!(obj.borrow().unwrap().n, 7);
    });
}

#[test]
fn base_fields_through_a_subclass_instance_check_the_base_flag() {
    Gil::with(|gil| {
        let derived = Owned::new(gil, Derived::new(1.0, 2.0)).unwrap();
        let any = derived.clone().into_any();
        let base: Owned<'_, Sample> = any.extract().unwrap();
        let base_mut = base.borrow_mut().unwrap();
        for code in [
            "o.x",
            "o.x = 3.0",
            "o.flag",
            "type(o).__mro__[1].x.__set__(o, 3.0)",
        ] {
            let err = run_with(gil, &[("o", any.clone())], code).unwrap_err();
            assert!(is_runtime_error(gil, &err), "{code}: {err}");
        }
        // The subclass's own level is not borrowed.
        run_with(gil, &[("o", any.clone())], "assert o.y == 2.0; o.y = 4.0").unwrap();
        assert_eq!(base_mut.x, 1.0);
        drop(base_mut);
        run_with(gil, &[("o", any)], "o.x = 3.0; assert o.x == 3.0").unwrap();
    });
}

/// Set by the Python thread of `field_reads_while_mut_is_lent_to_allow_threads` once it
/// has tried to read the field.
static READ_TRIED: AtomicBool = AtomicBool::new(false);

#[function]
fn read_tried() {
    READ_TRIED.store(true, Ordering::SeqCst);
}

#[test]
fn field_reads_while_mut_is_lent_to_allow_threads_are_refused() {
    Gil::with(|gil| {
        let obj = Owned::new(gil, Sample::new(1.0)).unwrap();
        let probe = PyModule::new(gil, "soundness_probe").unwrap();
        probe.add_function(wrap!(read_tried)).unwrap();
        let globals = PyDict::new(gil);
        globals.set_item("o", &obj).unwrap();
        globals.set_item("probe", probe).unwrap();
        let mut guard = obj.borrow_mut().unwrap();
        let value: &mut Sample = &mut guard;
        gil.run(
            r#"
import threading
seen = []
def reader():
    for attempt in ("o.x", "o.n"):
        try:
            eval(attempt)
        except RuntimeError:
            seen.append("refused")
        else:
            seen.append("read")
    probe.read_tried()
thread = threading.Thread(target=reader)
thread.start()
"#,
            Some(&globals),
            None,
        )
        .unwrap();
        // The `&mut Sample` is written on this thread while the reader runs Python.
        let finished = gil.allow_threads(|| {
            let deadline = Instant::now() + Duration::from_secs(60);
            while Instant::now() < deadline && !READ_TRIED.load(Ordering::SeqCst) {
                value.x += 1.0;
                value.n += 1;
                std::thread::sleep(Duration::from_millis(1));
            }
            READ_TRIED.load(Ordering::SeqCst)
        });
        assert!(finished, "the reader thread never ran");
        drop(guard);
        gil.run("thread.join(60)", Some(&globals), None).unwrap();
        gil.run(
            "assert seen == ['refused', 'refused'], seen",
            Some(&globals),
            None,
        )
        .unwrap();
    });
}

#[test]
fn frozen_fields_stay_members_and_cannot_be_written() {
    Gil::with(|gil| {
        let obj = Owned::new(gil, Frozen { x: 2.5 }).unwrap().into_any();
        run_with(
            gil,
            &[("o", obj)],
            r#"
import types
assert isinstance(type(o).__dict__['x'], types.MemberDescriptorType)
assert o.x == 2.5
for attempt in ("o.x = 1.0", "type(o).__dict__['x'].__set__(o, 1.0)"):
    try:
        exec(attempt)
    except AttributeError:
        pass
    else:
        raise AssertionError(attempt)
assert o.x == 2.5
"#,
        )
        .unwrap();
    });
}

#[test]
fn mutable_fields_are_getsets_that_convert_exactly() {
    Gil::with(|gil| {
        let obj = Owned::new(gil, Sample::new(1.0)).unwrap().into_any();
        run_with(
            gil,
            &[("o", obj)],
            r#"
import types
assert isinstance(type(o).__dict__['x'], types.GetSetDescriptorType)
o.n = 2**63 - 1
assert o.n == 2**63 - 1
for value, error in ((2**63, OverflowError), ("3", TypeError), (1.5, TypeError)):
    try:
        o.n = value
    except error as e:
        assert "attribute 'n' of 'Sample' objects" in str(e), str(e)
    else:
        raise AssertionError(value)
assert o.n == 2**63 - 1
try:
    del o.x
except AttributeError as e:
    assert "cannot delete" in str(e), str(e)
else:
    raise AssertionError("del")
try:
    o.flag = True
except AttributeError:
    pass
else:
    raise AssertionError("flag is read-only")
"#,
        )
        .unwrap();
    });
}

/// A `gc` node whose field is cleared by `tp_clear`.
#[derive(PyType)]
#[bind(module = "soundness", gc, weakref)]
struct Node {
    #[bind(get, set)]
    next: Option<Handle<PyAny>>,
}

#[methods]
impl Node {
    #[new]
    fn new() -> Self {
        Node { next: None }
    }
}

#[test]
fn reentrant_access_during_tp_clear_is_refused() {
    Gil::with(|gil| {
        let module = PyModule::new(gil, "soundness").unwrap();
        module.add_class::<Node>().unwrap();
        let node_type = module.getattr("Node").unwrap();
        // A cycle node → hook → node. Collecting it runs the hook's finalizer first, which
        // makes a new object holding a weak reference to the node; when `tp_clear` of the
        // node drops the hook, that object dies and its `__del__` reads `node.next` while
        // the clear is changing that very field.
        run_with(
            gil,
            &[("Node", node_type)],
            r#"
import gc, weakref
seen = []
class Late:
    def __init__(self, node):
        self.node = weakref.ref(node)
    def __del__(self):
        node = self.node()
        if node is None:
            seen.append("gone")
            return
        try:
            node.next
        except RuntimeError:
            seen.append("refused")
        else:
            seen.append("read")
class Hook:
    def __del__(self):
        self.late = Late(self.node)
gc.collect()
gc.disable()
try:
    n = Node()
    h = Hook()
    h.node = n
    n.next = h
    del n, h
    gc.collect()
finally:
    gc.enable()
assert seen == ["refused"], seen
"#,
        )
        .unwrap();
    });
}
