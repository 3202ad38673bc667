//! Conversions against lying objects: sizes, integers and composite values reported by
//! user code are never trusted, user comparison methods are never called, and every
//! exception the user's code raised propagates.
use bind::exceptions::*;
use bind::prelude::*;
use bind::types::PyDict;
use std::collections::HashMap;
use std::time::Duration;

const LIARS: &str = r#"
import datetime, ipaddress

class LyingSeq:
    """Claims sys.maxsize items, has three."""
    def __len__(self):
        import sys
        return sys.maxsize
    def __getitem__(self, i):
        if i < 3:
            return i
        raise IndexError(i)

class LyingDict(dict):
    def __len__(self):
        import sys
        return sys.maxsize

class NoCompare:
    """An integer-like whose comparisons fail loudly."""
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
    def __lt__(self, other):
        raise AssertionError("comparison called")
    __gt__ = __le__ = __ge__ = __eq__ = __lt__
    __hash__ = None

class IntNoCompare(int):
    def __lt__(self, other):
        raise AssertionError("comparison called")
    __gt__ = __le__ = __ge__ = __lt__

class Interrupting:
    def __index__(self):
        raise KeyboardInterrupt("from __index__")

class LyingLenTuple:
    def __len__(self):
        raise KeyboardInterrupt("from __len__")

class FakeDelta(datetime.timedelta):
    days = 10 ** 30
    seconds = -5
    microseconds = 10 ** 12

class FakeV4(ipaddress.IPv4Address):
    @property
    def packed(self):
        return bytes(16)
"#;

fn liars(gil: Gil<'_>) -> Owned<'_, PyDict> {
    let globals = PyDict::new(gil);
    gil.run(LIARS, Some(&globals), None).unwrap();
    globals
}

fn eval<'py>(gil: Gil<'py>, globals: &Owned<'py, PyDict>, expr: &str) -> Owned<'py, PyAny> {
    bind::types::run::eval(gil, expr, Some(globals), None).unwrap()
}

#[test]
fn lying_len_is_not_trusted() {
    Gil::with(|gil| {
        let g = liars(gil);
        let v: Vec<i64> = eval(gil, &g, "LyingSeq()").extract().unwrap();
        assert_eq!(v, [0, 1, 2]);
        let v: Vec<(i64, i64)> = eval(gil, &g, "[(1, 2)]").extract().unwrap();
        assert_eq!(v, [(1, 2)]);
        let m: HashMap<String, i64> = eval(gil, &g, "LyingDict(a=1, b=2)").extract().unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m["b"], 2);
        // A large element type: the reservation is bounded by bytes, not by count.
        let v: Vec<[u8; 64]> = eval(gil, &g, "[bytes(64)] * 3").extract().unwrap();
        assert_eq!(v.len(), 3);
    });
}

