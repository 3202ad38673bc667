//! [`Serializer`]: serde data model → Python objects.
//!
//! | serde | Python |
//! |---|---|
//! | bool, integers (to 128 bits), floats | `bool`, `int`, `float` |
//! | char, str | `str` |
//! | bytes | `bytes` |
//! | none, unit, unit struct | `None` |
//! | some(v), newtype struct(v) | `v` |
//! | seq | `list` |
//! | tuple, tuple struct | `tuple` |
//! | map, struct | `dict` (map keys may be any hashable value) |
//! | unit variant | `'Variant'` |
//! | newtype / tuple / struct variant | `{'Variant': value}` (externally tagged) |
//!
//! serde attributes (`rename`, `tag`, `untagged`, `flatten`, …) act before this mapping.
use super::error::Error;
use bind_core::conversion::{Depth, IntoPyObject};
use bind_core::exceptions::PyValueError;
use bind_core::types::{FreshSeq, KeyCache, PyAny, PyBytes, PyDict, PyList, PyStr, PyTuple};
use bind_core::{Gil, Owned, PyErr, PyResult};
use serde::ser::{self, Serialize};

/// A serde `Serializer` whose output is a Python object.
///
/// Each container (seq, tuple, map, struct, newtype variant) is one level of nesting:
/// its elements are serialized by a copy one level deeper, so deep data raises
/// `RecursionError`, never overflows the stack (see [`Depth`]).
#[derive(Clone, Copy)]
pub struct Serializer<'c, 'py> {
    gil: Gil<'py>,
    keys: &'c KeyCache<'py>,
    depth: Depth,
}

impl<'c, 'py> Serializer<'c, 'py> {
    /// A serializer building objects with `gil`, sharing `keys` for field names.
    pub fn new(gil: Gil<'py>, keys: &'c KeyCache<'py>) -> Self {
        Serializer {
            gil,
            keys,
            depth: Depth::current(gil),
        }
    }

    /// The serializer of a container's elements, one level deeper.
    #[inline(always)]
    fn inner(self) -> Result<Self, Error> {
        Ok(Serializer {
            depth: self.depth.deeper().map_err(Error)?,
            ..self
        })
    }
}

/// Serializes any `T: Serialize` into a Python object (see the module docs).
pub fn to_py<'py, T: Serialize + ?Sized>(gil: Gil<'py>, value: &T) -> PyResult<Owned<'py, PyAny>> {
    let keys = KeyCache::new();
    value
        .serialize(Serializer::new(gil, &keys))
        .map_err(PyErr::from)
}

type Out<'py> = Result<Owned<'py, PyAny>, Error>;

#[inline]
fn conv<'py>(gil: Gil<'py>, v: impl IntoPyObject<'py>) -> Out<'py> {
    v.into_py(gil).map_err(Error)
}

/// A `str` of more than 16 bytes (see [`ser::Serializer::serialize_str`]).
#[inline(never)]
fn long_str<'py>(gil: Gil<'py>, v: &str) -> Out<'py> {
    Ok(PyStr::try_new(gil, v).map_err(Error)?.into_any())
}

/// `{variant: value}` (out of line: the builders' `end` stays small enough to inline).
#[inline(never)]
fn tagged<'py>(
    gil: Gil<'py>,
    keys: &KeyCache<'py>,
    variant: &'static str,
    value: Owned<'py, PyAny>,
) -> Out<'py> {
    let dict = PyDict::try_new(gil).map_err(Error)?;
    keys.set_item(&dict, variant, &value).map_err(Error)?;
    Ok(dict.into_any())
}

/// The serde methods for scalars, each converting through the core [`IntoPyObject`].
macro_rules! scalars {
    ($($method:ident: $ty:ty),* $(,)?) => {$(
        #[inline]
        fn $method(self, v: $ty) -> Out<'py> {
            conv(self.gil, v)
        }
    )*};
}

impl<'c, 'py> ser::Serializer for Serializer<'c, 'py> {
    type Ok = Owned<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = SeqBuilder<'c, 'py>;
    type SerializeTuple = SeqBuilder<'c, 'py>;
    type SerializeTupleStruct = SeqBuilder<'c, 'py>;
    type SerializeTupleVariant = SeqBuilder<'c, 'py>;
    type SerializeMap = MapBuilder<'c, 'py>;
    type SerializeStruct = StructBuilder<'c, 'py>;
    type SerializeStructVariant = StructBuilder<'c, 'py>;

