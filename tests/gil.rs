//! The GIL: nested acquisition, acquisition from threads Python never saw, releasing it
//! with `allow_threads`, and deferred reference drops on threads without the GIL.
use bind::gil::gil_is_held;
use bind::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Whether CPython itself says this thread holds the GIL.
fn python_says_gil_held() -> bool {
    // SAFETY: PyGILState_Check may be called at any time once Python is initialised.
    unsafe { bind::ffi::PyGILState_Check() == 1 }
}

#[test]
fn nested_acquisition() {
    assert!(!gil_is_held());
    let total: i64 = Gil::with(|outer| {
        assert!(gil_is_held());
        assert!(python_says_gil_held());
        let a: i64 = outer.eval("1 + 1").unwrap().extract().unwrap();
        let b: i64 = Gil::with(|inner| {
            assert!(gil_is_held());
            let c: i64 = Gil::with(|innermost| innermost.eval("3").unwrap().extract().unwrap());
            let b: i64 = inner.eval("2 * 2").unwrap().extract().unwrap();
            b + c
        });
        // The outer scope still holds the GIL after the inner ones ended.
        assert!(gil_is_held());
        assert!(python_says_gil_held());
        a + b + outer.eval("10").unwrap().extract::<i64>().unwrap()
    });
    assert_eq!(total, 2 + 4 + 3 + 10);
    assert!(!gil_is_held());
}

#[test]
fn objects_from_an_outer_scope_stay_usable_in_an_inner_one() {
    Gil::with(|outer| {
        let list = PyList::new(outer, [1, 2, 3]).unwrap();
        Gil::with(|_inner| {
            list.append(4).unwrap();
        });
        assert_eq!(list.len(), 4);
    });
}

#[test]
fn acquisition_from_new_threads_concurrently() {
    const THREADS: usize = 8;
    const ROUNDS: i64 = 200;
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            std::thread::spawn(move || {
                assert!(!gil_is_held());
                let mut sum = 0i64;
                for i in 0..ROUNDS {
                    sum += Gil::with(|gil| {
                        assert!(python_says_gil_held());
                        let globals = PyDict::new(gil);
                        globals.set_item("t", t as i64).unwrap();
                        globals.set_item("i", i).unwrap();
                        bind::types::run::eval(gil, "t * 1000 + i", Some(&globals), None)
                            .unwrap()
                            .extract::<i64>()
                            .unwrap()
                    });
                    assert!(!gil_is_held());
                }
                // Python sees each of these OS threads as its own thread.
                let ident: u64 = Gil::with(|gil| {
                    gil.import("threading")
                        .unwrap()
                        .call_method0("get_ident")
                        .unwrap()
                        .extract()
                        .unwrap()
                });
                (sum, ident)
            })
        })
        .collect();
    let mut idents = Vec::new();
    for (t, h) in handles.into_iter().enumerate() {
        let (sum, ident) = h.join().unwrap();
        let expected: i64 = (0..ROUNDS).map(|i| t as i64 * 1000 + i).sum();
        assert_eq!(sum, expected);
        idents.push(ident);
    }
    idents.sort_unstable();
    idents.dedup();
    assert_eq!(idents.len(), THREADS);
}

/// Progress made by the Python worker thread of `allow_threads_releases_the_gil`.
static PROGRESS: AtomicU64 = AtomicU64::new(0);

/// Called by the Python worker thread on each loop iteration (with the GIL held).
#[function]
fn report_progress(n: u64) {
    PROGRESS.store(n, Ordering::SeqCst);
}

