//! Emission of the class descriptor and the `PyClass` impl.
use super::{FieldInput, TypeInput};
use crate::util::{c_str, doc_text, is_named, last_segment};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

/// Rust primitives described as `FieldKind::Primitive` (the engine decides how Python
/// reaches them; their member code comes from the sealed `MemberType`).
const PRIMITIVE_TYPES: &[&str] = &[
    "f64", "f32", "i8", "i16", "i32", "i64", "isize", "u8", "u16", "u32", "u64", "usize", "bool",
];

fn is_primitive_type(ty: &syn::Type) -> bool {
    match last_segment(ty) {
        Some(seg) if seg.arguments.is_empty() => {
            PRIMITIVE_TYPES.iter().any(|name| seg.ident == name)
        }
        _ => false,
    }
}

/// Whether a field type holds Python objects the gc must see (`Handle<T>`, and `Option`
/// or `Vec` of one).
fn holds_python_objects(ty: &syn::Type) -> bool {
    let Some(seg) = last_segment(ty) else {
        return false;
    };
    if seg.ident == "Handle" {
        return true;
    }
    if seg.ident == "Option" || seg.ident == "Vec" {
        if let syn::PathArguments::AngleBracketed(args) = &seg.arguments {
            return args.args.iter().any(|a| match a {
                syn::GenericArgument::Type(t) => holds_python_objects(t),
                _ => false,
            });
        }
    }
    false
}

/// A field's descriptor, and the items it refers to (its default's marker type).
struct EmittedField {
    desc: TokenStream,
    items: TokenStream,
}

