//! [`Deserializer`]: Python objects → serde data model.
//!
//! The reverse of the [`super::ser`] mapping, accepting a little more: any sequence but
//! `str` for seq and tuple, `set`/`frozenset` for seq, `bytearray` for bytes, and for a
//! struct a `dict` **or any object** whose attributes carry the fields (dataclass
//! instances, objects with `__dict__` or `__slots__`). Enums are read externally tagged:
//! `'Variant'` for a unit variant, `{'Variant': value}` otherwise.
//!
//! Type checks use the core conversions, so errors read as everywhere else
//! (`'int' object cannot be converted to 'str'`), and containers add the path
//! (`[3]['tags'][1]: …`).
use super::error::Error;
use bind_core::conversion::{Depth, ErrPath, FromPyObject};
use bind_core::exceptions::{PyTypeError, PyValueError};
use bind_core::types::{
    CachedKey, DictIter, KeyCache, Overflow, PairUnlessKey, PyAny, PyBool, PyByteArray, PyBytes,
    PyDict, PyFloat, PyFrozenSet, PyInt, PyIterator, PyList, PySet, PyStr, PyTuple,
};
use bind_core::{Owned, PyErr};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

/// A serde `Deserializer` reading one Python object.
pub struct Deserializer<'a, 'py> {
    obj: &'a Owned<'py, PyAny>,
    /// What the containers around it pass down.
    ctx: Ctx<'a, 'py>,
    /// The field-name table of the seq whose element this is (see [`FieldTable`]).
    table: Option<&'a FieldTable>,
}

impl<'a, 'py> Deserializer<'a, 'py> {
    /// A deserializer over `obj`.
    #[inline]
    pub fn new(obj: &'a Owned<'py, PyAny>) -> Self {
        Deserializer {
            obj,
            ctx: Ctx {
                keys: None,
                depth: None,
            },
            table: None,
        }
    }

    /// A deserializer over `obj`, a part of the containers `ctx` comes from.
    #[inline]
    fn with_ctx(obj: &'a Owned<'py, PyAny>, ctx: Ctx<'a, 'py>) -> Self {
        Deserializer {
            obj,
            ctx,
            table: None,
        }
    }

    #[inline]
    fn get<T: for<'b> FromPyObject<'b, 'py>>(&self) -> Result<T, Error> {
        T::extract(self.obj).map_err(Error)
    }
}

/// Reads any `T: DeserializeOwned` from a Python object (see the module docs).
pub fn from_py<'py, T: de::DeserializeOwned>(obj: &Owned<'py, PyAny>) -> Result<T, PyErr> {
    T::deserialize(Deserializer::new(obj)).map_err(PyErr::from)
}

/// What the containers around a value pass down to it.
#[derive(Clone, Copy)]
struct Ctx<'a, 'py> {
    /// The interned field names of the seq being read, if any (see [`StructAccess`]).
    keys: Option<&'a KeyCache<'py>>,
    /// The levels left below the innermost container, if inside one.
    depth: Option<Depth>,
}

/// Enters one level of nesting for the container `obj` inside the containers `ctx` comes
/// from, and gives the context of its values: past the recursion limit that is
/// `RecursionError` (deep or self-containing data), never a stack overflow. Scalars are
/// leaves and enter none, so every step down through the data passes one of these. The
/// outermost container reads what this thread has left ([`Depth::current`]); the ones
/// inside count down from it.
#[inline]
fn level<'a, 'py>(obj: &Owned<'py, PyAny>, ctx: Ctx<'a, 'py>) -> Result<Ctx<'a, 'py>, Error> {
    let depth = match ctx.depth {
        Some(depth) => depth,
        None => Depth::current(obj.gil()),
    };
    Ok(Ctx {
        keys: ctx.keys,
        depth: Some(depth.deeper().map_err(Error)?),
    })
}

#[cold]
fn wrong_type(obj: &Owned<'_, PyAny>, expected: &str) -> Error {
    Error(PyTypeError::new_err(format!(
        "'{}' object cannot be converted to '{expected}'",
        obj.type_name()
    )))
}

/// The serde methods for scalars, each extracting through the core [`FromPyObject`] (so
/// range and type errors read as everywhere else).
macro_rules! scalars {
    ($($method:ident => $visit:ident),* $(,)?) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            visitor.$visit(self.get()?)
        }
    )*};
}

