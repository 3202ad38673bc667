//! Containers: `tuple`, `list`, `dict`, `set`, `frozenset`, `slice`.
use bind::exceptions::{
    PyIndexError, PyKeyError, PyOverflowError, PyRuntimeError, PySystemError, PyTypeError,
    PyValueError,
};
use bind::prelude::*;

fn to_vec<'py>(obj: &Owned<'py, PyAny>) -> Vec<i64> {
    obj.extract().unwrap()
}

#[test]
fn tuples() {
    Gil::with(|gil| {
        let t = PyTuple::new(gil, [1, 2, 3, 2]).unwrap();
        assert_eq!(t.len(), 4);
        assert!(!t.is_empty());
        assert!(PyTuple::empty(gil).is_empty());
        assert_eq!(t.get_item(0).unwrap().extract::<i64>().unwrap(), 1);
        assert_eq!(t.get_borrowed_item(3).unwrap().extract::<i64>().unwrap(), 2);
        let err = t.get_item(4).unwrap_err();
        assert!(err.is_instance_of::<PyIndexError>(gil));
        assert_eq!(err.to_string(), "IndexError: tuple index out of range");
        assert!(t
            .get_item(usize::MAX)
            .unwrap_err()
            .is_instance_of::<PyIndexError>(gil));

        let items: Vec<i64> = t.iter().map(|i| i.extract().unwrap()).collect();
        assert_eq!(items, [1, 2, 3, 2]);
        assert_eq!(t.iter().len(), 4);
        let back: Vec<i64> = t.iter().rev().map(|i| i.extract().unwrap()).collect();
        assert_eq!(back, [2, 3, 2, 1]);
        let mut sum = 0;
        for item in &t {
            sum += item.extract::<i64>().unwrap();
        }
        assert_eq!(sum, 8);

        assert!(t.contains(3).unwrap());
        assert!(!t.contains(9).unwrap());
        assert_eq!(t.index(2).unwrap(), 1);
        assert_eq!(t.count(2).unwrap(), 2);
        let err = t.index(9).unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));

        assert_eq!(to_vec(&t.slice(1, 3)), [2, 3]);
        assert_eq!(to_vec(&t.slice(2, 100)), [3, 2]);
        assert_eq!(to_vec(&t.slice(3, 1)), Vec::<i64>::new());
        assert_eq!(to_vec(&t.to_list().unwrap()), [1, 2, 3, 2]);

        let mixed: (i64, String, Option<f64>) =
            gil.eval("(1, 'a', None)").unwrap().extract().unwrap();
        assert_eq!(mixed, (1, "a".to_owned(), None));
        let err = gil
            .eval("(1, 2)")
            .unwrap()
            .extract::<(i64, i64, i64)>()
            .unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil) || err.is_instance_of::<PyTypeError>(gil));
        let err = gil
            .eval("[1, 2]")
            .unwrap()
            .downcast::<PyTuple>()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "'list' object cannot be converted to 'tuple'"
        );

        // A lying ExactSizeIterator is caught.
        struct Liar(usize);
        impl Iterator for Liar {
            type Item = i64;
            fn next(&mut self) -> Option<i64> {
                self.0 += 1;
                (self.0 <= 3).then_some(1)
            }
        }
        impl ExactSizeIterator for Liar {
            fn len(&self) -> usize {
                2
            }
        }
        assert!(PyTuple::new(gil, Liar(0))
            .unwrap_err()
            .is_instance_of::<PySystemError>(gil));
    });
}

