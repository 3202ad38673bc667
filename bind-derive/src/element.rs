//! `#[derive(Element)]`: a `#[repr(C)]` struct of buffer elements becomes a record
//! element whose struct-module format (`T{d:x:d:y:}`) numpy reads as a record dtype.
use darling::{ast, FromDeriveInput, FromField};
use proc_macro2::TokenStream;
use quote::quote;

/// The struct; fields take `#[bind(name = "…")]` to rename them in the format.
#[derive(FromDeriveInput)]
#[darling(attributes(bind), supports(struct_named))]
struct ElementInput {
    ident: syn::Ident,
    generics: syn::Generics,
    data: ast::Data<(), ElementField>,
}

#[derive(FromField)]
#[darling(attributes(bind))]
struct ElementField {
    ident: Option<syn::Ident>,
    ty: syn::Type,
    #[darling(default)]
    name: Option<String>,
}

/// Whether the attributes include `#[repr(C)]` (alone or with others, e.g. `align`).
fn has_repr_c(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let mut found = false;
        if attr.path().is_ident("repr") {
            let _ = attr.parse_nested_meta(|meta| {
                found |= meta.path.is_ident("C");
                Ok(())
            });
        }
        found
    })
}

pub fn expand(input: TokenStream) -> darling::Result<TokenStream> {
    let input: syn::DeriveInput = syn::parse2(input)?;
    let model = ElementInput::from_derive_input(&input)?;
    let mut errors = darling::Error::accumulator();
    if !has_repr_c(&input.attrs) {
        errors.push(
            darling::Error::custom(
                "#[derive(Element)] needs `#[repr(C)]`: the format lists the fields in \
                 declaration order",
            )
            .with_span(&model.ident),
        );
    }
    if !model.generics.params.is_empty() {
        errors.push(
            darling::Error::custom("#[derive(Element)] cannot be generic")
                .with_span(&model.generics),
        );
    }
    errors.finish()?;
    let ident = &model.ident;
    let fields = model
        .data
        .take_struct()
        .expect("darling checked: named struct");
    let entries = fields.fields.iter().map(|f| {
        let name = f.name.clone().unwrap_or_else(|| {
            f.ident
                .as_ref()
                .expect("named fields")
                .to_string()
                .trim_start_matches("r#")
                .to_owned()
        });
        let ty = &f.ty;
        quote!((#name, <#ty as ::bind::buffer::Element>::FORMAT))
    });
    let type_name = ident.to_string();
    Ok(quote! {
        #[doc(hidden)]
        const _: () = {
            // SAFETY: `#[repr(C)]` lays the fields out in declaration order, which is the
            // order of the format; `NoUninit` (a supertrait) proves there is no padding.
            unsafe impl ::bind::buffer::Element for #ident {
                const FORMAT: &'static ::core::ffi::CStr = {
                    const RECORD: &::bind::buffer::RecordFormat =
                        &::bind::buffer::RecordFormat::new(&[#(#entries),*]);
                    RECORD.as_c_str()
                };
                const TYPE_NAME: &'static str = #type_name;
            }
        };
    })
}