impl<'de, 'py> de::Deserializer<'de> for Deserializer<'_, 'py> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let obj = self.obj;
        if obj.is_none() {
            return visitor.visit_unit();
        }
        if obj.is_instance_of::<PyBool>() {
            return visitor.visit_bool(self.get()?);
        }
        if let Ok(int) = obj.downcast::<PyInt>() {
            return match int.to_i64_or_overflow().map_err(Error)? {
                Ok(v) => visitor.visit_i64(v),
                Err(Overflow::Above) => match self.get::<u64>() {
                    Ok(v) => visitor.visit_u64(v),
                    Err(_) => visitor.visit_u128(self.get()?),
                },
                Err(Overflow::Below) => visitor.visit_i128(self.get()?),
            };
        }
        if obj.is_instance_of::<PyFloat>() {
            return visitor.visit_f64(self.get()?);
        }
        if let Ok(s) = obj.downcast::<PyStr>() {
            return visitor.visit_str(&s.to_str().map_err(Error)?);
        }
        if let Ok(b) = obj.downcast::<PyBytes>() {
            return visitor.visit_bytes(b.as_bytes());
        }
        if obj.is_instance_of::<PyByteArray>() {
            return visitor.visit_byte_buf(self.get::<Vec<u8>>()?);
        }
        if obj.is_instance_of::<PyDict>() {
            return self.deserialize_map(visitor);
        }
        if obj.is_instance_of::<PyList>()
            || obj.is_instance_of::<PyTuple>()
            || obj.is_instance_of::<PySet>()
            || obj.is_instance_of::<PyFrozenSet>()
        {
            return self.deserialize_seq(visitor);
        }
        // Dataclass instances and plain objects: their `__dict__` as a map.
        if let Some(dict) = obj.getattr_opt("__dict__").map_err(Error)? {
            if let Ok(dict) = dict.downcast::<PyDict>() {
                let ctx = level(obj, self.ctx)?;
                return visitor.visit_map(DictAccess::new(dict, ctx)?);
            }
        }
        Err(wrong_type(obj, "a serde value"))
    }

    scalars!(
        deserialize_bool => visit_bool,
        deserialize_i8 => visit_i8,
        deserialize_i16 => visit_i16,
        deserialize_i32 => visit_i32,
        deserialize_i64 => visit_i64,
        deserialize_i128 => visit_i128,
        deserialize_u8 => visit_u8,
        deserialize_u16 => visit_u16,
        deserialize_u32 => visit_u32,
        deserialize_u64 => visit_u64,
        deserialize_u128 => visit_u128,
        deserialize_f32 => visit_f32,
        deserialize_f64 => visit_f64,
        deserialize_char => visit_char,
    );
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let s = self.obj.downcast::<PyStr>().map_err(|e| Error(e.into()))?;
        visitor.visit_str(&s.to_str().map_err(Error)?)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let s = self.obj.downcast::<PyStr>().map_err(|e| Error(e.into()))?;
        visitor.visit_string(s.to_rust_string().map_err(Error)?)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if let Ok(b) = self.obj.downcast::<PyBytes>() {
            return visitor.visit_bytes(b.as_bytes());
        }
        visitor.visit_byte_buf(self.get::<Vec<u8>>()?)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.obj.is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.obj.is_none() {
            visitor.visit_unit()
        } else {
            Err(wrong_type(self.obj, "None"))
        }
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let obj = self.obj;
        let items = if let Ok(list) = obj.downcast::<PyList>() {
            Items::List(list)
        } else if let Ok(tuple) = obj.downcast::<PyTuple>() {
            Items::Tuple(tuple)
        } else if obj.is_instance_of::<PyStr>() || obj.is_instance_of::<PyDict>() {
            return Err(wrong_type(obj, "list"));
        } else {
            Items::Iter(obj.iter().map_err(|_| wrong_type(obj, "list"))?)
        };
        let ctx = level(obj, self.ctx)?;
        // The structs of one seq share a cache of interned field names (a list of records
        // interns each name once); an inner seq uses its container's. The outermost seq's
        // elements also share a table of their fields' names (see `FieldTable`).
        let (own_keys, own_table);
        let (keys, table) = match ctx.keys {
            Some(keys) => (keys, None),
            None => {
                own_keys = KeyCache::new();
                own_table = FieldTable::default();
                (&own_keys, Some(&own_table))
            }
        };
        visitor.visit_seq(SeqItems {
            items,
            index: 0,
            keys,
            depth: ctx.depth,
            table,
        })
    }
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let dict = self
            .obj
            .downcast::<PyDict>()
            .map_err(|_| wrong_type(self.obj, "dict"))?;
        let ctx = level(self.obj, self.ctx)?;
        visitor.visit_map(DictAccess::new(dict, ctx)?)
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let ctx = level(self.obj, self.ctx)?;
        if let Ok(dict) = self.obj.downcast::<PyDict>() {
            if let Some(keys) = ctx.keys {
                let table = self
                    .table
                    .and_then(|table| table.get(keys, dict.gil(), fields));
                return visitor.visit_map(StructAccess {
                    pairs: DictAccess::new(dict, ctx)?,
                    fields,
                    keys,
                    table,
                    next_field: 0,
                    matched: None,
                });
            }
            return visitor.visit_map(DictAccess::new(dict, ctx)?);
        }
        if self.obj.is_none()
            || self.obj.is_instance_of::<PyInt>()
            || self.obj.is_instance_of::<PyFloat>()
            || self.obj.is_instance_of::<PyStr>()
            || self.obj.is_instance_of::<PyList>()
            || self.obj.is_instance_of::<PyTuple>()
        {
            return Err(wrong_type(self.obj, "dict"));
        }
        visitor.visit_map(AttrAccess {
            obj: self.obj,
            ctx,
            fields,
            index: 0,
            value: None,
        })
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let obj = self.obj;
        let ctx = level(obj, self.ctx)?;
        if let Ok(s) = obj.downcast::<PyStr>() {
            let name = s.to_str().map_err(Error)?.into_owned();
            return visitor.visit_enum(name.into_deserializer());
        }
        if let Ok(dict) = obj.downcast::<PyDict>() {
            if dict.len() != 1 {
                return Err(Error(PyValueError::new_err(format!(
                    "expected a dict with one key (the variant), got one with {} keys",
                    dict.len()
                ))));
            }
            let (key, value) = dict.iter().next().expect("one item");
            let name: String = key.extract().map_err(|e| Error(e.at_key_itself(&key)))?;
            return visitor.visit_enum(VariantAccess {
                name,
                key,
                value,
                ctx,
            });
        }
        Err(wrong_type(obj, "str or dict"))
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// Where the elements of a seq come from.
enum Items<'a, 'py> {
    /// Read by index, the length re-read on every step (reading may change the list).
    List(&'a Owned<'py, PyList>),
    Tuple(&'a Owned<'py, PyTuple>),
    /// Any other iterable.
    Iter(Owned<'py, PyIterator>),
}

/// The elements of a seq, each reported under its index.
struct SeqItems<'a, 'py> {
    items: Items<'a, 'py>,
    index: usize,
    keys: &'a KeyCache<'py>,
    /// The levels left below the seq.
    depth: Option<Depth>,
    /// The field names of the struct its elements are read as, for the outermost seq.
    table: Option<&'a FieldTable>,
}

impl<'py> SeqItems<'_, 'py> {
    /// The element at `self.index`, if any.
    #[inline]
    fn next_item(&mut self) -> Option<Result<Owned<'py, PyAny>, Error>> {
        let i = self.index;
        let item = match &mut self.items {
            Items::List(list) => return list.get_item_opt(i).map(Ok),
            Items::Tuple(tuple) => (i < tuple.len()).then(|| tuple.get_item(i)),
            Items::Iter(iter) => iter.next(),
        };
        item.map(|item| item.map_err(Error))
    }
}

