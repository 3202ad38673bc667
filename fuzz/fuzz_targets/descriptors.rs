//! Fuzzes the descriptor-driven conversions (`derive(FromPyObject)`/`derive(IntoPyObject)`)
//! over every shape of derived type — attributes, keys, renamed lookups, defaults, tuple
//! structs, newtypes, `transparent`, enums tried in order, a recursive type — with
//! arbitrary and hostile Python values (see `common/hostile_values.rs`). A failure must be
//! an ordinary Python exception; a success converts back and extracts again to the same
//! Rust value.
#![no_main]

#[path = "common/hostile_values.rs"]
mod hostile_values;

use bind::prelude::*;
use hostile_values::{build, check_error, Reader};
use libfuzzer_sys::fuzz_target;

/// Read from attributes.
#[derive(Clone, Debug, PartialEq, FromPyObject, IntoPyObject)]
struct Point {
    x: f64,
    y: i32,
}

/// Read from keys, one renamed, one defaulted.
#[derive(Clone, Debug, PartialEq, FromPyObject, IntoPyObject)]
#[bind(from_item_all)]
struct Section {
    name: String,
    #[bind(item("id"))]
    ident: u16,
    #[bind(default)]
    tags: Vec<String>,
}

/// Mixed lookups on one object.
#[derive(Clone, Debug, PartialEq, FromPyObject)]
struct Mixed {
    #[bind(attribute("r"))]
    radius: f64,
    #[bind(item("name"))]
    label: String,
}

/// A tuple struct.
#[derive(Clone, Debug, PartialEq, FromPyObject, IntoPyObject)]
struct Pair(i64, Option<String>);

/// A newtype.
#[derive(Clone, Debug, PartialEq, FromPyObject, IntoPyObject)]
struct Meters(f64);

/// `transparent`.
#[derive(Clone, Debug, PartialEq, FromPyObject, IntoPyObject)]
#[bind(transparent)]
struct Ids {
    inner: Vec<u8>,
}

/// Tried variant by variant.
#[derive(Clone, Debug, PartialEq, FromPyObject, IntoPyObject)]
enum Shape {
    Circle { r: f64 },
    #[bind(from_item_all)]
    Rect { w: u32, h: u32 },
    Polygon(String, u8),
    Square(f64),
}

/// Recursive: the input decides the depth.
#[derive(Clone, Debug, PartialEq, FromPyObject)]
struct Tree {
    children: Vec<Tree>,
}

/// Extracts `T`; on success converts back and extracts again: both Rust values equal.
fn round_trip<T>(obj: &Owned<'_, PyAny>)
where
    T: for<'a, 'py> FromPyObject<'a, 'py> + for<'py> IntoPyObject<'py> + Clone + std::fmt::Debug,
{
    let gil = obj.gil();
    let first = match obj.extract::<T>() {
        Ok(v) => v,
        Err(e) => return check_error(gil, &e),
    };
    let back = first.clone().into_py(gil).expect("an extracted value converts back");
    let second: T = back.extract().expect("a converted value extracts again");
    assert_eq!(format!("{second:?}"), format!("{first:?}"), "round trip changed the value");
}

/// Extracts `T` (no way back): any failure is an ordinary exception.
fn extract_only<T>(obj: &Owned<'_, PyAny>)
where
    T: for<'a, 'py> FromPyObject<'a, 'py>,
{
    if let Err(e) = obj.extract::<T>() {
        check_error(obj.gil(), &e);
    }
}

fuzz_target!(|data: &[u8]| {
    Gil::with(|gil| {
        let mut reader = Reader { data };
        let obj = match build(gil, &mut reader, 4) {
            Ok(obj) => obj,
            Err(e) => return check_error(gil, &e),
        };
        round_trip::<Point>(&obj);
        round_trip::<Section>(&obj);
        round_trip::<Pair>(&obj);
        round_trip::<Meters>(&obj);
        round_trip::<Ids>(&obj);
        round_trip::<Shape>(&obj);
        round_trip::<Vec<Shape>>(&obj);
        round_trip::<Option<Vec<Section>>>(&obj);
        extract_only::<Mixed>(&obj);
        extract_only::<Tree>(&obj);
        extract_only::<Vec<Tree>>(&obj);
        assert!(PyErr::take(gil).is_none(), "an exception was left set");
    });
});
