//! `records`: bind's conversions by example.
//!
//! - `rt_<type>(x)`: one round trip per row of the std mapping table.
//! - derive(FromPyObject)/derive(IntoPyObject): points read from attributes, config
//!   sections read from keys, tuple structs, newtypes, enums tried variant by variant.
//! - the serde bridge: a nested application config (int-keyed maps, enums, tuples),
//!   records with enums, and events with an internally tagged enum.
//!
//! The derived and serde types are public so that a fuzz crate can check them with
//! bind-fuzz-kit (`fuzz/fuzz_targets/records_kit.rs`); the Python module is the same.
use bind::exceptions::PyValueError;
use bind::prelude::*;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::PathBuf;
use std::time::Duration;

// ---------------------------------------------------------------------------------------
// std mappings: one identity function per type

macro_rules! round_trips {
    ($($name:ident: $ty:ty),* $(,)?) => {
        $(
            /// Extracts the argument as this Rust type and converts it back.
            #[function]
            fn $name(x: $ty) -> $ty {
                x
            }
        )*
        /// Adds every round-trip function to the module.
        fn add_round_trips(m: &Owned<'_, PyModule>) -> PyResult<()> {
            $(m.add_function(wrap!($name))?;)*
            Ok(())
        }
    };
}

round_trips! {
    rt_i8: i8, rt_i16: i16, rt_i32: i32, rt_i64: i64, rt_i128: i128, rt_isize: isize,
    rt_u8: u8, rt_u16: u16, rt_u32: u32, rt_u64: u64, rt_u128: u128, rt_usize: usize,
    rt_nonzero: std::num::NonZeroU32,
    rt_f32: f32, rt_f64: f64, rt_bool: bool, rt_char: char, rt_string: String,
    rt_bytes: Vec<u8>, rt_boxed_bytes: Box<[u8]>, rt_byte_array: [u8; 4],
    rt_option: Option<i64>, rt_unit: (),
    rt_tuple: (i64, String, f64),
    rt_tuple12: (u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8),
    rt_vec: Vec<i64>, rt_vec_f64: Vec<f64>, rt_vec_str: Vec<String>,
    rt_vec_i8: Vec<i8>, rt_vec_i32: Vec<i32>, rt_vec_u16: Vec<u16>, rt_vec_u64: Vec<u64>,
    rt_vec_f32: Vec<f32>,
    rt_array: [i64; 3], rt_deque: VecDeque<i64>, rt_smallvec: SmallVec<[i64; 4]>,
    rt_hashmap: HashMap<String, i64>, rt_btreemap: BTreeMap<i64, String>,
    rt_indexmap: IndexMap<String, i64>,
    rt_hashset: HashSet<i64>, rt_btreeset: BTreeSet<String>,
    rt_duration: Duration, rt_path: PathBuf,
    rt_ip: IpAddr, rt_ipv4: Ipv4Addr, rt_ipv6: Ipv6Addr,
    rt_nested: Vec<HashMap<String, Vec<String>>>,
}

/// `Cow<str>` in (borrowed from the str's UTF-8 cache), out as a new str.
#[function]
fn rt_cow_str(x: Cow<'_, str>) -> String {
    x.into_owned()
}

/// Borrows the `bytes` without copying and returns its length.
#[function]
fn bytes_len(data: &[u8]) -> usize {
    data.len()
}

/// Whether `Cow<[u8]>` borrowed (from `bytes`) or copied (anything else).
#[function]
fn cow_bytes_borrowed(data: Cow<'_, [u8]>) -> bool {
    matches!(data, Cow::Borrowed(_))
}

/// Sums a `Vec<f64>` (buffers of doubles take the one-copy path).
#[function]
fn sum_f64(xs: Vec<f64>) -> f64 {
    xs.iter().sum()
}

/// Sums a `Vec<i64>` (buffers of 64-bit ints take the one-copy path).
#[function]
fn sum_i64(xs: Vec<i64>) -> i64 {
    xs.iter().fold(0i64, |a, b| a.wrapping_add(*b))
}

// ---------------------------------------------------------------------------------------
// derive(FromPyObject) / derive(IntoPyObject)

/// A point read from any object with `x` and `y` attributes; out, a dict.
#[derive(Debug, FromPyObject, IntoPyObject)]
pub struct Point {
    x: f64,
    y: f64,
}

/// A config section read from a mapping: every field by key.
#[derive(Debug, FromPyObject, IntoPyObject)]
#[bind(from_item_all)]
pub struct Section {
    name: String,
    #[bind(item("max-retries"))]
    retries: u32,
    #[bind(default)]
    verbose: bool,
    tags: Vec<String>,
}

/// Mixed lookups: an attribute under another name, and a key of the same object.
#[derive(Debug, FromPyObject)]
pub struct Mixed {
    #[bind(attribute("real"))]
    re: f64,
    #[bind(item("label"))]
    label: String,
    #[bind(from_py_with = parse_hex)]
    code: u32,
}