impl<'de> de::SeqAccess<'de> for SeqItems<'_, '_> {
    type Error = Error;
    #[inline(always)]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.next_item() else {
            return Ok(None);
        };
        let item = item?;
        let i = self.index;
        self.index += 1;
        let de = Deserializer {
            obj: &item,
            ctx: Ctx {
                keys: Some(self.keys),
                depth: self.depth,
            },
            table: self.table,
        };
        seed.deserialize(de)
            .map(Some)
            .map_err(|e| Error(e.0.at_index(item.gil(), i)))
    }
    fn size_hint(&self) -> Option<usize> {
        match &self.items {
            Items::List(list) => Some(list.len().saturating_sub(self.index)),
            Items::Tuple(tuple) => Some(tuple.len().saturating_sub(self.index)),
            Items::Iter(_) => None,
        }
    }
}

/// A key and its value.
type Pair<'py> = (Owned<'py, PyAny>, Owned<'py, PyAny>);

/// The pairs of a dict; values are reported under their key.
struct DictAccess<'a, 'py> {
    dict: &'a Owned<'py, PyDict>,
    iter: DictIter<'a, 'py>,
    /// The dict's size when reading began.
    size: usize,
    /// Pairs not read yet.
    len: usize,
    key: Option<Owned<'py, PyAny>>,
    value: Option<Owned<'py, PyAny>>,
    ctx: Ctx<'a, 'py>,
}

