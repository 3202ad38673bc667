//! The conversion traits between Rust values and Python objects, and their impls for
//! standard types.
//!
//! | Python | Rust |
//! |---|---|
//! | `int` | every integer type (`OverflowError` when out of range, `__index__` honoured) |
//! | `float` | `f32`, `f64` (ints accepted) |
//! | `bool` | `bool` (strict) |
//! | `str` | `String`, `&str` (borrowed), `Cow<str>`, `char` |
//! | `None` | `()` out, `Option<T>` both ways |
//! | `list`/`tuple`/any sequence (not `str`) | `Vec<T>`, `[T; N]`, `VecDeque<T>`, `SmallVec<[T; N]>` (list out) |
//! | buffer of the element format | `Vec<T>` for numeric `T` (one copy, no per-item calls) |
//! | `bytes`/`bytearray`/buffer `B` | `Vec<u8>`, `[u8; N]`, `Cow<[u8]>` (owned); `&[u8]` (borrows `bytes`) |
//! | `bytes` (out) | every Rust sequence of `u8`: `Vec<u8>`, `&[u8]`, `Cow<[u8]>`, `[u8; N]`, … |
//! | `tuple` | tuples of 1 to 12 elements |
//! | `dict` | `HashMap<K, V>`, `BTreeMap<K, V>`, `IndexMap<K, V>` (order kept both ways) |
//! | `set`/`frozenset` | `HashSet<T>`, `BTreeSet<T>`, `IndexSet<T>` (`set` out) |
//! | `datetime.timedelta` | `Duration` (negative refused) |
//! | `str`/`os.PathLike` | `PathBuf`, `OsString` (`str` out, `pathlib.Path` not required) |
//! | `ipaddress.IPv4Address`/`IPv6Address`/`str` | `IpAddr`, `Ipv4Addr`, `Ipv6Addr` |
//! | `int` | `i128`/`u128`, `NonZero*` |
//!
//! `Vec<u8>` is the one overlap with the generic `Vec<T>`: it converts *into* `bytes`
//! (not a list of ints), and extracts from `bytes`, `bytearray`, any buffer of bytes, or a
//! sequence of ints in `0..=255`.
//!
//! Errors inside containers name the path to the failing element (see [`path`]).
mod buffer_fast;
mod bytes;
#[cfg(feature = "chrono")]
mod chrono;
mod collections;
mod fs_path;
mod maps;
mod nesting;
mod net;
pub mod path;
mod plain;
mod primitives;
mod sequences;
mod sets;
mod strings;
mod time;
mod wide_int;

pub use nesting::{Depth, Nesting, STACK_MARGIN};
pub use path::{ErrPath, PathSegment};
#[doc(hidden)]
pub use plain::PlainRead;

use crate::err::PyResult;
use crate::gil::Gil;
use crate::handle::{Handle, Owned};
use crate::reflect::TypeHint;
use crate::types::{PyAny, PyTypeCheck};

/// Extraction of a Rust value from a Python object.
///
/// `'a` is how long the object is borrowed for, so values such as `&'a str` can borrow
/// from it without copying; `'py` is the GIL lifetime.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be extracted from a Python object",
    label = "no `FromPyObject` conversion for this type",
    note = "derive `FromPyObject` for your own types, take `&Owned<'_, PyAny>` to receive any object, or wrap serde types in `Serde<T>`",
    note = "`&str` borrows from the object only outside the stable ABI or with abi3-py310+: take `String` in abi3-py38 builds"
)]
pub trait FromPyObject<'a, 'py>: Sized {
    /// The Python type name this conversion expects, for error messages and signatures.
    const EXPECTED: &'static str = "object";

    /// The annotation of a parameter of this type in generated stubs (`typing.Any`
    /// unless the type says more; override it in your own impls).
    const TYPE_HINT: TypeHint = TypeHint::Any;

    /// A reader of exact scalars that runs no Python code, used by the list fast path to
    /// read items without taking references. Sealed: only bind-core's own scalar impls
    /// can make a [`PlainRead`], so every other impl leaves this `None`.
    #[doc(hidden)]
    const PLAIN: Option<PlainRead<Self>> = None;

    /// Extracts the value, or raises `TypeError`/`OverflowError`/`ValueError` saying why not.
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self>;

    /// A faster way to read a whole `Vec<Self>`, tried before the element-by-element
    /// sequence path: numbers read buffers of their format, `u8` reads `bytes`. `None`
    /// means "no fast path for this object".
    #[doc(hidden)]
    #[inline(always)]
    fn extract_vec(obj: &'a Owned<'py, PyAny>) -> Option<PyResult<Vec<Self>>> {
        let _ = obj;
        None
    }
}

