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

/// Options of a data-carrying enum: `#[bind(name = "…", module = "…")]`.
#[derive(FromDeriveInput)]
#[darling(attributes(bind), supports(enum_any), forward_attrs(doc))]
pub(crate) struct DataEnumInput {
    pub ident: syn::Ident,
    pub generics: syn::Generics,
    pub data: ast::Data<DataVariantInput, ()>,
    pub attrs: Vec<syn::Attribute>,
    #[darling(default)]
    pub name: Option<String>,
    #[darling(default)]
    pub module: Option<String>,
}

/// A variant with fields: `#[bind(name = "…")]`.
#[derive(FromVariant)]
#[darling(attributes(bind), forward_attrs(doc))]
pub(crate) struct DataVariantInput {
    pub ident: syn::Ident,
    pub attrs: Vec<syn::Attribute>,
    pub fields: ast::Fields<DataFieldInput>,
    #[darling(default)]
    pub name: Option<String>,
}

/// A field of a variant.
#[derive(darling::FromField)]
pub(crate) struct DataFieldInput {
    pub ident: Option<syn::Ident>,
    pub ty: syn::Type,
}

fn module_and_doc(
    module: &Option<String>,
    attrs: &[syn::Attribute],
) -> darling::Result<(TokenStream, TokenStream)> {
    let module = match module {
        Some(m) => {
            let m = c_str(m)?;
            quote!(::core::option::Option::Some(#m))
        }
        None => quote!(::core::option::Option::None),
    };
    let doc = doc_text(attrs);
    let doc = if doc.is_empty() {
        quote!(::core::option::Option::None)
    } else {
        let d = c_str(&doc)?;
        quote!(::core::option::Option::Some(#d))
    };
    Ok((module, doc))
}

/// `#[derive(PyType)]` on an enum whose variants carry fields.
pub(crate) fn expand_data(input: &syn::DeriveInput) -> darling::Result<TokenStream> {
    let model = DataEnumInput::from_derive_input(input)?;
    if !model.generics.params.is_empty() {
        return Err(darling::Error::custom(
            "#[derive(PyType)] cannot be generic: a Python class is one concrete type",
        )
        .with_span(&model.generics));
    }
    let ident = &model.ident;
    let variants = model
        .data
        .as_ref()
        .take_enum()
        .expect("darling checked: an enum");
    let py_name = model
        .name
        .clone()
        .unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_owned());
    let name_c = c_str(&py_name)?;
    let (module, doc) = module_and_doc(&model.module, &model.attrs)?;
    let mut descs = Vec::new();
    let mut to_py = Vec::new();
    let mut from_py = Vec::new();
    for (index, variant) in variants.iter().enumerate() {
        let v = &variant.ident;
        let vname = variant
            .name
            .clone()
            .unwrap_or_else(|| v.to_string().trim_start_matches("r#").to_owned());
        let vname = c_str(&vname)?;
        let fields = &variant.fields.fields;
        let names: Vec<String> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| match &f.ident {
                Some(id) => id.to_string().trim_start_matches("r#").to_owned(),
                None => format!("_{i}"),
            })
            .collect();
        let name_cs = names
            .iter()
            .map(|n| c_str(n))
            .collect::<syn::Result<Vec<_>>>()?;
        let vdoc = doc_text(&variant.attrs);
        let vdoc = if vdoc.is_empty() {
            quote!(::core::option::Option::None)
        } else {
            let d = c_str(&vdoc)?;
            quote!(::core::option::Option::Some(#d))
        };
        descs.push(quote! {
            ::bind::__private::DataVariantDesc {
                name: #vname,
                fields: &[#(#name_cs),*],
                doc: #vdoc,
            }
        });
        let bindings: Vec<syn::Ident> = (0..fields.len())
            .map(|i| quote::format_ident!("__field{}", i))
            .collect();
        let extracts = fields.iter().enumerate().map(|(i, f)| {
            let ty = &f.ty;
            quote!(::bind::__private::variant_field::<Self, #ty>(obj, #index, #i)?)
        });
        match variant.fields.style {
            ast::Style::Struct => {
                let idents: Vec<&syn::Ident> = fields
                    .iter()
                    .map(|f| f.ident.as_ref().expect("named"))
                    .collect();
                to_py.push(quote! {
                    #ident::#v { #(#idents: #bindings),* } =>
                        ::bind::__private::variant_to_py::<Self, _>(
                            gil, #index, [#(::bind::IntoPyObject::into_py(#bindings, gil)?),*])
                });
                from_py.push(quote!(#index => ::core::result::Result::Ok(#ident::#v { #(#idents: #extracts),* })));
            }
            ast::Style::Tuple => {
                to_py.push(quote! {
                    #ident::#v(#(#bindings),*) =>
                        ::bind::__private::variant_to_py::<Self, _>(
                            gil, #index, [#(::bind::IntoPyObject::into_py(#bindings, gil)?),*])
                });
                from_py
                    .push(quote!(#index => ::core::result::Result::Ok(#ident::#v(#(#extracts),*))));
            }
            ast::Style::Unit => {
                to_py.push(quote! {
                    #ident::#v => ::bind::__private::variant_to_py::<Self, 0>(gil, #index, [])
                });
                from_py.push(quote!(#index => ::core::result::Result::Ok(#ident::#v)));
            }
        }
    }
    Ok(quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, clippy::all)]
        const _: () = {
            static LAZY: ::bind::__private::LazyDataEnum = ::bind::__private::LazyDataEnum::new();
            static DESC: ::bind::__private::DataEnumDesc = ::bind::__private::DataEnumDesc {
                name: #name_c,
                module: #module,
                doc: #doc,
                variants: &[#(#descs),*],
            };

            impl ::bind::__private::PyDataEnum for #ident {
                #[inline(always)]
                fn desc() -> &'static ::bind::__private::DataEnumDesc {
                    &DESC
                }
                #[inline(always)]
                fn lazy() -> &'static ::bind::__private::LazyDataEnum {
                    &LAZY
                }
            }

            impl ::bind::__private::PyEnumType for #ident {
                const NAME: &'static str = #py_name;
                fn enum_class(
                    gil: ::bind::Gil<'_>,
                ) -> ::bind::PyResult<::bind::Owned<'_, ::bind::types::PyAny>> {
                    ::bind::__private::data_enum_class::<Self>(gil)
                }
            }

            impl<'py> ::bind::IntoPyObject<'py> for #ident {
                fn into_py(
                    self,
                    gil: ::bind::Gil<'py>,
                ) -> ::bind::PyResult<::bind::Owned<'py, ::bind::types::PyAny>> {
                    match self {
                        #(#to_py,)*
                    }
                }
            }

            impl<'a, 'py> ::bind::FromPyObject<'a, 'py> for #ident {
                const EXPECTED: &'static str = #py_name;
                fn extract(
                    obj: &'a ::bind::Owned<'py, ::bind::types::PyAny>,
                ) -> ::bind::PyResult<Self> {
                    match ::bind::__private::variant_of::<Self>(obj)? {
                        #(#from_py,)*
                        _ => ::core::unreachable!("variant_of returns a variant index"),
                    }
                }
            }
        };
    })
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

            impl ::bind::__private::PyEnumType for #ident {
                const NAME: &'static str = #py_name;
                fn enum_class(
                    gil: ::bind::Gil<'_>,
                ) -> ::bind::PyResult<::bind::Owned<'_, ::bind::types::PyAny>> {
                    ::bind::__private::enum_class::<Self>(gil)
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
