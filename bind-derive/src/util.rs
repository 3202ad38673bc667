//! Helpers shared by the macros: doc comments, C string literals, type inspection.
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The text of the `///` doc comments among `attrs`, lines joined with `\n`.
pub fn doc_text(attrs: &[syn::Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
            {
                let line = s.value();
                lines.push(line.strip_prefix(' ').unwrap_or(&line).to_owned());
            }
        }
    }
    lines.join("\n")
}

/// A `&'static CStr` literal for `text`.
pub fn c_str(text: &str) -> syn::Result<TokenStream> {
    let c = std::ffi::CString::new(text).map_err(|_| {
        syn::Error::new(
            proc_macro2::Span::call_site(),
            "text may not contain NUL bytes",
        )
    })?;
    let lit = Literal::c_string(&c);
    Ok(quote!(#lit))
}

/// The last path segment's name of a type (`Option` for `std::option::Option<T>`).
pub fn last_segment(ty: &syn::Type) -> Option<&syn::PathSegment> {
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        syn::Type::Group(g) => last_segment(&g.elem),
        syn::Type::Paren(p) => last_segment(&p.elem),
        _ => None,
    }
}

/// Whether the type is named `name` (by its last path segment).
pub fn is_named(ty: &syn::Type, name: &str) -> bool {
    last_segment(ty).is_some_and(|s| s.ident == name)
}

/// Whether a return type is a `Result` (or an alias ending in `Result`, like `PyResult`).
pub fn is_result(ty: &syn::Type) -> bool {
    last_segment(ty).is_some_and(|s| s.ident.to_string().ends_with("Result"))
}
