//! `#[function]`: parse the function and its options, check them, emit its descriptor.
//!
//! The signature work (parameters, `signature = (...)`, text signature, argument glue) is
//! [`crate::signature`]'s; this file adds what is specific to module-level functions.
use crate::signature::{self, Receiver, SignatureOption};
use crate::util::{c_str, doc_text};
use darling::ast::NestedMeta;
use darling::FromMeta;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Options of `#[function(...)]` (and of `#[bind(...)]` on the function), besides
/// `signature = (...)`.
#[derive(Debug, Default, FromMeta)]
struct FunctionOptions {
    /// The Python name (default: the Rust name).
    #[darling(default)]
    name: Option<String>,
    /// The first parameter receives the module the function belongs to.
    #[darling(default)]
    pass_module: bool,
    /// Overrides the text signature: `"(a, b=1)"`, or `"None"`-like empty to leave it out.
    #[darling(default)]
    text_signature: Option<String>,
    /// Annotations for the generated stubs: `hint(x = "float", returns = "bytes")`.
    #[darling(default)]
    hint: crate::hints::HintOverrides,
}

/// Merges `#[function(...)]` arguments with every `#[bind(...)]` attribute on the item
/// (removed from it): darling options and the signature option.
fn collect_options(
    attr: TokenStream,
    func: &mut syn::ItemFn,
) -> darling::Result<(FunctionOptions, Option<SignatureOption>)> {
    let mut lists = vec![attr];
    let mut kept = Vec::new();
    for a in func.attrs.drain(..) {
        if a.path().is_ident("bind") {
            let list = a.meta.require_list()?;
            lists.push(list.tokens.clone());
        } else {
            kept.push(a);
        }
    }
    func.attrs = kept;
    let mut signature = None;
    let mut metas = Vec::new();
    for tokens in lists {
        let (rest, sig) = signature::take_signature_option(tokens)?;
        if let Some(sig) = sig {
            if signature.is_some() {
                return Err(
                    darling::Error::custom("`signature` given more than once").with_span(&sig.span)
                );
            }
            signature = Some(sig);
        }
        metas.extend(NestedMeta::parse_meta_list(rest)?);
    }
    Ok((FunctionOptions::from_list(&metas)?, signature))
}

pub fn expand(attr: TokenStream, item: TokenStream) -> darling::Result<TokenStream> {
    let mut func: syn::ItemFn = syn::parse2(item)?;
    let (options, sig_option) = collect_options(attr, &mut func)?;
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
    if let Some(receiver) = func.sig.receiver() {
        errors.push(
            darling::Error::custom(
                "#[function] cannot take `self`; use #[methods] on an impl block for methods",
            )
            .with_span(receiver),
        );
    }
    let analysis = errors.handle(
        signature::analyze(&func.sig, sig_option, Receiver::module(options.pass_module))
            .map_err(darling::Error::from),
    );
    errors.finish()?;
    let analysis = analysis.expect("errors reported above");

    let rust_name = &func.sig.ident;
    let py_name = options
        .name
        .unwrap_or_else(|| rust_name.to_string().trim_start_matches("r#").to_owned());

    let doc = doc_text(&func.attrs);
    let full_doc = match &options.text_signature {
        None => analysis.doc_with_signature(&py_name, &doc),
        Some(text) if text.is_empty() => doc,
        Some(text) => format!("{py_name}{text}\n--\n\n{doc}"),
    };
    let name_c = c_str(&py_name)?;
    let doc_c = c_str(&full_doc)?;

    let parsed = format_ident!("args");
    let gil = format_ident!("gil");
    let mut call_args = Vec::new();
    if options.pass_module {
        call_args.push(quote!(::bind::__private::module_ref(&_slf)?));
    }
    call_args.extend(analysis.emit_call_args(&parsed, &gil));
    let result = analysis.emit_return(quote!(#rust_name(#(#call_args),*)), &gil);
    let signature = analysis.emit_signature(&py_name);
    crate::hints::check_overrides(
        &options.hint,
        analysis.params.iter().map(|p| p.name.as_str()),
        func.sig.ident.span(),
    )?;
    let hints = analysis.emit_hints(None, Some(&func.sig.output), &options.hint);

    let vis = &func.vis;
    Ok(quote! {
        #func

        #[doc(hidden)]
        #[allow(non_snake_case, unused_imports, unused_variables, clippy::all)]
        #vis mod #rust_name {
            use super::*;

            static DESC: ::bind::__private::FnDesc = ::bind::__private::FnDesc {
                signature: #signature.with_hints(#hints),
                body: <Holder as ::bind::__private::FunctionHolder>::call,
            };

            pub struct Holder;
            impl ::bind::__private::FunctionHolder for Holder {
                const INLINE_GLUE: bool = true;
                #[inline(always)]
                fn desc() -> &'static ::bind::__private::FnDesc {
                    &DESC
                }
                /// The glue: extracts the arguments, calls the function, converts the result.
                #[inline(always)]
                fn call<'py>(
                    gil: ::bind::Gil<'py>,
                    _slf: ::bind::__private::Borrowed<'_, 'py>,
                    args: &::bind::__private::ParsedArgs<'py>,
                ) -> ::bind::PyResult<::bind::Owned<'py, ::bind::types::PyAny>> {
                    #result
                }
            }

            /// The function's definition, for `Module::add_function`.
            pub static __BIND_FN: ::bind::__private::FnDef =
                ::bind::__private::FnDef::new::<Holder>(#name_c, #doc_c, &DESC);
        }
    })
}
