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
use bind_core::conversion::IntoPyObject;
use bind_core::ffi;
use bind_core::types::{PyAny, PyBytes, PyDict, PyList, PyStr, PyTuple};
use bind_core::{Gil, Owned, PyErr, PyResult};
use serde::ser::{self, Serialize};
use std::cell::RefCell;

/// Field and variant names seen during one serialization, kept as Python strings so that
/// a list of 10 000 records makes each key once.
pub struct KeyCache<'py> {
    keys: RefCell<Vec<(*const u8, Owned<'py, PyStr>)>>,
}

/// How many distinct `'static` names a [`KeyCache`] remembers.
const KEY_CACHE_SIZE: usize = 64;

impl<'py> KeyCache<'py> {
    /// An empty cache.
    pub fn new() -> Self {
        KeyCache {
            keys: RefCell::new(Vec::new()),
        }
    }

    /// The Python string for a `'static` name (interned, cached by address), borrowed
    /// from the cache (or from the interned-strings table when the cache is full).
    fn get(&self, gil: Gil<'py>, name: &'static str) -> Owned<'py, PyStr> {
        if let Some((_, key)) = self.keys.borrow().iter().find(|(p, _)| *p == name.as_ptr()) {
            return key.clone();
        }
        let key = PyStr::intern(gil, name);
        let mut keys = self.keys.borrow_mut();
        if keys.len() < KEY_CACHE_SIZE {
            keys.push((name.as_ptr(), key.clone()));
        }
        key
    }
}

impl Default for KeyCache<'_> {
    fn default() -> Self {
        Self::new()
    }
}

/// A serde `Serializer` whose output is a Python object.
#[derive(Clone, Copy)]
pub struct Serializer<'c, 'py> {
    gil: Gil<'py>,
    keys: &'c KeyCache<'py>,
}

impl<'c, 'py> Serializer<'c, 'py> {
    /// A serializer building objects with `gil`, sharing `keys` for field names.
    pub fn new(gil: Gil<'py>, keys: &'c KeyCache<'py>) -> Self {
        Serializer { gil, keys }
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

fn set_dict_item(
    dict: &Owned<'_, PyDict>,
    key: &Owned<'_, PyAny>,
    value: &Owned<'_, PyAny>,
) -> Result<(), Error> {
    // SAFETY: `dict` is a dict; SetItem takes new references and raises for unhashables.
    if unsafe { ffi::PyDict_SetItem(dict.as_ptr(), key.as_ptr(), value.as_ptr()) } != 0 {
        return Err(Error(PyErr::fetch(dict.gil())));
    }
    Ok(())
}

/// `{variant: value}`.
fn tagged<'py>(
    gil: Gil<'py>,
    keys: &KeyCache<'py>,
    variant: &'static str,
    value: Owned<'py, PyAny>,
) -> Out<'py> {
    let dict = PyDict::new(gil);
    set_dict_item(&dict, keys.get(gil, variant).as_any(), &value)?;
    Ok(dict.into_any())
}

impl<'c, 'py> ser::Serializer for Serializer<'c, 'py> {
    type Ok = Owned<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = SeqBuilder<'c, 'py>;
    type SerializeTuple = SeqBuilder<'c, 'py>;
    type SerializeTupleStruct = SeqBuilder<'c, 'py>;
    type SerializeTupleVariant = SeqBuilder<'c, 'py>;
    type SerializeMap = MapBuilder<'c, 'py>;
    type SerializeStruct = MapBuilder<'c, 'py>;
    type SerializeStructVariant = MapBuilder<'c, 'py>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_i128(self, v: i128) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_u128(self, v: u128) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        conv(self.gil, v)
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(PyStr::new(self.gil, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        Ok(PyBytes::new(self.gil, v).into_any())
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.gil.none().into_any())
    }
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
        Ok(self.keys.get(self.gil, variant).into_any())
    }
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
        let value = value.serialize(self)?;
        tagged(self.gil, self.keys, variant, value)
    }
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
        Ok(MapBuilder::new(self, None))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<MapBuilder<'c, 'py>, Error> {
        Ok(MapBuilder::new(self, None))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<MapBuilder<'c, 'py>, Error> {
        Ok(MapBuilder::new(self, Some(variant)))
    }
}

/// Whether a sequence becomes a list or a tuple.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SeqKind {
    List,
    Tuple,
}

