//! `#[derive(PyType)]`: parse (darling model) → check → emit the class descriptor.
mod check;
mod emit;
mod enums;

use darling::util::Flag;
use darling::{ast, FromDeriveInput, FromField};
use proc_macro2::TokenStream;

/// Class options: `#[bind(name = "…", module = "…", freelist = N, gc, weakref, dict,
/// subclass, extends = Base, unsendable, frozen, init, repr, eq, order, match_args,
/// pickle, dataclass, kw_only)]`.
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
    /// `init`: the generated constructor.
    pub init: Flag,
    /// `repr`: the dataclass `__repr__`.
    pub repr: Flag,
    /// `eq`: field-wise `==` (and `__hash__` when `frozen`).
    pub eq: Flag,
    /// `order`: `<`, `<=`, `>`, `>=` on the fields as tuples.
    pub order: Flag,
    /// `match_args`: `__match_args__`.
    pub match_args: Flag,
    /// `pickle`: `__reduce__` from the fields.
    pub pickle: Flag,
    /// `dataclass`: `init`, `repr`, `eq`, `match_args`, `pickle` and what the
    /// `dataclasses` module reads.
    pub dataclass: Flag,
    /// `kw_only`: every constructor parameter is keyword-only.
    pub kw_only: Flag,
}

impl TypeInput {
    /// Whether a dataclass option is set (every field then gets dataclass glue).
    pub(crate) fn is_data(&self) -> bool {
        [
            &self.init,
            &self.repr,
            &self.eq,
            &self.order,
            &self.match_args,
            &self.pickle,
            &self.dataclass,
        ]
        .iter()
        .any(|f| f.is_present())
    }
}

/// Field options: `#[bind(get, set, name = "…", traverse, buffer, readonly, default =
/// expr, default_factory = path, kw_only)]`.
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
    /// `default = expr`: the constructor parameter's default (a Rust expression).
    #[darling(default)]
    pub default: Option<syn::Expr>,
    /// `default_factory = path`: a function computing the default per call.
    #[darling(default)]
    pub default_factory: Option<syn::Expr>,
    /// `kw_only`: a keyword-only constructor parameter.
    pub kw_only: Flag,
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
            if e.variants
                .iter()
                .all(|v| matches!(v.fields, syn::Fields::Unit))
            {
                return enums::expand(&input);
            }
            return enums::expand_data(&input);
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