    scalars!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
        serialize_f32: f32,
        serialize_f64: f64,
        serialize_char: char,
    );

    /// Short text (names, tags) inline, longer text out of line: the inline part stays
    /// small enough for `String::serialize` to inline into the struct around it.
    #[inline]
    fn serialize_str(self, v: &str) -> Out<'py> {
        if v.len() <= 16 {
            Ok(PyStr::try_new(self.gil, v).map_err(Error)?.into_any())
        } else {
            long_str(self.gil, v)
        }
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        Ok(PyBytes::new(self.gil, v).into_any())
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.gil.none().into_any())
    }
    #[inline]
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        Ok(self.gil.none().into_any())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        Ok(self.gil.none().into_any())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Out<'py> {
        Ok(self.keys.get(self.gil, variant).into_owned().into_any())
    }
    #[inline]
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let value = value.serialize(self.inner()?)?;
        tagged(self.gil, self.keys, variant, value)
    }
    /// A seq of known length (`Vec`, slices, …) filled straight into a pre-sized list; of
    /// unknown length collected first. Same result and errors as
    /// [`serialize_seq`](ser::Serializer::serialize_seq) with the iterator's exact length.
    #[inline]
    fn collect_seq<I>(self, iter: I) -> Out<'py>
    where
        I: IntoIterator,
        I::Item: Serialize,
    {
        let iter = iter.into_iter();
        let inner = self.inner()?;
        match iter.size_hint() {
            (len, Some(max)) if len == max => {
                let mut seq = FreshSeq::list(self.gil, len).map_err(Error)?;
                for item in iter {
                    let item = item.serialize(inner)?;
                    if seq.is_full() {
                        return Err(length_mismatch(true));
                    }
                    seq.push(item).map_err(Error)?;
                }
                if !seq.is_full() {
                    return Err(length_mismatch(false));
                }
                seq.finish().map_err(Error)
            }
            _ => {
                let items = iter
                    .map(|item| item.serialize(inner))
                    .collect::<Result<Vec<_>, Error>>()?;
                Ok(PyList::new(self.gil, items).map_err(Error)?.into_any())
            }
        }
    }
    #[inline]
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder<'c, 'py>, Error> {
        SeqBuilder::new(self, len, SeqKind::List, None)
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder<'c, 'py>, Error> {
        SeqBuilder::new(self, Some(len), SeqKind::Tuple, None)
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqBuilder<'c, 'py>, Error> {
        SeqBuilder::new(self, Some(len), SeqKind::Tuple, None)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<SeqBuilder<'c, 'py>, Error> {
        SeqBuilder::new(self, Some(len), SeqKind::Tuple, Some(variant))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapBuilder<'c, 'py>, Error> {
        MapBuilder::new(self)
    }
    #[inline]
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<StructBuilder<'c, 'py>, Error> {
        StructBuilder::new(self, None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<StructBuilder<'c, 'py>, Error> {
        StructBuilder::new(self, Some(variant))
    }
}

/// Whether a sequence becomes a list or a tuple.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SeqKind {
    List,
    Tuple,
}

#[cold]
fn length_mismatch(more: bool) -> Error {
    Error(PyValueError::new_err(if more {
        "a Serialize impl gave more elements than the length it announced"
    } else {
        "a Serialize impl gave fewer elements than the length it announced"
    }))
}

/// Collects the elements of a seq, tuple or tuple variant: straight into a pre-sized
/// list or tuple when the length is announced, through a `Vec` otherwise.
///
/// A builder is one level of nesting: it serializes its elements one level deeper.
pub struct SeqBuilder<'c, 'py> {
    /// The serializer of the elements.
    ser: Serializer<'c, 'py>,
    /// The pre-sized list or tuple (announced length), filled in place.
    target: Option<FreshSeq<'py>>,
    items: Vec<Owned<'py, PyAny>>,
    kind: SeqKind,
    variant: Option<&'static str>,
}

impl<'c, 'py> SeqBuilder<'c, 'py> {
    #[inline]
    fn new(
        ser: Serializer<'c, 'py>,
        len: Option<usize>,
        kind: SeqKind,
        variant: Option<&'static str>,
    ) -> Result<Self, Error> {
        let ser = ser.inner()?;
        let target = match (len, kind) {
            (Some(n), SeqKind::List) => Some(FreshSeq::list(ser.gil, n).map_err(Error)?),
            (Some(n), SeqKind::Tuple) => Some(FreshSeq::tuple(ser.gil, n).map_err(Error)?),
            (None, _) => None,
        };
        Ok(SeqBuilder {
            ser,
            target,
            items: Vec::new(),
            kind,
            variant,
        })
    }

    #[inline]
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let item = value.serialize(self.ser)?;
        let Some(seq) = &mut self.target else {
            self.items.push(item);
            return Ok(());
        };
        if seq.is_full() {
            return Err(length_mismatch(true));
        }
        seq.push(item).map_err(Error)
    }

    #[inline]
    fn finish(self) -> Out<'py> {
        let gil = self.ser.gil;
        let value = match self.target {
            Some(seq) if seq.is_full() => seq.finish().map_err(Error)?,
            Some(_) => return Err(length_mismatch(false)),
            None => match self.kind {
                SeqKind::List => PyList::new(gil, self.items).map_err(Error)?.into_any(),
                SeqKind::Tuple => PyTuple::new(gil, self.items).map_err(Error)?.into_any(),
            },
        };
        match self.variant {
            Some(variant) => tagged(gil, self.ser.keys, variant, value),
            None => Ok(value),
        }
    }
}

/// The serde traits of the sequence builders, all pushing an element.
macro_rules! seq_builder_impls {
    ($($tr:ident::$method:ident),*) => {$(
        impl<'py> ser::$tr for SeqBuilder<'_, 'py> {
            type Ok = Owned<'py, PyAny>;
            type Error = Error;
            #[inline]
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                self.push(value)
            }
            #[inline]
            fn end(self) -> Out<'py> {
                self.finish()
            }
        }
    )*};
}