/// Extracts some Rust type from an object, keeping only the outcome.
type Extractor = fn(&Owned<'_, PyAny>) -> PyResult<()>;

#[test]
fn integers_take_sign_and_range_from_index_without_comparisons() {
    Gil::with(|gil| {
        let g = liars(gil);
        let cases: &[(&str, Extractor, &str)] = &[
            (
                "NoCompare(2**70)",
                |o| o.extract::<i64>().map(drop),
                "too large to convert to i64",
            ),
            (
                "NoCompare(-2**70)",
                |o| o.extract::<i64>().map(drop),
                "too small to convert to i64",
            ),
            (
                "NoCompare(-1)",
                |o| o.extract::<u32>().map(drop),
                "too small to convert to u32",
            ),
            (
                "NoCompare(-2**70)",
                |o| o.extract::<u64>().map(drop),
                "too small to convert to u64",
            ),
            (
                "NoCompare(2**64)",
                |o| o.extract::<u64>().map(drop),
                "too large to convert to u64",
            ),
            (
                "NoCompare(300)",
                |o| o.extract::<u8>().map(drop),
                "too large to convert to u8",
            ),
            (
                "NoCompare(-300)",
                |o| o.extract::<i8>().map(drop),
                "too small to convert to i8",
            ),
            (
                "IntNoCompare(-2**70)",
                |o| o.extract::<u8>().map(drop),
                "too small to convert to u8",
            ),
            (
                "IntNoCompare(2**70)",
                |o| o.extract::<i16>().map(drop),
                "too large to convert to i16",
            ),
            (
                "NoCompare(-2**200)",
                |o| o.extract::<i128>().map(drop),
                "too small to convert to i128",
            ),
            (
                "NoCompare(2**200)",
                |o| o.extract::<i128>().map(drop),
                "too large to convert to i128",
            ),
            (
                "NoCompare(-1)",
                |o| o.extract::<u128>().map(drop),
                "too small to convert to u128",
            ),
            (
                "NoCompare(2**128)",
                |o| o.extract::<u128>().map(drop),
                "too large to convert to u128",
            ),
        ];
        for (expr, extract, message) in cases {
            let err = extract(&eval(gil, &g, expr)).unwrap_err();
            assert!(err.is_instance_of::<PyOverflowError>(gil), "{expr}: {err}");
            assert!(err.to_string().contains(message), "{expr}: {err}");
        }
        assert_eq!(
            eval(gil, &g, "NoCompare(2**64 - 1)")
                .extract::<u64>()
                .unwrap(),
            u64::MAX
        );
        assert_eq!(
            eval(gil, &g, "NoCompare(2**127 + 5)")
                .extract::<u128>()
                .unwrap(),
            (1u128 << 127) + 5
        );
        assert_eq!(
            eval(gil, &g, "NoCompare(-2**100)")
                .extract::<i128>()
                .unwrap(),
            -(1i128 << 100)
        );
        assert_eq!(eval(gil, &g, "IntNoCompare(7)").extract::<u8>().unwrap(), 7);
    });
}

#[test]
fn exceptions_from_user_code_propagate_unchanged() {
    Gil::with(|gil| {
        let g = liars(gil);
        let obj = eval(gil, &g, "Interrupting()");
        for err in [
            obj.extract::<i64>().unwrap_err(),
            obj.extract::<u8>().unwrap_err(),
            obj.extract::<u64>().unwrap_err(),
            obj.extract::<i128>().unwrap_err(),
            eval(gil, &g, "[1, Interrupting()]")
                .extract::<Vec<i32>>()
                .unwrap_err(),
        ] {
            assert!(err.is_instance_of::<PyKeyboardInterrupt>(gil), "{err}");
            assert!(err.to_string().contains("from __index__"), "{err}");
        }
        let err = eval(gil, &g, "'x'").extract::<i64>().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil), "{err}");
    });
}

#[test]
fn composite_values_are_validated() {
    Gil::with(|gil| {
        let g = liars(gil);
        // The subclass's attributes lie; the real components are read.
        let d: Duration = eval(gil, &g, "FakeDelta(days=2, seconds=3, microseconds=4)")
            .extract()
            .unwrap();
        assert_eq!(d, Duration::new(2 * 86_400 + 3, 4_000));
        let max: Duration = eval(gil, &g, "datetime.timedelta.max").extract().unwrap();
        assert_eq!(max.as_secs(), 999_999_999 * 86_400 + 86_399);
        let err = eval(gil, &g, "FakeV4('1.2.3.4')")
            .extract::<std::net::IpAddr>()
            .unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil), "{err}");
    });
}

/// A recursive derived type: the input decides how deep its extraction goes.
#[derive(Debug, FromPyObject)]
struct Tree {
    children: Vec<Tree>,
}

