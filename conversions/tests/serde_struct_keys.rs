//! A list of structs read from dicts: the elements of a seq match keys that are the
//! interned field names by identity (`StructAccess`), a single struct goes through the
//! plain dict path. Both must give the same values and the same errors for every input.
use bind_conversions::serde::from_py;
use bind_core::types::{PyAny, PyDict, PyList};
use bind_core::{Gil, Owned, PyErr};
use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Strict {
    #[serde(alias = "ident")]
    id: i64,
    name: String,
    #[serde(default)]
    score: f64,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Lenient {
    id: i64,
    name: String,
    tags: Vec<String>,
    inner: Option<Box<Lenient>>,
}

const INPUTS: &str = r#"
class S(str):
    pass
class D(dict):
    pass
class Hostile:
    # An int whose conversion runs Python code that changes the dict being read.
    def __init__(self, d, how):
        self.d, self.how = d, how
    def __index__(self):
        if self.how == "clear":
            self.d.clear()
        elif self.how == "add":
            self.d["zzz"] = 1
        else:
            self.d["name"] = "replaced"
        return 7
def hostile(how):
    d = {"name": "n", "score": 1.0}
    d["id"] = Hostile(d, how)
    return d
cases = [
    dict(id=1, name="a", score=0.5),
    {"name": "b", "id": 2},
    dict(ident=3, name="c"),
    dict(id=4, name="d", extra=True),
    dict(id=5),
    dict(name="f", score=1.0),
    {1: "x", "id": 6, "name": "g"},
    {S("id"): 7, "name": "h"},
    {"id": 8, S("name"): "i"},
    D(id=9, name="j"),
    {"".join(["i", "d"]): 10, "name": "k"},
    dict(id="x", name="l"),
    dict(id=12, name=13),
    dict(id=14, name="m", score="no"),
    hostile("clear"),
    hostile("add"),
    hostile("replace"),
    {},
]
keyed = [dict(a=1, b=2), {"b": 1, "a": 2}, dict(a=1), {1: 2}, {"ab": 1, "a": 3}]
lenient = [
    dict(id=1, name="a", tags=["x"], inner=None),
    dict(id=2, name="b", tags=[], unknown=[1, 2], inner=dict(id=3, name="c", tags=["y"], inner=None)),
    dict(tags=["z"], name="d", id=4, inner=None),
    dict(id=5, name="e", tags=["ok", 5], inner=None),
    dict(id=6, name="f", tags=[], inner=dict(id=7, name="g", tags=[], inner=None, more=1)),
    dict(id=8, name="h", tags=[], inner=dict(id="bad", name="g", tags=[], inner=None)),
]
"#;

fn inputs(gil: Gil<'_>) -> Owned<'_, PyDict> {
    let globals = PyDict::new(gil);
    gil.run(INPUTS, Some(&globals), None).unwrap();
    globals
}

/// The outcome as text: the value, or the exception's type and message with the path
/// segment `strip` (the list's `[0]`) taken off the front where there is one.
fn describe<T: std::fmt::Debug>(gil: Gil<'_>, r: Result<T, PyErr>, strip: &str) -> String {
    match r {
        Ok(v) => format!("ok {v:?}"),
        Err(e) => {
            let name = e.get_type(gil).name().unwrap().to_string();
            let text = e.to_string();
            let text = text.strip_prefix(&format!("{name}: ")).unwrap_or(&text);
            let text = match text.strip_prefix(strip) {
                Some(rest) => rest.strip_prefix(": ").unwrap_or(rest).to_owned(),
                // Errors outside conversion (a dict changed while read) carry no path.
                None => text.to_owned(),
            };
            format!("{name}: {text}")
        }
    }
}

/// Case `i` of the list named `list`, from a fresh run of the inputs (some cases change
/// their dict while being read).
fn case<'py>(gil: Gil<'py>, list: &str, i: usize) -> Owned<'py, PyAny> {
    let cases = inputs(gil).get_item(list).unwrap().unwrap();
    cases.downcast::<PyList>().unwrap().get_item(i).unwrap()
}

/// Each case read alone and as the only element of a list.
fn same_alone_and_in_a_list<T: serde::de::DeserializeOwned + std::fmt::Debug>(list: &str) {
    Gil::with(|gil| {
        let cases = inputs(gil).get_item(list).unwrap().unwrap();
        let n = cases.downcast::<PyList>().unwrap().len();
        let mut seen_ok = 0;
        for i in 0..n {
            let alone = describe(gil, from_py::<T>(&case(gil, list, i)), "");
            let in_list = PyList::new(gil, [case(gil, list, i)]).unwrap().into_any();
            let in_list = match from_py::<Vec<T>>(&in_list) {
                Ok(mut v) => {
                    assert_eq!(v.len(), 1);
                    Ok(v.pop().unwrap())
                }
                Err(e) => Err(e),
            };
            let in_list = describe(gil, in_list, "[0]");
            println!("case {i}: {alone}");
            assert_eq!(alone, in_list, "case {i}");
            seen_ok += usize::from(alone.starts_with("ok"));
        }
        // The cases cover both outcomes.
        assert!(seen_ok > 0 && seen_ok < n, "{seen_ok} of {n}");
    });
}

#[test]
fn strict_structs_read_the_same_alone_and_in_a_list() {
    same_alone_and_in_a_list::<Strict>("cases");
}

#[test]
fn nested_structs_read_the_same_alone_and_in_a_list() {
    same_alone_and_in_a_list::<Lenient>("lenient");
}

