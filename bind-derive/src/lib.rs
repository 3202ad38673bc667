//! Procedural macros of bind. Each follows parse (darling model) → check → emit: the
//! macros emit `'static` descriptors plus the thinnest typed glue, and the engine in
//! `bind-core` does the work.
//!
//! - `#[function]`: a Rust function callable from Python (see `bind::wrap!`).
//! - `#[module]`: the `PyInit_<name>` entry point of an extension module.
use proc_macro::TokenStream;

mod function;
mod module;
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
