//! Emission of one `#[methods]` block: hidden glue functions inside `impl Self`, and a
//! `const _` block holding the descriptors, holders and the block's `ImplItems`.
use super::slots;
use super::{Item, Role};
use crate::signature::{analyze, Receiver};
use crate::util::{c_str, is_named, is_result, last_segment};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

/// How the receiver reaches the Rust method.
struct Recv {
    /// Statements binding the receiver (may use `?`).
    prelude: TokenStream,
    /// The first call argument, if any.
    arg: Option<TokenStream>,
    /// Whether the first typed input is consumed by the receiver.
    typed: bool,
}

const HANDLE_TYPES: &[&str] = &["PyRef", "PyRefMut", "Owned"];

fn first_typed(func: &syn::ImplItemFn) -> Option<&syn::PatType> {
    match func.sig.inputs.first() {
        Some(syn::FnArg::Typed(t)) => Some(t),
        _ => None,
    }
}

/// The receiver of an instance-like method (`&self`, `&mut self`, `slf: PyRef<'_, Self>`).
fn instance_receiver(func: &syn::ImplItemFn) -> syn::Result<Recv> {
    match func.sig.inputs.first() {
        Some(syn::FnArg::Receiver(r)) => {
            if r.reference.is_none() {
                return Err(syn::Error::new(
                    r.span(),
                    "methods take `&self` or `&mut self` (or `slf: PyRef<'_, Self>`), not `self` by value",
                ));
            }
            if let Some(mutability) = r.mutability {
                // Spanned on `mut`: a frozen class names the receiver in the error.
                let self_mut =
                    quote_spanned!(mutability.span()=> ::bind::__private::SelfMut::<Self>::new);
                Ok(Recv {
                    prelude: quote! {
                        // SAFETY: CPython passes a live instance of this class as `slf`.
                        let mut __slf = unsafe { #self_mut(gil, slf) }?;
                    },
                    arg: Some(quote!(&mut __slf)),
                    typed: false,
                })
            } else {
                Ok(Recv {
                    prelude: quote! {
                        // SAFETY: CPython passes a live instance of this class as `slf`.
                        let __slf = unsafe { ::bind::__private::SelfRef::<Self>::new(gil, slf) }?;
                    },
                    arg: Some(quote!(&__slf)),
                    typed: false,
                })
            }
        }
        Some(syn::FnArg::Typed(t))
            if last_segment(&t.ty).is_some_and(|s| HANDLE_TYPES.iter().any(|h| s.ident == h)) =>
        {
            let ty = &t.ty;
            Ok(Recv {
                prelude: quote! {
                    // SAFETY: `slf` is live for the whole call.
                    let __slf_obj: &::bind::Owned<'_, ::bind::types::PyAny> =
                        unsafe { ::bind::__private::Borrowed::slot_as_owned(&slf) };
                },
                arg: Some(quote_spanned!(ty.span()=>
                    ::bind::__private::extract_argument::<#ty>(__slf_obj, "self")?)),
                typed: true,
            })
        }
        Some(syn::FnArg::Typed(t)) => Err(syn::Error::new(
            t.ty.span(),
            "the receiver is `&self`, `&mut self`, or a handle to the object \
             (`slf: PyRef<'_, Self>`, `PyRefMut<'_, Self>`, `Owned<'_, Self>`); \
             mark the method #[staticmethod] if it takes no receiver",
        )),
        None => Err(syn::Error::new(
            func.sig.ident.span(),
            "this method needs a receiver: `&self`, `&mut self` or `slf: PyRef<'_, Self>` \
             (or mark it #[staticmethod] / #[classmethod])",
        )),
    }
}

/// The inputs after the receiver, which may only be the GIL token (getters, unary slots).
fn gil_only_args(func: &syn::ImplItemFn, skip: usize) -> syn::Result<Vec<TokenStream>> {
    func.sig
        .inputs
        .iter()
        .filter(|a| matches!(a, syn::FnArg::Typed(_)))
        .skip(skip)
        .map(|a| match a {
            syn::FnArg::Typed(t) if is_named(&t.ty, "Gil") => Ok(quote!(gil)),
            other => Err(syn::Error::new(
                other.span(),
                "this method takes no Python parameters (only `gil: Gil<'_>`)",
            )),
        })
        .collect()
}

/// The typed inputs after the receiver that are not the GIL: (type, call position).
fn value_params(func: &syn::ImplItemFn, skip: usize) -> Vec<&syn::Type> {
    func.sig
        .inputs
        .iter()
        .filter_map(|a| match a {
            syn::FnArg::Typed(t) => Some(t),
            _ => None,
        })
        .skip(skip)
        .filter(|t| !is_named(&t.ty, "Gil"))
        .map(|t| &*t.ty)
        .collect()
}

/// Call arguments after the receiver: the GIL token where asked, else `values` in order.
fn mixed_args(func: &syn::ImplItemFn, skip: usize, values: &[TokenStream]) -> Vec<TokenStream> {
    let mut next = values.iter();
    func.sig
        .inputs
        .iter()
        .filter_map(|a| match a {
            syn::FnArg::Typed(t) => Some(t),
            _ => None,
        })
        .skip(skip)
        .map(|t| {
            if is_named(&t.ty, "Gil") {
                quote!(gil)
            } else {
                next.next().cloned().unwrap_or_else(|| quote!(()))
            }
        })
        .collect()
}

/// Unwraps a `Result` return into `value` (raising its error).
fn unwrap_result(output: &syn::ReturnType, call: TokenStream) -> TokenStream {
    match output {
        syn::ReturnType::Type(_, ty) if is_result(ty) => quote_spanned!(ty.span()=>
            #call.map_err(::core::convert::Into::<::bind::PyErr>::into)?),
        _ => call,
    }
}

fn returns_option(output: &syn::ReturnType) -> bool {
    let syn::ReturnType::Type(_, ty) = output else {
        return false;
    };
    let ty = if is_result(ty) {
        match last_segment(ty).map(|s| &s.arguments) {
            Some(syn::PathArguments::AngleBracketed(a)) => match a.args.first() {
                Some(syn::GenericArgument::Type(t)) => t,
                _ => return false,
            },
            _ => return false,
        }
    } else {
        ty
    };
    is_named(ty, "Option")
}

#[derive(Default)]
struct Out {
    glue: Vec<TokenStream>,
    consts: Vec<TokenStream>,
    methods: Vec<TokenStream>,
    properties: Vec<(String, Option<syn::Ident>, Option<syn::Ident>, String)>,
    class_attrs: Vec<TokenStream>,
    constructor: Option<TokenStream>,
    slots: Vec<TokenStream>,
}

pub(crate) fn emit(
    block: &syn::ItemImpl,
    part: usize,
    items: &[Item],
    consts: &[syn::Ident],
) -> darling::Result<TokenStream> {
    let self_ty = &block.self_ty;
    let type_name = match &**self_ty {
        syn::Type::Path(p) => p
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(),
        _ => String::new(),
    };
    let mut out = Out::default();
    let mut errors = darling::Error::accumulator();
    for (index, item) in items.iter().enumerate() {
        if let Err(e) = emit_item(self_ty, &type_name, index, item, &mut out) {
            errors.push(e.into());
        }
    }
    if let Err(e) = emit_compare(self_ty, items, &mut out) {
        errors.push(e.into());
    }
    if let Err(e) = emit_setitem(self_ty, items, &mut out) {
        errors.push(e.into());
    }
    for c in consts {
        let glue = format_ident!("__bind_attr_{}", c);
        let name = c.to_string();
        out.glue.push(quote! {
            #[doc(hidden)]
            #[allow(non_snake_case)]
            fn #glue<'py>(gil: ::bind::Gil<'py>) -> ::bind::PyResult<::bind::Owned<'py, ::bind::types::PyAny>> {
                ::bind::IntoPyObject::into_py(Self::#c, gil)
            }
        });
        out.class_attrs
            .push(quote!(::bind::__private::ClassAttrDesc {
                name: #name,
                value: <#self_ty>::#glue,
            }));
    }
    errors.finish()?;

    let Out {
        glue,
        consts,
        methods,
        properties,
        class_attrs,
        constructor,
        slots,
    } = out;
    let properties = properties
        .into_iter()
        .map(|(name, get, set, doc)| {
            let name_c = c_str(&name)?;
            let doc = if doc.is_empty() {
                quote!(::core::option::Option::None)
            } else {
                let d = c_str(&doc)?;
                quote!(::core::option::Option::Some(#d))
            };
            let get = match get {
                Some(g) => quote!(::core::option::Option::Some(<#self_ty>::#g)),
                None => quote!(::core::option::Option::None),
            };
            let set = match set {
                Some(s) => quote!(::core::option::Option::Some(<#self_ty>::#s)),
                None => quote!(::core::option::Option::None),
            };
            Ok(quote!(::bind::__private::PropertyDesc { name: #name_c, doc: #doc, get: #get, set: #set }))
        })
        .collect::<syn::Result<Vec<_>>>()?;
    let constructor = match constructor {
        Some(c) => quote!(::core::option::Option::Some(#c)),
        None => quote!(::core::option::Option::None),
    };
    let impl_attrs = &block.attrs;
    let _ = impl_attrs;
    Ok(quote! {
        #block

        #[doc(hidden)]
        #[allow(clippy::all, unused_mut, unused_variables, non_snake_case)]
        impl #self_ty {
            #(#glue)*
        }

        #[doc(hidden)]
        #[allow(non_upper_case_globals, non_camel_case_types, clippy::all)]
        const _: () = {
            #(#consts)*

            static METHODS: &[::bind::__private::MethodDesc] = &[#(#methods),*];
            static PROPERTIES: &[::bind::__private::PropertyDesc] = &[#(#properties),*];
            static CLASS_ATTRS: &[::bind::__private::ClassAttrDesc] = &[#(#class_attrs),*];
            static SLOTS: &[::bind::__private::SlotDesc] = &[#(#slots),*];
            static ITEMS: ::bind::__private::ImplItems = ::bind::__private::ImplItems {
                methods: METHODS,
                properties: PROPERTIES,
                class_attrs: CLASS_ATTRS,
                constructor: #constructor,
                protocols: ::bind::__private::Protocols { slots: SLOTS },
            };
            unsafe impl ::bind::__private::ImplPart<#part> for #self_ty {
                const ITEMS: &'static ::bind::__private::ImplItems = &ITEMS;
            }
        };
    })
}

/// A callable parsed by the engine's argument parser: glue fn, descriptor and holder.
/// Returns (descriptor ident, holder ident, doc with text signature).
#[allow(clippy::too_many_arguments)]
fn emit_parsed(
    self_ty: &syn::Type,
    error_name: &str,
    py_name: &str,
    index: usize,
    item: &Item,
    receiver: Receiver,
    recv: Option<Recv>,
    constructor: bool,
    out: &mut Out,
) -> syn::Result<(syn::Ident, syn::Ident, String)> {
    let func = &item.func;
    let option = item.signature.take();
    let analysis = analyze(&func.sig, option, receiver)?;
    let gil = format_ident!("gil");
    let parsed = format_ident!("args");
    let mut call_args = Vec::new();
    let mut prelude = quote!();
    if let Some(recv) = &recv {
        prelude = recv.prelude.clone();
        if let Some(a) = &recv.arg {
            call_args.push(a.clone());
        }
    }
    if receiver.skip_typed == 1 && !recv.as_ref().is_some_and(|r| r.typed) {
        // A class method: the first typed input receives the class.
        let Some(cls) = first_typed(func) else {
            return Err(syn::Error::new(
                func.sig.span(),
                "a #[classmethod] takes `cls` first",
            ));
        };
        let ty = &cls.ty;
        prelude = quote! {
            // SAFETY: CPython passes the class (alive for the call) as `slf`.
            let __cls_obj: &::bind::Owned<'_, ::bind::types::PyAny> =
                unsafe { ::bind::__private::Borrowed::slot_as_owned(&slf) };
        };
        call_args.push(quote_spanned!(ty.span()=>
            ::bind::__private::extract_argument::<#ty>(__cls_obj, "cls")?));
    }
    call_args.extend(analysis.emit_call_args(&parsed, &gil));
    let ident = &func.sig.ident;
    let call = quote!(Self::#ident(#(#call_args),*));
    let body = if constructor {
        let value = unwrap_result(&func.sig.output, call);
        quote! {
            let __value = #value;
            // SAFETY: the engine passes the subtype being instantiated as `slf`.
            unsafe { ::bind::__private::new_instance::<Self>(gil, slf, __value) }
        }
    } else {
        analysis.emit_return(call, &gil)
    };
    let glue = format_ident!("__bind_glue_{}_{}", index, ident);
    out.glue.push(quote! {
        #[doc(hidden)]
        fn #glue<'py>(
            gil: ::bind::Gil<'py>,
            slf: *mut ::bind::ffi::PyObject,
            args: &::bind::__private::ParsedArgs<'py>,
        ) -> ::bind::PyResult<*mut ::bind::ffi::PyObject> {
            #prelude
            #body
        }
    });
    let desc = format_ident!("__BIND_DESC_{}", index);
    let holder = format_ident!("__BindHolder{}", index);
    let signature = analysis.emit_signature(error_name);
    let returns = (!constructor).then_some(&func.sig.output);
    crate::hints::check_overrides(
        &item.hints,
        analysis.params.iter().map(|p| p.name.as_str()),
        func.sig.ident.span(),
    )?;
    let hints = analysis.emit_hints(Some(self_ty), returns, &item.hints);
    out.consts.push(quote! {
        static #desc: ::bind::__private::FnDesc = ::bind::__private::FnDesc {
            signature: #signature.with_hints(#hints),
            body: <#self_ty>::#glue,
        };
        struct #holder;
        unsafe impl ::bind::__private::FunctionHolder for #holder {
            #[inline(always)]
            fn desc() -> &'static ::bind::__private::FnDesc {
                &#desc
            }
        }
    });
    Ok((
        desc,
        holder,
        analysis.doc_with_signature(py_name, &item.doc),
    ))
}

fn emit_item(
    self_ty: &syn::Type,
    type_name: &str,
    index: usize,
    item: &Item,
    out: &mut Out,
) -> syn::Result<()> {
    let func = &item.func;
    let py_name = &item.py_name;
    let error_name = format!("{type_name}.{py_name}");
    match &item.role {
        Role::Constructor => {
            if out.constructor.is_some() {
                return Err(syn::Error::new(
                    func.sig.ident.span(),
                    "only one #[new] per class: merge the constructors into one (defaults in \
                     `signature = (...)` or `Option` parameters)",
                ));
            }
            let (desc, _, _) = emit_parsed(
                self_ty,
                type_name,
                py_name,
                index,
                item,
                Receiver::STATIC,
                None,
                true,
                out,
            )?;
            out.constructor = Some(quote!(&#desc));
        }
        Role::Method | Role::ClassMethod | Role::StaticMethod => {
            let (receiver, recv, kind) = match item.role {
                Role::Method => {
                    let recv = instance_receiver(func)?;
                    let receiver = Receiver {
                        text_prefix: Some("$self"),
                        skip_typed: usize::from(recv.typed),
                    };
                    (receiver, Some(recv), quote!(Instance))
                }
                Role::ClassMethod => {
                    if first_typed(func).is_none() {
                        return Err(syn::Error::new(
                            func.sig.ident.span(),
                            "a #[classmethod] takes the class first: `cls: Owned<'_, PyType>`",
                        ));
                    }
                    (Receiver::CLS, None, quote!(Class))
                }
                _ => (Receiver::STATIC, None, quote!(Static)),
            };
            let (desc, holder, doc) = emit_parsed(
                self_ty,
                &error_name,
                py_name,
                index,
                item,
                receiver,
                recv,
                false,
                out,
            )?;
            let name_c = c_str(py_name)?;
            let doc_c = c_str(&doc)?;
            out.methods
                .push(quote!(::bind::__private::MethodDesc::new::<#holder>(
                    #name_c, #doc_c, ::bind::__private::MethodKind::#kind, &#desc
                )));
        }
        Role::Getter(name) => {
            let recv = instance_receiver(func)?;
            let args = gil_only_args(func, usize::from(recv.typed))?;
            let ident = &func.sig.ident;
            let prelude = &recv.prelude;
            let mut call_args: Vec<TokenStream> = recv.arg.into_iter().collect();
            call_args.extend(args);
            let value = unwrap_result(&func.sig.output, quote!(Self::#ident(#(#call_args),*)));
            let glue = format_ident!("__bind_get_{}_{}", index, ident);
            out.glue.push(quote! {
                #[doc(hidden)]
                fn #glue<'py>(
                    gil: ::bind::Gil<'py>,
                    slf: *mut ::bind::ffi::PyObject,
                ) -> ::bind::PyResult<*mut ::bind::ffi::PyObject> {
                    #prelude
                    let __value = #value;
                    ::bind::__private::return_value(gil, __value)
                }
            });
            add_property(out, name, Some(glue), None, &item.doc);
        }
        Role::Setter(name) => {
            let recv = instance_receiver(func)?;
            let skip = usize::from(recv.typed);
            let values = value_params(func, skip);
            let [ty] = values.as_slice() else {
                return Err(syn::Error::new(
                    func.sig.span(),
                    "a #[setter] takes exactly one value parameter",
                ));
            };
            let ident = &func.sig.ident;
            let prelude = &recv.prelude;
            let mut call_args: Vec<TokenStream> = recv.arg.into_iter().collect();
            call_args.extend(mixed_args(func, skip, &[quote!(__value)]));
            let call = unwrap_result(&func.sig.output, quote!(Self::#ident(#(#call_args),*)));
            let glue = format_ident!("__bind_set_{}_{}", index, ident);
            out.glue.push(quote! {
                #[doc(hidden)]
                fn #glue<'py>(
                    gil: ::bind::Gil<'py>,
                    slf: *mut ::bind::ffi::PyObject,
                    value: &::bind::Owned<'py, ::bind::types::PyAny>,
                ) -> ::bind::PyResult<()> {
                    let __value: #ty = ::bind::__private::extract_property::<#ty>(value, #name, #type_name)?;
                    #prelude
                    let _ = #call;
                    ::core::result::Result::Ok(())
                }
            });
            add_property(out, name, None, Some(glue), "");
        }
        Role::ClassAttr => {
            let args = gil_only_args(func, 0)?;
            let ident = &func.sig.ident;
            let glue = format_ident!("__bind_attr_{}", ident);
            let value = unwrap_result(&func.sig.output, quote!(Self::#ident(#(#args),*)));
            out.glue.push(quote! {
                #[doc(hidden)]
                fn #glue<'py>(gil: ::bind::Gil<'py>) -> ::bind::PyResult<::bind::Owned<'py, ::bind::types::PyAny>> {
                    ::bind::IntoPyObject::into_py(#value, gil)
                }
            });
            out.class_attrs
                .push(quote!(::bind::__private::ClassAttrDesc {
                    name: #py_name,
                    value: <#self_ty>::#glue,
                }));
        }
        Role::Slot(name) => emit_slot(self_ty, type_name, index, item, name, out)?,
    }
    Ok(())
}

fn add_property(
    out: &mut Out,
    name: &str,
    get: Option<syn::Ident>,
    set: Option<syn::Ident>,
    doc: &str,
) {
    match out.properties.iter_mut().find(|p| p.0 == name) {
        Some(p) => {
            p.1 = p.1.take().or(get);
            p.2 = p.2.take().or(set);
            if p.3.is_empty() {
                p.3 = doc.to_owned();
            }
        }
        None => out
            .properties
            .push((name.to_owned(), get, set, doc.to_owned())),
    }
}

fn slot_const(name: &str) -> TokenStream {
    let id = syn::Ident::new(name, Span::call_site());
    quote!(::bind::ffi::#id)
}

fn emit_slot(
    self_ty: &syn::Type,
    type_name: &str,
    index: usize,
    item: &Item,
    name: &str,
    out: &mut Out,
) -> syn::Result<()> {
    let func = &item.func;
    let ident = &func.sig.ident;
    if name == "__call__" {
        let recv = instance_receiver(func)?;
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
        out.slots
            .push(quote!(::bind::__private::SlotDesc::call::<#holder>()));
        return Ok(());
    }
    if slots::COMPARE.iter().any(|(n, _)| *n == name)
        || name == "__setitem__"
        || name == "__delitem__"
    {
        return Ok(()); // merged per block
    }
    let recv = instance_receiver(func)?;
    let skip = usize::from(recv.typed);
    let prelude = &recv.prelude;
    let recv_arg: Vec<TokenStream> = recv.arg.clone().into_iter().collect();
    let holder = format_ident!("__BindSlot{}", index);
    let glue = format_ident!("__bind_slot_{}_{}", index, ident);
    let output = &func.sig.output;

    if let Some(slot) = slots::slot_id(name) {
        let slot = slot_const(slot);
        let values = value_params(func, skip);
        if slots::BINARY.iter().any(|(n, _)| *n == name) {
            let [ty] = values.as_slice() else {
                return Err(syn::Error::new(
                    func.sig.span(),
                    format!("`{name}` takes one operand"),
                ));
            };
            let mut args = recv_arg;
            args.extend(mixed_args(func, skip, &[quote!(__other)]));
            let value = unwrap_result(output, quote!(Self::#ident(#(#args),*)));
            out.glue.push(quote! {
                #[doc(hidden)]
                fn #glue<'py>(
                    gil: ::bind::Gil<'py>,
                    slf: *mut ::bind::ffi::PyObject,
                    other: *mut ::bind::ffi::PyObject,
                ) -> ::bind::PyResult<*mut ::bind::ffi::PyObject> {
                    // SAFETY: CPython passes live operands.
                    if !unsafe { ::bind::__private::is_class_instance::<Self>(gil, slf) }? {
                        return ::core::result::Result::Ok(::bind::__private::not_implemented());
                    }
                    // SAFETY: live for the call.
                    let __other_obj: &::bind::Owned<'_, ::bind::types::PyAny> =
                        unsafe { ::bind::__private::Borrowed::slot_as_owned(&other) };
                    let __other: #ty = match <#ty as ::bind::FromPyObject>::extract(__other_obj) {
                        ::core::result::Result::Ok(v) => v,
                        ::core::result::Result::Err(_) =>
                            return ::core::result::Result::Ok(::bind::__private::not_implemented()),
                    };
                    #prelude
                    let __value = #value;
                    ::bind::__private::return_value(gil, __value)
                }
            });
            out.consts.push(quote! {
                struct #holder;
                unsafe impl ::bind::__private::BinarySlot for #holder {
                    fn body<'py>(gil: ::bind::Gil<'py>, slf: *mut ::bind::ffi::PyObject, other: *mut ::bind::ffi::PyObject)
                        -> ::bind::PyResult<*mut ::bind::ffi::PyObject> {
                        <#self_ty>::#glue(gil, slf, other)
                    }
                }
            });
            out.slots
                .push(quote!(::bind::__private::SlotDesc::binary::<#holder>(#slot)));
            return Ok(());
        }
        // Unary.
        let mut args = recv_arg;
        args.extend(gil_only_args(func, skip)?);
        let value = unwrap_result(output, quote!(Self::#ident(#(#args),*)));
        let ret = if name == "__next__" && returns_option(output) {
            quote!(match #value {
                ::core::option::Option::Some(v) => ::bind::__private::return_value(gil, v),
                ::core::option::Option::None => ::core::result::Result::Ok(::core::ptr::null_mut()),
            })
        } else {
            quote!(::bind::__private::return_value(gil, #value))
        };
        out.glue.push(quote! {
            #[doc(hidden)]
            fn #glue<'py>(gil: ::bind::Gil<'py>, slf: *mut ::bind::ffi::PyObject)
                -> ::bind::PyResult<*mut ::bind::ffi::PyObject> {
                #prelude
                #ret
            }
        });
        out.consts.push(quote! {
            struct #holder;
            unsafe impl ::bind::__private::UnarySlot for #holder {
                fn body<'py>(gil: ::bind::Gil<'py>, slf: *mut ::bind::ffi::PyObject)
                    -> ::bind::PyResult<*mut ::bind::ffi::PyObject> {
                    <#self_ty>::#glue(gil, slf)
                }
            }
        });
        out.slots
            .push(quote!(::bind::__private::SlotDesc::unary::<#holder>(#slot)));
        return Ok(());
    }

    match name {
        "__hash__" | "__len__" | "__bool__" => {
            let mut args = recv_arg;
            args.extend(gil_only_args(func, skip)?);
            let value = unwrap_result(output, quote!(Self::#ident(#(#args),*)));
            let (trait_, ret_ty, conv, desc) = match name {
                "__hash__" => (
                    quote!(HashSlot),
                    quote!(isize),
                    quote!((#value) as isize),
                    quote!(::bind::__private::SlotDesc::hash::<#holder>()),
                ),
                "__len__" => (
                    quote!(LenSlot),
                    quote!(usize),
                    quote!((#value) as usize),
                    quote!(::bind::__private::SlotDesc::len::<#holder>(::bind::ffi::Py_mp_length)),
                ),
                _ => (
                    quote!(PredicateSlot),
                    quote!(bool),
                    quote!(#value),
                    quote!(::bind::__private::SlotDesc::inquiry::<#holder>(::bind::ffi::Py_nb_bool)),
                ),
            };
            let extra_param = if name == "__bool__" {
                quote!(, _other: *mut ::bind::ffi::PyObject)
            } else {
                quote!()
            };
            let extra_arg = if name == "__bool__" {
                quote!(, _other)
            } else {
                quote!()
            };
            out.glue.push(quote! {
                #[doc(hidden)]
                fn #glue<'py>(gil: ::bind::Gil<'py>, slf: *mut ::bind::ffi::PyObject #extra_param)
                    -> ::bind::PyResult<#ret_ty> {
                    #prelude
                    ::core::result::Result::Ok(#conv)
                }
            });
            out.consts.push(quote! {
                struct #holder;
                unsafe impl ::bind::__private::#trait_ for #holder {
                    fn body<'py>(gil: ::bind::Gil<'py>, slf: *mut ::bind::ffi::PyObject #extra_param)
                        -> ::bind::PyResult<#ret_ty> {
                        <#self_ty>::#glue(gil, slf #extra_arg)
                    }
                }
            });
            out.slots.push(desc);
        }
        "__contains__" | "__getitem__" => {
            let values = value_params(func, skip);
            let [ty] = values.as_slice() else {
                return Err(syn::Error::new(
                    func.sig.span(),
                    format!("`{name}` takes one parameter"),
                ));
            };
            let mut args = recv_arg;
            args.extend(mixed_args(func, skip, &[quote!(__key)]));
            let value = unwrap_result(output, quote!(Self::#ident(#(#args),*)));
            let (trait_, ret_ty, ret, desc) = if name == "__contains__" {
                (
                    quote!(PredicateSlot),
                    quote!(bool),
                    quote!(::core::result::Result::Ok(#value)),
                    quote!(::bind::__private::SlotDesc::contains::<#holder>()),
                )
            } else {
                (
                    quote!(BinarySlot),
                    quote!(*mut ::bind::ffi::PyObject),
                    quote!(::bind::__private::return_value(gil, #value)),
                    quote!(::bind::__private::SlotDesc::binary::<#holder>(::bind::ffi::Py_mp_subscript)),
                )
            };
            out.glue.push(quote! {
                #[doc(hidden)]
                fn #glue<'py>(gil: ::bind::Gil<'py>, slf: *mut ::bind::ffi::PyObject, key: *mut ::bind::ffi::PyObject)
                    -> ::bind::PyResult<#ret_ty> {
                    // SAFETY: live for the call.
                    let __key_obj: &::bind::Owned<'_, ::bind::types::PyAny> =
                        unsafe { ::bind::__private::Borrowed::slot_as_owned(&key) };
                    let __key: #ty = ::bind::__private::extract_argument::<#ty>(__key_obj, "key")?;
                    #prelude
                    #ret
                }
            });
            out.consts.push(quote! {
                struct #holder;
                unsafe impl ::bind::__private::#trait_ for #holder {
                    fn body<'py>(gil: ::bind::Gil<'py>, slf: *mut ::bind::ffi::PyObject, key: *mut ::bind::ffi::PyObject)
                        -> ::bind::PyResult<#ret_ty> {
                        <#self_ty>::#glue(gil, slf, key)
                    }
                }
            });
            out.slots.push(desc);
        }
        other => {
            return Err(syn::Error::new(
                func.sig.ident.span(),
                format!("`{other}` is not supported yet"),
            ))
        }
    }
    Ok(())
}

/// `__eq__`, `__lt__`, … of one block merged into one `tp_richcompare`.
fn emit_compare(self_ty: &syn::Type, items: &[Item], out: &mut Out) -> syn::Result<()> {
    let found: Vec<(&Item, &str)> = items
        .iter()
        .filter_map(|i| match &i.role {
            Role::Slot(name) => slots::COMPARE
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, op)| (i, *op)),
            _ => None,
        })
        .collect();
    if found.is_empty() {
        return Ok(());
    }
    let mut arms = Vec::new();
    let mut eq_arm_value = None;
    for (item, op) in &found {
        let func = &item.func;
        let recv = instance_receiver(func)?;
        let skip = usize::from(recv.typed);
        let values = value_params(func, skip);
        let [ty] = values.as_slice() else {
            let span = values.get(1).map_or(func.sig.ident.span(), |t| t.span());
            return Err(syn::Error::new(
                span,
                format!(
                    "comparisons take one operand: `fn {}(&self, other: T) -> bool`",
                    func.sig.ident
                ),
            ));
        };
        let ident = &func.sig.ident;
        let prelude = &recv.prelude;
        let mut args: Vec<TokenStream> = recv.arg.clone().into_iter().collect();
        args.extend(mixed_args(func, skip, &[quote!(__other)]));
        let value = unwrap_result(&func.sig.output, quote!(Self::#ident(#(#args),*)));
        let compute = quote! {{
            // SAFETY: live for the call.
            let __other_obj: &::bind::Owned<'_, ::bind::types::PyAny> =
                unsafe { ::bind::__private::Borrowed::slot_as_owned(&other) };
            let __other: #ty = match <#ty as ::bind::FromPyObject>::extract(__other_obj) {
                ::core::result::Result::Ok(v) => v,
                ::core::result::Result::Err(_) =>
                    return ::core::result::Result::Ok(::bind::__private::not_implemented()),
            };
            #prelude
            #value
        }};
        if *op == "Py_EQ" {
            eq_arm_value = Some(compute.clone());
        }
        let op = slot_const(op);
        arms.push(quote!(#op => ::bind::__private::return_value(gil, #compute),));
    }
    if !found.iter().any(|(_, op)| *op == "Py_NE") {
        if let Some(eq) = eq_arm_value {
            arms.push(quote!(::bind::ffi::Py_NE => ::bind::__private::return_value(gil, !#eq),));
        }
    }
    let glue = format_ident!("__bind_richcmp");
    out.glue.push(quote! {
        #[doc(hidden)]
        fn #glue<'py>(
            gil: ::bind::Gil<'py>,
            slf: *mut ::bind::ffi::PyObject,
            other: *mut ::bind::ffi::PyObject,
            op: ::core::ffi::c_int,
        ) -> ::bind::PyResult<*mut ::bind::ffi::PyObject> {
            // SAFETY: CPython passes live operands.
            if !unsafe { ::bind::__private::is_class_instance::<Self>(gil, slf) }? {
                return ::core::result::Result::Ok(::bind::__private::not_implemented());
            }
            match op {
                #(#arms)*
                _ => ::core::result::Result::Ok(::bind::__private::not_implemented()),
            }
        }
    });
    out.consts.push(quote! {
        struct __BindRichCmp;
        unsafe impl ::bind::__private::RichCmpSlot for __BindRichCmp {
            fn body<'py>(
                gil: ::bind::Gil<'py>,
                slf: *mut ::bind::ffi::PyObject,
                other: *mut ::bind::ffi::PyObject,
                op: ::core::ffi::c_int,
            ) -> ::bind::PyResult<*mut ::bind::ffi::PyObject> {
                <#self_ty>::#glue(gil, slf, other, op)
            }
        }
    });
    out.slots.push(quote!(
        ::bind::__private::SlotDesc::richcmp::<__BindRichCmp>()
    ));
    Ok(())
}

/// `__setitem__` and `__delitem__` of one block merged into one `mp_ass_subscript`.
fn emit_setitem(self_ty: &syn::Type, items: &[Item], out: &mut Out) -> syn::Result<()> {
    let find = |n: &str| items.iter().find(|i| i.role == Role::Slot(slots_name(n)));
    let set = find("__setitem__");
    let del = find("__delitem__");
    if set.is_none() && del.is_none() {
        return Ok(());
    }
    let arm = |item: Option<&Item>, with_value: bool, what: &str| -> syn::Result<TokenStream> {
        let Some(item) = item else {
            return Ok(quote!(::core::result::Result::Err(
                ::bind::exceptions::PyNotImplementedError::new_err(#what)
            )));
        };
        let func = &item.func;
        let recv = instance_receiver(func)?;
        let skip = usize::from(recv.typed);
        let values = value_params(func, skip);
        let expected = if with_value { 2 } else { 1 };
        if values.len() != expected {
            return Err(syn::Error::new(
                func.sig.span(),
                "wrong number of parameters",
            ));
        }
        let key_ty = values[0];
        let ident = &func.sig.ident;
        let prelude = &recv.prelude;
        let mut names = vec![quote!(__key)];
        let mut binds = vec![quote! {
            // SAFETY: live for the call.
            let __key_obj: &::bind::Owned<'_, ::bind::types::PyAny> =
                unsafe { ::bind::__private::Borrowed::slot_as_owned(&key) };
            let __key: #key_ty = ::bind::__private::extract_argument::<#key_ty>(__key_obj, "key")?;
        }];
        if with_value {
            let value_ty = values[1];
            names.push(quote!(__value));
            binds.push(quote! {
                // SAFETY: live for the call.
                let __value_obj: &::bind::Owned<'_, ::bind::types::PyAny> =
                    unsafe { ::bind::__private::Borrowed::slot_as_owned(&value) };
                let __value: #value_ty = ::bind::__private::extract_argument::<#value_ty>(__value_obj, "value")?;
            });
        }
        let mut args: Vec<TokenStream> = recv.arg.clone().into_iter().collect();
        args.extend(mixed_args(func, skip, &names));
        let call = unwrap_result(&func.sig.output, quote!(Self::#ident(#(#args),*)));
        Ok(quote!({
            #(#binds)*
            #prelude
            let _ = #call;
            ::core::result::Result::Ok(())
        }))
    };
    let set_arm = arm(set, true, "item assignment is not supported")?;
    let del_arm = arm(del, false, "item deletion is not supported")?;
    out.glue.push(quote! {
        #[doc(hidden)]
        fn __bind_setitem<'py>(
            gil: ::bind::Gil<'py>,
            slf: *mut ::bind::ffi::PyObject,
            key: *mut ::bind::ffi::PyObject,
            value: *mut ::bind::ffi::PyObject,
        ) -> ::bind::PyResult<()> {
            if value.is_null() #del_arm else #set_arm
        }
    });
    out.consts.push(quote! {
        struct __BindSetItem;
        unsafe impl ::bind::__private::SetItemSlot for __BindSetItem {
            fn body<'py>(
                gil: ::bind::Gil<'py>,
                slf: *mut ::bind::ffi::PyObject,
                key: *mut ::bind::ffi::PyObject,
                value: *mut ::bind::ffi::PyObject,
            ) -> ::bind::PyResult<()> {
                <#self_ty>::__bind_setitem(gil, slf, key, value)
            }
        }
    });
    out.slots.push(quote!(
        ::bind::__private::SlotDesc::setitem::<__BindSetItem>()
    ));
    Ok(())
}

fn slots_name(n: &str) -> &'static str {
    slots::OTHER
        .iter()
        .find(|o| **o == n)
        .copied()
        .unwrap_or("")
}
