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

/// What both enum kinds emit the same way: the Python name and the `module` / `doc`
/// descriptor entries.
struct EnumHeader {
    py_name: String,
    name_c: TokenStream,
    module: TokenStream,
    doc: TokenStream,
}

fn optional_c_str(text: Option<&str>) -> darling::Result<TokenStream> {
    Ok(match text {
        Some(text) if !text.is_empty() => {
            let c = c_str(text)?;
            quote!(::core::option::Option::Some(#c))
        }
        _ => quote!(::core::option::Option::None),
    })
}

fn header(
    ident: &syn::Ident,
    generics: &syn::Generics,
    name: &Option<String>,
    module: &Option<String>,
    attrs: &[syn::Attribute],
) -> darling::Result<EnumHeader> {
    if !generics.params.is_empty() {
        return Err(darling::Error::custom(
            "#[derive(PyType)] cannot be generic: a Python class is one concrete type",
        )
        .with_span(generics));
    }
    let py_name = name
        .clone()
        .unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_owned());
    Ok(EnumHeader {
        name_c: c_str(&py_name)?,
        py_name,
        module: optional_c_str(module.as_deref())?,
        doc: optional_c_str(Some(&doc_text(attrs)))?,
    })
}

/// `#[derive(PyType)]` on an enum whose variants carry fields.
pub(crate) fn expand_data(input: &syn::DeriveInput) -> darling::Result<TokenStream> {
    let model = DataEnumInput::from_derive_input(input)?;
    let ident = &model.ident;
    let EnumHeader {
        py_name,
        name_c,
        module,
        doc,
    } = header(
        ident,
        &model.generics,
        &model.name,
        &model.module,
        &model.attrs,
    )?;
    let variants = model
        .data
        .as_ref()
        .take_enum()
        .expect("darling checked: an enum");
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
        let vdoc = optional_c_str(Some(&doc_text(&variant.attrs)))?;
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
    let ident = &model.ident;
    let EnumHeader {
        py_name,
        name_c,
        module,
        doc,
    } = header(
        ident,
        &model.generics,
        &model.name,
        &model.module,
        &model.attrs,
    )?;
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
