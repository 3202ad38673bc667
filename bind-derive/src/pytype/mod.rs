//! `#[derive(PyType)]`: parse (darling model) → check → emit the class descriptor.
mod check;
mod emit;

use darling::util::Flag;
use darling::{ast, FromDeriveInput, FromField};
use proc_macro2::TokenStream;

/// Class options: `#[bind(name = "…", module = "…", freelist = N, gc, weakref, dict,
/// subclass, extends = Base, unsendable, frozen)]`.
#[derive(FromDeriveInput)]
#[darling(attributes(bind), supports(struct_any), forward_attrs(doc))]
pub(crate) struct TypeInput {
    pub ident: syn::Ident,
    pub generics: syn::Generics,
    pub data: ast::Data<(), FieldInput>,
    pub attrs: Vec<syn::Attribute>,
    #[darling(default)]
    pub name: Option<String>,
    #[darling(default)]
    pub module: Option<String>,
    #[darling(default)]
    pub freelist: Option<syn::LitInt>,
    pub gc: Flag,
    pub weakref: Flag,
    pub dict: Flag,
    pub subclass: Flag,
    #[darling(default)]
    pub extends: Option<syn::Path>,
    pub unsendable: Flag,
    pub frozen: Flag,
}

/// Field options: `#[bind(get, set, name = "…", traverse, buffer, readonly)]`.
#[derive(FromField)]
#[darling(attributes(bind), forward_attrs(doc))]
pub(crate) struct FieldInput {
    pub ident: Option<syn::Ident>,
    pub ty: syn::Type,
    pub attrs: Vec<syn::Attribute>,
    pub get: Flag,
    pub set: Flag,
    #[darling(default)]
    pub name: Option<String>,
    pub traverse: Flag,
    /// `buffer`: the class exports this field through the buffer protocol.
    pub buffer: Flag,
    /// `readonly` (with `buffer`): consumers may only read the exported memory.
    pub readonly: Flag,
}

pub fn expand(input: TokenStream) -> darling::Result<TokenStream> {
    let input: syn::DeriveInput = syn::parse2(input)?;
    match &input.data {
        syn::Data::Struct(_) => {}
        syn::Data::Enum(e) => {
            return Err(darling::Error::custom(
                "#[derive(PyType)] takes a struct; enums are not supported yet \
                 (wrap the enum in a struct field)",
            )
            .with_span(&e.enum_token))
        }
        syn::Data::Union(u) => {
            return Err(
                darling::Error::custom("#[derive(PyType)] takes a struct, not a union")
                    .with_span(&u.union_token),
            )
        }
    }
    let model = TypeInput::from_derive_input(&input)?;
    check::check(&model)?;
    emit::emit(&model)
}
