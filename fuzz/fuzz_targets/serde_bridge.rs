//! Fuzzes the serde bridge with arbitrary and hostile Python values (see
//! `common/hostile_values.rs`: deep nesting, self-containing containers and objects,
//! lying sizes, raising `__index__`): deserialization into self-describing and typed serde
//! types must either succeed — and then serialize back and deserialize to the same value —
//! or raise an ordinary Python exception (`RecursionError` for deep or cyclic data).
#![no_main]

#[path = "common/hostile_values.rs"]
mod hostile_values;

use bind::prelude::*;
use hostile_values::{build, check_error, Reader};
use libfuzzer_sys::fuzz_target;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Any tree of scalars, lists and string-keyed maps (read with `deserialize_any`).
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Big(u64),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    List(Vec<Value>),
    Map(BTreeMap<String, Value>),
}

/// A typed struct, read from a dict or an object's attributes.
#[derive(Debug, Serialize, Deserialize)]
struct Node {
    name: Option<String>,
    #[serde(default)]
    children: Vec<Node>,
    x: Option<Value>,
}

/// Externally tagged.
#[derive(Debug, Serialize, Deserialize)]
enum Mode {
    A,
    B(i32),
    C { x: Option<u8> },
    D(Box<Mode>),
}

/// Deserializes `T`; on success serializes back and deserializes again to the same value.
fn round_trip<T>(obj: &Owned<'_, PyAny>)
where
    T: serde::de::DeserializeOwned + Serialize + std::fmt::Debug,
{
    let gil = obj.gil();
    let first = match obj.extract::<Serde<T>>() {
        Ok(v) => v,
        Err(e) => return check_error(gil, &e),
    };
    let expected = format!("{:?}", first.0);
    let back = first.into_py(gil).expect("a deserialized value serializes");
    let second: Serde<T> = back.extract().expect("a serialized value deserializes");
    assert_eq!(format!("{:?}", second.0), expected, "round trip changed the value");
}

fuzz_target!(|data: &[u8]| {
    Gil::with(|gil| {
        let mut reader = Reader { data };
        let obj = match build(gil, &mut reader, 4) {
            Ok(obj) => obj,
            Err(e) => return check_error(gil, &e),
        };
        round_trip::<Value>(&obj);
        round_trip::<Node>(&obj);
        round_trip::<Vec<Mode>>(&obj);
        round_trip::<BTreeMap<String, (i64, Option<f64>)>>(&obj);
        assert!(PyErr::take(gil).is_none(), "an exception was left set");
    });
});