#[test]
fn lists() {
    Gil::with(|gil| {
        let list = PyList::new(gil, [3, 1, 2]).unwrap();
        assert_eq!(list.len(), 3);
        list.append(4).unwrap();
        list.insert(0, 0).unwrap();
        assert_eq!(to_vec(&list), [0, 3, 1, 2, 4]);
        list.insert(usize::MAX, 9).unwrap();
        assert_eq!(to_vec(&list), [0, 3, 1, 2, 4, 9]);
        list.set_item(5, 5).unwrap();
        list.sort().unwrap();
        assert_eq!(to_vec(&list), [0, 1, 2, 3, 4, 5]);
        list.reverse().unwrap();
        assert_eq!(to_vec(&list), [5, 4, 3, 2, 1, 0]);
        list.del_item(0).unwrap();
        assert_eq!(to_vec(&list), [4, 3, 2, 1, 0]);

        assert_eq!(to_vec(&list.get_slice(1, 3)), [3, 2]);
        assert_eq!(to_vec(&list.get_slice(3, usize::MAX)), [1, 0]);
        list.set_slice(0, 2, &gil.eval("[40, 30, 35]").unwrap())
            .unwrap();
        assert_eq!(to_vec(&list), [40, 30, 35, 2, 1, 0]);
        list.del_slice(2, 4).unwrap();
        assert_eq!(to_vec(&list), [40, 30, 1, 0]);
        list.extend(vec![7, 8]).unwrap();
        list.extend(gil.eval("range(2)").unwrap()).unwrap();
        assert_eq!(to_vec(&list), [40, 30, 1, 0, 7, 8, 0, 1]);
        assert!(list.contains(7).unwrap());
        assert!(!list.contains(99).unwrap());
        assert_eq!(list.index(0).unwrap(), 3);
        assert_eq!(list.count(0).unwrap(), 2);
        assert_eq!(to_vec(&list.to_tuple()), [40, 30, 1, 0, 7, 8, 0, 1]);

        // Error paths.
        let err = list.get_item(100).unwrap_err();
        assert!(err.is_instance_of::<PyIndexError>(gil));
        assert_eq!(err.to_string(), "IndexError: list index out of range");
        let err = list.set_item(100, 1).unwrap_err();
        assert!(err.is_instance_of::<PyIndexError>(gil));
        assert!(err.to_string().contains("assignment index out of range"));
        assert!(list
            .del_item(100)
            .unwrap_err()
            .is_instance_of::<PyIndexError>(gil));
        assert!(list
            .index(99)
            .unwrap_err()
            .is_instance_of::<PyValueError>(gil));
        assert!(list
            .extend(5)
            .unwrap_err()
            .is_instance_of::<PyTypeError>(gil));
        let mixed = PyList::new(gil, [1.into_py(gil).unwrap(), "a".into_py(gil).unwrap()]).unwrap();
        assert!(mixed.sort().unwrap_err().is_instance_of::<PyTypeError>(gil));

        // Iteration re-reads the length, so shrinking the list mid-way is safe.
        let list = PyList::new(gil, [1, 2, 3, 4]).unwrap();
        let mut seen = vec![];
        for item in &list {
            seen.push(item.extract::<i64>().unwrap());
            if seen.len() == 1 {
                list.del_slice(2, 4).unwrap();
            }
        }
        assert_eq!(seen, [1, 2]);
        assert_eq!(PyList::empty(gil).iter().count(), 0);

        let v: Vec<String> = gil.eval("['a', 'b']").unwrap().extract().unwrap();
        assert_eq!(v, ["a", "b"]);
        let err = gil
            .eval("[1, 'b']")
            .unwrap()
            .extract::<Vec<i64>>()
            .unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        let err = gil
            .eval("[2**70]")
            .unwrap()
            .extract::<Vec<i64>>()
            .unwrap_err();
        assert!(err.is_instance_of::<PyOverflowError>(gil));
    });
}

#[test]
fn dicts() {
    Gil::with(|gil| {
        let d = PyDict::from_pairs(gil, [("a", 1), ("b", 2)]).unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(
            d.get_item("a").unwrap().unwrap().extract::<i64>().unwrap(),
            1
        );
        // A missing key is Ok(None), without leaving an exception set.
        assert!(d.get_item("zz").unwrap().is_none());
        assert!(PyErr::take(gil).is_none());
        // An unhashable key is an error, not None.
        let err = d.get_item(PyList::empty(gil)).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert!(err.to_string().contains("unhashable type: 'list'"));

        d.set_item("c", vec![1, 2]).unwrap();
        assert!(d.contains("c").unwrap());
        assert!(!d.contains("d").unwrap());
        d.del_item("c").unwrap();
        let err = d.del_item("c").unwrap_err();
        assert!(err.is_instance_of::<PyKeyError>(gil));
        assert_eq!(err.to_string(), "KeyError: 'c'");
        assert!(d
            .contains(PyList::empty(gil))
            .unwrap_err()
            .is_instance_of::<PyTypeError>(gil));
        assert!(d
            .set_item(PyDict::new(gil), 1)
            .unwrap_err()
            .is_instance_of::<PyTypeError>(gil));

        let keys: Vec<String> = d.keys().extract().unwrap();
        assert_eq!(keys, ["a", "b"]);
        let values: Vec<i64> = d.values().extract().unwrap();
        assert_eq!(values, [1, 2]);
        let items: Vec<(String, i64)> = d.items().extract().unwrap();
        assert_eq!(items, [("a".to_owned(), 1), ("b".to_owned(), 2)]);

        let mut pairs = vec![];
        for (k, v) in &d {
            pairs.push((k.extract::<String>().unwrap(), v.extract::<i64>().unwrap()));
        }
        assert_eq!(pairs, [("a".to_owned(), 1), ("b".to_owned(), 2)]);

        // Objects in hand: no conversion; an unhashable key still raises.
        let (k, v) = (PyStr::new(gil, "k"), 5.into_py(gil).unwrap());
        d.set_item_obj(&k, &v).unwrap();
        assert!(d.get_item(&k).unwrap().unwrap().is(&v));
        assert!(d
            .set_item_obj(&PyList::empty(gil), &v)
            .unwrap_err()
            .is_instance_of::<PyTypeError>(gil));
        d.del_item(k).unwrap();

        let copy = d.copy().unwrap();
        copy.set_item("z", 26).unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(copy.len(), 3);
        d.update(&gil.eval("{'b': 20, 'x': 24}").unwrap()).unwrap();
        assert_eq!(
            d.get_item("b").unwrap().unwrap().extract::<i64>().unwrap(),
            20
        );
        assert_eq!(d.len(), 3);
        assert!(d.update(&5.into_py(gil).unwrap()).is_err());
        d.clear();
        assert!(d.is_empty());

        // Changing the size while iterating stops iteration and reports RuntimeError.
        let d = PyDict::from_pairs(gil, [(1, 1), (2, 2), (3, 3)]).unwrap();
        let mut it = d.iter();
        assert!(it.next().is_some());
        d.set_item(4, 4).unwrap();
        assert!(it.next().is_none());
        let err = it.check().unwrap_err();
        assert!(err.is_instance_of::<PyRuntimeError>(gil));
        let mut it = d.iter();
        assert_eq!(it.by_ref().count(), 4);
        assert!(it.check().is_ok());

        let err = gil.eval("[]").unwrap().downcast::<PyDict>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'list' object cannot be converted to 'dict'"
        );
    });
}

