//! The serializer's two ways to a list: `collect_seq` (what `Vec`, slices and other
//! iterators use; pre-sized when the length is exact) and the general
//! `serialize_seq` + `serialize_element`. Both give the same list, the same length errors
//! and the same `RecursionError` depth.
use bind_conversions::serde::to_py;
use bind_core::Gil;
use serde::ser::{Serialize, SerializeSeq, Serializer};

/// Items through `collect_seq` (`lie`: the size hint the iterator gives, exact when `None`).
struct Collected {
    items: Vec<Tree>,
    lie: Option<usize>,
    exact: bool,
}

/// Items through `serialize_seq(len)` + `serialize_element` (the general path).
struct General {
    items: Vec<Tree>,
    len: Option<usize>,
}

/// A nested value: an int, or a list of trees through one of the two paths.
enum Tree {
    Leaf(i64),
    Collected(Collected),
    General(General),
}

/// An iterator whose size hint may lie or be inexact.
struct Hinted<'a> {
    items: std::slice::Iter<'a, Tree>,
    hint: (usize, Option<usize>),
}

impl<'a> Iterator for Hinted<'a> {
    type Item = &'a Tree;
    fn next(&mut self) -> Option<&'a Tree> {
        self.items.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.hint
    }
}

impl Serialize for Tree {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Tree::Leaf(v) => s.serialize_i64(*v),
            Tree::Collected(c) => {
                let len = c.lie.unwrap_or(c.items.len());
                let hint = if c.exact { (len, Some(len)) } else { (0, None) };
                s.collect_seq(Hinted {
                    items: c.items.iter(),
                    hint,
                })
            }
            Tree::General(g) => {
                let mut seq = s.serialize_seq(g.len)?;
                for item in &g.items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
        }
    }
}

fn leaves(n: i64) -> Vec<Tree> {
    (0..n).map(Tree::Leaf).collect()
}

/// The repr of the result (`<deep>` past repr's own recursion limit), or the exception
/// (`Type: message`).
fn outcome(gil: Gil<'_>, tree: &Tree) -> String {
    match to_py(gil, tree) {
        Ok(v) => v.repr().map_or("<deep>".to_owned(), |r| r.to_string()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn collect_seq_matches_the_general_path() {
    Gil::with(|gil| {
        for n in [0, 1, 2, 5] {
            for (lie, exact) in [
                (None, true),
                (None, false),
                (Some(n as usize + 1), true),
                (Some((n as usize).saturating_sub(1)), true),
            ] {
                let collected = Tree::Collected(Collected {
                    items: leaves(n),
                    lie,
                    exact,
                });
                let general = Tree::General(General {
                    items: leaves(n),
                    len: exact.then(|| lie.unwrap_or(n as usize)),
                });
                let (a, b) = (outcome(gil, &collected), outcome(gil, &general));
                assert_eq!(a, b, "n={n} lie={lie:?} exact={exact}");
                if lie.is_some_and(|l| l != n as usize) && exact {
                    assert!(a.starts_with("ValueError: a Serialize impl gave"), "{a}");
                }
            }
        }
    });
}

/// `depth` lists in lists around one int, each level through `collect_seq` or not.
fn nested(depth: usize, collected: bool) -> Tree {
    let mut tree = Tree::Leaf(7);
    for _ in 0..depth {
        tree = if collected {
            Tree::Collected(Collected {
                items: vec![tree],
                lie: None,
                exact: true,
            })
        } else {
            Tree::General(General {
                items: vec![tree],
                len: Some(1),
            })
        };
    }
    tree
}

#[test]
fn both_paths_stop_at_the_same_depth() {
    Gil::with(|gil| {
        let sys = gil.import("sys").unwrap();
        let old = sys.call_method0("getrecursionlimit").unwrap();
        sys.call_method1("setrecursionlimit", (60,)).unwrap();
        for depth in 55..=65 {
            let (a, b) = (
                outcome(gil, &nested(depth, true)),
                outcome(gil, &nested(depth, false)),
            );
            assert_eq!(a, b, "depth {depth}");
            // The limit counts the levels entered: 60 lists convert, 61 do not.
            assert_eq!(a.starts_with("RecursionError"), depth > 60, "{depth}: {a}");
        }
        sys.call_method1("setrecursionlimit", (old,)).unwrap();
    });
}
