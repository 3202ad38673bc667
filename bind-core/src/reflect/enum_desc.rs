//! The descriptor of a fieldless Rust enum exposed as an `enum.Enum` subclass.
use std::ffi::CStr;

/// Which `enum` base the class derives from.
#[repr(C)]
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub enum EnumBase {
    /// `enum.Enum` (the default).
    Enum,
    /// `enum.IntEnum` (class option `int_enum`): members are also `int`s.
    IntEnum,
}

/// A variant.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct VariantDesc {
    /// The member name (the Rust name, or `#[bind(name = "…")]` on the variant).
    pub name: &'static CStr,
    /// The member value: the Rust discriminant.
    pub value: i64,
}

/// A fieldless enum, emitted by `#[derive(PyType)]` on an enum as a `static`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct EnumDesc {
    /// The Python class name (`name = "…"`, default the Rust name).
    pub name: &'static CStr,
    /// The module named in `__module__` (`module = "…"`, default `builtins`).
    pub module: Option<&'static CStr>,
    /// The enum's doc comment.
    pub doc: Option<&'static CStr>,
    /// The variants, in declaration order.
    pub variants: &'static [VariantDesc],
    /// `int_enum`: `enum.IntEnum`, else `enum.Enum`.
    pub base: EnumBase,
}

/// A variant of a data-carrying enum: a subclass of the enum's base class.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct DataVariantDesc {
    /// The subclass name (the Rust name, or `#[bind(name = "…")]` on the variant).
    pub name: &'static CStr,
    /// The field names (named fields as written, tuple fields `_0`, `_1`, …).
    pub fields: &'static [&'static CStr],
    /// The variant's doc comment (the subclass's `__doc__`).
    pub doc: Option<&'static CStr>,
}

/// A data-carrying enum, emitted by `#[derive(PyType)]` on an enum whose variants have
/// fields: a base class with one frozen dataclass subclass per variant.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct DataEnumDesc {
    /// The base class name (`name = "…"`, default the Rust name).
    pub name: &'static CStr,
    /// The module named in `__module__` (`module = "…"`, default `builtins`).
    pub module: Option<&'static CStr>,
    /// The enum's doc comment.
    pub doc: Option<&'static CStr>,
    /// The variants, in declaration order.
    pub variants: &'static [DataVariantDesc],
}
