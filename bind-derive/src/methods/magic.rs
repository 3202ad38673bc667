//! Emission of magic methods: for each dunder, the typed glue in the calling shape of its
//! [`Shape`] and one `MagicMethod` entry. The engine decides which type slots it fills.
use super::dunders::{DunderInfo, Shape};
use super::emit::{
    emit_parsed, instance_receiver, mixed_args, returned_type, returns_named, unwrap_result,
    value_params, Out,
};
use super::Item;
use crate::signature::Receiver;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

/// How the glue converts an operand.
#[derive(Copy, Clone)]
enum Convert {
    /// An operand of another type answers `NotImplemented` (glue returns `Ok(null)`).
    OrNotImplemented,
    /// Converted like a parameter of this name (errors name it).
    Named(&'static str),
}

/// Statements binding `dst: ty` from the operand `src` (a `Borrowed`).
fn convert(ty: &syn::Type, src: &syn::Ident, dst: &syn::Ident, how: Convert) -> TokenStream {
    let obj = format_ident!("{}_obj", dst);
    let extract = match how {
        Convert::OrNotImplemented => quote_spanned! {ty.span()=>
            let #dst: #ty = match <#ty as ::bind::FromPyObject>::extract(#obj) {
                ::core::result::Result::Ok(v) => v,
                ::core::result::Result::Err(_) =>
                    return ::core::result::Result::Ok(::core::ptr::null_mut()),
            };
        },
        Convert::Named(name) => quote_spanned! {ty.span()=>
            let #dst: #ty = ::bind::__private::extract_argument::<#ty>(#obj, #name)?;
        },
    };
    quote! {
        let #obj: &::bind::Owned<'_, ::bind::types::PyAny> = &#src;
        #extract
    }
}

/// Whether the method returns nothing (`()`, or `Result<(), E>`).
fn returns_unit(func: &syn::ImplItemFn) -> bool {
    match &func.sig.output {
        syn::ReturnType::Default => true,
        output => matches!(returned_type(output), Some(syn::Type::Tuple(t)) if t.elems.is_empty()),
    }
}

