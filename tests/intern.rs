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
