//! `#[function]`: parse the function and its options, check them, emit its descriptor.
use crate::util::{c_str, doc_text, is_named, is_result};
use darling::ast::NestedMeta;
use darling::FromMeta;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

/// Options of `#[function(...)]`.
#[derive(Debug, Default, FromMeta)]
struct FunctionOptions {
    /// The Python name (default: the Rust name).
    #[darling(default)]
    name: Option<String>,
}

/// One Rust parameter, classified.
enum Arg<'a> {
    /// The GIL token: passed through, not a Python parameter.
    Gil,
    /// A Python parameter.
    Python {
        name: String,
        ty: &'a syn::Type,
        optional: bool,
    },
}

fn classify(input: &syn::FnArg) -> syn::Result<Arg<'_>> {
    let syn::FnArg::Typed(pat_type) = input else {
        return Err(syn::Error::new(
            input.span(),
            "#[function] cannot take `self`; use #[methods] on an impl block for methods",
        ));
    };
    let syn::Pat::Ident(ident) = &*pat_type.pat else {
        return Err(syn::Error::new(
            pat_type.pat.span(),
            "#[function] parameters must be plain names (`x: T`), not patterns",
        ));
    };
    if is_named(&pat_type.ty, "Gil") {
        return Ok(Arg::Gil);
    }
    let name = ident.ident.to_string();
    let name = name.strip_prefix("r#").unwrap_or(&name).to_owned();
    Ok(Arg::Python {
        name,
        ty: &pat_type.ty,
        optional: is_named(&pat_type.ty, "Option"),
    })
}

pub fn expand(attr: TokenStream, item: TokenStream) -> darling::Result<TokenStream> {
    let options = FunctionOptions::from_list(&NestedMeta::parse_meta_list(attr)?)?;
    let func: syn::ItemFn = syn::parse2(item)?;
    let mut errors = darling::Error::accumulator();

    if let Some(asyncness) = &func.sig.asyncness {
        errors.push(
            darling::Error::custom("#[function] does not support `async fn` yet")
                .with_span(asyncness),
        );
    }
    if !func
        .sig
        .generics
        .params
        .iter()
        .all(|p| matches!(p, syn::GenericParam::Lifetime(_)))
    {
        errors.push(
            darling::Error::custom(
                "#[function] cannot be generic over types: Python calls one concrete function",
            )
            .with_span(&func.sig.generics),
        );
    }
    let args: Vec<Arg<'_>> = func
        .sig
        .inputs
        .iter()
        .filter_map(|input| errors.handle(classify(input).map_err(darling::Error::from)))
        .collect();
    errors.finish()?;

    let rust_name = &func.sig.ident;
    let py_name = options
        .name
        .unwrap_or_else(|| rust_name.to_string().trim_start_matches("r#").to_owned());

    // Trailing `Option<T>` parameters default to `None`.
    let python_args: Vec<(&String, &syn::Type, bool)> = args
        .iter()
        .filter_map(|a| match a {
            Arg::Python { name, ty, optional } => Some((name, *ty, *optional)),
            Arg::Gil => None,
        })
        .collect();
    let first_defaulted = python_args
        .iter()
        .rposition(|(_, _, optional)| !optional)
        .map_or(0, |i| i + 1);

    let params = python_args.iter().enumerate().map(|(i, (name, _, _))| {
        let required = i < first_defaulted;
        quote!(::bind::__private::Param {
            name: #name,
            kind: ::bind::__private::ParamKind::PositionalOrKeyword,
            required: #required,
        })
    });
    let text_params: Vec<String> = python_args
        .iter()
        .enumerate()
        .map(|(i, (name, _, _))| {
            if i < first_defaulted {
                (*name).clone()
            } else {
                format!("{name}=None")
            }
        })
        .collect();
    let text_signature = format!(
        "{py_name}($module{}{})",
        if text_params.is_empty() { "" } else { ", " },
        text_params.join(", ")
    );
    let doc = doc_text(&func.attrs);
    let full_doc = if doc.is_empty() {
        format!("{text_signature}\n--\n\n")
    } else {
        format!("{text_signature}\n--\n\n{doc}")
    };
    let name_c = c_str(&py_name)?;
    let doc_c = c_str(&full_doc)?;

    let mut python_index = 0usize;
    let call_args = args.iter().map(|a| match a {
        Arg::Gil => quote!(gil),
        Arg::Python { name, ty, .. } => {
            let i = python_index;
            python_index += 1;
            let missing = if i < first_defaulted {
                quote!(unreachable!("the parser checked required arguments"))
            } else {
                quote!(::core::option::Option::None)
            };
            quote_spanned! {ty.span()=>
                match args.get(#i) {
                    ::core::option::Option::Some(obj) => ::bind::__private::extract_argument::<#ty>(obj, #name)?,
                    ::core::option::Option::None => #missing,
                }
            }
        }
    });

    let result = match &func.sig.output {
        syn::ReturnType::Default => {
            quote!({ #rust_name(#(#call_args),*); ::bind::__private::return_value(gil, ()) })
        }
        syn::ReturnType::Type(_, ty) if is_result(ty) => quote!({
            let value = #rust_name(#(#call_args),*).map_err(::core::convert::Into::<::bind::PyErr>::into)?;
            ::bind::__private::return_value(gil, value)
        }),
        syn::ReturnType::Type(..) => {
            quote!(::bind::__private::return_value(gil, #rust_name(#(#call_args),*)))
        }
    };

    let vis = &func.vis;
    let holder = format_ident!("Holder");
    Ok(quote! {
        #func

        #[doc(hidden)]
        #[allow(non_snake_case, unused_imports, clippy::all)]
        #vis mod #rust_name {
            use super::*;

            const PARAMS: &[::bind::__private::Param] = &[#(#params),*];
            static DESC: ::bind::__private::FnDesc = ::bind::__private::FnDesc {
                signature: ::bind::__private::Signature::simple(#py_name, PARAMS),
                body: body,
            };

            fn body<'py>(
                gil: ::bind::Gil<'py>,
                _slf: *mut ::bind::ffi::PyObject,
                args: &::bind::__private::ParsedArgs<'py>,
            ) -> ::bind::PyResult<*mut ::bind::ffi::PyObject> {
                #result
            }

            pub struct #holder;
            impl ::bind::__private::FunctionHolder for #holder {
                fn desc() -> &'static ::bind::__private::FnDesc {
                    &DESC
                }
            }

            /// The function's definition, for `Module::add_function`.
            pub static __BIND_FN: ::bind::__private::FnDef =
                ::bind::__private::FnDef::new::<#holder>(#name_c, #doc_c, &DESC);
        }
    })
}
