//! Conversion descriptors: what `derive(FromPyObject)` and `derive(IntoPyObject)` emit
//! about a struct, an enum variant or an enum. The engine (`engine::describe`) walks them
//! on every conversion.
//!
//! A struct's field values travel in a *shadow tuple* (the field types in declaration
//! order). A field entry holds the field's offset in that tuple and typed glue for the one
//! thing that needs the type: extract and write, move out and convert, drop, default.
use super::field::{FieldDefault, FieldDrop, FieldInit};
use crate::err::PyResult;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::PyAny;

/// Typed glue moving a field out of its slot and converting it (the engine then treats the
/// slot as dead).
pub type FieldInto = for<'py> unsafe fn(*mut u8, Gil<'py>) -> PyResult<Owned<'py, PyAny>>;

/// Typed glue extracting one enum variant (the whole enum value, built from the variant's
/// own [`StructIn`]).
pub type VariantExtract<E> = for<'a, 'py> fn(&'a Owned<'py, PyAny>) -> PyResult<E>;

/// Where a field's Python value comes from.
#[repr(C)]
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
#[repr(C)]
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
    /// The key as a Python object (`0`, `'a'`, `True`, `(1, 'a')`).
    pub fn to_object<'py>(&self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        use crate::conversion::IntoPyObject;
        match *self {
            ItemKey::Int(i) => i.into_py(gil),
            ItemKey::Str(s) => s.into_py(gil),
            ItemKey::Bool(b) => b.into_py(gil),
            ItemKey::Tuple(items) => {
                let items = items
                    .iter()
                    .map(|item| item.to_object(gil))
                    .collect::<PyResult<Vec<_>>>()?;
                Ok(crate::types::PyTuple::new(gil, items)?.into_any())
            }
        }
    }
}

/// One field to extract.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FieldIn {
    /// Where the value comes from (field options `attribute`, `item`; tuple position).
    pub source: Source,
    /// Offset of the field in the shadow tuple (`offset_of!`).
    pub offset: usize,
    /// Extracts the field and writes it, on success only (its `FromPyObject`, or field
    /// options `from_py_with`, `serde`).
    pub extract: FieldInit,
    /// Drops a written field when a later one fails.
    pub drop: FieldDrop,
    /// Field option `default`: writes `Default::default()` when the attribute or key is
    /// absent.
    pub default: Option<FieldDefault>,
}

/// How a struct (or an enum variant) is read.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct StructIn {
    /// The Rust name, for messages (`Point`, `Shape::Circle`).
    pub name: &'static str,
    /// Tuple structs: the sequence length required (`None` for named fields and
    /// `transparent`).
    pub seq_len: Option<usize>,
    /// The fields in declaration order.
    pub fields: &'static [FieldIn],
}

/// One enum variant to try.
#[repr(C)]
pub struct VariantIn<E: 'static> {
    /// The name shown in errors: the variant name or `#[bind(annotation = "...")]`.
    pub name: &'static str,
    /// Extracts this variant.
    pub extract: VariantExtract<E>,
}

impl<E> Clone for VariantIn<E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E> Copy for VariantIn<E> {}

/// How an enum is read: each variant is tried in declaration order.
#[repr(C)]
pub struct EnumIn<E: 'static> {
    /// The Rust enum name.
    pub name: &'static str,
    /// The variants.
    pub variants: &'static [VariantIn<E>],
}

impl<E> Clone for EnumIn<E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E> Copy for EnumIn<E> {}

/// What Python object a struct (or variant) becomes.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutKind {
    /// A `dict` keyed by the field names (or `#[bind(item("key"))]`): the default.
    Dict,
    /// A `tuple` of the fields: tuple structs.
    Tuple,
    /// The single field's own conversion: newtypes and `#[bind(transparent)]`.
    Transparent,
    /// `None`: unit structs (a unit variant becomes its name instead).
    Unit,
}

/// One field to convert.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FieldOut {
    /// The dict key: the field name, or field option `item("key")`/`attribute("key")`.
    pub key: &'static str,
    /// Offset of the field in the shadow tuple (`offset_of!`).
    pub offset: usize,
    /// Moves the field out and converts it (its `IntoPyObject`, or field option `serde`).
    pub into: FieldInto,
    /// Drops a field that was not converted because an earlier one failed.
    pub drop: FieldDrop,
}

/// How a struct (or an enum variant) is converted.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct StructOut {
    /// The shape of the result.
    pub kind: OutKind,
    /// The fields in declaration order.
    pub fields: &'static [FieldOut],
}
