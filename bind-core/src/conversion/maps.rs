//! `dict` ↔ `HashMap<K, V>`, `BTreeMap<K, V>`, `IndexMap<K, V>`.
//!
//! Extraction accepts `dict` and its subclasses; an `IndexMap` keeps the dict's insertion
//! order and converts back in its own order. A failing value is reported under its key
//! (`['tags']: …`), a failing key as `['x']: key: …` (see [`super::path`]).
use crate::conversion::path::ErrPath;
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::{PyAny, PyDict};
use indexmap::IndexMap;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

/// Reads every `(key, value)` pair of a dict, calling `insert` with the converted pair.
pub(crate) fn extract_pairs<'py, K, V>(
    obj: &Owned<'py, PyAny>,
    mut insert: impl FnMut(K, V),
) -> PyResult<()>
where
    K: for<'b> FromPyObject<'b, 'py>,
    V: for<'b> FromPyObject<'b, 'py>,
{
    let dict: &Owned<'py, PyDict> = obj.downcast::<PyDict>()?;
    let mut pairs = dict.iter();
    for (key, value) in &mut pairs {
        let k = K::extract(&key).map_err(|e| e.at_key_itself(&key))?;
        let v = V::extract(&value).map_err(|e| e.at_key(&key))?;
        insert(k, v);
    }
    pairs.check()
}

/// How many entries to reserve ahead for a dict of `len` items (its real size, read with
/// `PyDict_Size`, never a subclass's `__len__`), bounded so that a huge dict of large
/// entries costs memory only as entries arrive.
fn reserve_len<K, V>(obj: &Owned<'_, PyAny>) -> usize {
    const MAX_RESERVE_BYTES: usize = 1 << 24;
    let real = obj.downcast::<PyDict>().map(|d| d.len()).unwrap_or(0);
    real.min(MAX_RESERVE_BYTES / std::mem::size_of::<(K, V)>().max(1))
}

/// `IntoPyObject` (a `dict`) and `FromPyObject` (from a `dict`) for a map type: `$gen`
/// are its extra generic parameters, `$bounds` what extraction needs of them, and
/// `$new` makes an empty map for the dict `$obj`.
macro_rules! map_conversions {
    ($($map:ty, [$($gen:ident),*], [$($bounds:tt)*], |$obj:ident| $new:expr;)*) => {$(
        impl<'py, K, V, $($gen),*> IntoPyObject<'py> for $map
        where
            K: IntoPyObject<'py>,
            V: IntoPyObject<'py>,
        {
            const TYPE_HINT: TypeHint = TypeHint::Generic { name: "dict", args: &[<K as IntoPyObject<'py>>::TYPE_HINT, <V as IntoPyObject<'py>>::TYPE_HINT] };
            #[inline]
            fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
                PyDict::from_pairs(gil, self).map(Owned::into_any)
            }
        }

        impl<'a, 'py, K, V, $($gen),*> FromPyObject<'a, 'py> for $map
        where
            K: for<'b> FromPyObject<'b, 'py>,
            V: for<'b> FromPyObject<'b, 'py>,
            $($bounds)*
        {
            const TYPE_HINT: TypeHint = TypeHint::Generic { name: "dict", args: &[<K as FromPyObject<'a, 'py>>::TYPE_HINT, <V as FromPyObject<'a, 'py>>::TYPE_HINT] };
            const EXPECTED: &'static str = "dict";
            fn extract($obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
                let mut map = $new;
                extract_pairs($obj, |k, v| {
                    map.insert(k, v);
                })?;
                Ok(map)
            }
        }
    )*};
}

map_conversions!(
    HashMap<K, V, S>, [S], [K: Eq + Hash, S: BuildHasher + Default],
        |obj| HashMap::with_capacity_and_hasher(reserve_len::<K, V>(obj), S::default());
    BTreeMap<K, V>, [], [K: Ord], |obj| BTreeMap::new();
    IndexMap<K, V, S>, [S], [K: Eq + Hash, S: BuildHasher + Default],
        |obj| IndexMap::with_capacity_and_hasher(reserve_len::<K, V>(obj), S::default());
);
