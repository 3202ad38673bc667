//! What one `#[methods]` impl block contributes to a class: methods, properties, class
//! attributes, the constructor and protocol slots.
use super::protocol::Protocols;
use super::FnDesc;
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::{Borrowed, Owned};
use crate::types::PyAny;
use std::ffi::CStr;

/// The kind of a method, as Python sees it.
#[repr(C)]
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub enum MethodKind {
    /// `&self`, `&mut self` or a handle receiver.
    Instance,
    /// `#[classmethod]`: receives the class.
    Class,
    /// `#[staticmethod]`: no receiver.
    Static,
}

/// A method: its `PyMethodDef` (referenced by the type's `tp_methods`) and descriptor.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct MethodDesc {
    /// What CPython calls (entry point, flags, name, doc).
    pub def: ffi::PyMethodDef,
    /// Name, signature and typed glue.
    pub desc: &'static FnDesc,
    /// Instance, class or static.
    pub kind: MethodKind,
}

// SAFETY: immutable static data (C strings, function pointers, a static descriptor).
unsafe impl Sync for MethodDesc {}

/// Typed glue of a `#[getter]`: `slf` is the instance.
pub type PropertyGetter =
    for<'a, 'py> fn(Gil<'py>, Borrowed<'a, 'py>) -> PyResult<*mut ffi::PyObject>;
/// Typed glue of a `#[setter]`: `slf` is the instance.
pub type PropertySetter =
    for<'a, 'py> fn(Gil<'py>, Borrowed<'a, 'py>, &Owned<'py, PyAny>) -> PyResult<()>;

/// Typed glue of a `#[deleter]`: `slf` is the instance (`del obj.name`).
pub type PropertyDeleter = for<'a, 'py> fn(Gil<'py>, Borrowed<'a, 'py>) -> PyResult<()>;

/// A computed attribute from `#[getter]` / `#[setter]` / `#[deleter]` methods (getter and setter of the
/// same name are merged by the engine, across impl blocks).
#[repr(C)]
#[derive(Copy, Clone)]
pub struct PropertyDesc {
    /// The Python name (the guide's rules: `#[getter(name)]`, or the method name without
    /// a `get_` / `set_` prefix).
    pub name: &'static CStr,
    /// The getter's doc comment.
    pub doc: Option<&'static CStr>,
    /// Set by `#[getter]`.
    pub get: Option<PropertyGetter>,
    /// Set by `#[setter]`.
    pub set: Option<PropertySetter>,
    /// Set by `#[deleter]`.
    pub delete: Option<PropertyDeleter>,
}

/// A class attribute (`#[classattr]` on a `const` or an argument-less function).
#[repr(C)]
#[derive(Copy, Clone)]
pub struct ClassAttrDesc {
    /// The Python name.
    pub name: &'static str,
    /// Computes the value once, when the type is created.
    pub value: for<'py> fn(Gil<'py>) -> PyResult<Owned<'py, PyAny>>,
}

/// Everything one `#[methods]` block contributes.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct ImplItems {
    /// Instance, class and static methods.
    pub methods: &'static [MethodDesc],
    /// `#[getter]` / `#[setter]` properties.
    pub properties: &'static [PropertyDesc],
    /// `#[classattr]` attributes.
    pub class_attrs: &'static [ClassAttrDesc],
    /// The `#[new]` constructor (its glue receives the subtype as `slf`).
    pub constructor: Option<&'static FnDesc>,
    /// The `#[new]` constructor's text signature (`(x, y=0.0)`), which becomes the class's
    /// `__text_signature__` (so `inspect.signature(Class)` shows it).
    pub constructor_signature: Option<&'static CStr>,
    /// Magic methods (the engine maps them to type slots).
    pub protocols: Protocols,
}

impl ImplItems {
    /// A block contributing nothing (classes without `#[methods]`).
    pub const EMPTY: ImplItems = ImplItems {
        methods: &[],
        properties: &[],
        class_attrs: &[],
        constructor: None,
        constructor_signature: None,
        protocols: Protocols::EMPTY,
    };
}
