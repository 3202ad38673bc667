//! `set`/`frozenset` ↔ `HashSet<T>`, `BTreeSet<T>`, `IndexSet<T>` (a `set` out).
//!
//! Extraction accepts `set`, `frozenset` and their subclasses, not arbitrary iterables
//! (a list with duplicates would silently lose items).
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::exceptions::PyTypeError;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::{PyAny, PyFrozenSet, PySet};
use indexmap::IndexSet;
use std::collections::{BTreeSet, HashSet};
use std::hash::{BuildHasher, Hash};

/// Reads every item of a set or frozenset, calling `insert` with the converted item.
fn extract_items<'py, T>(obj: &Owned<'py, PyAny>, mut insert: impl FnMut(T)) -> PyResult<()>
where
    T: for<'b> FromPyObject<'b, 'py>,
{
    let iter = if let Ok(set) = obj.downcast::<PySet>() {
        set.iter()
    } else if let Ok(set) = obj.downcast::<PyFrozenSet>() {
        set.iter()
    } else {
        return Err(PyTypeError::new_err(format!(
            "'{}' object cannot be converted to 'set'",
            obj.type_name()
        )));
    };
    for item in iter {
        insert(T::extract(&item?)?);
    }
    Ok(())
}

/// `IntoPyObject` (a `set`) and `FromPyObject` (from a `set`/`frozenset`) for a set type:
/// `$gen` are its extra generic parameters, `$bounds` what extraction needs of them, and
/// `$new` makes an empty set.
macro_rules! set_conversions {
    ($($set:ty, [$($gen:ident),*], [$($bounds:tt)*], $new:expr;)*) => {$(
        impl<'py, T: IntoPyObject<'py>, $($gen),*> IntoPyObject<'py> for $set {
            const TYPE_HINT: TypeHint = TypeHint::Generic { name: "set", args: &[<T as IntoPyObject<'py>>::TYPE_HINT] };
            #[inline]
            fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
                PySet::new(gil, self).map(Owned::into_any)
            }
        }

        impl<'a, 'py, T, $($gen),*> FromPyObject<'a, 'py> for $set
        where
            T: for<'b> FromPyObject<'b, 'py>,
            $($bounds)*
        {
            const TYPE_HINT: TypeHint = TypeHint::Generic { name: "typing.AbstractSet", args: &[<T as FromPyObject<'a, 'py>>::TYPE_HINT] };
            const EXPECTED: &'static str = "set";
            fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
                let mut out = $new;
                extract_items(obj, |v| {
                    out.insert(v);
                })?;
                Ok(out)
            }
        }
    )*};
}

set_conversions!(
    HashSet<T, S>, [S], [T: Eq + Hash, S: BuildHasher + Default], HashSet::with_hasher(S::default());
    BTreeSet<T>, [], [T: Ord], BTreeSet::new();
    IndexSet<T, S>, [S], [T: Eq + Hash, S: BuildHasher + Default], IndexSet::with_hasher(S::default());
);
