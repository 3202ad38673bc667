//! The serde deserializer counts the levels below its outermost container in a `Depth`
//! it passes down (no thread-local per level): with the recursion limit out of the way,
//! the stack bound alone must still stop deep input on a thread with a small stack. Its
//! own test binary, since it raises the interpreter's recursion limit.
use bind_conversions::serde::from_py;
use bind_core::exceptions::PyRecursionError;
use bind_core::types::PyDict;
use bind_core::Gil;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum Nested {
    Int(i64),
    List(Vec<Nested>),
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Node {
    next: Option<Box<Node>>,
}

#[test]
fn the_stack_bound_holds_past_a_huge_recursion_limit() {
    let thread = std::thread::Builder::new().stack_size(1 << 20);
    let handle = thread.spawn(|| {
        Gil::with(|gil| {
            let g = PyDict::new(gil);
            let setup = "import sys\nsys.setrecursionlimit(10_000_000)\n\
                         deep = []\nfor _ in range(300_000):\n    deep = [deep]\n\
                         chain = None\nfor _ in range(300_000):\n    chain = {'next': chain}\n\
                         wrapped = [chain]\n";
            gil.run(setup, Some(&g), None).unwrap();
            let deep = g.get_item("deep").unwrap().unwrap();
            let err = from_py::<Nested>(&deep).unwrap_err();
            assert!(err.is_instance_of::<PyRecursionError>(gil), "{err}");
            let wrapped = g.get_item("wrapped").unwrap().unwrap();
            let err = from_py::<Vec<Node>>(&wrapped).unwrap_err();
            assert!(err.is_instance_of::<PyRecursionError>(gil), "{err}");
            gil.run("sys.setrecursionlimit(1000)", Some(&g), None)
                .unwrap();
        })
    });
    handle.unwrap().join().unwrap();
}