impl<'a, 'py> DictAccess<'a, 'py> {
    fn new(dict: &'a Owned<'py, PyDict>, ctx: Ctx<'a, 'py>) -> Result<Self, Error> {
        let size = dict.len();
        Ok(DictAccess {
            dict,
            iter: dict.iter(),
            size,
            len: size,
            key: None,
            value: None,
            ctx,
        })
    }

    /// The next pair, or `None` at the end (`RuntimeError` if the dict changed size).
    #[inline]
    fn next_pair(&mut self) -> Result<Option<Pair<'py>>, Error> {
        self.next_with(Iterator::next)
    }

    /// [`next_pair`](Self::next_pair), but a key that is the object at address `known`
    /// comes back as `None` (see [`DictIter::next_unless_key`]).
    #[inline]
    fn next_pair_unless(&mut self, known: usize) -> Result<Option<PairUnlessKey<'py>>, Error> {
        self.next_with(|iter| iter.next_unless_key(known))
    }

    /// The next item `step` reads from the iterator, or `None` at the end.
    ///
    /// Once as many pairs as the dict had were read and its size is unchanged, that is
    /// the end without asking CPython (Python's own dict iteration also stops there).
    #[inline(always)]
    fn next_with<P>(
        &mut self,
        step: impl FnOnce(&mut DictIter<'a, 'py>) -> Option<P>,
    ) -> Result<Option<P>, Error> {
        if self.len == 0 && self.dict.len() == self.size {
            return Ok(None);
        }
        match step(&mut self.iter) {
            Some(pair) => {
                self.len = self.len.saturating_sub(1);
                Ok(Some(pair))
            }
            None => self.iter.check().map(|()| None).map_err(Error),
        }
    }

    /// Reads the value of the pair `next_key_seed` returned.
    #[inline(always)]
    fn value_seed<'de, V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| Error(PyValueError::new_err("next_value before next_key")))?;
        let key = self.key.take().expect("a key goes with the value");
        seed.deserialize(Deserializer::with_ctx(&value, self.ctx))
            .map_err(|e| Error(e.0.at_key(&key)))
    }
}

impl<'de> de::MapAccess<'de> for DictAccess<'_, '_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.next_pair()? else {
            return Ok(None);
        };
        let k = seed
            .deserialize(Deserializer::with_ctx(&key, self.ctx))
            .map_err(|e| Error(e.0.at_key_itself(&key)))?;
        self.key = Some(key);
        self.value = Some(value);
        Ok(Some(k))
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        self.value_seed(seed)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.len)
    }
}

/// A struct's fields read as attributes of an object; absent attributes are skipped
/// (serde then applies `default` or reports the missing field).
struct AttrAccess<'a, 'py> {
    obj: &'a Owned<'py, PyAny>,
    ctx: Ctx<'a, 'py>,
    fields: &'static [&'static str],
    index: usize,
    value: Option<(&'static str, Owned<'py, PyAny>)>,
}

impl<'de> de::MapAccess<'de> for AttrAccess<'_, '_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        while self.index < self.fields.len() {
            let name = self.fields[self.index];
            self.index += 1;
            if let Some(value) = self.obj.getattr_opt(name).map_err(Error)? {
                self.value = Some((name, value));
                let key: de::value::StrDeserializer<'_, Error> = name.into_deserializer();
                return seed.deserialize(key).map(Some);
            }
        }
        Ok(None)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (name, value) = self
            .value
            .take()
            .ok_or_else(|| Error(PyValueError::new_err("next_value before next_key")))?;
        seed.deserialize(Deserializer::with_ctx(&value, self.ctx))
            .map_err(|e| Error(e.0.at_attr(value.gil(), name)))
    }
}

