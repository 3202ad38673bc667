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
