//! Fuzzes the conversions: the input bytes are a small program that builds an arbitrary
//! Python value (None, bools, ints up to 128 bits, floats, str, bytes, lists, tuples,
//! dicts, sets, nested). The value is then extracted into a family of Rust types (std,
//! derived, serde); every successful extraction is converted back to Python and extracted
//! again, which must give the same Rust value. Failures must be Python exceptions — never
//! a panic, a crash or a sanitizer report.
#![no_main]

use bind::prelude::*;
use libfuzzer_sys::fuzz_target;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

/// Reads the value-building program.
struct Reader<'d> {
    data: &'d [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let (b, rest) = self
            .data
            .split_first()
            .map(|(b, r)| (*b, r))
            .unwrap_or((0, &[]));
        self.data = rest;
        b
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        let n = n.min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        head.to_vec()
    }
    fn int(&mut self, n: usize) -> i128 {
        let mut v = [0u8; 16];
        let b = self.bytes(n);
        v[..b.len()].copy_from_slice(&b);
        i128::from_le_bytes(v) >> (8 * (16 - n.clamp(1, 16)))
    }
}

/// Builds a Python value from the program; `depth` bounds the nesting.
fn build<'py>(gil: Gil<'py>, r: &mut Reader<'_>, depth: u32) -> PyResult<Owned<'py, PyAny>> {
    let op = r.byte();
    let leaf = depth == 0 || r.data.is_empty();
    Ok(match if leaf { op % 7 } else { op % 12 } {
        0 => gil.none().into_any(),
        1 => (r.byte() & 1 == 1).into_py(gil)?,
        2 => (r.int(1) as i64).into_py(gil)?,
        3 => (r.int(8) as i64).into_py(gil)?,
        4 => r.int(16).into_py(gil)?,
        5 => f64::from_le_bytes(r.int(8).to_le_bytes()[..8].try_into().unwrap()).into_py(gil)?,
        6 => {
            let n = usize::from(r.byte() % 8);
            String::from_utf8_lossy(&r.bytes(n))
                .into_owned()
                .into_py(gil)?
        }
        7 => {
            let n = usize::from(r.byte() % 8);
            PyBytes::new(gil, &r.bytes(n)).into_any()
        }
        8 | 9 => {
            let n = usize::from(r.byte() % 5);
            let mut items = Vec::new();
            for _ in 0..n {
                items.push(build(gil, r, depth - 1)?);
            }
            if op % 12 == 8 {
                PyList::new(gil, items)?.into_any()
            } else {
                PyTuple::new(gil, items)?.into_any()
            }
        }
        10 => {
            let n = usize::from(r.byte() % 5);
            let dict = PyDict::new(gil);
            for _ in 0..n {
                let key = if r.byte() & 1 == 0 {
                    (r.int(1) as i64).into_py(gil)?
                } else {
                    let k = usize::from(r.byte() % 4);
                    String::from_utf8_lossy(&r.bytes(k))
                        .into_owned()
                        .into_py(gil)?
                };
                dict.set_item(key, build(gil, r, depth - 1)?)?;
            }
            dict.into_any()
        }
        _ => {
            let n = usize::from(r.byte() % 5);
            let set = PySet::empty(gil)?;
            for _ in 0..n {
                set.add(r.int(1) as i64)?;
            }
            set.into_any()
        }
    })
}

/// A derived struct read from keys.
#[derive(Clone, Debug, PartialEq, FromPyObject, IntoPyObject)]
#[bind(from_item_all)]
struct Row {
    id: i64,
    #[bind(default)]
    tags: Vec<String>,
}

/// A derived enum tried variant by variant.
#[derive(Clone, Debug, PartialEq, FromPyObject, IntoPyObject)]
enum Either {
    Pair(i64, String),
    Number(f64),
    Text(String),
}

/// A serde value: any tree of scalars, lists and string-keyed maps.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Value>),
    Map(BTreeMap<String, Value>),
}

/// A serde struct with int-keyed maps and an externally tagged enum.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Config {
    name: String,
    limits: BTreeMap<u16, Vec<String>>,
    mode: Mode,
}

/// Externally tagged.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
enum Mode {
    A,
    B(i32),
    C { x: Option<u8> },
}

/// Extracts `T`; on success converts back and extracts again: both Rust values equal.
fn round_trip<T>(obj: &Owned<'_, PyAny>)
where
    T: for<'a, 'py> FromPyObject<'a, 'py>
        + for<'py> IntoPyObject<'py>
        + Clone
        + PartialEq
        + std::fmt::Debug,
{
    let Ok(first) = obj.extract::<T>() else {
        return;
    };
    let gil = obj.gil();
    let back = first
        .clone()
        .into_py(gil)
        .expect("a value extracted from Python converts back");
    let second: T = back.extract().expect("a converted value extracts again");
    // NaN != NaN: then the debug texts must match.
    let same = second == first || format!("{second:?}") == format!("{first:?}");
    assert!(same, "round trip changed {first:?} into {second:?}");
}

/// Same for serde types, through the `Serde` wrapper.
fn serde_round_trip<T>(obj: &Owned<'_, PyAny>)
where
    T: serde::de::DeserializeOwned + Serialize + std::fmt::Debug,
{
    let Ok(first) = obj.extract::<Serde<T>>() else {
        return;
    };
    let gil = obj.gil();
    let expected = format!("{:?}", first.0);
    let back = first.into_py(gil).expect("a deserialized value serializes");
    let second: Serde<T> = back.extract().expect("a serialized value deserializes");
    assert_eq!(format!("{:?}", second.0), expected);
}

fuzz_target!(|data: &[u8]| {
    Gil::with(|gil| {
        let mut reader = Reader { data };
        let Ok(obj) = build(gil, &mut reader, 4) else {
            return;
        };
        round_trip::<i64>(&obj);
        round_trip::<u8>(&obj);
        round_trip::<i128>(&obj);
        round_trip::<u128>(&obj);
        round_trip::<f64>(&obj);
        round_trip::<bool>(&obj);
        round_trip::<String>(&obj);
        round_trip::<Option<char>>(&obj);
        round_trip::<Vec<u8>>(&obj);
        round_trip::<Vec<i64>>(&obj);
        round_trip::<Vec<Vec<String>>>(&obj);
        round_trip::<[i64; 2]>(&obj);
        round_trip::<VecDeque<Option<bool>>>(&obj);
        round_trip::<(i64, String)>(&obj);
        round_trip::<HashMap<String, Vec<i64>>>(&obj);
        round_trip::<BTreeMap<i64, Option<String>>>(&obj);
        round_trip::<HashSet<i64>>(&obj);
        round_trip::<BTreeSet<i64>>(&obj);
        round_trip::<Vec<Row>>(&obj);
        round_trip::<Either>(&obj);
        serde_round_trip::<Value>(&obj);
        serde_round_trip::<Vec<Config>>(&obj);
        serde_round_trip::<BTreeMap<String, (i64, Option<f64>)>>(&obj);
        // The extraction errors themselves must be well-formed exceptions.
        if let Err(e) = obj.extract::<Vec<Row>>() {
            let _ = e.to_string();
        }
    });
});
