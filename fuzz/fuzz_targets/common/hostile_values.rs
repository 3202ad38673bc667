//! A value builder shared by the fuzz targets: the input bytes are a small program that
//! builds an arbitrary Python value — scalars, containers, objects with attributes — and
//! hostile ones: deep nesting, containers holding themselves, objects whose `__len__`
//! lies, whose `__index__` raises, ints whose comparisons raise, strings with lone
//! surrogates.
use bind::prelude::*;
use bind::types::{PyBytes, PyDict, PyList, PyTuple};
use std::sync::OnceLock;

/// Reads the value-building program.
pub struct Reader<'d> {
    pub data: &'d [u8],
}

impl Reader<'_> {
    pub fn byte(&mut self) -> u8 {
        let (b, rest) = self
            .data
            .split_first()
            .map(|(b, r)| (*b, r))
            .unwrap_or((0, &[]));
        self.data = rest;
        b
    }
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        let n = n.min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        head.to_vec()
    }
    pub fn int(&mut self, n: usize) -> i128 {
        let mut v = [0u8; 16];
        let b = self.bytes(n);
        v[..b.len()].copy_from_slice(&b);
        i128::from_le_bytes(v) >> (8 * (16 - n.clamp(1, 16)))
    }
}

/// Field and key names the derived types look for, so that some inputs match.
pub const NAMES: [&str; 10] = [
    "x", "y", "id", "name", "tags", "children", "r", "w", "h", "inner",
];

/// Classes of hostile objects, defined once per process.
const HOSTILE: &str = r#"
import sys, types
class LyingSeq:
    def __init__(self, items): self.items = items
    def __len__(self): return sys.maxsize
    def __getitem__(self, i): return self.items[i]
class RaisingIndex:
    def __index__(self): raise KeyboardInterrupt("from __index__")
    def __float__(self): raise ValueError("from __float__")
class NoCompare(int):
    def __lt__(self, other): raise AssertionError("comparison called")
    __gt__ = __le__ = __ge__ = __lt__
class Index:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
Namespace = types.SimpleNamespace
def self_list(items):
    items.append(items)
    return items
def self_dict(d):
    d["children"] = [d]
    d["x"] = d
    return d
def self_obj(ns):
    ns.children = [ns]
    ns.x = ns
    return ns
def deep(v, n):
    for _ in range(n):
        v = [v]
    return v
def surrogate(s):
    return s + "\ud800"
"#;

fn hostile(gil: Gil<'_>) -> &'static Handle<PyDict> {
    static CLASSES: OnceLock<Handle<PyDict>> = OnceLock::new();
    CLASSES.get_or_init(|| {
        let globals = PyDict::new(gil);
        gil.run(HOSTILE, Some(&globals), None).expect("the hostile classes");
        globals.unbind()
    })
}

fn call<'py>(gil: Gil<'py>, name: &str, args: impl IntoPyObject<'py>) -> PyResult<Owned<'py, PyAny>> {
    let f = hostile(gil).bind(gil).get_item(name)?.expect("defined");
    let args = args.into_py(gil)?;
    let args = match args.downcast::<PyTuple>() {
        Ok(t) => t.clone(),
        Err(_) => PyTuple::new(gil, [args])?,
    };
    f.call1(args)
}

/// Builds a Python value from the program; `depth` bounds the nesting of the program
/// itself (the `deep` operation nests far more).
pub fn build<'py>(gil: Gil<'py>, r: &mut Reader<'_>, depth: u32) -> PyResult<Owned<'py, PyAny>> {
    let op = r.byte();
    let leaf = depth == 0 || r.data.is_empty();
    Ok(match if leaf { op % 10 } else { op % 20 } {
        0 => gil.none().into_any(),
        1 => (r.byte() & 1 == 1).into_py(gil)?,
        2 => (r.int(1) as i64).into_py(gil)?,
        3 => (r.int(8) as i64).into_py(gil)?,
        4 => r.int(16).into_py(gil)?,
        5 => f64::from_le_bytes(r.int(8).to_le_bytes()[..8].try_into().unwrap()).into_py(gil)?,
        6 => {
            let n = usize::from(r.byte() % 8);
            String::from_utf8_lossy(&r.bytes(n)).into_owned().into_py(gil)?
        }
        7 => {
            let n = usize::from(r.byte() % 8);
            PyBytes::new(gil, &r.bytes(n)).into_any()
        }
        8 => NAMES[usize::from(r.byte()) % NAMES.len()].into_py(gil)?,
        9 => match r.byte() % 4 {
            0 => call(gil, "RaisingIndex", ())?,
            1 => call(gil, "NoCompare", (r.int(16),))?,
            2 => call(gil, "Index", (r.int(16),))?,
            _ => call(gil, "surrogate", ("s",))?,
        },
        10 | 11 => {
            let n = usize::from(r.byte() % 5);
            let mut items = Vec::new();
            for _ in 0..n {
                items.push(build(gil, r, depth - 1)?);
            }
            if op % 20 == 10 {
                PyList::new(gil, items)?.into_any()
            } else {
                PyTuple::new(gil, items)?.into_any()
            }
        }
        12 | 13 => {
            let n = usize::from(r.byte() % 5);
            let dict = PyDict::new(gil);
            for _ in 0..n {
                let key = NAMES[usize::from(r.byte()) % NAMES.len()];
                dict.set_item(key, build(gil, r, depth - 1)?)?;
            }
            if op % 20 == 12 {
                dict.into_any()
            } else {
                let ns = call(gil, "Namespace", ())?;
                for (k, v) in dict.iter() {
                    ns.setattr(&k.extract::<String>()?, v)?;
                }
                ns
            }
        }
        14 => {
            let inner = build(gil, r, depth - 1)?;
            let list = PyList::new(gil, [inner])?;
            call(gil, "LyingSeq", (list,))?
        }
        15 => {
            let inner = build(gil, r, depth - 1)?;
            let n = usize::from(r.byte()) * 64;
            call(gil, "deep", (inner, n))?
        }
        16 => {
            let inner = build(gil, r, depth - 1)?;
            call(gil, "self_list", (PyList::new(gil, [inner])?,))?
        }
        17 => call(gil, "self_dict", (PyDict::new(gil),))?,
        18 => call(gil, "self_obj", (call(gil, "Namespace", ())?,))?,
        _ => {
            let n = usize::from(r.byte() % 5);
            let set = bind::types::PySet::empty(gil)?;
            for _ in 0..n {
                set.add(r.int(1) as i64)?;
            }
            set.into_any()
        }
    })
}

/// A failed conversion must be an ordinary Python exception: never a panic turned into
/// `PanicException`, never a `SystemError`.
pub fn check_error(gil: Gil<'_>, err: &PyErr) {
    assert!(
        !err.is_instance_of::<bind::panic::PanicException>(gil),
        "a conversion panicked: {err}"
    );
    assert!(
        !err.is_instance_of::<bind::exceptions::PySystemError>(gil),
        "a conversion raised SystemError: {err}"
    );
    let _ = err.to_string();
}