pub(super) fn emit_magic(
    self_ty: &syn::Type,
    type_name: &str,
    index: usize,
    item: &Item,
    info: &'static DunderInfo,
    out: &mut Out,
) -> syn::Result<()> {
    let func = &item.func;
    let name = info.name;
    let variant = format_ident!("{}", info.variant);
    let entry = |glue_variant: TokenStream, glue: TokenStream| {
        quote!(::bind::__private::MagicMethod {
            dunder: ::bind::__private::Dunder::#variant,
            glue: ::bind::__private::MagicGlue::#glue_variant(#glue),
            entries: ::bind::__private::protocol_entries::<#self_ty>(
                ::bind::__private::Dunder::#variant
            ),
        })
    };
    if info.shape == Shape::Call {
        let recv = instance_receiver(func, name)?;
        let receiver = Receiver {
            text_prefix: Some("$self"),
            skip_typed: usize::from(recv.typed),
        };
        let (_, holder, _) = emit_parsed(
            self_ty,
            &format!("{type_name}.__call__"),
            "__call__",
            index,
            item,
            receiver,
            Some(recv),
            false,
            out,
        )?;
        out.magic.push(quote!(::bind::__private::MagicMethod {
            dunder: ::bind::__private::Dunder::Call,
            glue: ::bind::__private::call_glue::<#holder>(),
            entries: &[],
        }));
        return Ok(());
    }

    if info.shape == Shape::Traverse {
        let ident = &func.sig.ident;
        let glue = format_ident!("__bind_magic_{}_{}", index, ident);
        let takes_ref_self = matches!(
            func.sig.inputs.first(),
            Some(syn::FnArg::Receiver(r)) if matches!(r.kind, syn::ReceiverKind::Reference(_, _, None))
        );
        if !takes_ref_self || func.sig.inputs.len() != 2 {
            return Err(syn::Error::new(
                func.sig.ident.span(),
                format!("write `{}`", info.shape.usage(name)),
            ));
        }
        out.glue.push(quote! {
            #[doc(hidden)]
            fn #glue(traversal: ::bind::__private::Traversal<'_>) -> ::core::ffi::c_int {
                ::bind::__private::traverse_with::<Self>(traversal, Self::#ident)
            }
        });
        out.magic
            .push(entry(quote!(Traverse), quote!(<#self_ty>::#glue)));
        return Ok(());
    }

    let recv = instance_receiver(func, name)?;
    let skip = usize::from(recv.typed);
    let values = value_params(func, skip);
    let arity: &[usize] = match info.shape {
        Shape::Unary
        | Shape::Next
        | Shape::Anext
        | Shape::Hash
        | Shape::Len
        | Shape::Bool
        | Shape::Effect => &[0],
        Shape::Operator
        | Shape::InPlace
        | Shape::Contains
        | Shape::Lookup(_)
        | Shape::Delete(_) => &[1],
        Shape::Power => &[1, 2],
        Shape::Richcmp | Shape::Store(_) | Shape::DescrGet => &[2],
        Shape::Call | Shape::Traverse => unreachable!(),
    };
    if !arity.contains(&values.len()) {
        let span = values
            .get(arity[arity.len() - 1])
            .map_or(func.sig.ident.span(), |t| t.span());
        return Err(syn::Error::new(
            span,
            format!(
                "`{name}` takes {}: write `{}`",
                match arity {
                    [0] => "no parameters besides the receiver".to_owned(),
                    [1] => "one parameter besides the receiver".to_owned(),
                    [2] => "two parameters besides the receiver".to_owned(),
                    _ => "one or two parameters besides the receiver".to_owned(),
                },
                info.shape.usage(name)
            ),
        ));
    }

    let ident = &func.sig.ident;
    let glue = format_ident!("__bind_magic_{}_{}", index, ident);
    let prelude = &recv.prelude;
    let output = &func.sig.output;
    let a = format_ident!("a");
    let b = format_ident!("b");
    let va = format_ident!("__a");
    let vb = format_ident!("__b");
    let value_names = [quote!(#va), quote!(#vb)];
    let mut args: Vec<TokenStream> = recv.arg.clone().into_iter().collect();
    args.extend(mixed_args(func, skip, &value_names[..values.len()]));
    let call = unwrap_result(output, quote!(Self::#ident(#(#args),*)));
    let object = quote!(::bind::PyResult<*mut ::bind::ffi::PyObject>);
    let operand = quote!(::bind::__private::Borrowed<'_, 'py>);

    // (glue variant, extra parameters, return type, conversions, body)
    let (kind, params, ret, converts, body) = match info.shape {
        Shape::Unary => (
            quote!(Unary),
            quote!(),
            object.clone(),
            quote!(),
            quote!(::bind::__private::return_value(gil, #call)),
        ),
        Shape::Next => {
            let body = if returns_named(output, "Option") {
                quote!(match #call {
                    ::core::option::Option::Some(v) => ::bind::__private::return_value(gil, v),
                    ::core::option::Option::None =>
                        ::core::result::Result::Ok(::core::ptr::null_mut()),
                })
            } else if returns_named(output, "IterNextOutput") {
                quote!(::bind::__private::iter_next_output(gil, #call))
            } else {
                quote!(::bind::__private::return_value(gil, #call))
            };
            (quote!(Unary), quote!(), object.clone(), quote!(), body)
        }
        Shape::Anext => {
            let body = if returns_named(output, "Option") {
                quote!(::bind::__private::anext_output(gil, #call))
            } else {
                quote!(::bind::__private::return_value(gil, #call))
            };
            (quote!(Unary), quote!(), object.clone(), quote!(), body)
        }
        Shape::Operator | Shape::InPlace | Shape::Power => {
            let how = Convert::OrNotImplemented;
            let mut converts = convert(values[0], &a, &va, how);
            let (kind, params) = if values.len() == 2 {
                converts.extend(convert(values[1], &b, &vb, how));
                (quote!(Ternary), quote!(, #a: #operand, #b: #operand))
            } else {
                (quote!(Binary), quote!(, #a: #operand))
            };
            let keeps_self = info.name.starts_with("__i") && returns_unit(func);
            let body = if keeps_self {
                quote! {
                    let _ = #call;
                    ::core::result::Result::Ok(::bind::__private::new_reference(slf))
                }
            } else {
                quote!(::bind::__private::return_value(gil, #call))
            };
            (kind, params, object.clone(), converts, body)
        }
        Shape::Richcmp => {
            let converts = convert(values[0], &a, &va, Convert::OrNotImplemented);
            let op_ty = values[1];
            let converts = quote! {
                #converts
                let #vb = ::bind::__private::compare_op_arg::<#op_ty>(#b);
            };
            (
                quote!(Compare),
                quote!(, #a: #operand, #b: ::core::ffi::c_int),
                object.clone(),
                converts,
                quote!(::bind::__private::return_value(gil, #call)),
            )
        }
        Shape::Hash => {
            let span = match output {
                syn::ReturnType::Type(_, ty) => ty.span(),
                syn::ReturnType::Default => func.sig.ident.span(),
            };
            let value = quote_spanned!(span=> ::bind::__private::hash_value(#call));
            (
                quote!(Hash),
                quote!(),
                quote!(::bind::PyResult<isize>),
                quote!(),
                quote!(::core::result::Result::Ok(#value)),
            )
        }
        Shape::Len => (
            quote!(Len),
            quote!(),
            quote!(::bind::PyResult<usize>),
            quote!(),
            quote!(::core::result::Result::Ok(#call)),
        ),
        Shape::Bool => (
            quote!(Predicate),
            quote!(),
            quote!(::bind::PyResult<bool>),
            quote!(),
            quote!(::core::result::Result::Ok(#call)),
        ),
        Shape::Contains => (
            quote!(Contains),
            quote!(, #a: #operand),
            quote!(::bind::PyResult<bool>),
            convert(values[0], &a, &va, Convert::Named("item")),
            quote!(::core::result::Result::Ok(#call)),
        ),
        Shape::Lookup(arg) => (
            quote!(Binary),
            quote!(, #a: #operand),
            object.clone(),
            convert(values[0], &a, &va, Convert::Named(arg)),
            quote!(::bind::__private::return_value(gil, #call)),
        ),
        Shape::Store(arg) => {
            let mut converts = convert(values[0], &a, &va, Convert::Named(arg));
            converts.extend(convert(values[1], &b, &vb, Convert::Named("value")));
            (
                quote!(Store),
                quote!(, #a: #operand, #b: #operand),
                quote!(::bind::PyResult<()>),
                converts,
                quote! {
                    let _ = #call;
                    ::core::result::Result::Ok(())
                },
            )
        }
        Shape::Delete(arg) => (
            quote!(Delete),
            quote!(, #a: #operand),
            quote!(::bind::PyResult<()>),
            convert(values[0], &a, &va, Convert::Named(arg)),
            quote! {
                let _ = #call;
                ::core::result::Result::Ok(())
            },
        ),
        Shape::DescrGet => {
            let mut converts = convert(values[0], &a, &va, Convert::Named("instance"));
            converts.extend(convert(values[1], &b, &vb, Convert::Named("owner")));
            (
                quote!(Ternary),
                quote!(, #a: #operand, #b: #operand),
                object.clone(),
                converts,
                quote!(::bind::__private::return_value(gil, #call)),
            )
        }
        Shape::Effect => (
            quote!(Effect),
            quote!(),
            quote!(::bind::PyResult<()>),
            quote!(),
            quote! {
                let _ = #call;
                ::core::result::Result::Ok(())
            },
        ),
        Shape::Call | Shape::Traverse => unreachable!(),
    };
    out.glue.push(quote! {
        #[doc(hidden)]
        fn #glue<'py>(gil: ::bind::Gil<'py>, slf: #operand #params) -> #ret {
            #converts
            #prelude
            #body
        }
    });
    out.magic.push(entry(kind, quote!(<#self_ty>::#glue)));
    Ok(())
}