/// The outcome of case `i` read alone, as the element at `at` of a seq would report it.
fn alone_at<T: serde::de::DeserializeOwned + std::fmt::Debug>(
    gil: Gil<'_>,
    list: &str,
    i: usize,
    at: usize,
) -> Result<String, String> {
    match from_py::<T>(&case(gil, list, i)) {
        Ok(v) => Ok(format!("{v:?}")),
        Err(e) => {
            let text = describe::<()>(gil, Err(e), "");
            // A path starts with a key (`['id']: …`); an error without one gets `[at]: `.
            let (name, rest) = text.split_once(": ").unwrap();
            // Errors outside conversion (a dict changed while read) carry no path.
            Err(if name == "RuntimeError" {
                text
            } else if rest.starts_with('[') {
                format!("{name}: [{at}]{rest}")
            } else {
                format!("{name}: [{at}]: {rest}")
            })
        }
    }
}

/// Every pair of cases as a two-element list: the second element reads its keys through
/// the field table the first one filled, and must read as it does alone.
fn pairs_read_as_alone<T: serde::de::DeserializeOwned + std::fmt::Debug>(list: &str) {
    Gil::with(|gil| {
        let cases = inputs(gil).get_item(list).unwrap().unwrap();
        let n = cases.downcast::<PyList>().unwrap().len();
        for i in 0..n {
            for j in 0..n {
                let expected = match (
                    alone_at::<T>(gil, list, i, 0),
                    alone_at::<T>(gil, list, j, 1),
                ) {
                    (Ok(a), Ok(b)) => format!("ok [{a}, {b}]"),
                    (Err(e), _) | (Ok(_), Err(e)) => e,
                };
                let pair = PyList::new(gil, [case(gil, list, i), case(gil, list, j)]).unwrap();
                let got = describe(gil, from_py::<Vec<T>>(&pair.into_any()), "");
                assert_eq!(got, expected, "cases {i}, {j}");
            }
        }
    });
}

#[test]
fn strict_structs_read_the_same_in_pairs() {
    pairs_read_as_alone::<Strict>("cases");
}

#[test]
fn nested_structs_read_the_same_in_pairs() {
    pairs_read_as_alone::<Lenient>("lenient");
}

#[derive(Debug, Deserialize, PartialEq)]
struct Ab {
    a: i64,
    b: i64,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Ba {
    b: i64,
    a: i64,
}

/// A seq whose elements are different structs (a tuple) refills the table for each.
#[test]
fn a_tuple_of_different_structs_reads_each_by_its_own_fields() {
    Gil::with(|gil| {
        let globals = inputs(gil);
        let lenient = globals.get_item("lenient").unwrap().unwrap();
        let lenient = lenient.downcast::<PyList>().unwrap();
        let strict = globals.get_item("cases").unwrap().unwrap();
        let strict = strict.downcast::<PyList>().unwrap();
        let items = [
            strict.get_item(0).unwrap(),
            lenient.get_item(0).unwrap(),
            strict.get_item(1).unwrap(),
            lenient.get_item(2).unwrap(),
        ];
        let tuple = PyList::new(gil, items).unwrap().into_any();
        let got = from_py::<(Strict, Lenient, Strict, Lenient)>(&tuple).unwrap();
        let alone = (
            from_py::<Strict>(&strict.get_item(0).unwrap()).unwrap(),
            from_py::<Lenient>(&lenient.get_item(0).unwrap()).unwrap(),
            from_py::<Strict>(&strict.get_item(1).unwrap()).unwrap(),
            from_py::<Lenient>(&lenient.get_item(2).unwrap()).unwrap(),
        );
        assert_eq!(got, alone);
        // A field of one struct is an unknown key for the other.
        let swapped = PyList::new(
            gil,
            [lenient.get_item(0).unwrap(), strict.get_item(0).unwrap()],
        )
        .unwrap()
        .into_any();
        let err = from_py::<(Strict, Lenient)>(&swapped)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("[0]") && err.contains("unknown field"),
            "{err}"
        );
        // The same names in another order: a key matched against the first struct's table
        // would be read as the wrong field.
        let two = gil.eval("[dict(a=1, b=2), dict(a=3, b=4)]").unwrap();
        let got = from_py::<(Ab, Ba)>(&two).unwrap();
        assert_eq!(got, (Ab { a: 1, b: 2 }, Ba { b: 4, a: 3 }));
    });
}

/// The keys of a struct read as `K` by a hand-written visitor: a key matched by identity
/// still answers a request for anything but text as the key object itself would.
#[derive(Debug, PartialEq)]
struct KeysAs<K>(Vec<K>);

impl<'de, K: Deserialize<'de>> Deserialize<'de> for KeysAs<K> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys<K>(std::marker::PhantomData<K>);
        impl<'de, K: Deserialize<'de>> serde::de::Visitor<'de> for Keys<K> {
            type Value = KeysAs<K>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a struct")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<KeysAs<K>, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<K>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(KeysAs(keys))
            }
        }
        d.deserialize_struct("KeysAs", &["a", "b"], Keys(std::marker::PhantomData))
    }
}

#[test]
fn matched_keys_read_as_other_types_as_the_key_object_does() {
    same_alone_and_in_a_list::<KeysAs<String>>("keyed");
    same_alone_and_in_a_list::<KeysAs<char>>("keyed");
    same_alone_and_in_a_list::<KeysAs<i64>>("keyed");
    same_alone_and_in_a_list::<KeysAs<Option<String>>>("keyed");
    pairs_read_as_alone::<KeysAs<char>>("keyed");
}