/// Conversion of a Rust value into a Python object.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be converted into a Python object",
    label = "no `IntoPyObject` conversion for this type",
    note = "derive `IntoPyObject` (or `PyType` for a class) for your own types, or wrap serde types in `Serde<T>`"
)]
pub trait IntoPyObject<'py> {
    /// The annotation of a return value of this type in generated stubs (`typing.Any`
    /// unless the type says more; override it in your own impls).
    const TYPE_HINT: TypeHint = TypeHint::Any;

    /// The annotation of a Rust sequence of `Self` once converted (`list[...]`; `bytes`
    /// for `u8`), as [`IntoPyObject::seq_into_py`] converts it.
    #[doc(hidden)]
    const SEQ_TYPE_HINT: TypeHint = TypeHint::Generic {
        name: "list",
        args: &[Self::TYPE_HINT],
    };

    /// Converts into a new reference.
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>>;

    /// Converts a Rust sequence of `Self` (a `list`; `u8` makes `bytes`).
    #[doc(hidden)]
    #[inline]
    fn seq_into_py<I>(items: I, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>>
    where
        Self: Sized,
        I: ExactSizeIterator<Item = Self>,
    {
        sequences::list_from_iter(gil, items)
    }

    /// Converts a `Vec<Self>` (a `list`; `u8` makes `bytes` without an extra copy).
    #[doc(hidden)]
    #[inline]
    fn vec_into_py(items: Vec<Self>, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>>
    where
        Self: Sized,
    {
        Self::seq_into_py(items.into_iter(), gil)
    }
}

impl<'py, T> IntoPyObject<'py> for Owned<'py, T> {
    #[inline]
    fn into_py(self, _gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(self.into_any())
    }
}

impl<'py, T> IntoPyObject<'py> for &Owned<'py, T> {
    #[inline]
    fn into_py(self, _gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(self.clone().into_any())
    }
}

impl<'py, T> IntoPyObject<'py> for Handle<T> {
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(self.into_bound(gil).into_any())
    }
}

impl<'py, T> IntoPyObject<'py> for &Handle<T> {
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(self.bind(gil).clone().into_any())
    }
}

impl<'a, 'py, T: PyTypeCheck> FromPyObject<'a, 'py> for Owned<'py, T> {
    const TYPE_HINT: TypeHint = TypeHint::of_type_name(T::NAME);
    const EXPECTED: &'static str = T::NAME;
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        Ok(obj.downcast::<T>()?.clone())
    }
}

impl<'a, 'py, T: PyTypeCheck> FromPyObject<'a, 'py> for &'a Owned<'py, T> {
    const TYPE_HINT: TypeHint = TypeHint::of_type_name(T::NAME);
    const EXPECTED: &'static str = T::NAME;
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        Ok(obj.downcast::<T>()?)
    }
}

impl<'a, 'py, T: PyTypeCheck> FromPyObject<'a, 'py> for Handle<T> {
    const TYPE_HINT: TypeHint = TypeHint::of_type_name(T::NAME);
    const EXPECTED: &'static str = T::NAME;
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        Ok(obj.downcast::<T>()?.clone().unbind())
    }
}

impl<'py> IntoPyObject<'py> for () {
    const TYPE_HINT: TypeHint = TypeHint::NONE;
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(gil.none().into_any())
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for () {
    const TYPE_HINT: TypeHint = TypeHint::NONE;
    const EXPECTED: &'static str = "None";
    /// Only `None`.
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        if obj.is_none() {
            Ok(())
        } else {
            Err(crate::exceptions::PyTypeError::new_err(format!(
                "'{}' object cannot be converted to 'None'",
                obj.type_name()
            )))
        }
    }
}

impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for Option<T> {
    const TYPE_HINT: TypeHint = TypeHint::Optional(&T::TYPE_HINT);
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        match self {
            Some(v) => v.into_py(gil),
            None => Ok(gil.none().into_any()),
        }
    }
}

impl<'a, 'py, T: FromPyObject<'a, 'py>> FromPyObject<'a, 'py> for Option<T> {
    const TYPE_HINT: TypeHint = TypeHint::Optional(&T::TYPE_HINT);
    const EXPECTED: &'static str = T::EXPECTED;
    const PLAIN: Option<PlainRead<Self>> = if T::PLAIN.is_some() {
        // SAFETY: `read_option` compares a pointer with `None` and otherwise runs `T`'s
        // sealed reader, so it runs no Python code either.
        Some(unsafe { PlainRead::new(read_option::<T>) })
    } else {
        None
    };
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        if obj.is_none() {
            Ok(None)
        } else {
            T::extract(obj).map(Some)
        }
    }
}

/// `None` for `None`, else `T`'s sealed reader (see [`FromPyObject::PLAIN`]).
///
/// # Safety
/// `p` is a live object and the GIL is held.
unsafe fn read_option<'a, 'py, T: FromPyObject<'a, 'py>>(
    p: *mut crate::ffi::PyObject,
) -> Option<Option<T>> {
    if p == crate::ffi::Py_None() {
        return Some(None);
    }
    // SAFETY: forwarded from the caller.
    T::PLAIN
        .and_then(|reader| unsafe { reader.read(p) })
        .map(Some)
}
