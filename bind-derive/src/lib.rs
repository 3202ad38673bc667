//! Procedural macros of bind. Each follows parse (darling model) → check → emit: the
//! macros emit `'static` descriptors plus the thinnest typed glue, and the engine in
//! `bind-core` does the work.
//!
//! - `#[function]`: a Rust function callable from Python (see `bind::wrap!`).
//! - `#[module]`: the `PyInit_<name>` entry point of an extension module.
use proc_macro::TokenStream;

mod element;
mod from_py_object;
mod function;
mod hints;
mod into_py_object;
mod methods;
mod module;
#[cfg(test)]
mod no_unsafe_glue;
mod pytype;
pub(crate) mod signature;
mod util;

/// Makes a Rust function callable from Python; add it to a module with
/// `m.add_function(wrap!(name))`.
///
/// Options: `#[function(name = "python_name")]`. Parameters may be any type with a
/// `FromPyObject` conversion, or `Gil<'py>` (the GIL token, not a Python parameter);
/// trailing `Option<T>` parameters default to `None`. The return type may be any
/// convertible value, `()` (→ `None`), or `Result<T, E>` with `E: Into<PyErr>`.
#[proc_macro_attribute]
pub fn function(attr: TokenStream, item: TokenStream) -> TokenStream {
    function::expand(attr.into(), item.into())
        .unwrap_or_else(|e| e.write_errors())
        .into()
}

/// Declares an extension module: `#[module] fn name(m: &Owned<'_, PyModule>) -> PyResult<()>`
/// emits `PyInit_name` using multi-phase initialisation. Options: `name = "..."`.
#[proc_macro_attribute]
pub fn module(attr: TokenStream, item: TokenStream) -> TokenStream {
    module::expand(attr.into(), item.into())
        .unwrap_or_else(|e| e.write_errors())
        .into()
}

/// `#[derive(Element)]`: a `#[repr(C)]` struct of buffer elements (deriving
/// `bytemuck::Pod` or `NoUninit`, so it has no padding) becomes a buffer element whose
/// struct-module format, `T{d:x:d:y:}`, numpy reads as a record dtype. Field option:
/// `#[bind(name = "…")]`.
#[proc_macro_derive(Element, attributes(bind))]
pub fn derive_element(item: TokenStream) -> TokenStream {
    element::expand(item.into())
        .unwrap_or_else(|e| e.write_errors())
        .into()
}

/// `#[derive(FromPyObject)]`: extraction from Python by a `'static` descriptor.
///
/// Structs read fields from attributes (default) or keys (`#[bind(from_item_all)]`,
/// `#[bind(item)]`, `#[bind(item("key"))]`, `#[bind(attribute("name"))]`); tuple structs
/// from a sequence of the same length; newtypes and `#[bind(transparent)]` structs extract
/// their field directly; enums try each variant in order and list them (with
/// `#[bind(annotation = "...")]` names) when none fits. Field options: `default`,
/// `from_py_with = path`, `serde`. `#[bind(serde)]` on the type uses the serde bridge.
#[proc_macro_derive(FromPyObject, attributes(bind))]
pub fn derive_from_py_object(item: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(item as syn::DeriveInput);
    from_py_object::expand(input)
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// `#[derive(IntoPyObject)]`: conversion to Python by a `'static` descriptor.
///
/// Named structs become a `dict` (keys renamed with `#[bind(item("key"))]`), tuple structs
/// a `tuple`, newtypes/`transparent` their field, unit structs `None`; enums convert their
/// active variant (unit variants become their name or `annotation`). `#[bind(serde)]` on
/// the type, or on a field, goes through the serde bridge.
#[proc_macro_derive(IntoPyObject, attributes(bind))]
pub fn derive_into_py_object(item: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(item as syn::DeriveInput);
    into_py_object::expand(input)
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// `#[derive(PyType)]`: a Python class from a Rust struct (named, tuple or unit).
///
/// Class options in `#[bind(...)]`: `name = "..."`, `module = "..."`, `freelist = N`,
/// `gc`, `weakref`, `dict`, `subclass`, `extends = Base`, `unsendable`, `frozen`. Field
/// options: `get`, `set`, `name = "..."`, `traverse`. Plain numeric and `bool` fields
/// become `PyMemberDef`s; other fields go through one generic getset. The doc comment
/// becomes the class docstring. Add methods with `#[methods]`.
#[proc_macro_derive(PyType, attributes(bind))]
pub fn derive_pytype(item: TokenStream) -> TokenStream {
    pytype::expand(item.into())
        .unwrap_or_else(|e| e.write_errors())
        .into()
}

/// `#[methods]` on an impl block of a `#[derive(PyType)]` class: `#[new]` constructor,
/// instance methods (`&self`, `&mut self`, `slf: PyRef<'_, Self>`), `#[classmethod]`,
/// `#[staticmethod]`, `#[getter]`/`#[setter]`, `#[classattr]` (functions and `const`s),
/// and magic methods by their Python names (`__repr__`, `__eq__`, `__add__`, `__len__`,
/// `__getitem__`, `__iter__`, `__call__`, …). A class may have up to four blocks:
/// `#[methods]`, `#[methods(part = 1)]`, … Per-method options: `#[bind(name = "...",
/// signature = (...))]`.
#[proc_macro_attribute]
pub fn methods(attr: TokenStream, item: TokenStream) -> TokenStream {
    methods::expand(attr.into(), item.into())
        .unwrap_or_else(|e| e.write_errors())
        .into()
}
