//! Field descriptors: one per `#[bind(get)]`/`#[bind(set)]` field (and per field holding
//! Python objects in a `gc` class).
use super::flags::FieldFlags;
use super::type_hint::TypeHint;
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::PyAny;
use std::ffi::CStr;
use std::os::raw::{c_int, c_void};

/// Typed glue reading a field: `ptr` points at the field inside the Rust value.
pub type FieldGetter = for<'py> unsafe fn(Gil<'py>, *const u8) -> PyResult<*mut ffi::PyObject>;
/// Typed glue writing a field from a Python value: the pointer is the engine's opaque
/// write target (the glue converts first, then the engine stores under the mutable
/// borrow); the engine prefixes errors with the attribute name.
pub type FieldSetter = for<'py> unsafe fn(Gil<'py>, *mut u8, &Owned<'py, PyAny>) -> PyResult<()>;
/// Visits the Python references a field holds (for `tp_traverse`).
pub type FieldVisit = unsafe fn(*const u8, ffi::visitproc, *mut c_void) -> c_int;
/// Drops the Python references a field holds where it can (for `tp_clear`).
pub type FieldClear = unsafe fn(*mut u8);

/// Typed glue moving a Python value into a field's uninitialised memory, on success only
/// (the generated constructor of class option `init`; `derive(FromPyObject)`); the engine
/// prefixes errors with the field's path.
pub type FieldInit = for<'py> unsafe fn(Gil<'py>, *mut u8, &Owned<'py, PyAny>) -> PyResult<()>;
/// Typed glue writing a field's Rust default into its uninitialised memory (field options
/// `default = expr` and `default_factory = path`; `default` of `derive(FromPyObject)`).
pub type FieldDefault = unsafe fn(*mut u8);
/// Drops a field in place (undoing a constructor or a conversion that failed half-way).
pub type FieldDrop = unsafe fn(*mut u8);

/// What the dataclass behaviours (class options `init`, `repr`, `eq`, `order`,
/// `match_args`, `pickle`, `dataclass`) read of a field. Emitted for every field of a
/// class with one of these options.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct DataFieldDesc {
    /// Clones the value out to Python (repr, comparison, hashing, pickling, `match`).
    pub value: FieldGetter,
    /// Finds the glue converting a Python value into the field: `None` when the type has
    /// no conversion from Python (the constructor and unpickling then name the field).
    pub init: fn() -> Option<FieldInit>,
    /// The default of a constructor parameter (`default = expr`, `default_factory = path`).
    pub default: Option<FieldDefault>,
    /// Drops the field in place.
    pub drop: FieldDrop,
    /// The Rust type as written, shown as the `dataclasses.Field` type.
    pub type_name: &'static str,
    /// `size_of` the field's type (the engine evaluates a default once into a buffer to
    /// show it in the signature).
    pub size: usize,
    /// `align_of` the field's type.
    pub align: usize,
}

/// How Python reaches a field.
#[repr(C)]
#[derive(Copy, Clone)]
pub enum FieldKind {
    /// A Rust primitive number or `bool` (set by `get`/`set` on a field of such a type),
    /// with its `PyMemberDef` type code (`T_DOUBLE`, …). The engine decides how Python
    /// reaches it: a read-only member on `frozen` classes (no `&mut` can exist), a
    /// borrow-checked getset specialised for the type code otherwise.
    Primitive(c_int),
    /// Any other type: the one generic getset of the engine calls this typed glue.
    Accessor {
        /// Set by `get`.
        get: Option<FieldGetter>,
        /// Set by `set`.
        set: Option<FieldSetter>,
    },
    /// Not visible from Python; only traversed for gc.
    Hidden,
}

/// A field of a class.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct FieldDesc {
    /// The Python attribute name (the Rust name, or `name = "…"`).
    pub name: &'static CStr,
    /// The field's doc comment.
    pub doc: Option<&'static CStr>,
    /// Offset of the field inside the Rust value (`offset_of!`).
    pub offset: usize,
    /// `get` / `set`.
    pub flags: FieldFlags,
    /// Member or accessor.
    pub kind: FieldKind,
    /// The Python type the setter expects, for error messages.
    pub expected: &'static str,
    /// gc traversal of the Python references the field holds (`Handle<T>`, …).
    pub visit: Option<FieldVisit>,
    /// gc clearing of the field's references (for `Option<Handle<T>>` fields).
    pub clear: Option<FieldClear>,
    /// The dataclass glue (classes with a dataclass option; `None` otherwise).
    pub data: Option<&'static DataFieldDesc>,
    /// The field's annotation in generated stubs (from the conversion traits of its type:
    /// `IntoPyObject` when `get`, else `FromPyObject` when `set`).
    pub hint: TypeHint,
}

/// Rust primitives a field can hold as [`FieldKind::Primitive`], with their member type
/// code. Sealed: the engine reads and writes the field as the type the code names, so only
/// bind's own impls (below) may claim a code.
pub trait MemberType: Copy + sealed::Sealed {
    /// The `T_*` code identifying the primitive.
    const CODE: c_int;
}

mod sealed {
    /// Only bind implements [`super::MemberType`].
    pub trait Sealed {}
}

macro_rules! member_types {
    ($($ty:ty => $code:ident),* $(,)?) => {$(
        impl sealed::Sealed for $ty {}
        impl MemberType for $ty {
            const CODE: c_int = ffi::$code;
        }
    )*};
}

member_types!(
    f64 => T_DOUBLE,
    f32 => T_FLOAT,
    i8 => T_BYTE,
    i16 => T_SHORT,
    i32 => T_INT,
    i64 => T_LONGLONG,
    u8 => T_UBYTE,
    u16 => T_USHORT,
    u32 => T_UINT,
    u64 => T_ULONGLONG,
    bool => T_BOOL,
);

#[cfg(target_pointer_width = "64")]
member_types!(isize => T_PYSSIZET, usize => T_ULONGLONG);
#[cfg(target_pointer_width = "32")]
member_types!(isize => T_PYSSIZET, usize => T_UINT);

const _: () = assert!(std::mem::size_of::<bool>() == 1, "T_BOOL reads one byte");
