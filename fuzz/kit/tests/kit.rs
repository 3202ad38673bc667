//! The kit against derived and std types through an embedded interpreter: generated
//! values have the described shape and round-trip, near-misses raise with their path, and
//! broken conversions are caught.
use bind::prelude::*;
use bind::shape::Shaped;
use bind_fuzz_kit::{check_conversion, check_extraction, Case, ErrorKind, Expect, Mode};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Read from attributes.
#[derive(Debug, FromPyObject, IntoPyObject)]
struct Point {
    x: f64,
    y: i32,
}

/// Read from keys: renamed, defaulted, nested.
#[derive(Debug, FromPyObject, IntoPyObject)]
#[bind(from_item_all)]
struct Section {
    name: String,
    #[bind(item("max-retries"))]
    retries: u8,
    #[bind(default)]
    verbose: bool,
    tags: Vec<String>,
    points: Option<Vec<Point>>,
}

/// Keys that are not strings, beside an attribute of the same object.
#[derive(Debug, FromPyObject, IntoPyObject)]
struct Keyed {
    #[bind(item(0))]
    first: u16,
    #[bind(item((1, "a")))]
    pair: (i8, char),
    #[bind(attribute("label"))]
    text: String,
}

/// A tuple struct, a newtype, `transparent`.
#[derive(Debug, FromPyObject, IntoPyObject)]
struct Pair(i64, Option<String>);

#[derive(Debug, FromPyObject, IntoPyObject)]
struct Meters(f32);

#[derive(Debug, FromPyObject, IntoPyObject)]
#[bind(transparent)]
struct Ids {
    inner: Vec<u8>,
}

/// Tried variant by variant.
#[derive(Debug, FromPyObject, IntoPyObject)]
enum Figure {
    #[bind(annotation = "circle")]
    Circle {
        r: f64,
    },
    #[bind(from_item_all)]
    Rect {
        w: u32,
        h: u32,
    },
    Polygon(String, u8),
    Square(f64),
}

/// Recursive.
#[derive(Debug, FromPyObject, IntoPyObject)]
struct Tree {
    label: char,
    children: Vec<Tree>,
}

/// Recursive through an enum.
#[derive(Debug, FromPyObject, IntoPyObject)]
enum Node {
    Leaf(u32),
    Branch { children: Vec<Node> },
}

/// A field read by a function: its shape is unknown.
#[derive(Debug, FromPyObject)]
#[allow(dead_code)] // extracted only
struct Custom {
    #[bind(from_py_with = parse_hex)]
    code: u32,
    n: i8,
}

fn parse_hex(obj: &Owned<'_, PyAny>) -> PyResult<u32> {
    let text: String = obj.extract()?;
    u32::from_str_radix(&text, 16).map_err(|_| bind::exceptions::PyValueError::new_err("not hex"))
}

/// Everything at once.
#[derive(Debug, FromPyObject, IntoPyObject)]
#[bind(from_item_all)]
struct Document {
    sections: HashMap<String, Section>,
    figures: Vec<Figure>,
    tree: Tree,
    keyed: Option<Keyed>,
    sizes: BTreeMap<i64, [u16; 2]>,
    flags: BTreeSet<String>,
    pairs: Vec<Pair>,
    meters: Meters,
    ids: Ids,
}

mod common;

/// The inputs of these tests.
fn inputs(count: usize) -> impl Iterator<Item = Vec<u8>> {
    common::inputs(count, 0x9e37_79b9_7f4a_7c15)
}

/// Counts of the expectations of `count` cases of `T` in `mode`, after checking each.
fn survey<T>(mode: Mode, count: usize) -> Survey
where
    T: Shaped + for<'a, 'py> FromPyObject<'a, 'py> + for<'py> IntoPyObject<'py>,
{
    let mut survey = Survey::default();
    Gil::with(|gil| {
        for data in inputs(count) {
            let case = Case::generate(gil, T::SHAPE, &data, mode).expect("a case");
            match &case.expect {
                Expect::Accept => survey.accept += 1,
                Expect::Either => survey.either += 1,
                Expect::RejectUnlessAccepted(_) => survey.unless_accepted += 1,
                Expect::Reject(r) => {
                    match r.error {
                        ErrorKind::Conversion => survey.conversion += 1,
                        ErrorKind::Raised => survey.raised += 1,
                        ErrorKind::Recursion => survey.recursion += 1,
                    }
                    survey.paths.insert(r.path.clone());
                }
            }
            if let Some(value) = case.check_extract::<T>() {
                survey.extracted += 1;
                case.check_round_trip(&value.into_py(gil).expect("converts back"));
            }
        }
    });
    survey
}

#[derive(Debug, Default)]
struct Survey {
    accept: usize,
    either: usize,
    conversion: usize,
    raised: usize,
    recursion: usize,
    unless_accepted: usize,
    extracted: usize,
    paths: BTreeSet<String>,
}

#[test]
fn valid_values_extract_and_round_trip() {
    for survey in [
        survey::<Point>(Mode::Valid, 300),
        survey::<Section>(Mode::Valid, 300),
        survey::<Keyed>(Mode::Valid, 300),
        survey::<Pair>(Mode::Valid, 300),
        survey::<Meters>(Mode::Valid, 300),
        survey::<Ids>(Mode::Valid, 300),
        survey::<Figure>(Mode::Valid, 300),
        survey::<Tree>(Mode::Valid, 300),
        survey::<Document>(Mode::Valid, 300),
    ] {
        assert_eq!(survey.accept, 300, "{survey:?}");
        assert_eq!(survey.extracted, 300, "{survey:?}");
    }
}

