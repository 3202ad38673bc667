//! `derive(IntoPyObject)`: emit a `'static` conversion descriptor (`StructOut`) per struct
//! or variant plus the glue that moves the fields into a shadow tuple; the engine in
//! `bind-conversions` builds the Python object.
//!
//! Structs with named fields become a `dict` (keys: the field names, or
//! `#[bind(item("key"))]`), tuple structs a `tuple`, newtypes and `transparent` structs
//! their field's own object, unit structs `None`. Enums convert the active variant the
//! same way (a unit variant becomes its name, or its `annotation`). `#[bind(serde)]` on the
//! type converts through the serde bridge; on a field, that field only. `#[bind(into =
//! Type)]` converts through `Into<Type>`: naming a bind class makes an instance of it.
use crate::from_py_object::{field_opts, type_opts, Lookup, TypeOpts};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;

/// The descriptor items and the conversion expression of one struct-like shape whose
/// fields are bound to the names `bindings`.
fn shape(
    fields: &syn::Fields,
    opts: &TypeOpts,
    tag: &str,
    bindings: &[syn::Ident],
) -> syn::Result<(TokenStream, TokenStream)> {
    let p = quote!(::bind::__private::conv);
    let desc = format_ident!("__BIND_INTO_{}", tag);
    let shadow_ty = format_ident!("__BindIntoShadow{}", tag);
    let types: Vec<&syn::Type> = fields.iter().map(|f| &f.ty).collect();
    let newtype = matches!(fields, syn::Fields::Unnamed(u) if u.unnamed.len() == 1);
    let kind = if opts.transparent || newtype {
        if fields.len() != 1 {
            return Err(syn::Error::new(
                fields.span(),
                "`transparent` needs exactly one field",
            ));
        }
        quote!(#p::OutKind::Transparent)
    } else {
        match fields {
            syn::Fields::Named(_) => quote!(#p::OutKind::Dict),
            syn::Fields::Unnamed(_) => quote!(#p::OutKind::Tuple),
            syn::Fields::Unit => quote!(#p::OutKind::Unit),
        }
    };
    let mut entries = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let fo = field_opts(&field.attrs)?;
        let ty = &field.ty;
        let idx = syn::Index::from(i);
        let key = match (&fo.lookup, &field.ident) {
            (Some(Lookup::Item(Some(k)) | Lookup::Attr(Some(k))), _) => k.clone(),
            (_, Some(ident)) => ident.to_string(),
            (_, None) => String::new(),
        };
        let into = if fo.serde {
            quote!(#p::glue::into_serde_at::<#ty>)
        } else {
            quote!(#p::glue::into_at::<#ty>)
        };
        entries.push(quote! {
            #p::FieldOut {
                key: #key,
                offset: ::core::mem::offset_of!(#shadow_ty, #idx),
                into: #into,
                drop: #p::glue::drop_at::<#ty>,
            }
        });
    }
    let items = quote! {
        type #shadow_ty = (#(#types,)*);
        static #desc: #p::StructOut = #p::StructOut {
            kind: #kind,
            fields: &[#(#entries,)*],
        };
    };
    let convert = quote! {{
        let mut __shadow = ::core::mem::ManuallyDrop::new((#(#bindings,)*));
        // SAFETY: the descriptor was built from this shadow tuple; the engine moves out or
        // drops every field, and `ManuallyDrop` keeps the tuple from dropping them again.
        unsafe {
            #p::into_py_struct(gil, &#desc, (&mut *__shadow as *mut #shadow_ty).cast::<u8>())
        }
    }};
    Ok((items, convert))
}

/// Names `__f0, __f1, …` bound to the fields of a pattern.
fn bindings(fields: &syn::Fields) -> Vec<syn::Ident> {
    (0..fields.len())
        .map(|i| format_ident!("__f{}", i))
        .collect()
}

/// A destructuring pattern of `path` binding its fields to `names`.
fn pattern(path: &TokenStream, fields: &syn::Fields, names: &[syn::Ident]) -> TokenStream {
    match fields {
        syn::Fields::Named(named) => {
            let parts = named.named.iter().zip(names).map(|(f, n)| {
                let ident = f.ident.as_ref().expect("named");
                quote!(#ident: #n)
            });
            quote!(#path { #(#parts,)* })
        }
        syn::Fields::Unnamed(_) => quote!(#path ( #(#names,)* )),
        syn::Fields::Unit => quote!(#path),
    }
}

/// The `derive(IntoPyObject)` entry point.
pub fn expand(input: syn::DeriveInput) -> syn::Result<TokenStream> {
    let name = &input.ident;
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new(
            input.generics.span(),
            "derive(IntoPyObject) does not support generic types yet",
        ));
    }
    let opts = type_opts(&input.attrs)?;
    let body = if let Some(target) = &opts.into {
        quote!(::bind::IntoPyObject::into_py(::core::convert::Into::<#target>::into(self), gil))
    } else if opts.serde {
        quote!(::bind::__private::serde_bridge::to_py(gil, &self))
    } else {
        match &input.data {
            syn::Data::Struct(data) => {
                let names = bindings(&data.fields);
                let (items, convert) = shape(&data.fields, &opts, "S", &names)?;
                let pat = pattern(&quote!(#name), &data.fields, &names);
                quote! {
                    #items
                    let #pat = self;
                    #convert
                }
            }
            syn::Data::Enum(data) => {
                let mut items = Vec::new();
                let mut arms = Vec::new();
                for (i, v) in data.variants.iter().enumerate() {
                    let vopts = type_opts(&v.attrs)?;
                    let ident = &v.ident;
                    let names = bindings(&v.fields);
                    let pat = pattern(&quote!(#name::#ident), &v.fields, &names);
                    if matches!(v.fields, syn::Fields::Unit) {
                        let shown = vopts.annotation.unwrap_or_else(|| ident.to_string());
                        arms.push(quote! {
                            #pat => ::bind::IntoPyObject::into_py(#shown, gil),
                        });
                        continue;
                    }
                    let (v_items, convert) = shape(&v.fields, &vopts, &format!("V{i}"), &names)?;
                    items.push(v_items);
                    arms.push(quote!(#pat => #convert,));
                }
                quote! {
                    #(#items)*
                    match self {
                        #(#arms)*
                    }
                }
            }
            syn::Data::Union(u) => {
                return Err(syn::Error::new(
                    u.union_token.span(),
                    "derive(IntoPyObject) does not support unions",
                ))
            }
        }
    };
    Ok(quote! {
        const _: () = {
            impl<'__py> ::bind::IntoPyObject<'__py> for #name {
                fn into_py(
                    self,
                    gil: ::bind::Gil<'__py>,
                ) -> ::bind::PyResult<::bind::Owned<'__py, ::bind::types::PyAny>> {
                    #body
                }
            }
        };
    })
}
