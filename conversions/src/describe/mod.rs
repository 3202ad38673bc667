//! The descriptor interpreter behind `derive(FromPyObject)` and `derive(IntoPyObject)`.
//!
//! The derive describes a type as `'static` tables ([`StructIn`], [`EnumIn`],
//! [`StructOut`]) whose entries hold a field's offset inside a *shadow tuple* of the
//! field values plus monomorphic glue ([`glue`]) that reads, writes or drops one field.
//! [`extract_struct`], [`extract_enum`] and [`into_py_struct`] are the one engine that
//! walks those tables: finding values by attribute, key or index, reporting errors with
//! their path, trying enum variants in order, and dropping what was built on failure.
mod from_py;
pub mod glue;
mod into_py;

pub use from_py::{extract_enum, extract_struct};
pub use into_py::into_py_struct;

use bind_core::types::PyAny;
use bind_core::{Gil, IntoPyObject, Owned, PyResult};

/// Extracts one field from its Python value and writes it at the pointer (typed glue).
pub type ExtractFn = for<'py> unsafe fn(&Owned<'py, PyAny>, *mut u8) -> PyResult<()>;
/// Moves one field out of the pointer and converts it (typed glue).
pub type IntoFn = for<'py> unsafe fn(*mut u8, Gil<'py>) -> PyResult<Owned<'py, PyAny>>;
/// Drops the field at the pointer in place.
pub type DropFn = unsafe fn(*mut u8);
/// Writes the field's `Default::default()` at the pointer.
pub type DefaultFn = unsafe fn(*mut u8);

/// Where a field's Python value comes from.
#[derive(Clone, Copy, Debug)]
pub enum Source {
    /// `getattr(obj, name)`: the default for named fields; `#[bind(attribute("name"))]`.
    Attr(&'static str),
    /// `obj[key]`: `#[bind(item)]`, `#[bind(item("key"))]` or `#[bind(from_item_all)]`.
    Item(&'static str),
    /// `obj[key]` for a key that is not a string: `#[bind(item(0))]`,
    /// `#[bind(item((1, "a")))]`.
    Key(&'static ItemKey),
    /// `obj[i]` of a sequence of exactly the struct's length: tuple-struct fields.
    Index(usize),
    /// The object itself: `#[bind(transparent)]` and newtypes.
    Whole,
}

/// A mapping key written as a literal in `#[bind(item(...))]` (other than a string,
/// which is [`Source::Item`]).
#[derive(Clone, Copy, Debug)]
pub enum ItemKey {
    /// An integer literal: `item(0)`, `item(-1)`.
    Int(i64),
    /// A string inside a tuple key.
    Str(&'static str),
    /// `item(true)`.
    Bool(bool),
    /// A tuple of keys: `item((1, "a"))`.
    Tuple(&'static [ItemKey]),
}

impl ItemKey {
    /// The key as a Python object.
    pub fn to_object<'py>(&self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        match *self {
            ItemKey::Int(i) => i.into_py(gil),
            ItemKey::Str(s) => s.into_py(gil),
            ItemKey::Bool(b) => b.into_py(gil),
            ItemKey::Tuple(items) => {
                let items = items
                    .iter()
                    .map(|item| item.to_object(gil))
                    .collect::<PyResult<Vec<_>>>()?;
                Ok(bind_core::types::PyTuple::new(gil, items)?.into_any())
            }
        }
    }
}

/// One field to extract.
#[derive(Clone, Copy)]
pub struct FieldIn {
    /// Where the value comes from.
    pub source: Source,
    /// Offset of the field in the shadow tuple.
    pub offset: usize,
    /// Reads and writes the field.
    pub extract: ExtractFn,
    /// Drops a written field when a later one fails.
    pub drop: DropFn,
    /// `#[bind(default)]`: used when the attribute or key is absent.
    pub default: Option<DefaultFn>,
}

/// How a struct (or an enum variant) is read.
#[derive(Clone, Copy)]
pub struct StructIn {
    /// The Rust name, for messages (`Point`, `Shape::Circle`).
    pub name: &'static str,
    /// Tuple structs: the sequence length required (`None` for named fields).
    pub seq_len: Option<usize>,
    /// The fields in declaration order.
    pub fields: &'static [FieldIn],
}

/// One enum variant to try.
#[derive(Clone, Copy)]
pub struct VariantIn {
    /// The name shown in errors: the variant name or `#[bind(annotation = "...")]`.
    pub name: &'static str,
    /// Extracts this variant and writes the whole enum value at the pointer.
    pub extract: ExtractFn,
}

/// How an enum is read: each variant is tried in declaration order.
#[derive(Clone, Copy)]
pub struct EnumIn {
    /// The Rust enum name.
    pub name: &'static str,
    /// The variants.
    pub variants: &'static [VariantIn],
}

/// What Python object a struct (or variant) becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutKind {
    /// A `dict` keyed by the field names (or `#[bind(item("key"))]`): the default.
    Dict,
    /// A `tuple` of the fields: tuple structs.
    Tuple,
    /// The single field's own conversion: newtypes and `#[bind(transparent)]`.
    Transparent,
    /// `None`: unit structs and unit variants without an `annotation`.
    Unit,
}

/// One field to convert.
#[derive(Clone, Copy)]
pub struct FieldOut {
    /// The dict key.
    pub key: &'static str,
    /// Offset of the field in the shadow tuple.
    pub offset: usize,
    /// Moves the field out and converts it.
    pub into: IntoFn,
    /// Drops a field that was not converted because an earlier one failed.
    pub drop: DropFn,
}

/// How a struct (or an enum variant) is converted.
#[derive(Clone, Copy)]
pub struct StructOut {
    /// The shape of the result.
    pub kind: OutKind,
    /// The fields in declaration order.
    pub fields: &'static [FieldOut],
}
