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
use bind_core::conversion::{fill_fresh_slot, IntoPyObject, Nesting};
use bind_core::exceptions::PyValueError;
use bind_core::ffi;
use bind_core::types::{PyAny, PyBytes, PyList, PyStr, PyTuple};
use bind_core::{Gil, Owned, PyErr, PyResult};
use serde::ser::{self, Serialize};
use std::cell::{Cell, RefCell};

/// Field and variant names seen during one serialization, kept as interned Python strings
/// so that a list of 10 000 records makes each key once.
///
/// Struct fields arrive in the same order for every value of a type, so the cache first
/// tries the entry after the last one it handed out: a list of records finds each key
/// with one comparison.
pub struct KeyCache<'py> {
    keys: RefCell<Vec<(&'static str, Owned<'py, PyStr>)>>,
    /// Where the next lookup looks first.
    next: Cell<usize>,
}

/// How many distinct `'static` names a [`KeyCache`] remembers.
const KEY_CACHE_SIZE: usize = 64;

/// A key for one dict insertion: borrowed from the cache, or owned when the cache is full.
enum Key<'py> {
    /// Kept alive by the cache, which outlives the serialization.
    Cached(*mut ffi::PyObject),
    /// Interned for this insertion only.
    Fresh(Owned<'py, PyStr>),
}

impl<'py> Key<'py> {
    #[inline(always)]
    fn as_ptr(&self) -> *mut ffi::PyObject {
        match self {
            Key::Cached(p) => *p,
            Key::Fresh(key) => key.as_ptr(),
        }
    }

    /// The key as a new reference.
    fn into_any(self, gil: Gil<'py>) -> Owned<'py, PyAny> {
        match self {
            // SAFETY: the cache holds a reference to `p`; a new one is taken here.
            Key::Cached(p) => unsafe { Owned::from_borrowed_ptr(gil, p) },
            Key::Fresh(key) => key.into_any(),
        }
    }
}

/// The same `'static` name: same address and length (a shorter name may start at the same
/// address as a longer one).
#[inline(always)]
fn same_name(a: &'static str, b: &'static str) -> bool {
    a.as_ptr() == b.as_ptr() && a.len() == b.len()
}

impl<'py> KeyCache<'py> {
    /// An empty cache.
    pub fn new() -> Self {
        KeyCache {
            keys: RefCell::new(Vec::new()),
            next: Cell::new(0),
        }
    }

    /// The interned Python string for a `'static` name.
    #[inline]
    fn get(&self, gil: Gil<'py>, name: &'static str) -> Key<'py> {
        let keys = self.keys.borrow();
        let mut hint = self.next.get();
        if hint >= keys.len() {
            // Past the last name: the next value of the same type starts over.
            hint = 0;
        }
        if let Some((known, key)) = keys.get(hint) {
            if same_name(known, name) {
                self.next.set(hint + 1);
                return Key::Cached(key.as_ptr());
            }
        }
        drop(keys);
        self.lookup(gil, name)
    }