#[test]
fn valid_values_have_the_described_shape() {
    Gil::with(|gil| {
        for data in inputs(200) {
            let point = Case::generate(gil, Point::SHAPE, &data, Mode::Valid).unwrap();
            assert!(point.value.hasattr("x").unwrap() && point.value.hasattr("y").unwrap());
            let section = Case::generate(gil, Section::SHAPE, &data, Mode::Valid).unwrap();
            for key in ["name", "max-retries", "tags", "points"] {
                assert!(
                    section.value.get_item(key).is_ok(),
                    "{}",
                    section.describe()
                );
            }
            let pair = Case::generate(gil, Pair::SHAPE, &data, Mode::Valid).unwrap();
            assert_eq!(pair.value.len().unwrap(), 2, "{}", pair.describe());
            let byte = Case::generate(gil, u8::SHAPE, &data, Mode::Valid).unwrap();
            let int: i64 = gil
                .import("operator")
                .unwrap()
                .call_method1("index", (&byte.value,))
                .unwrap()
                .extract()
                .unwrap();
            assert!((0..=255).contains(&int), "{}", byte.describe());
        }
    });
}

#[test]
fn near_misses_raise_with_their_path() {
    let section = survey::<Section>(Mode::NearMiss, 1500);
    assert!(
        section.conversion > 300 && section.raised > 20,
        "{section:?}"
    );
    for path in [
        "['name']",
        "['max-retries']",
        "['tags'][0]",
        "['points'][0].x",
    ] {
        assert!(
            section.paths.contains(path),
            "no near-miss at {path}: {section:?}"
        );
    }
    let keyed = survey::<Keyed>(Mode::NearMiss, 1000);
    for path in ["[0]", "[(1, 'a')][1]", ".label"] {
        assert!(
            keyed.paths.contains(path),
            "no near-miss at {path}: {keyed:?}"
        );
    }
    let document = survey::<Document>(Mode::NearMiss, 1500);
    assert!(
        document.conversion > 300 && document.raised > 20,
        "{document:?}"
    );
    assert!(
        document.paths.iter().any(|p| p.starts_with("['sizes'][")),
        "{document:?}"
    );
    // Inside an enum another variant may accept the value: either outcome is right.
    let figure = survey::<Figure>(Mode::NearMiss, 300);
    assert_eq!(
        figure.conversion + figure.raised + figure.recursion,
        0,
        "{figure:?}"
    );
}

#[test]
fn recursive_types_are_fed_deep_and_self_containing_values() {
    let tree = survey::<Tree>(Mode::NearMiss, 1500);
    assert!(tree.recursion > 10, "{tree:?}");
    // Through an enum: an earlier variant may accept the value, else `RecursionError`.
    let node = survey::<Node>(Mode::NearMiss, 1500);
    assert!(node.unless_accepted > 10, "{node:?}");
}

#[test]
fn unknown_parts_make_the_outcome_open() {
    Gil::with(|gil| {
        let mut either = 0;
        for data in inputs(300) {
            let case = Case::generate(gil, Custom::SHAPE, &data, Mode::Mixed).unwrap();
            either += usize::from(case.expect == Expect::Either);
            let _ = case.check_extract::<Custom>();
        }
        assert!(either > 100);
    });
}

#[test]
fn std_types_and_the_entry_points() {
    for data in inputs(400) {
        check_conversion::<Vec<u8>>(&data);
        check_conversion::<HashMap<String, Vec<i64>>>(&data);
        check_conversion::<Option<(u8, char)>>(&data);
        check_conversion::<BTreeSet<i16>>(&data);
        check_conversion::<[u16; 3]>(&data);
        check_conversion::<(f32, f64, bool, ())>(&data);
        check_conversion::<(i128, u128, std::num::NonZeroU32, isize)>(&data);
        check_conversion::<Vec<Vec<String>>>(&data);
        check_conversion::<Document>(&data);
        check_extraction::<Custom>(&data);
    }
}

/// A serde type: checked around samples.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Config {
    name: String,
    port: u16,
    ratio: f64,
    tags: Vec<String>,
    limits: BTreeMap<u16, i64>,
    mode: RunMode,
    #[serde(default)]
    timeout: Option<u32>,
    pair: (i8, char),
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
enum RunMode {
    Dev,
    Prod { replicas: u32 },
    Custom(String),
}

#[test]
fn serde_types_are_checked_around_samples() {
    let samples = [
        Config {
            name: "api".into(),
            port: 8080,
            ratio: 0.5,
            tags: vec!["a".into(), "b".into()],
            limits: BTreeMap::from([(1, -5), (404, 1 << 40)]),
            mode: RunMode::Prod { replicas: 3 },
            timeout: Some(30),
            pair: (-1, 'é'),
        },
        Config {
            name: String::new(),
            port: 0,
            ratio: f64::NAN,
            tags: vec![],
            limits: BTreeMap::new(),
            mode: RunMode::Custom("x".into()),
            timeout: None,
            pair: (0, '\0'),
        },
        Config {
            name: "z".into(),
            port: u16::MAX,
            ratio: -0.0,
            tags: vec!["😀".into()],
            limits: BTreeMap::from([(7, i64::MIN)]),
            mode: RunMode::Dev,
            timeout: Some(u32::MAX),
            pair: (i8::MAX, 'q'),
        },
    ];
    for data in inputs(1500) {
        bind_fuzz_kit::check_serde(&data, &samples);
    }
}