/// The dataclass glue of a field (`data: Some(&DataFieldDesc { .. })`) and the marker
/// type of its default.
fn data_glue(model: &TypeInput, index: usize, field: &FieldInput, object: bool) -> EmittedField {
    let ty = &field.ty;
    if !model.is_data() {
        return EmittedField {
            desc: quote!(::core::option::Option::None),
            items: quote!(),
        };
    }
    let value = if object {
        quote_spanned!(ty.span()=> ::bind::__private::get_object_field::<#ty>)
    } else {
        quote_spanned!(ty.span()=> ::bind::__private::get_field::<#ty>)
    };
    let marker = quote::format_ident!("__BindFieldDefault{}", index);
    let body = match (&field.default, &field.default_factory) {
        (Some(expr), _) => Some(quote!(#expr)),
        (None, Some(factory)) => Some(quote!((#factory)())),
        (None, None) => None,
    };
    let (default, items) = match body {
        Some(body) => (
            quote!(::core::option::Option::Some(::bind::__private::write_default::<#marker>)),
            quote_spanned! {ty.span()=>
                struct #marker;
                impl ::bind::__private::FieldDefaultValue for #marker {
                    type Value = #ty;
                    #[inline]
                    fn value() -> #ty {
                        #body
                    }
                }
            },
        ),
        None => (quote!(::core::option::Option::None), quote!()),
    };
    let type_name = quote!(#ty).to_string().replace(' ', "");
    EmittedField {
        desc: quote! {
            ::core::option::Option::Some(&::bind::__private::DataFieldDesc {
                value: #value,
                init: {
                    fn probe() -> ::core::option::Option<::bind::__private::FieldInit> {
                        use ::bind::__private::{InitFallback as _, InitViaExtract as _};
                        (&::bind::__private::InitProbe::<#ty>::NEW).init_glue()
                    }
                    probe
                },
                default: #default,
                drop: ::bind::__private::drop_erased::<#ty>,
                type_name: #type_name,
                size: ::core::mem::size_of::<#ty>(),
                align: ::core::mem::align_of::<#ty>(),
            })
        },
        items,
    }
}

fn field_desc(
    model: &TypeInput,
    index: usize,
    field: &FieldInput,
) -> darling::Result<Option<EmittedField>> {
    let ident = &model.ident;
    let ty = &field.ty;
    // Every field of a dataclass-like class is an attribute, as in `dataclasses`.
    let get = field.get.is_present() || model.is_data();
    let set = field.set.is_present();
    let gc_field =
        model.gc.is_present() && (field.traverse.is_present() || holds_python_objects(ty));
    if !get && !set && !gc_field {
        return Ok(None);
    }
    let member_name = match &field.ident {
        Some(id) => {
            let id = syn::Member::Named(id.clone());
            quote!(#id)
        }
        None => {
            let idx = syn::Index::from(index);
            quote!(#idx)
        }
    };
    let py_name = field
        .name
        .clone()
        .or_else(|| {
            field
                .ident
                .as_ref()
                .map(|i| i.to_string().trim_start_matches("r#").to_owned())
        })
        .unwrap_or_else(|| format!("_{index}"));
    let name_c = c_str(&py_name)?;
    let doc = doc_text(&field.attrs);
    let doc = if doc.is_empty() {
        quote!(::core::option::Option::None)
    } else {
        let d = c_str(&doc)?;
        quote!(::core::option::Option::Some(#d))
    };
    let mut flags = quote!(::bind::__private::FieldFlags::EMPTY);
    if get {
        flags = quote!(#flags.union(::bind::__private::FieldFlags::GET));
    }
    if set {
        flags = quote!(#flags.union(::bind::__private::FieldFlags::SET));
    }
    if field.kw_only.is_present() || model.kw_only.is_present() {
        flags = quote!(#flags.union(::bind::__private::FieldFlags::KW_ONLY));
    }
    if field.default_factory.is_some() {
        flags = quote!(#flags.union(::bind::__private::FieldFlags::DEFAULT_FACTORY));
    }
    let is_object = last_segment(ty).is_some_and(|s| s.ident == "Handle")
        || (is_named(ty, "Option") && holds_python_objects(ty));
    let data = data_glue(model, index, field, is_object);
    let kind = if !get && !set {
        quote!(::bind::__private::FieldKind::Hidden)
    } else if is_primitive_type(ty) {
        quote_spanned!(ty.span()=> ::bind::__private::FieldKind::Primitive(
            <#ty as ::bind::__private::MemberType>::CODE
        ))
    } else {
        let object = last_segment(ty).is_some_and(|s| s.ident == "Handle")
            || (is_named(ty, "Option") && holds_python_objects(ty));
        let getter = if get && object {
            quote_spanned!(ty.span()=> ::core::option::Option::Some(::bind::__private::get_object_field::<#ty>))
        } else if get {
            quote_spanned!(ty.span()=> ::core::option::Option::Some(::bind::__private::get_field::<#ty>))
        } else {
            quote!(::core::option::Option::None)
        };
        let setter = if set {
            quote_spanned!(ty.span()=> ::core::option::Option::Some(::bind::__private::set_field::<#ty>))
        } else {
            quote!(::core::option::Option::None)
        };
        quote!(::bind::__private::FieldKind::Accessor { get: #getter, set: #setter })
    };
    let (visit, clear) = if gc_field {
        (
            quote_spanned!(ty.span()=> ::core::option::Option::Some(::bind::__private::visit_field::<#ty>)),
            quote_spanned!(ty.span()=> ::core::option::Option::Some(::bind::__private::clear_field::<#ty>)),
        )
    } else {
        (
            quote!(::core::option::Option::None),
            quote!(::core::option::Option::None),
        )
    };
    let hint = if get {
        crate::hints::value_hint(ty, None)
    } else if set {
        crate::hints::param_hint(ty, None)
    } else {
        quote!(::bind::__private::TypeHint::Any)
    };
    let data_desc = data.desc;
    Ok(Some(EmittedField {
        desc: quote! {
            ::bind::__private::FieldDesc {
                name: #name_c,
                doc: #doc,
                offset: ::core::mem::offset_of!(#ident, #member_name),
                flags: #flags,
                kind: #kind,
                expected: "",
                visit: #visit,
                clear: #clear,
                data: #data_desc,
                hint: #hint,
            }
        },
        items: data.items,
    }))
}

/// The `BufferDesc` of the `#[bind(buffer)]` field, if any (read-only for `readonly`
/// fields and `frozen` classes).
fn buffer_desc(model: &TypeInput, fields: &[&FieldInput]) -> TokenStream {
    let ident = &model.ident;
    let Some((index, field)) = fields
        .iter()
        .enumerate()
        .find(|(_, f)| f.buffer.is_present())
    else {
        return quote!(::core::option::Option::None);
    };
    let member = match &field.ident {
        Some(id) => quote!(#id),
        None => {
            let idx = syn::Index::from(index);
            quote!(#idx)
        }
    };
    let ty = &field.ty;
    let ctor = if model.frozen.is_present() || field.readonly.is_present() {
        quote_spanned!(ty.span()=> ::bind::__private::readonly_buffer::<#ident, #ty>)
    } else {
        quote_spanned!(ty.span()=> ::bind::__private::writable_buffer::<#ident, #ty>)
    };
    quote! {{
        static BUFFER: ::bind::__private::BufferDesc =
            #ctor(::core::mem::offset_of!(#ident, #member));
        ::core::option::Option::Some(&BUFFER)
    }}
}

pub(crate) fn emit(model: &TypeInput) -> darling::Result<TokenStream> {
    let ident = &model.ident;
    let py_name = model
        .name
        .clone()
        .unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_owned());
    let qualified = match &model.module {
        Some(m) => format!("{m}.{py_name}"),
        None => py_name.clone(),
    };
    let name_c = c_str(&py_name)?;
    let qualified_c = c_str(&qualified)?;
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

    let fields = model.data.as_ref().take_struct().expect("a struct");
    let mut errors = darling::Error::accumulator();
    let emitted: Vec<EmittedField> = fields
        .fields
        .iter()
        .enumerate()
        .filter_map(|(i, f)| errors.handle(field_desc(model, i, f)).flatten())
        .collect();
    errors.finish()?;
    let field_descs = emitted.iter().map(|f| &f.desc);
    let field_items = emitted.iter().map(|f| &f.items);

    let buffer = buffer_desc(model, &fields.fields);

    let mut flags = quote!(::bind::__private::TypeFlags::EMPTY);
    for (present, flag) in [
        (model.subclass.is_present(), quote!(SUBCLASS)),
        (model.frozen.is_present(), quote!(FROZEN)),
        (model.gc.is_present(), quote!(GC)),
        (model.weakref.is_present(), quote!(WEAKREF)),
        (model.dict.is_present(), quote!(DICT)),
        (model.unsendable.is_present(), quote!(UNSENDABLE)),
        (model.init.is_present(), quote!(INIT)),
        (model.repr.is_present(), quote!(REPR)),
        (model.eq.is_present(), quote!(EQ)),
        (model.order.is_present(), quote!(ORDER)),
        (model.match_args.is_present(), quote!(MATCH_ARGS)),
        (model.pickle.is_present(), quote!(PICKLE)),
        (model.dataclass.is_present(), quote!(DATACLASS)),
        (model.dataclass.is_present(), quote!(INIT)),
        (model.dataclass.is_present(), quote!(REPR)),
        (model.dataclass.is_present(), quote!(EQ)),
        (model.dataclass.is_present(), quote!(MATCH_ARGS)),
        (model.dataclass.is_present(), quote!(PICKLE)),
    ] {
        if present {
            flags = quote!(#flags.union(::bind::__private::TypeFlags::#flag));
        }
    }
    let freelist = match &model.freelist {
        Some(n) => quote!(#n),
        None => quote!(0),
    };
    let base = match &model.extends {
        Some(path) => quote!(#path),
        None => quote!(::bind::types::PyAny),
    };
    let parts =
        (0..4usize).map(|n| quote!((&::bind::__private::ItemsProbe::<#ident, #n>::NEW).items()));
    let mutable = if model.frozen.is_present() {
        quote!()
    } else {
        quote!(impl ::bind::__private::MutableClass for #ident {})
    };
    let send_check = if model.unsendable.is_present() {
        quote!()
    } else {
        quote_spanned! {ident.span()=>
            const _: fn() = || {
                fn assert_send<T: ::core::marker::Send>() {}
                assert_send::<#ident>();
            };
        }
    };

    Ok(quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, clippy::all)]
        const _: () = {
            use ::bind::__private::{ItemsFallback as _, ItemsViaPart as _};

            static LAZY: ::bind::__private::LazyClass = ::bind::__private::LazyClass::new();
            #(#field_items)*
            static FIELDS: &[::bind::__private::FieldDesc] = &[#(#field_descs),*];
            static DESC: ::bind::__private::TypeDesc = ::bind::__private::TypeDesc {
                name: #name_c,
                module: #module,
                qualified_name: #qualified_c,
                doc: #doc,
                size: ::core::mem::size_of::<#ident>(),
                align: ::core::mem::align_of::<#ident>(),
                flags: #flags,
                freelist: #freelist,
                fields: FIELDS,
                items,
                drop: ::bind::__private::drop_erased::<#ident>,
                needs_drop: ::core::mem::needs_drop::<#ident>(),
                buffer: #buffer,
            };

            fn items() -> [&'static ::bind::__private::ImplItems; ::bind::__private::MAX_IMPL_PARTS] {
                [#(#parts),*]
            }

            #send_check

            // SAFETY: the descriptor is generated from this struct's definition.
            unsafe impl ::bind::__private::PyClass for #ident {
                type Base = #base;
                const NAME: &'static str = #py_name;
                const DATA_HOOKS: bool =
                    (#flags).intersects(::bind::__private::TypeFlags::DATA_HOOKS);
                const FIXED_LAYOUT: ::core::option::Option<::bind::__private::Layout> =
                    ::bind::__private::Layout::fixed::<#base>(&DESC);
                #[inline(always)]
                fn desc() -> &'static ::bind::__private::TypeDesc {
                    &DESC
                }
                #[inline(always)]
                fn lazy() -> &'static ::bind::__private::LazyClass {
                    &LAZY
                }
            }

            #mutable
        };
    })
}
