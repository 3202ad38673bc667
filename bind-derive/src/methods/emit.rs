//! Emission of one `#[methods]` block: hidden glue functions inside `impl Self`, and a
//! `const _` block holding the descriptors, holders and the block's `ImplItems`.
use super::{Item, Role};
use crate::signature::{analyze, Receiver};
use crate::util::{c_str, is_named, is_result, last_segment};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

/// How the receiver reaches the Rust method.
pub(super) struct Recv {
    /// Statements binding the receiver (may use `?`).
    pub prelude: TokenStream,
    /// The first call argument, if any.
    pub arg: Option<TokenStream>,
    /// Whether the first typed input is consumed by the receiver.
    pub typed: bool,
}

const HANDLE_TYPES: &[&str] = &["PyRef", "PyRefMut", "Owned"];

fn first_typed(func: &syn::ImplItemFn) -> Option<&syn::PatType> {
    match func.sig.inputs.first() {
        Some(syn::FnArg::Typed(t)) => Some(t),
        _ => None,
    }
}

/// The receiver of an instance-like method (`&self`, `&mut self`, `slf: PyRef<'_, Self>`);
/// `py_name` names the method (or property) in the error for a receiver of another type.
pub(super) fn instance_receiver(func: &syn::ImplItemFn, py_name: &str) -> syn::Result<Recv> {
    match func.sig.inputs.first() {
        Some(syn::FnArg::Receiver(r)) => {
            let syn::ReceiverKind::Reference(_, _, mutability) = &r.kind else {
                return Err(syn::Error::new(
                    r.span(),
                    "methods take `&self` or `&mut self` (or `slf: PyRef<'_, Self>`), not `self` by value",
                ));
            };
            if let Some(mutability) = mutability {
                // Spanned on `mut`: a frozen class names the receiver in the error.
                let self_mut =
                    quote_spanned!(mutability.span()=> ::bind::__private::SelfMut::<Self>::new);
                Ok(Recv {
                    prelude: quote! {
                        let mut __slf = #self_mut(slf, #py_name)?;
                    },
                    arg: Some(quote!(&mut __slf)),
                    typed: false,
                })
            } else {
                Ok(Recv {
                    prelude: quote! {
                        let __slf = ::bind::__private::SelfRef::<Self>::new(slf, #py_name)?;
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
                    let __slf_obj: &::bind::Owned<'_, ::bind::types::PyAny> = &slf;
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
pub(super) fn gil_only_args(func: &syn::ImplItemFn, skip: usize) -> syn::Result<Vec<TokenStream>> {
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
pub(super) fn value_params(func: &syn::ImplItemFn, skip: usize) -> Vec<&syn::Type> {
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
pub(super) fn mixed_args(
    func: &syn::ImplItemFn,
    skip: usize,
    values: &[TokenStream],
) -> Vec<TokenStream> {
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
pub(super) fn unwrap_result(output: &syn::ReturnType, call: TokenStream) -> TokenStream {
    match output {
        syn::ReturnType::Type(_, ty) if is_result(ty) => quote_spanned!(ty.span()=>
            #call.map_err(::core::convert::Into::<::bind::PyErr>::into)?),
        _ => call,
    }
}

/// Whether the return type (inside a `Result`) is a path whose last segment is `name`.
pub(super) fn returns_named(output: &syn::ReturnType, name: &str) -> bool {
    returned_type(output).is_some_and(|ty| is_named(ty, name))
}

/// The return type, inside a `Result` if it is one (`None` for `()`-returning functions).
pub(super) fn returned_type(output: &syn::ReturnType) -> Option<&syn::Type> {
    let syn::ReturnType::Type(_, ty) = output else {
        return None;
    };
    if !is_result(ty) {
        return Some(ty);
    }
    match last_segment(ty).map(|s| &s.arguments) {
        Some(syn::PathArguments::AngleBracketed(a)) => match a.args.first() {
            Some(syn::GenericArgument::Type(t)) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// A property's accessors, merged by name within the block.
struct PropertyOut {
    name: String,
    get: Option<syn::Ident>,
    set: Option<syn::Ident>,
    delete: Option<syn::Ident>,
    doc: String,
}

#[derive(Default)]
pub(super) struct Out {
    pub glue: Vec<TokenStream>,
    pub consts: Vec<TokenStream>,
    methods: Vec<TokenStream>,
    properties: Vec<PropertyOut>,
    class_attrs: Vec<TokenStream>,
    constructor: Option<TokenStream>,
    /// The constructor's text signature (`(x, y=0.0)`), a C string literal.
    constructor_signature: Option<TokenStream>,
    /// `MagicMethod` descriptors.
    pub magic: Vec<TokenStream>,
}

/// The class-level protocol options of `#[methods(...)]`.
pub(crate) struct ProtocolOptions {
    pub sequence: bool,
    pub mapping: bool,
    pub unhashable: bool,
}

pub(crate) fn emit(
    block: &syn::ItemImpl,
    part: usize,
    items: &[Item],
    consts: &[syn::Ident],
    options: &ProtocolOptions,
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
        constructor_signature,
        magic,
    } = out;
    let flags = [
        (options.sequence, quote!(SEQUENCE)),
        (options.mapping, quote!(MAPPING)),
        (options.unhashable, quote!(UNHASHABLE)),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .fold(
        quote!(::bind::__private::ProtocolFlags::EMPTY),
        |acc, (_, flag)| quote!(#acc.union(::bind::__private::ProtocolFlags::#flag)),
    );
    let properties = properties
        .into_iter()
        .map(|property| {
            let PropertyOut {
                name,
                get,
                set,
                delete,
                doc,
            } = property;
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
            let delete = match delete {
                Some(d) => quote!(::core::option::Option::Some(<#self_ty>::#d)),
                None => quote!(::core::option::Option::None),
            };
            Ok(quote!(::bind::__private::PropertyDesc {
                name: #name_c, doc: #doc, get: #get, set: #set, delete: #delete,
            }))
        })
        .collect::<syn::Result<Vec<_>>>()?;
    let constructor = match constructor {
        Some(c) => quote!(::core::option::Option::Some(#c)),
        None => quote!(::core::option::Option::None),
    };
    let constructor_signature = match constructor_signature {
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
            static MAGIC: &[::bind::__private::MagicMethod] = &[#(#magic),*];
            static ITEMS: ::bind::__private::ImplItems = ::bind::__private::ImplItems {
                methods: METHODS,
                properties: PROPERTIES,
                class_attrs: CLASS_ATTRS,
                constructor: #constructor,
                constructor_signature: #constructor_signature,
                protocols: ::bind::__private::Protocols { methods: MAGIC, flags: #flags },
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
pub(super) fn emit_parsed(
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
            let __cls_obj: &::bind::Owned<'_, ::bind::types::PyAny> = &slf;
        };
        call_args.push(quote_spanned!(ty.span()=>
            ::bind::__private::extract_argument::<#ty>(__cls_obj, "cls")?));
    }
    call_args.extend(analysis.emit_call_args(&parsed, &gil));
    let holders = analysis.emit_arg_holders(&parsed);
    prelude = quote!(#prelude #(#holders)*);
    let ident = &func.sig.ident;
    let call = quote!(Self::#ident(#(#call_args),*));
    let body = if constructor {
        let value = unwrap_result(&func.sig.output, call);
        // Spanned at the return type: a wrong one is reported there.
        let span = match &func.sig.output {
            syn::ReturnType::Type(_, ty) => ty.span(),
            syn::ReturnType::Default => func.sig.ident.span(),
        };
        let checked =
            quote_spanned!(span=> ::bind::__private::constructor_return::<Self>(__returned));
        quote! {
            let __returned = #value;
            let __value = #checked;
            ::bind::__private::new_instance::<Self>(gil, slf, __value)
        }
    } else {
        analysis.emit_return(call, &gil)
    };
    let glue = format_ident!("__bind_glue_{}_{}", index, ident);
    // See `direct_call` below.
    let inline = (!constructor && analysis.params.is_empty()).then(|| quote!(#[inline]));
    out.glue.push(quote! {
        #[doc(hidden)]
        #inline
        fn #glue<'py>(
            gil: ::bind::Gil<'py>,
            slf: ::bind::__private::Borrowed<'_, 'py>,
            args: &::bind::__private::ParsedArgs<'py>,
        ) -> ::bind::PyResult<::bind::Owned<'py, ::bind::types::PyAny>> {
            #prelude
            #body
        }
    });
    // A method without parameters has its own `METH_NOARGS` entry point (`p.norm()`, a
    // hot path), the only caller of `call`: the glue is called directly there, where it
    // can be inlined (it is small: no argument to extract), not through the descriptor.
    let direct_call = (!constructor && analysis.params.is_empty()).then(|| {
        quote! {
            #[inline(always)]
            fn call<'py>(
                gil: ::bind::Gil<'py>,
                slf: ::bind::__private::Borrowed<'_, 'py>,
                args: &::bind::__private::ParsedArgs<'py>,
            ) -> ::bind::PyResult<::bind::Owned<'py, ::bind::types::PyAny>> {
                <#self_ty>::#glue(gil, slf, args)
            }
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
        impl ::bind::__private::FunctionHolder for #holder {
            #[inline(always)]
            fn desc() -> &'static ::bind::__private::FnDesc {
                &#desc
            }
            #direct_call
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
            // A first parameter named `cls` receives the class being instantiated (a
            // Python subclass when called through one).
            let receives_cls = first_typed(func)
                .is_some_and(|arg| matches!(&*arg.pat, syn::Pat::Ident(p) if p.ident == "cls"));
            let receiver = Receiver {
                text_prefix: None,
                skip_typed: usize::from(receives_cls),
            };
            let (desc, _, doc) = emit_parsed(
                self_ty, type_name, py_name, index, item, receiver, None, true, out,
            )?;
            out.constructor = Some(quote!(&#desc));
            // `new(x, y)\n--\n\n…` → `(x, y)`: the class's `__text_signature__`.
            let text = doc
                .strip_prefix(py_name.as_str())
                .and_then(|rest| rest.split("\n--\n").next())
                .unwrap_or("");
            out.constructor_signature = Some(c_str(text)?);
        }
        Role::Method | Role::ClassMethod | Role::StaticMethod => {
            let (receiver, recv, kind) = match item.role {
                Role::Method => {
                    let recv = instance_receiver(func, py_name)?;
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
        Role::Getter(name) | Role::Deleter(name) => {
            // Both take only the receiver (and the GIL token): a getter returns the
            // value, a deleter `()`.
            let getter = matches!(item.role, Role::Getter(_));
            let recv = instance_receiver(func, name)?;
            let args = gil_only_args(func, usize::from(recv.typed))?;
            let ident = &func.sig.ident;
            let prelude = &recv.prelude;
            let mut call_args: Vec<TokenStream> = recv.arg.into_iter().collect();
            call_args.extend(args);
            let value = unwrap_result(&func.sig.output, quote!(Self::#ident(#(#call_args),*)));
            let (glue, output, body) = if getter {
                (
                    format_ident!("__bind_get_{}_{}", index, ident),
                    quote!(*mut ::bind::ffi::PyObject),
                    quote!(::bind::__private::return_value(gil, #value)),
                )
            } else {
                (
                    format_ident!("__bind_del_{}_{}", index, ident),
                    quote!(()),
                    quote!({
                        let _ = #value;
                        ::core::result::Result::Ok(())
                    }),
                )
            };
            out.glue.push(quote! {
                #[doc(hidden)]
                fn #glue<'py>(
                    gil: ::bind::Gil<'py>,
                    slf: ::bind::__private::Borrowed<'_, 'py>,
                ) -> ::bind::PyResult<#output> {
                    #prelude
                    #body
                }
            });
            add_property(
                out,
                PropertyOut {
                    name: name.clone(),
                    get: getter.then(|| glue.clone()),
                    set: None,
                    delete: (!getter).then_some(glue),
                    doc: if getter {
                        item.doc.clone()
                    } else {
                        String::new()
                    },
                },
            );
        }
        Role::Setter(name) => {
            let recv = instance_receiver(func, name)?;
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
                    slf: ::bind::__private::Borrowed<'_, 'py>,
                    value: &::bind::Owned<'py, ::bind::types::PyAny>,
                ) -> ::bind::PyResult<()> {
                    let __value: #ty = ::bind::__private::extract_property::<#ty>(value, #name, #type_name)?;
                    #prelude
                    let _ = #call;
                    ::core::result::Result::Ok(())
                }
            });
            add_property(
                out,
                PropertyOut {
                    name: name.clone(),
                    get: None,
                    set: Some(glue),
                    delete: None,
                    doc: String::new(),
                },
            );
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
        Role::Magic(info) => super::magic::emit_magic(self_ty, type_name, index, item, info, out)?,
    }
    Ok(())
}

fn add_property(out: &mut Out, accessors: PropertyOut) {
    match out.properties.iter_mut().find(|p| p.name == accessors.name) {
        Some(p) => {
            p.get = p.get.take().or(accessors.get);
            p.set = p.set.take().or(accessors.set);
            p.delete = p.delete.take().or(accessors.delete);
            if p.doc.is_empty() {
                p.doc = accessors.doc;
            }
        }
        None => out.properties.push(accessors),
    }
}
