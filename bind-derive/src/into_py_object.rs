//! `derive(IntoPyObject)`: emit a `'static` conversion descriptor (`StructOut`) per struct
//! or variant plus the glue that moves the fields into a shadow tuple; the engine
//! (bind-core's `engine::describe`) builds the Python object. The generated code calls
//! only its safe entry point and holds one `unsafe impl` per struct or variant.
//!
//! Structs with named fields become a `dict` (keys: the field names, or
//! `#[bind(item("key"))]`), tuple structs a `tuple`, newtypes and `transparent` structs
//! their field's own object, unit structs `None`. Enums convert the active variant the
//! same way (a unit variant becomes its name, or its `annotation`). `#[bind(serde)]` on the
//! type converts through the serde bridge; on a field, that field only. `#[bind(into =
//! Type)]` converts through `Into<Type>`: naming a bind class makes an instance of it.
use crate::from_py_object::{alias_items, field_aliases, field_opts, type_opts, Lookup, TypeOpts};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

/// The descriptor items (for the derive's `const _` block) and the conversion expression
/// of one struct-like shape whose fields are bound to the names `bindings`.
fn shape(
    fields: &syn::Fields,
    opts: &TypeOpts,
    tag: &str,
    bindings: &[syn::Ident],
) -> syn::Result<(TokenStream, TokenStream)> {
    let p = quote!(::bind::__private::conv);
    let marker = format_ident!("__BindIntoShape{}", tag);
    let shadow_ty = format_ident!("__BindIntoShadow{}", tag);
    // Each field type written once (see `from_py_object::shape`).
    let aliases = field_aliases(fields, &format!("Into{tag}"));
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
    for (i, (field, alias)) in fields.iter().zip(&aliases).enumerate() {
        let fo = field_opts(&field.attrs)?;
        let idx = syn::Index::from(i);
        let key = match (&fo.lookup, &field.ident) {
            (Some(Lookup::Item(Some(k)) | Lookup::Attr(Some(k))), _) => k.clone(),
            (_, Some(ident)) => ident.to_string(),
            (_, None) => String::new(),
        };
        let into = if fo.serde {
            quote_spanned!(field.ty.span()=> #p::glue::into_field_with::<#p::SerdeField<#alias>>)
        } else {
            quote_spanned!(field.ty.span()=> #p::glue::into_field::<#alias>)
        };
        entries.push(quote! {
            #p::FieldOut {
                key: #key,
                offset: ::core::mem::offset_of!(#shadow_ty, #idx),
                into: #into,
                drop: #p::glue::drop_erased::<#alias>,
            }
        });
    }
    // The one `unsafe` of this derive, sound as in `from_py_object::shape`: each entry
    // is made from one field, at its `offset_of!`, with glue for the alias the shadow
    // tuple names for it — the `IntoPyShape` contract.
    let alias_defs = alias_items(fields, &aliases);
    let items = quote! {
        #alias_defs
        type #shadow_ty = (#(#aliases,)*);
        struct #marker;
        unsafe impl #p::IntoPyShape for #marker {
            type Shadow = #shadow_ty;
            const DESC: &'static #p::StructOut = &#p::StructOut {
                kind: #kind,
                fields: &[#(#entries,)*],
            };
        }
    };
    let convert = quote!(#p::into_py_struct::<#marker>(gil, (#(#bindings,)*)));
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
    let mut items = Vec::new();
    let body = if let Some(target) = &opts.into {
        quote!(::bind::IntoPyObject::into_py(::core::convert::Into::<#target>::into(self), gil))
    } else if opts.serde {
        quote!(::bind::__private::serde_bridge::to_py(gil, &self))
    } else {
        match &input.data {
            syn::Data::Struct(data) => {
                let names = bindings(&data.fields);
                let (s_items, convert) = shape(&data.fields, &opts, "S", &names)?;
                items.push(s_items);
                let pat = pattern(&quote!(#name), &data.fields, &names);
                quote! {
                    let #pat = self;
                    #convert
                }
            }
            syn::Data::Enum(data) => {
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
            #(#items)*
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
