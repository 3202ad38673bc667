//! Deep and self-containing data through the serde bridge and the descriptor
//! conversions: `RecursionError`, never a stack overflow.
use bind_conversions::serde::{from_py, to_py};
use bind_core::exceptions::PyRecursionError;
use bind_core::types::PyDict;
use bind_core::{Gil, Owned, PyErr};
use serde::{Deserialize, Serialize};

/// Any JSON-like value: recursive, so the input decides the depth.
#[derive(Debug, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
enum Nested {
    Int(i64),
    List(Vec<Nested>),
    Map(std::collections::BTreeMap<String, Nested>),
}

/// A linked node read from attributes or a dict.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Node {
    next: Option<Box<Node>>,
}

const HOSTILE: &str = r#"
deep_list = []
for _ in range(100_000):
    deep_list = [deep_list]
deep_dict = {}
for _ in range(100_000):
    deep_dict = {"a": deep_dict}
self_list = []
self_list.append(self_list)
self_dict = {}
self_dict["a"] = self_dict
class Obj:
    pass
self_obj = Obj()
self_obj.next = self_obj
chain = None
for _ in range(100_000):
    chain = {"next": chain}
shallow = [[1, 2], {"x": [3]}]
"#;

fn hostile(gil: Gil<'_>) -> Owned<'_, PyDict> {
    let globals = PyDict::new(gil);
    gil.run(HOSTILE, Some(&globals), None).unwrap();
    globals
}

fn assert_recursion_error(gil: Gil<'_>, what: &str, err: PyErr) {
    assert!(err.is_instance_of::<PyRecursionError>(gil), "{what}: {err}");
    assert!(
        err.to_string().contains("maximum recursion depth"),
        "{what}: {err}"
    );
}

#[test]
fn deep_or_self_containing_input_raises_recursion_error() {
    Gil::with(|gil| {
        let g = hostile(gil);
        for name in ["deep_list", "deep_dict", "self_list", "self_dict"] {
            let obj = g.get_item(name).unwrap().unwrap();
            assert_recursion_error(gil, name, from_py::<Nested>(&obj).unwrap_err());
        }
        for name in ["self_obj", "chain"] {
            let obj = g.get_item(name).unwrap().unwrap();
            assert_recursion_error(gil, name, from_py::<Node>(&obj).unwrap_err());
        }
        // Ordinary nesting still converts, and the interpreter is fine afterwards.
        let shallow = from_py::<Nested>(&g.get_item("shallow").unwrap().unwrap()).unwrap();
        assert_eq!(
            to_py(gil, &shallow).unwrap().repr().unwrap().to_string(),
            "[[1, 2], {'x': [3]}]"
        );
    });
}

#[test]
fn deep_rust_value_raises_recursion_error() {
    Gil::with(|gil| {
        let mut value = Nested::Int(0);
        for _ in 0..100_000 {
            value = Nested::List(vec![value]);
        }
        assert_recursion_error(gil, "to_py", to_py(gil, &value).unwrap_err());
        // Dropping a deep Rust value recurses too: unwind it level by level.
        while let Nested::List(mut items) = value {
            value = items.pop().unwrap_or(Nested::Int(0));
        }
    });
}