/// Waits (without the GIL) until `PROGRESS` moves past `from`; false after a generous timeout.
fn wait_for_progress(from: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if PROGRESS.load(Ordering::SeqCst) > from {
            return true;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    false
}

#[test]
fn allow_threads_releases_the_gil() {
    Gil::with(|gil| {
        let module = PyModule::new(gil, "gil_probe").unwrap();
        module.add_function(wrap!(report_progress)).unwrap();
        let globals = PyDict::new(gil);
        globals.set_item("probe", module).unwrap();
        gil.run(
            r#"
import threading
stop = threading.Event()
def worker():
    n = 0
    while not stop.is_set():
        n += 1
        probe.report_progress(n)
thread = threading.Thread(target=worker, daemon=True)
thread.start()
"#,
            Some(&globals),
            None,
        )
        .unwrap();

        // While this thread holds the GIL and runs no Python code, the worker cannot run a
        // single bytecode, so its progress counter is frozen (deterministic, not timing).
        let frozen = PROGRESS.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(PROGRESS.load(Ordering::SeqCst), frozen);

        // Inside allow_threads the worker gets the GIL and advances.
        let advanced = gil.allow_threads(|| {
            assert!(!gil_is_held());
            let start = PROGRESS.load(Ordering::SeqCst);
            wait_for_progress(start)
        });
        assert!(
            advanced,
            "the Python thread made no progress inside allow_threads"
        );
        assert!(gil_is_held());
        assert!(python_says_gil_held());

        gil.run("stop.set()", Some(&globals), None).unwrap();
        let thread = globals.get_item("thread").unwrap().unwrap();
        // join() releases the GIL itself while waiting.
        thread.call_method1("join", (60.0,)).unwrap();
        assert!(!thread
            .call_method0("is_alive")
            .unwrap()
            .is_truthy()
            .unwrap());
    });
}

#[test]
fn allow_threads_returns_the_closure_value() {
    let v = Gil::with(|gil| gil.allow_threads(|| (1..=10).sum::<u32>()));
    assert_eq!(v, 55);
}

#[test]
fn allow_threads_in_a_nested_scope_restores_the_nesting() {
    Gil::with(|_outer| {
        Gil::with(|inner| {
            inner.allow_threads(|| {
                assert!(!gil_is_held());
                // The GIL can be re-acquired from inside allow_threads.
                let n: i64 = Gil::with(|g| g.eval("5").unwrap().extract().unwrap());
                assert_eq!(n, 5);
                assert!(!gil_is_held());
            });
            assert!(gil_is_held());
            assert_eq!(inner.eval("6").unwrap().extract::<i64>().unwrap(), 6);
        });
        assert!(gil_is_held());
        assert!(python_says_gil_held());
    });
    assert!(!gil_is_held());
}

#[test]
fn allow_threads_with_a_panicking_closure() {
    Gil::with(|gil| {
        let result = catch_unwind(AssertUnwindSafe(|| {
            gil.allow_threads(|| -> () { panic!("boom inside allow_threads") })
        }));
        let payload = result.expect_err("the panic propagates");
        assert_eq!(
            payload.downcast_ref::<&str>().copied(),
            Some("boom inside allow_threads")
        );
        // The GIL is held again, by Python's account and by bind's.
        assert!(gil_is_held());
        assert!(python_says_gil_held());
        let n: i64 = gil.eval("40 + 2").unwrap().extract().unwrap();
        assert_eq!(n, 42);
    });
    assert!(!gil_is_held());
    // And the GIL was released properly afterwards: another thread can take it.
    let n: i64 = std::thread::spawn(|| Gil::with(|gil| gil.eval("7").unwrap().extract().unwrap()))
        .join()
        .unwrap();
    assert_eq!(n, 7);
}

const WEAKREF_SETUP: &str = r#"
import weakref
class Probe:
    pass
obj = Probe()
ref = weakref.ref(obj)
"#;

/// Creates a `Probe` object whose only strong reference is the returned handle, and a
/// weak reference to it.
fn probe_object(gil: Gil<'_>) -> (Handle<PyAny>, Handle<PyAny>) {
    let globals = PyDict::new(gil);
    gil.run(WEAKREF_SETUP, Some(&globals), None).unwrap();
    let obj = globals.get_item("obj").unwrap().unwrap().unbind();
    let weak = globals.get_item("ref").unwrap().unwrap().unbind();
    globals.clear();
    (obj, weak)
}

fn is_alive(gil: Gil<'_>, weak: &Handle<PyAny>) -> bool {
    // Calling a weakref is C code only: no bytecode runs, so the GIL is not switched away.
    !weak.bind(gil).call0().unwrap().is_none()
}

#[test]
fn handle_dropped_without_the_gil_is_released_at_next_acquisition() {
    let (obj, weak) = Gil::with(|gil| {
        let (obj, weak) = probe_object(gil);
        assert!(is_alive(gil, &weak));
        // SAFETY: `obj` is live; reading the reference count needs the GIL, held here.
        assert_eq!(unsafe { bind::ffi::Py_REFCNT(obj.as_ptr()) }, 1);
        (obj, weak)
    });
    // Drop on a thread that never held the GIL while this thread holds it: deferred.
    Gil::with(|gil| {
        std::thread::spawn(move || {
            assert!(!gil_is_held());
            drop(obj);
        })
        .join()
        .unwrap();
        assert!(is_alive(gil, &weak), "the drop must wait for a GIL scope");
    });
    // A fresh GIL scope (this one or any other thread's) drains the queue.
    Gil::with(|gil| assert!(!is_alive(gil, &weak)));
}

#[test]
fn handle_dropped_inside_allow_threads_is_released_when_it_returns() {
    Gil::with(|gil| {
        let (obj, weak) = probe_object(gil);
        gil.allow_threads(move || drop(obj));
        assert!(!is_alive(gil, &weak));
    });
}

#[test]
fn handle_dropped_with_the_gil_is_released_at_once() {
    Gil::with(|gil| {
        let (obj, weak) = probe_object(gil);
        let clone = obj.clone_ref(gil);
        drop(obj);
        assert!(is_alive(gil, &weak));
        drop(clone);
        assert!(!is_alive(gil, &weak));
    });
}

#[test]
fn handles_cross_threads() {
    let handle = Gil::with(|gil| gil.eval("[1, 2, 3]").unwrap().unbind());
    let len = std::thread::spawn(move || Gil::with(|gil| handle.bind(gil).len().unwrap()))
        .join()
        .unwrap();
    assert_eq!(len, 3);
}

#[test]
fn try_with_takes_the_gil_from_any_thread_while_the_interpreter_runs() {
    bind::gil::prepare();
    let from_thread = std::thread::spawn(|| {
        Gil::try_with(|gil| {
            assert!(python_says_gil_held());
            gil.eval("40 + 2").unwrap().extract::<i64>().unwrap()
        })
    })
    .join()
    .unwrap();
    assert_eq!(from_thread, Ok(42));
    // Nested inside a scope it runs at once.
    let nested = Gil::with(|_| Gil::try_with(|_| gil_is_held()));
    assert_eq!(nested, Ok(true));
    assert_eq!(
        bind::shutdown::GilUnavailable::Finalizing.to_string(),
        "the Python interpreter is finalizing"
    );
}
