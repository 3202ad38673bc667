//! `intern!`: one interned `str` per call site, reused across calls.
use bind::prelude::*;

fn name<'py>(gil: Gil<'py>) -> &'py Owned<'py, PyStr> {
    bind::intern!(gil, "append")
}

#[test]
fn the_same_object_every_time_and_equal_to_the_text() {
    Gil::with(|gil| {
        let first = name(gil).as_ptr();
        let second = name(gil).as_ptr();
        assert_eq!(first, second);
        assert_eq!(name(gil).to_str().unwrap(), "append");
        // Interned: identical to the interned literal Python itself uses.
        let sys_intern = gil
            .import("sys")
            .unwrap()
            .call_method1("intern", ("append",))
            .unwrap();
        assert_eq!(sys_intern.as_ptr(), first);
    });
}

#[test]
fn usable_as_an_attribute_name() {
    Gil::with(|gil| {
        let list = PyList::empty(gil);
        list.call_method1(name(gil), (1,)).unwrap();
        assert_eq!(list.len(), 1);
        assert!(list.hasattr(name(gil)).unwrap());
    });
}

#[test]
fn key_cache_lends_one_interned_str_per_name() {
    use bind::types::{CachedKey, KeyCache};
    Gil::with(|gil| {
        let keys = KeyCache::new();
        let a = keys.get(gil, "alpha");
        let b = keys.get(gil, "beta");
        // Hint hit, search hit, and the same object as Python's own interned text.
        assert!(keys.get(gil, "alpha").is(&a));
        assert!(keys.get(gil, "beta").is(&b));
        assert!(keys.get(gil, "alpha").is(&a));
        let sys_intern = gil
            .import("sys")
            .unwrap()
            .call_method1("intern", ("alpha",))
            .unwrap();
        assert!(a.is(&sys_intern));
        // Past the capacity a key is interned for one use, still the same text.
        let names: Vec<&'static str> = (0..KeyCache::CAPACITY)
            .map(|i| &*Box::leak(format!("k{i}").into_boxed_str()))
            .collect();
        for name in &names {
            keys.get(gil, name);
        }
        let last = names[names.len() - 1];
        assert!(matches!(keys.get(gil, last), CachedKey::Fresh(_)));
        assert!(matches!(keys.get(gil, "alpha"), CachedKey::Cached(_)));
        let owned = keys.get(gil, last).into_owned();
        assert_eq!(owned.to_str().unwrap(), last);
    });
}

/// `KeyCache::set_item` (hinted key, or looked up, or interned for one use past the
/// capacity) fills dicts exactly as `set_item_obj` with the interned name does: one dict
/// per round, as for a list of records, so that the hint is used for new keys.
#[test]
fn key_cache_set_item_matches_interning() {
    use bind::types::{KeyCache, PyDict};
    Gil::with(|gil| {
        let mut names: Vec<&'static str> = vec!["id", "name", "tags", "score", "tags", "id"];
        names.extend(
            (0..KeyCache::CAPACITY + 3).map(|i| &*Box::leak(format!("f{i}").into_boxed_str())),
        );
        names.extend(["id", "f1", "f70", "f70"]);
        let keys = KeyCache::new();
        for round in 0..3 {
            let (a, b) = (PyDict::new(gil), PyDict::new(gil));
            // Later rounds skip a name now and then, as `skip_serializing_if` does.
            for (i, name) in names
                .iter()
                .enumerate()
                .filter(|(i, _)| round == 0 || i % 5 != round)
            {
                let value = (i as i64).into_py(gil).unwrap();
                keys.set_item(&a, name, &value).unwrap();
                b.set_item_obj(&PyStr::intern(gil, name), &value).unwrap();
            }
            assert!(a.eq(&b).unwrap(), "round {round}");
            let (ka, kb) = (a.keys(), b.keys());
            assert_eq!(ka.len(), kb.len());
            for i in 0..ka.len() {
                let (x, y) = (ka.get_item(i).unwrap(), kb.get_item(i).unwrap());
                assert!(
                    x.is(&y),
                    "round {round}: key {i} is not the interned object"
                );
            }
        }
    });
}