/// `{'Variant': value}`.
struct VariantAccess<'a, 'py> {
    name: String,
    key: Owned<'py, PyAny>,
    value: Owned<'py, PyAny>,
    ctx: Ctx<'a, 'py>,
}

impl<'de, 'a, 'py> de::EnumAccess<'de> for VariantAccess<'a, 'py> {
    type Error = Error;
    type Variant = VariantValue<'a, 'py>;
    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantValue<'a, 'py>), Error> {
        let name: de::value::StringDeserializer<Error> = self.name.into_deserializer();
        let v = seed.deserialize(name)?;
        Ok((
            v,
            VariantValue {
                key: self.key,
                value: self.value,
                ctx: self.ctx,
            },
        ))
    }
}

/// The value of a tagged variant, reported under its tag.
struct VariantValue<'a, 'py> {
    key: Owned<'py, PyAny>,
    value: Owned<'py, PyAny>,
    ctx: Ctx<'a, 'py>,
}

impl<'de> de::VariantAccess<'de> for VariantValue<'_, '_> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(Deserializer::with_ctx(&self.value, self.ctx))
            .map_err(|e: Error| Error(e.0.at_key(&self.key)))
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(Deserializer::with_ctx(&self.value, self.ctx))
            .map_err(|e| Error(e.0.at_key(&self.key)))
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(Deserializer::with_ctx(&self.value, self.ctx), visitor)
            .map_err(|e| Error(e.0.at_key(&self.key)))
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let de = Deserializer::with_ctx(&self.value, self.ctx);
        de::Deserializer::deserialize_struct(de, "", fields, visitor)
            .map_err(|e| Error(e.0.at_key(&self.key)))
    }
}

/// A dict read as a struct of a seq's element: as [`DictAccess`] (same pairs, same order,
/// same errors), but a key that *is* the interned name of the field expected next (dicts
/// made with keyword arguments, literals or this bridge's serializer, keys in declaration
/// order) reaches serde as that name without converting the key object to text.
struct StructAccess<'a, 'py> {
    pairs: DictAccess<'a, 'py>,
    fields: &'static [&'static str],
    keys: &'a KeyCache<'py>,
    /// The addresses of the interned names of `fields`, for a struct that is an element
    /// of a seq (then the table is the seq's and holds this struct's fields).
    table: Option<std::cell::Ref<'a, [usize]>>,
    /// The field whose name the next key most likely is.
    next_field: usize,
    /// The name the last key was by identity (its object not held: the cache holds it).
    matched: Option<&'static str>,
}

impl<'py> StructAccess<'_, 'py> {
    /// The address of the interned name of the field expected next (0 if none).
    #[inline]
    fn expected(&self) -> usize {
        if let Some(table) = &self.table {
            return table.get(self.next_field).copied().unwrap_or(0);
        }
        match self.fields.get(self.next_field) {
            Some(name) => match self.keys.get(self.pairs.dict.gil(), name) {
                CachedKey::Cached(key) => key.as_ptr() as usize,
                CachedKey::Fresh(_) => 0,
            },
            None => 0,
        }
    }

    /// `err` at the key that was the interned name `name` (the key object, from the cache:
    /// an exact `str` with that text, so the path reads as with the dict's own key).
    #[cold]
    fn at_name(&self, err: Error, name: &'static str, itself: bool) -> Error {
        let key = self.keys.get(self.pairs.dict.gil(), name);
        Error(if itself {
            err.0.at_key_itself(key.as_any())
        } else {
            err.0.at_key(key.as_any())
        })
    }
}

impl<'de> de::MapAccess<'de> for StructAccess<'_, '_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.pairs.next_pair_unless(self.expected())? else {
            return Ok(None);
        };
        self.pairs.value = Some(value);
        let Some(key) = key else {
            // The key is the very object the cache holds for the next field's name.
            let name = self.fields[self.next_field];
            self.next_field += 1;
            self.matched = Some(name);
            let field = FieldName {
                name,
                keys: self.keys,
                gil: self.pairs.dict.gil(),
                ctx: self.pairs.ctx,
            };
            return match seed.deserialize(field) {
                Ok(k) => Ok(Some(k)),
                Err(e) => Err(self.at_name(e, name, true)),
            };
        };
        self.matched = None;
        let k = seed
            .deserialize(Deserializer::with_ctx(&key, self.pairs.ctx))
            .map_err(|e| Error(e.0.at_key_itself(&key)))?;
        self.pairs.key = Some(key);
        Ok(Some(k))
    }
    #[inline(always)]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some(name) = self.matched.take() else {
            return self.pairs.value_seed(seed);
        };
        let value = self
            .pairs
            .value
            .take()
            .ok_or_else(|| Error(PyValueError::new_err("next_value before next_key")))?;
        match seed.deserialize(Deserializer::with_ctx(&value, self.pairs.ctx)) {
            Ok(v) => Ok(v),
            Err(e) => Err(self.at_name(e, name, false)),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.pairs.len)
    }
}