    /// [`get`](Self::get) when the hint missed: search, then intern and remember.
    #[inline(never)]
    fn lookup(&self, gil: Gil<'py>, name: &'static str) -> Key<'py> {
        let mut keys = self.keys.borrow_mut();
        if let Some(at) = keys.iter().position(|(known, _)| same_name(known, name)) {
            self.next.set(at + 1);
            return Key::Cached(keys[at].1.as_ptr());
        }
        let key = PyStr::intern(gil, name);
        if keys.len() < KEY_CACHE_SIZE {
            let p = key.as_ptr();
            keys.push((name, key));
            self.next.set(keys.len());
            return Key::Cached(p);
        }
        Key::Fresh(key)
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

/// `ptr` (a new reference or null with an exception set) as a result.
#[inline(always)]
fn owned_or_err(gil: Gil<'_>, ptr: *mut ffi::PyObject) -> Out<'_> {
    // SAFETY: `ptr` comes straight from a constructor returning a new reference or null.
    unsafe { Owned::from_owned_ptr_or_err(gil, ptr) }.map_err(Error)
}

/// `dict[key] = value`; `dict` must be a dict.
#[inline(always)]
fn set_dict_item(
    gil: Gil<'_>,
    dict: *mut ffi::PyObject,
    key: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
) -> Result<(), Error> {
    // SAFETY: `dict` is a dict and key/value are live; SetItem takes new references and
    // raises for unhashable keys.
    if unsafe { ffi::PyDict_SetItem(dict, key, value) } != 0 {
        return Err(Error(PyErr::fetch(gil)));
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
    // SAFETY: New returns a new dict or null with an exception.
    let dict = owned_or_err(gil, unsafe { ffi::PyDict_New() })?;
    let key = keys.get(gil, variant);
    set_dict_item(gil, dict.as_ptr(), key.as_ptr(), value.as_ptr())?;
    Ok(dict)
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
    type SerializeStruct = MapBuilder<'c, 'py>;
    type SerializeStructVariant = MapBuilder<'c, 'py>;

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

    #[inline]
    fn serialize_str(self, v: &str) -> Out<'py> {
        // SAFETY: `v` is valid UTF-8 of the given length.
        let p = unsafe {
            ffi::PyUnicode_FromStringAndSize(v.as_ptr().cast(), v.len() as ffi::Py_ssize_t)
        };
        owned_or_err(self.gil, p)
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
        Ok(self.keys.get(self.gil, variant).into_any(self.gil))
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
        let value = value.serialize(self)?;
        tagged(self.gil, self.keys, variant, value)
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
        MapBuilder::new(self, None)
    }
    #[inline]
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<MapBuilder<'c, 'py>, Error> {
        MapBuilder::new(self, None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<MapBuilder<'c, 'py>, Error> {
        MapBuilder::new(self, Some(variant))
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
pub struct SeqBuilder<'c, 'py> {
    ser: Serializer<'c, 'py>,
    /// The pre-sized list or tuple (announced length), filled in place.
    target: Option<Owned<'py, PyAny>>,
    /// The announced length.
    len: usize,
    filled: usize,
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
        let target = match len {
            Some(n) => {
                let n = n as ffi::Py_ssize_t;
                // SAFETY: New returns a new list/tuple with null slots, or null with an
                // exception; the slots are filled before the object is shown to Python.
                let p = unsafe {
                    match kind {
                        SeqKind::List => ffi::PyList_New(n),
                        SeqKind::Tuple => ffi::PyTuple_New(n),
                    }
                };
                Some(owned_or_err(ser.gil, p)?)
            }
            None => None,
        };
        Ok(SeqBuilder {
            ser,
            target,
            len: len.unwrap_or(0),
            filled: 0,
            items: Vec::new(),
            kind,
            variant,
        })
    }

    #[inline]
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let _level = Nesting::enter(self.ser.gil).map_err(Error)?;
        let item = value.serialize(self.ser)?;
        let Some(obj) = &self.target else {
            self.items.push(item);
            return Ok(());
        };
        if self.filled >= self.len {
            return Err(length_mismatch(true));
        }
        // SAFETY: `filled` is in bounds of the fresh list/tuple and its slot is still null.
        unsafe {
            fill_fresh_slot(
                obj.as_ptr(),
                self.kind == SeqKind::List,
                self.filled,
                item.into_ptr(),
            )
        };
        self.filled += 1;
        Ok(())
    }

    #[inline]
    fn finish(self) -> Out<'py> {
        let gil = self.ser.gil;
        let value = match self.target {
            Some(obj) if self.filled == self.len => obj,
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

/// Fills a dict for a map, struct or struct variant.
pub struct MapBuilder<'c, 'py> {
    ser: Serializer<'c, 'py>,
    dict: Owned<'py, PyAny>,
    key: Option<Owned<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'c, 'py> MapBuilder<'c, 'py> {
    #[inline]
    fn new(ser: Serializer<'c, 'py>, variant: Option<&'static str>) -> Result<Self, Error> {
        // SAFETY: New returns a new dict or null with an exception.
        let dict = owned_or_err(ser.gil, unsafe { ffi::PyDict_New() })?;
        Ok(MapBuilder {
            ser,
            dict,
            key: None,
            variant,
        })
    }

    #[inline]
    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        let _level = Nesting::enter(self.ser.gil).map_err(Error)?;
        let value = value.serialize(self.ser)?;
        let gil = self.ser.gil;
        let key = self.ser.keys.get(gil, key);
        set_dict_item(gil, self.dict.as_ptr(), key.as_ptr(), value.as_ptr())
    }

    #[inline]
    fn finish(self) -> Out<'py> {
        match self.variant {
            Some(variant) => tagged(self.ser.gil, self.ser.keys, variant, self.dict),
            None => Ok(self.dict),
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
            Error(PyValueError::new_err(
                "serialize_value called before serialize_key",
            ))
        })?;
        let _level = Nesting::enter(self.ser.gil).map_err(Error)?;
        let value = value.serialize(self.ser)?;
        set_dict_item(
            self.ser.gil,
            self.dict.as_ptr(),
            key.as_ptr(),
            value.as_ptr(),
        )
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

/// The serde traits of the struct builders, all setting a field.
macro_rules! struct_builder_impls {
    ($($tr:ident),*) => {$(
        impl<'py> ser::$tr for MapBuilder<'_, 'py> {
            type Ok = Owned<'py, PyAny>;
            type Error = Error;
            #[inline]
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            #[inline]
            fn end(self) -> Out<'py> {
                self.finish()
            }
        }
    )*};
}

struct_builder_impls!(SerializeStruct, SerializeStructVariant);