seq_builder_impls!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// Fills a dict for a map; one level of nesting (as [`SeqBuilder`]).
pub struct MapBuilder<'c, 'py> {
    /// The serializer of the keys and values.
    ser: Serializer<'c, 'py>,
    dict: Owned<'py, PyDict>,
    key: Option<Owned<'py, PyAny>>,
}

impl<'c, 'py> MapBuilder<'c, 'py> {
    #[inline]
    fn new(ser: Serializer<'c, 'py>) -> Result<Self, Error> {
        let ser = ser.inner()?;
        let dict = PyDict::try_new(ser.gil).map_err(Error)?;
        Ok(MapBuilder {
            ser,
            dict,
            key: None,
        })
    }
}

impl<'py> ser::SerializeMap for MapBuilder<'_, 'py> {
    type Ok = Owned<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(self.ser)?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or_else(|| {
            Error(PyValueError::new_err(
                "serialize_value called before serialize_key",
            ))
        })?;
        let value = value.serialize(self.ser)?;
        self.dict.set_item_obj(&key, &value).map_err(Error)
    }
    fn end(self) -> Out<'py> {
        Ok(self.dict.into_any())
    }
}

/// Fills a dict for a struct or struct variant, the field names interned once per
/// conversion; one level of nesting (as [`SeqBuilder`]).
pub struct StructBuilder<'c, 'py> {
    /// The serializer of the values.
    ser: Serializer<'c, 'py>,
    dict: Owned<'py, PyDict>,
    variant: Option<&'static str>,
}

impl<'c, 'py> StructBuilder<'c, 'py> {
    #[inline]
    fn new(ser: Serializer<'c, 'py>, variant: Option<&'static str>) -> Result<Self, Error> {
        let ser = ser.inner()?;
        let dict = PyDict::try_new(ser.gil).map_err(Error)?;
        Ok(StructBuilder { ser, dict, variant })
    }
}

/// The serde traits of the struct builders, all setting a field.
macro_rules! struct_builder_impls {
    ($($tr:ident),*) => {$(
        impl<'py> ser::$tr for StructBuilder<'_, 'py> {
            type Ok = Owned<'py, PyAny>;
            type Error = Error;
            #[inline]
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                let value = value.serialize(self.ser)?;
                self.ser
                    .keys
                    .set_item(&self.dict, key, &value)
                    .map_err(Error)
            }
            #[inline(always)]
            fn end(self) -> Out<'py> {
                let dict = self.dict.into_any();
                match self.variant {
                    Some(variant) => tagged(self.ser.gil, self.ser.keys, variant, dict),
                    None => Ok(dict),
                }
            }
        }
    )*};
}

struct_builder_impls!(SerializeStruct, SerializeStructVariant);
