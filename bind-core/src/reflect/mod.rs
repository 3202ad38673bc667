//! Reflection descriptors: the `'static`, `#[repr(C)]`, const-built data that
//! `#[derive(PyType)]` and `#[methods]` emit about a Rust type. The engine
//! (`engine::class`) reads them once, when the type object is created.
//!
//! Nothing here allocates or runs code at description time: every descriptor is a
//! `const`/`static`, and references to other descriptors are `&'static` or `fn` pointers.
mod field;
mod flags;
mod items;
mod type_desc;
mod type_hint;

pub use field::{
    FieldClear, FieldDesc, FieldGetter, FieldKind, FieldSetter, FieldVisit, MemberType,
};
pub use flags::{FieldFlags, TypeFlags};
pub use items::{
    ClassAttrDesc, ImplItems, MethodDesc, MethodKind, PropertyDesc, PropertyGetter, PropertySetter,
    Protocols, SlotDesc,
};
pub use type_desc::{TypeDesc, MAX_IMPL_PARTS};
pub use type_hint::TypeHint;
