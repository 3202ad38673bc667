//! `#[derive(PyType)]` on a fieldless enum: an `EnumDesc` (one `VariantDesc` per
//! variant) and the thin glue the engine calls (variant ⇄ index, conversions).
use crate::util::{c_str, doc_text};
use darling::util::Flag;
use darling::{ast, FromDeriveInput, FromVariant};
use proc_macro2::TokenStream;
use quote::quote;

/// Enum options: `#[bind(name = "…", module = "…", int_enum)]`.
#[derive(FromDeriveInput)]
#[darling(attributes(bind), supports(enum_unit), forward_attrs(doc))]
pub(crate) struct EnumInput {
    pub ident: syn::Ident,
    pub generics: syn::Generics,
    pub data: ast::Data<VariantInput, ()>,
    pub attrs: Vec<syn::Attribute>,
    #[darling(default)]
    pub name: Option<String>,
    #[darling(default)]
    pub module: Option<String>,
    /// `int_enum`: an `enum.IntEnum` subclass.
    pub int_enum: Flag,
}

/// Variant options: `#[bind(name = "…")]`.
#[derive(FromVariant)]
#[darling(attributes(bind))]
pub(crate) struct VariantInput {
    pub ident: syn::Ident,
    #[darling(default)]
    pub name: Option<String>,
}

pub(crate) fn expand(input: &syn::DeriveInput) -> darling::Result<TokenStream> {
    let model = EnumInput::from_derive_input(input)?;
    if !model.generics.params.is_empty() {
        return Err(darling::Error::custom(
            "#[derive(PyType)] cannot be generic: a Python enum is one concrete type",
        )
        .with_span(&model.generics));
    }
    let ident = &model.ident;
    let variants = model
        .data
        .as_ref()
        .take_enum()
        .expect("darling checked: an enum");
    if variants.is_empty() {
        return Err(
            darling::Error::custom("a Python enum needs at least one variant").with_span(ident),
        );
    }
    let py_name = model
        .name
        .clone()
        .unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_owned());
    let name_c = c_str(&py_name)?;
    let module = match &model.module {
        Some(m) => {
            let m = c_str(m)?;
            quote!(::core::option::Option::Some(#m))
        }
        None => quote!(::core::option::Option::None),
    };
    let doc = doc_text(&model.attrs);
    let doc = if doc.is_empty() {
        quote!(::core::option::Option::None)
    } else {
        let d = c_str(&doc)?;
        quote!(::core::option::Option::Some(#d))
    };
    let base = if model.int_enum.is_present() {
        quote!(::bind::__private::EnumBase::IntEnum)
    } else {
        quote!(::bind::__private::EnumBase::Enum)
    };
    let mut descs = Vec::new();
    let mut to_index = Vec::new();
    let mut from_index = Vec::new();
    for (index, variant) in variants.iter().enumerate() {
        let v = &variant.ident;
        let name = variant
            .name
            .clone()
            .unwrap_or_else(|| v.to_string().trim_start_matches("r#").to_owned());
        let name = c_str(&name)?;
        descs.push(quote! {
            ::bind::__private::VariantDesc { name: #name, value: #ident::#v as i64 }
        });
        to_index.push(quote!(#ident::#v => #index));
        from_index.push(quote!(#index => ::core::option::Option::Some(#ident::#v)));
    }
    Ok(quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, clippy::all)]
        const _: () = {
            static LAZY: ::bind::__private::LazyEnum = ::bind::__private::LazyEnum::new();
            static DESC: ::bind::__private::EnumDesc = ::bind::__private::EnumDesc {
                name: #name_c,
                module: #module,
                doc: #doc,
                variants: &[#(#descs),*],
                base: #base,
            };

            impl ::bind::__private::PyEnum for #ident {
                #[inline(always)]
                fn desc() -> &'static ::bind::__private::EnumDesc {
                    &DESC
                }
                #[inline(always)]
                fn lazy() -> &'static ::bind::__private::LazyEnum {
                    &LAZY
                }
                #[inline]
                fn index(&self) -> usize {
                    match self {
                        #(#to_index,)*
                    }
                }
                #[inline]
                fn from_index(index: usize) -> ::core::option::Option<Self> {
                    match index {
                        #(#from_index,)*
                        _ => ::core::option::Option::None,
                    }
                }
            }

            impl<'py> ::bind::IntoPyObject<'py> for #ident {
                #[inline]
                fn into_py(
                    self,
                    gil: ::bind::Gil<'py>,
                ) -> ::bind::PyResult<::bind::Owned<'py, ::bind::types::PyAny>> {
                    ::bind::__private::enum_to_py(gil, &self)
                }
            }

            impl<'a, 'py> ::bind::FromPyObject<'a, 'py> for #ident {
                const EXPECTED: &'static str = #py_name;
                #[inline]
                fn extract(
                    obj: &'a ::bind::Owned<'py, ::bind::types::PyAny>,
                ) -> ::bind::PyResult<Self> {
                    ::bind::__private::enum_from_py(obj)
                }
            }
        };
    })
}
