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
