//! `String` through the serde bridge (its own text copy for short compact ASCII strings)
//! reads every `str` as the core conversion does, errors included.
use bind_conversions::serde::from_py;
use bind_core::types::{PyDict, PyList};
use bind_core::Gil;

const STRINGS: &str = r#"
class S(str):
    pass
ascii = "".join(chr(33 + i) for i in range(40))
strings = [ascii[:n] for n in range(41)]
strings += ["é", "aé", "🐍" * 5, "x" * 15 + "é", S("sub"), S(""), "\ud800", "a\x00b", 7]
"#;

#[test]
fn strings_read_as_the_core_conversion_reads_them() {
    Gil::with(|gil| {
        let g = PyDict::new(gil);
        gil.run(STRINGS, Some(&g), None).unwrap();
        let strings = g.get_item("strings").unwrap().unwrap();
        let strings = strings.downcast::<PyList>().unwrap();
        for i in 0..strings.len() {
            let obj = strings.get_item(i).unwrap();
            let core = obj.extract::<String>().map_err(|e| e.to_string());
            let serde = from_py::<String>(&obj).map_err(|e| e.to_string());
            assert_eq!(serde, core, "item {i}");
            // As an element of a seq too.
            let list = PyList::new(gil, [obj]).unwrap().into_any();
            let in_list = from_py::<Vec<String>>(&list).map_err(|e| e.to_string());
            assert_eq!(in_list.is_ok(), core.is_ok(), "item {i} in a list");
            if let (Ok(v), Ok(s)) = (in_list, &core) {
                assert_eq!(&v[0], s);
            }
        }
    });
}