/// Reads a hex string such as `"ff"` (the field's value, here the `code` attribute).
fn parse_hex(obj: &Owned<'_, PyAny>) -> PyResult<u32> {
    let text: String = obj.extract()?;
    u32::from_str_radix(&text, 16)
        .map_err(|_| PyValueError::new_err(format!("invalid hex code {text:?}")))
}

/// A tuple struct: read from a sequence of two, out as a tuple.
#[derive(Debug, FromPyObject, IntoPyObject)]
pub struct Pair(i64, String);

/// A newtype: extracted and converted as its field.
#[derive(Debug, FromPyObject, IntoPyObject)]
pub struct Meters(f64);

/// `transparent` on a one-field struct.
#[derive(Debug, FromPyObject, IntoPyObject)]
#[bind(transparent)]
pub struct Ids {
    inner: Vec<i64>,
}

/// Tried variant by variant.
#[derive(Debug, FromPyObject, IntoPyObject)]
pub enum Shape {
    /// Any object with an `r` attribute.
    #[bind(annotation = "circle")]
    Circle { r: f64 },
    /// A mapping with `w` and `h`.
    #[bind(from_item_all)]
    Rect { w: f64, h: f64 },
    /// A pair `(label, sides)`.
    Polygon(String, u32),
    /// A bare number: a square's side.
    Square(f64),
}

/// A row with a list of tags, read from a dict.
#[derive(Debug, FromPyObject, IntoPyObject)]
#[bind(from_item_all)]
pub struct Row {
    id: i64,
    tags: Vec<String>,
    #[bind(serde)]
    #[bind(default)]
    meta: Option<Meta>,
}

/// A serde-only type used as one derived field.
#[derive(Debug, Serialize, Deserialize, Default)]
pub struct Meta {
    owner: String,
    level: Level,
}

/// An enum in a serde field.
#[derive(Debug, Serialize, Deserialize, Default)]
pub enum Level {
    #[default]
    Low,
    High,
}

/// `Point` read from attributes, described back.
#[function]
fn describe_point(p: Point) -> String {
    format!("Point(x={}, y={})", p.x, p.y)
}

/// A `Point` converted to a dict.
#[function]
fn make_point(x: f64, y: f64) -> Point {
    Point { x, y }
}

/// The section back as a dict.
#[function]
fn section_rt(s: Section) -> Section {
    s
}

/// The mixed struct described.
#[function]
fn describe_mixed(m: Mixed) -> String {
    format!("{} {} {}", m.re, m.label, m.code)
}

/// Pair, newtype and transparent round trips.
#[function]
fn pair_rt(p: Pair) -> Pair {
    p
}

/// Newtype round trip.
#[function]
fn meters_rt(m: Meters) -> Meters {
    m
}

/// Transparent round trip.
#[function]
fn ids_rt(ids: Ids) -> Ids {
    ids
}

/// Which variant matched, and its area (`Polygon`: 0).
#[function]
fn shape_info(s: Shape) -> (String, f64) {
    match s {
        Shape::Circle { r } => ("Circle".into(), std::f64::consts::PI * r * r),
        Shape::Rect { w, h } => ("Rect".into(), w * h),
        Shape::Polygon(..) => ("Polygon".into(), 0.0),
        Shape::Square(a) => ("Square".into(), a * a),
    }
}

/// The shape converted back by variant.
#[function]
fn shape_rt(s: Shape) -> Shape {
    s
}

/// How many rows, and the total number of tags.
#[function]
fn count_tags(rows: Vec<Row>) -> (usize, usize) {
    (rows.len(), rows.iter().map(|r| r.tags.len()).sum())
}

/// The rows back as dicts (the `meta` field through serde).
#[function]
fn rows_rt(rows: Vec<Row>) -> Vec<Row> {
    rows
}

// ---------------------------------------------------------------------------------------
// serde bridge

/// An application config as one would keep in TOML/JSON.
#[derive(Debug, Serialize, Deserialize)]
pub struct AppConfig {
    name: String,
    version: (u32, u32, u32),
    servers: Vec<Server>,
    /// Int keys: HTTP status → message.
    errors: BTreeMap<u16, String>,
    features: IndexMap<String, bool>,
    mode: Mode,
    #[serde(default)]
    timeout_ms: Option<u64>,
    #[serde(with = "serde_bytes_compat")]
    secret: Vec<u8>,
}

/// Stores `Vec<u8>` as serde bytes (→ Python `bytes`).
mod serde_bytes_compat {
    use serde::{Deserializer, Serializer};

    /// Serializes as bytes.
    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }

    /// Deserializes from bytes.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
        }
        d.deserialize_bytes(V)
    }
}

/// One server entry.
#[derive(Debug, Serialize, Deserialize)]
pub struct Server {
    host: String,
    port: u16,
    #[serde(rename = "tls")]
    use_tls: bool,
}