/// A key that is the interned exact `str` `name`: read as text it is `name` (what
/// [`Deserializer`] would read from the object); any other request goes to the object's
/// own deserializer (the object taken from the cache), so the result and errors are those
/// of the plain path.
struct FieldName<'a, 'py> {
    name: &'static str,
    keys: &'a KeyCache<'py>,
    gil: bind_core::Gil<'py>,
    ctx: Ctx<'a, 'py>,
}

impl<'py> FieldName<'_, 'py> {
    /// `f` applied to the deserializer of the key object.
    #[cold]
    fn with_key<R>(self, f: impl FnOnce(Deserializer<'_, 'py>) -> R) -> R {
        let key = self.keys.get(self.gil, self.name);
        f(Deserializer::with_ctx(key.as_any(), self.ctx))
    }
}

/// Methods of [`FieldName`] that pass the request on to the key object's deserializer.
macro_rules! to_key {
    ($($method:ident),* $(,)?) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.with_key(|key| key.$method(visitor))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for FieldName<'_, '_> {
    type Error = Error;

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.name)
    }
    #[inline]
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.name)
    }
    #[inline]
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.name)
    }
    #[inline]
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.name)
    }
    to_key!(
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_ignored_any,
    );
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.with_key(|key| key.deserialize_unit_struct(name, visitor))
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.with_key(|key| key.deserialize_newtype_struct(name, visitor))
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        self.with_key(|key| key.deserialize_tuple(len, visitor))
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.with_key(|key| key.deserialize_tuple_struct(name, len, visitor))
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.with_key(|key| key.deserialize_struct(name, fields, visitor))
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.with_key(|key| key.deserialize_enum(name, variants, visitor))
    }
}

/// The addresses of the interned names of one struct's fields, in their order, filled by
/// the first element of a seq read as that struct: each later element then matches a key
/// against the field expected next with one comparison instead of a [`KeyCache`] lookup.
///
/// Only addresses are kept, never dereferenced: every name listed is held by the seq's
/// [`KeyCache`] (which outlives the seq, and so this table), so no other object can take
/// its address meanwhile. A name the cache could not keep (it was full) gets 0, which no
/// key matches.
#[derive(Default)]
struct FieldTable {
    fields: std::cell::Cell<&'static [&'static str]>,
    addrs: std::cell::RefCell<Vec<usize>>,
}

impl FieldTable {
    /// The table of `fields`, filled first if it held another struct's (or none); `None`
    /// if it is in use (never for a seq's elements, which are read one after another).
    #[inline]
    fn get<'t, 'py>(
        &'t self,
        keys: &KeyCache<'py>,
        gil: bind_core::Gil<'py>,
        fields: &'static [&'static str],
    ) -> Option<std::cell::Ref<'t, [usize]>> {
        let known = self.fields.get();
        if known.as_ptr() != fields.as_ptr() || known.len() != fields.len() {
            self.fill(keys, gil, fields)?;
        }
        let addrs = self.addrs.try_borrow().ok()?;
        Some(std::cell::Ref::map(addrs, Vec::as_slice))
    }

    #[cold]
    fn fill<'py>(
        &self,
        keys: &KeyCache<'py>,
        gil: bind_core::Gil<'py>,
        fields: &'static [&'static str],
    ) -> Option<()> {
        let mut addrs = self.addrs.try_borrow_mut().ok()?;
        addrs.clear();
        addrs.extend(fields.iter().map(|name| match keys.get(gil, name) {
            CachedKey::Cached(key) => key.as_ptr() as usize,
            CachedKey::Fresh(_) => 0,
        }));
        self.fields.set(fields);
        Some(())
    }
}