#[test]
fn fresh_sequences() {
    use bind::types::FreshSeq;
    Gil::with(|gil| {
        let one = || 1.into_py(gil).unwrap();
        let mut seq = FreshSeq::tuple(gil, 2).unwrap();
        assert!(!seq.is_full());
        seq.push(one()).unwrap();
        seq.push(one()).unwrap();
        assert!(seq.is_full());
        let err = seq.push(one()).unwrap_err();
        assert!(err.is_instance_of::<PySystemError>(gil));
        assert_eq!(to_vec(&seq.finish().unwrap()), [1, 1]);

        // Short: an error, and the half-filled list is released (null slots are fine).
        let mut seq = FreshSeq::list(gil, 3).unwrap();
        seq.push(one()).unwrap();
        let err = seq.finish().unwrap_err();
        assert!(err.is_instance_of::<PySystemError>(gil));
        assert_eq!(
            err.to_string(),
            "SystemError: iterator yielded fewer items than its length"
        );
        drop(FreshSeq::list(gil, 2).unwrap());

        let list = FreshSeq::list(gil, 3)
            .unwrap()
            .fill([1, 2, 3].into_iter())
            .unwrap();
        assert!(list.is_instance_of::<PyList>());
        assert_eq!(to_vec(&list), [1, 2, 3]);
    });
}

#[test]
fn sets() {
    Gil::with(|gil| {
        let s = PySet::new(gil, [1, 2, 3]).unwrap();
        assert_eq!(s.len(), 3);
        assert!(s.contains(2).unwrap());
        assert!(!s.contains(5).unwrap());
        s.add(5).unwrap();
        s.add(5).unwrap();
        assert_eq!(s.len(), 4);
        assert!(s.discard(5).unwrap());
        assert!(!s.discard(5).unwrap());
        let mut items: Vec<i64> = s.iter().map(|i| i.unwrap().extract().unwrap()).collect();
        items.sort();
        assert_eq!(items, [1, 2, 3]);
        let mut total = 0;
        for item in &s {
            total += item.unwrap().extract::<i64>().unwrap();
        }
        assert_eq!(total, 6);

        let popped = s.pop().unwrap().extract::<i64>().unwrap();
        assert!((1..=3).contains(&popped));
        assert_eq!(s.len(), 2);
        s.clear();
        assert!(s.is_empty());
        assert!(s.pop().is_none());
        assert!(PySet::empty(gil).unwrap().is_empty());

        // Unhashable items.
        let err = s.add(PyList::empty(gil)).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert!(err.to_string().contains("unhashable type: 'list'"));
        assert!(s
            .contains(PyList::empty(gil))
            .unwrap_err()
            .is_instance_of::<PyTypeError>(gil));
        assert!(s
            .discard(PyDict::new(gil))
            .unwrap_err()
            .is_instance_of::<PyTypeError>(gil));
        assert!(PySet::new(gil, [PyList::empty(gil)]).is_err());

        // Changing the size while iterating yields RuntimeError.
        let s = PySet::new(gil, [1, 2, 3]).unwrap();
        let mut it = s.iter();
        assert!(it.next().unwrap().is_ok());
        s.add(10).unwrap();
        let err = it.next().unwrap().unwrap_err();
        assert!(err.is_instance_of::<PyRuntimeError>(gil));
        assert_eq!(
            err.to_string(),
            "RuntimeError: Set changed size during iteration"
        );

        let from_list = PySet::from_iterable(&gil.eval("[1, 1, 2]").unwrap()).unwrap();
        assert_eq!(from_list.len(), 2);
        assert!(PySet::from_iterable(&1.into_py(gil).unwrap()).is_err());
        let typed: Owned<PySet> = gil.eval("{1, 2}").unwrap().extract().unwrap();
        assert_eq!(typed.len(), 2);
        let err = gil
            .eval("frozenset()")
            .unwrap()
            .downcast::<PySet>()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "'frozenset' object cannot be converted to 'set'"
        );
    });
}