/// Externally tagged enum: unit, struct and newtype variants.
#[derive(Debug, Serialize, Deserialize)]
pub enum Mode {
    Development,
    Production { replicas: u32 },
    Custom(String),
}

/// A record with an enum field (the benchmark shape plus a status).
#[derive(Debug, Serialize, Deserialize)]
pub struct Record {
    id: i64,
    name: String,
    tags: Vec<String>,
    score: f64,
    status: Status,
}

/// Record status.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Active,
    Archived,
    Flagged(String),
}

/// An internally tagged enum.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Event {
    Click { x: i32, y: i32 },
    Key { code: String },
}

/// The whole config through the serde bridge and back.
#[function]
fn config_rt(c: Serde<AppConfig>) -> Serde<AppConfig> {
    c
}

/// Records through the serde bridge and back.
#[function]
fn records_rt(rows: Serde<Vec<Record>>) -> Serde<Vec<Record>> {
    rows
}

/// Events (internally tagged) through the serde bridge and back.
#[function]
fn events_rt(events: Serde<Vec<Event>>) -> Serde<Vec<Event>> {
    events
}

/// A default config, serialized.
#[function]
fn default_config() -> Serde<AppConfig> {
    Serde(AppConfig {
        name: "demo".into(),
        version: (1, 2, 3),
        servers: vec![Server {
            host: "localhost".into(),
            port: 8080,
            use_tls: false,
        }],
        errors: BTreeMap::from([(404, "not found".into()), (500, "oops".into())]),
        features: IndexMap::from([("zeta".to_string(), true), ("alpha".to_string(), false)]),
        mode: Mode::Production { replicas: 3 },
        timeout_ms: None,
        secret: b"\x00\xff".to_vec(),
    })
}

/// Any value through `serde` (as a map/seq/scalar tree) and back: integers, floats,
/// strings, bytes, None, lists, tuples (→ lists), dicts with any key.
#[function]
fn serde_value_rt(v: Serde<Value>) -> Serde<Value> {
    v
}

/// A self-describing value, read with `deserialize_any`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    #[serde(with = "serde_bytes_compat")]
    Bytes(Vec<u8>),
    Str(String),
    List(Vec<Value>),
    Map(BTreeMap<String, Value>),
}

/// A type converted with `#[bind(serde)]` on the type (no wrapper).
#[derive(Debug, Serialize, Deserialize, FromPyObject, IntoPyObject)]
#[bind(serde)]
pub struct Limits {
    max_rows: u32,
    per_user: HashMap<String, u32>,
}

/// `Limits` in and out with no wrapper.
#[function]
fn limits_rt(l: Limits) -> Limits {
    l
}

/// A recursive derived type: the input decides how deep extraction goes, and deep or
/// self-containing input raises `RecursionError`.
#[derive(Debug, FromPyObject)]
pub struct Tree {
    children: Vec<Tree>,
}

/// The number of nodes of a tree read from objects with a `children` attribute.
#[function]
fn tree_size(t: Tree) -> usize {
    fn size(t: &Tree) -> usize {
        1 + t.children.iter().map(size).sum::<usize>()
    }
    size(&t)
}

/// Panics with `message`: the panic reaches Python as `bind.PanicException`, the one
/// class every bind module of the interpreter shares (picklable, importable as `bind`).
#[function]
fn panic_with(message: String) {
    panic!("{message}")
}

/// The module.
#[module]
fn records(m: &Owned<'_, PyModule>) -> PyResult<()> {
    add_round_trips(m)?;
    m.add_function(wrap!(rt_cow_str))?;
    m.add_function(wrap!(bytes_len))?;
    m.add_function(wrap!(cow_bytes_borrowed))?;
    m.add_function(wrap!(sum_f64))?;
    m.add_function(wrap!(sum_i64))?;
    m.add_function(wrap!(describe_point))?;
    m.add_function(wrap!(make_point))?;
    m.add_function(wrap!(section_rt))?;
    m.add_function(wrap!(describe_mixed))?;
    m.add_function(wrap!(pair_rt))?;
    m.add_function(wrap!(meters_rt))?;
    m.add_function(wrap!(ids_rt))?;
    m.add_function(wrap!(shape_info))?;
    m.add_function(wrap!(shape_rt))?;
    m.add_function(wrap!(count_tags))?;
    m.add_function(wrap!(rows_rt))?;
    m.add_function(wrap!(config_rt))?;
    m.add_function(wrap!(records_rt))?;
    m.add_function(wrap!(events_rt))?;
    m.add_function(wrap!(default_config))?;
    m.add_function(wrap!(serde_value_rt))?;
    m.add_function(wrap!(limits_rt))?;
    m.add_function(wrap!(tree_size))?;
    m.add_function(wrap!(panic_with))?;
    Ok(())
}