/// The liars plus `T` (an object with `children`), `deep` (100,000 `T`s nested) and
/// `cyclic` (a `T` among its own children).
fn nested(gil: Gil<'_>) -> Owned<'_, PyDict> {
    let g = liars(gil);
    gil.run(
        r#"
class T:
    def __init__(self, children):
        self.children = children
deep = T([])
for _ in range(100_000):
    deep = T([deep])
cyclic = T([])
cyclic.children.append(cyclic)
"#,
        Some(&g),
        None,
    )
    .unwrap();
    g
}

#[test]
fn deep_or_self_containing_input_to_a_derived_type_raises_recursion_error() {
    Gil::with(|gil| {
        let g = nested(gil);
        for name in ["deep", "cyclic"] {
            let err = eval(gil, &g, name).extract::<Tree>().unwrap_err();
            assert!(err.is_instance_of::<PyRecursionError>(gil), "{name}: {err}");
        }
        let tree: Tree = eval(gil, &g, "T([T([]), T([T([])])])").extract().unwrap();
        assert_eq!(tree.children.len(), 2);
        assert_eq!(tree.children[1].children.len(), 1);
    });
}

#[test]
fn prefixed_errors_keep_what_the_original_said() {
    Gil::with(|gil| {
        let g = liars(gil);
        // An encoding error names its path and keeps the original as the cause.
        let err = eval(gil, &g, "['a', '\\ud800']")
            .extract::<Vec<String>>()
            .unwrap_err();
        assert!(err.is_instance_of::<PyUnicodeEncodeError>(gil), "{err}");
        assert!(
            err.to_string().contains("'utf-8' codec can't encode character '\\ud800' in position 0: [1]: surrogates not allowed"),
            "{err}"
        );
        let cause = err.cause(gil).expect("the encoding error is kept");
        assert!(cause.is_instance_of::<PyUnicodeEncodeError>(gil), "{cause}");
        // A TypeError raised by the user's code keeps its traceback as the cause.
        gil.run(
            "class BadIndex:\n    def __index__(self):\n        raise TypeError('custom')\n",
            Some(&g),
            None,
        )
        .unwrap();
        let err = eval(gil, &g, "[[1, BadIndex()]]")
            .extract::<Vec<Vec<i64>>>()
            .unwrap_err();
        assert_eq!(err.to_string(), "TypeError: [0][1]: custom");
        let cause = err.cause(gil).expect("the original is kept");
        assert_eq!(cause.to_string(), "TypeError: custom");
        assert!(cause.traceback(gil).is_some());
        // bind's own conversion errors have no traceback: no cause is added.
        let err = eval(gil, &g, "[[1, 'x']]")
            .extract::<Vec<Vec<i64>>>()
            .unwrap_err();
        assert!(err.cause(gil).is_none());
    });
}

/// A recursive enum: each level tries its variants in order.
#[derive(Debug, FromPyObject)]
enum Node {
    Leaf(u32),
    Branch { children: Vec<Node> },
}

/// Regression (found by bind-fuzz-kit): an enum turned every error of a variant into one
/// reason of its `TypeError`, so a too-deep or self-containing value raised `TypeError`
/// (with a message growing with the depth) instead of `RecursionError`, and a
/// `KeyboardInterrupt` from the user's `__index__` was swallowed. Only conversion
/// mismatches make an enum try the next variant now.
#[test]
fn an_enum_lets_recursion_errors_and_interrupts_through() {
    Gil::with(|gil| {
        let g = nested(gil);
        for name in ["deep", "cyclic"] {
            let err = eval(gil, &g, name).extract::<Node>().unwrap_err();
            assert!(err.is_instance_of::<PyRecursionError>(gil), "{name}: {err}");
        }
        let err = eval(gil, &g, "Interrupting()")
            .extract::<Node>()
            .unwrap_err();
        assert!(err.is_instance_of::<PyKeyboardInterrupt>(gil), "{err}");
        // A mismatch still tries the next variant; all failing is a TypeError.
        let node: Node = eval(gil, &g, "T([T([]), 7])").extract().unwrap();
        assert!(matches!(&node, Node::Branch { children } if matches!(children[1], Node::Leaf(7))));
        let err = eval(gil, &g, "'x'").extract::<Node>().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil), "{err}");
    });
}