#[test]
fn frozensets() {
    Gil::with(|gil| {
        let f = PyFrozenSet::new(gil, ["a", "b", "a"]).unwrap();
        assert_eq!(f.len(), 2);
        assert!(f.contains("a").unwrap());
        assert!(!f.contains("c").unwrap());
        assert!(f.is_exact_instance_of::<PyFrozenSet>());
        assert!(f.hash().is_ok());
        let mut items: Vec<String> = f.iter().map(|i| i.unwrap().extract().unwrap()).collect();
        items.sort();
        assert_eq!(items, ["a", "b"]);
        assert_eq!((&f).into_iter().count(), 2);
        assert!(PyFrozenSet::empty(gil).unwrap().is_empty());
        assert!(f
            .contains(PyList::empty(gil))
            .unwrap_err()
            .is_instance_of::<PyTypeError>(gil));

        let s = PySet::new(gil, [1, 2]).unwrap();
        let frozen = s.to_frozenset().unwrap();
        s.add(3).unwrap();
        assert_eq!(frozen.len(), 2);
        let eq = gil.eval("frozenset({1, 2})").unwrap();
        assert!(frozen.eq(eq).unwrap());
        assert!(PyFrozenSet::from_iterable(&gil.eval("{1: 2}").unwrap())
            .unwrap()
            .contains(1)
            .unwrap());
        let err = gil
            .eval("{1}")
            .unwrap()
            .downcast::<PyFrozenSet>()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "'set' object cannot be converted to 'frozenset'"
        );
    });
}

#[test]
fn slices() {
    Gil::with(|gil| {
        let s = PySlice::new(gil, 1, 8, 2);
        let idx = s.indices(5).unwrap();
        assert_eq!(
            (idx.start, idx.stop, idx.step, idx.slicelength),
            (1, 5, 2, 2)
        );
        let idx = PySlice::new(gil, -1, -10, -1).indices(4).unwrap();
        assert_eq!(
            (idx.start, idx.stop, idx.step, idx.slicelength),
            (3, -1, -1, 4)
        );
        let full = PySlice::full(gil);
        let idx = full.indices(7).unwrap();
        assert_eq!(
            (idx.start, idx.stop, idx.step, idx.slicelength),
            (0, 7, 1, 7)
        );
        assert_eq!(
            full.repr().unwrap().to_str().unwrap(),
            "slice(None, None, None)"
        );
        assert_eq!(full.indices(0).unwrap().slicelength, 0);

        // Slicing a list with it matches Python.
        let list = gil.eval("list(range(10))").unwrap();
        let got = list.get_item(PySlice::new(gil, 8, 1, -3)).unwrap();
        assert_eq!(to_vec(&got), [8, 5, 2]);
        let expected: (isize, isize, isize) = gil
            .eval("slice(8, 1, -3).indices(10)")
            .unwrap()
            .extract()
            .unwrap();
        let idx = PySlice::new(gil, 8, 1, -3).indices(10).unwrap();
        assert_eq!((idx.start, idx.stop, idx.step), expected);
        assert_eq!(idx.slicelength, 3);

        // Errors: zero step, non-integer bounds.
        let err = PySlice::new(gil, 0, 1, 0).indices(3).unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));
        assert_eq!(err.to_string(), "ValueError: slice step cannot be zero");
        let odd = gil
            .eval("slice('a', 2)")
            .unwrap()
            .downcast_into::<PySlice>()
            .unwrap();
        assert!(odd
            .indices(3)
            .unwrap_err()
            .is_instance_of::<PyTypeError>(gil));
        // Huge bounds are clamped.
        let huge = gil
            .eval("slice(-10**30, 10**30)")
            .unwrap()
            .downcast_into::<PySlice>()
            .unwrap();
        assert_eq!(huge.indices(4).unwrap().slicelength, 4);
        let err = gil
            .eval("range(3)")
            .unwrap()
            .downcast::<PySlice>()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "'range' object cannot be converted to 'slice'"
        );
    });
}