/// Collects the elements of a seq, tuple or tuple variant: straight into a pre-sized
/// list or tuple when the length is announced, through a `Vec` otherwise.
pub struct SeqBuilder<'c, 'py> {
    ser: Serializer<'c, 'py>,
    /// The pre-sized list or tuple (announced length), filled in place.
    target: Option<(Owned<'py, PyAny>, usize)>,
    filled: usize,
    items: Vec<Owned<'py, PyAny>>,
    kind: SeqKind,
    variant: Option<&'static str>,
}

impl<'c, 'py> SeqBuilder<'c, 'py> {
    fn new(
        ser: Serializer<'c, 'py>,
        len: Option<usize>,
        kind: SeqKind,
        variant: Option<&'static str>,
    ) -> Result<Self, Error> {
        let target = match len {
            Some(n) => {
                let n_ = n as ffi::Py_ssize_t;
                // SAFETY: New returns a new list/tuple with null slots, or null with an
                // exception; the slots are filled before the object is shown to Python.
                let obj = unsafe {
                    Owned::from_owned_ptr_or_err(
                        ser.gil,
                        match kind {
                            SeqKind::List => ffi::PyList_New(n_),
                            SeqKind::Tuple => ffi::PyTuple_New(n_),
                        },
                    )
                }
                .map_err(Error)?;
                Some((obj, n))
            }
            None => None,
        };
        Ok(SeqBuilder {
            ser,
            target,
            filled: 0,
            items: Vec::new(),
            kind,
            variant,
        })
    }

    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let item = value.serialize(self.ser)?;
        match &self.target {
            Some((obj, len)) => {
                if self.filled >= *len {
                    return Err(Error(bind_core::exceptions::PyValueError::new_err(
                        "a Serialize impl gave more elements than the length it announced",
                    )));
                }
                let i = self.filled as ffi::Py_ssize_t;
                // SAFETY: `i` is in bounds of the fresh list/tuple and its slot is still
                // null; SetItem steals the reference.
                unsafe {
                    match self.kind {
                        SeqKind::List => ffi::PyList_SetItem(obj.as_ptr(), i, item.into_ptr()),
                        SeqKind::Tuple => ffi::PyTuple_SetItem(obj.as_ptr(), i, item.into_ptr()),
                    }
                };
                self.filled += 1;
            }
            None => self.items.push(item),
        }
        Ok(())
    }

    fn finish(self) -> Out<'py> {
        let gil = self.ser.gil;
        let value = match self.target {
            Some((obj, len)) => {
                if self.filled != len {
                    return Err(Error(bind_core::exceptions::PyValueError::new_err(
                        "a Serialize impl gave fewer elements than the length it announced",
                    )));
                }
                obj
            }
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

impl<'py> ser::SerializeSeq for SeqBuilder<'_, 'py> {
    type Ok = Owned<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for SeqBuilder<'_, 'py> {
    type Ok = Owned<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for SeqBuilder<'_, 'py> {
    type Ok = Owned<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for SeqBuilder<'_, 'py> {
    type Ok = Owned<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

/// Fills a dict for a map, struct or struct variant.
pub struct MapBuilder<'c, 'py> {
    ser: Serializer<'c, 'py>,
    dict: Owned<'py, PyDict>,
    key: Option<Owned<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'c, 'py> MapBuilder<'c, 'py> {
    fn new(ser: Serializer<'c, 'py>, variant: Option<&'static str>) -> Self {
        MapBuilder {
            ser,
            dict: PyDict::new(ser.gil),
            key: None,
            variant,
        }
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        let value = value.serialize(self.ser)?;
        let key = self.ser.keys.get(self.ser.gil, key);
        set_dict_item(&self.dict, key.as_any(), &value)
    }

    fn finish(self) -> Out<'py> {
        let value = self.dict.into_any();
        match self.variant {
            Some(variant) => tagged(self.ser.gil, self.ser.keys, variant, value),
            None => Ok(value),
        }
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
            Error(bind_core::exceptions::PyValueError::new_err(
                "serialize_value called before serialize_key",
            ))
        })?;
        let value = value.serialize(self.ser)?;
        set_dict_item(&self.dict, &key, &value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for MapBuilder<'_, 'py> {
    type Ok = Owned<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for MapBuilder<'_, 'py> {
    type Ok = Owned<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}
