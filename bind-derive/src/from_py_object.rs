//! `derive(FromPyObject)`: parse the type's `#[bind(...)]` options, check them, emit a
//! `'static` extraction descriptor (`StructIn` / `EnumIn`) plus the glue that builds the
//! value from its shadow tuple. The engine in `bind-conversions` does the work. The type
//! also gets a `Shaped` impl (`StructShape`/`EnumShape`: the descriptor plus each field's
//! shape), which value generators such as bind-fuzz-kit read.
//!
//! Options (the guide's semantics):
//! - type: `transparent` (one field, extracted directly), `from_item_all` (every field by
//!   key), `serde` (the whole type through the serde bridge), `annotation = "..."` (on enum
//!   variants: the name shown in the error listing the variants).
//! - field: `attribute`, `attribute("name")`, `item`, `item("key")`, `item(0)`,
//!   `item((1, "a"))` (integer, bool and tuple keys), `default`,
//!   `from_py_with = path` (a `fn(&Owned<PyAny>) -> PyResult<T>`), `serde`.
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::spanned::Spanned;

/// Type- or variant-level options.
#[derive(Default)]
pub(crate) struct TypeOpts {
    pub transparent: bool,
    pub from_item_all: bool,
    pub serde: bool,
    pub annotation: Option<String>,
    /// `into = Type`: derive(IntoPyObject) converts through `Into<Type>` (e.g. a bind class).
    pub into: Option<syn::Type>,
}

/// How a named field is looked up.
#[derive(Clone)]
pub(crate) enum Lookup {
    /// By attribute (the default), optionally renamed.
    Attr(Option<String>),
    /// By key, optionally renamed.
    Item(Option<String>),
    /// By a key that is not a string (`item(0)`, `item((1, "a"))`).
    Key(KeyLit),
}

/// A non-string key literal of `item(...)`.
#[derive(Clone)]
pub(crate) enum KeyLit {
    Int(i64),
    Str(String),
    Bool(bool),
    Tuple(Vec<KeyLit>),
}

impl KeyLit {
    /// Reads a key literal: an integer (possibly negative), a bool, a string (inside a
    /// tuple) or a tuple of those.
    fn parse(expr: &syn::Expr) -> syn::Result<KeyLit> {
        match expr {
            syn::Expr::Lit(lit) => match &lit.lit {
                syn::Lit::Int(i) => Ok(KeyLit::Int(i.base10_parse()?)),
                syn::Lit::Str(s) => Ok(KeyLit::Str(s.value())),
                syn::Lit::Bool(b) => Ok(KeyLit::Bool(b.value)),
                other => Err(syn::Error::new(other.span(), KEY_LITERALS)),
            },
            syn::Expr::Unary(syn::ExprUnary {
                op: syn::UnOp::Neg(_),
                expr,
                ..
            }) => match KeyLit::parse(expr)? {
                KeyLit::Int(i) => Ok(KeyLit::Int(-i)),
                _ => Err(syn::Error::new(expr.span(), KEY_LITERALS)),
            },
            syn::Expr::Paren(inner) => KeyLit::parse(&inner.expr),
            syn::Expr::Tuple(tuple) => Ok(KeyLit::Tuple(
                tuple
                    .elems
                    .iter()
                    .map(KeyLit::parse)
                    .collect::<syn::Result<_>>()?,
            )),
            other => Err(syn::Error::new(other.span(), KEY_LITERALS)),
        }
    }

    /// The `ItemKey` constant (a `'static` rvalue).
    fn tokens(&self, p: &TokenStream) -> TokenStream {
        match self {
            KeyLit::Int(i) => quote!(#p::ItemKey::Int(#i)),
            KeyLit::Str(s) => quote!(#p::ItemKey::Str(#s)),
            KeyLit::Bool(b) => quote!(#p::ItemKey::Bool(#b)),
            KeyLit::Tuple(items) => {
                let items = items.iter().map(|k| k.tokens(p));
                quote!(#p::ItemKey::Tuple(&[#(#items),*]))
            }
        }
    }
}

const KEY_LITERALS: &str =
    "`item(...)` takes a string, integer or bool literal, or a tuple of them";

/// `item`, `item("key")` or `item(<non-string key literal>)`.
fn item_lookup(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<Lookup> {
    if !meta.input.peek(syn::token::Paren) {
        return Ok(Lookup::Item(None));
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let expr: syn::Expr = content.parse()?;
    match KeyLit::parse(&expr)? {
        KeyLit::Str(name) => Ok(Lookup::Item(Some(name))),
        key => Ok(Lookup::Key(key)),
    }
}

/// Field-level options.
pub(crate) struct FieldOpts {
    pub lookup: Option<Lookup>,
    pub default: bool,
    pub from_py_with: Option<syn::ExprPath>,
    pub serde: bool,
}

/// Skips the value of an option this derive does not own (another derive's option).
fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _: syn::Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        let _: TokenStream = content.parse()?;
    }
    Ok(())
}

/// An optional `("text")` after an option name.
fn optional_name(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<Option<String>> {
    if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        let lit: syn::LitStr = content.parse()?;
        Ok(Some(lit.value()))
    } else {
        Ok(None)
    }
}

/// Reads the `#[bind(...)]` options of a type or variant.
pub(crate) fn type_opts(attrs: &[syn::Attribute]) -> syn::Result<TypeOpts> {
    let mut opts = TypeOpts::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("bind")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("transparent") {
                opts.transparent = true;
            } else if meta.path.is_ident("from_item_all") {
                opts.from_item_all = true;
            } else if meta.path.is_ident("serde") {
                opts.serde = true;
            } else if meta.path.is_ident("into") {
                opts.into = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("annotation") {
                let lit: syn::LitStr = meta.value()?.parse()?;
                opts.annotation = Some(lit.value());
            } else {
                skip_value(&meta)?;
            }
            Ok(())
        })?;
    }
    Ok(opts)
}

/// Reads the `#[bind(...)]` options of a field.
pub(crate) fn field_opts(attrs: &[syn::Attribute]) -> syn::Result<FieldOpts> {
    let mut opts = FieldOpts {
        lookup: None,
        default: false,
        from_py_with: None,
        serde: false,
    };
    for attr in attrs.iter().filter(|a| a.path().is_ident("bind")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("item") {
                opts.lookup = Some(item_lookup(&meta)?);
            } else if meta.path.is_ident("attribute") {
                opts.lookup = Some(Lookup::Attr(optional_name(&meta)?));
            } else if meta.path.is_ident("default") {
                opts.default = true;
            } else if meta.path.is_ident("from_py_with") {
                opts.from_py_with = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("serde") {
                opts.serde = true;
            } else {
                skip_value(&meta)?;
            }
            Ok(())
        })?;
    }
    Ok(opts)
}

/// The emitted pieces for one struct-like shape (a struct or one enum variant).
struct Shape {
    /// Items (statics, glue fns) to place before the constructor.
    items: TokenStream,
    /// An expression of the value, built from `__shadow` (the filled shadow tuple).
    build: TokenStream,
    /// The shadow tuple type.
    shadow: TokenStream,
    /// The descriptor's static name.
    desc: syn::Ident,
    /// A `StructShape` value linking the descriptor with each field's shape (for
    /// generators of values: `bind::shape`).
    value_shape: TokenStream,
}

/// Builds the descriptor and constructor of `fields` for the value path `ctor`.
fn shape(
    ctor: &TokenStream,
    display: &str,
    fields: &syn::Fields,
    opts: &TypeOpts,
    tag: &str,
) -> syn::Result<Shape> {
    let p = quote!(::bind::__private::conv);
    let desc = format_ident!("__BIND_FROM_{}", tag);
    let shadow_ty = format_ident!("__BindShadow{}", tag);
    let types: Vec<&syn::Type> = fields.iter().map(|f| &f.ty).collect();
    let shadow = quote!((#(#types,)*));
    let newtype = matches!(fields, syn::Fields::Unnamed(u) if u.unnamed.len() == 1);
    let transparent = opts.transparent || newtype;
    if transparent && fields.len() != 1 {
        return Err(syn::Error::new(
            Span::call_site(),
            "`transparent` needs exactly one field",
        ));
    }
    if matches!(fields, syn::Fields::Unit) {
        return Err(syn::Error::new(
            Span::call_site(),
            "derive(FromPyObject) does not support unit structs or unit variants",
        ));
    }
    let mut entries = Vec::new();
    let mut glue_fns = Vec::new();
    let mut field_shapes = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let fo = field_opts(&field.attrs)?;
        let ty = &field.ty;
        let idx = syn::Index::from(i);
        field_shapes.push(field_shape(field, i, ty, &fo));
        let source = if transparent {
            quote!(#p::Source::Whole)
        } else if let Some(ident) = &field.ident {
            let rust_name = ident.to_string();
            let lookup = fo.lookup.clone().unwrap_or(if opts.from_item_all {
                Lookup::Item(None)
            } else {
                Lookup::Attr(None)
            });
            match lookup {
                Lookup::Attr(name) => {
                    let name = name.unwrap_or(rust_name);
                    quote!(#p::Source::Attr(#name))
                }
                Lookup::Item(key) => {
                    let key = key.unwrap_or(rust_name);
                    quote!(#p::Source::Item(#key))
                }
                Lookup::Key(key) => {
                    let key = key.tokens(&p);
                    quote!(#p::Source::Key(&#key))
                }
            }
        } else {
            if fo.lookup.is_some() {
                return Err(syn::Error::new(
                    field.span(),
                    "tuple-struct fields are read by position: `item`/`attribute` do not apply",
                ));
            }
            quote!(#p::Source::Index(#i))
        };
        let extract = if let Some(path) = &fo.from_py_with {
            let f = format_ident!("__bind_from_py_with_{}_{}", tag, i);
            glue_fns.push(quote! {
                unsafe fn #f(
                    obj: &::bind::Owned<'_, ::bind::types::PyAny>,
                    out: *mut u8,
                ) -> ::bind::PyResult<()> {
                    let value: #ty = #path(obj)?;
                    // SAFETY: `out` is the field's slot in the shadow tuple (engine contract).
                    unsafe { out.cast::<#ty>().write(value) };
                    ::core::result::Result::Ok(())
                }
            });
            quote!(#f)
        } else if fo.serde {
            quote!(#p::glue::extract_serde_at::<#ty>)
        } else {
            quote!(#p::glue::extract_at::<#ty>)
        };
        let default = if fo.default {
            quote!(::core::option::Option::Some(#p::glue::default_at::<#ty>))
        } else {
            quote!(::core::option::Option::None)
        };
        entries.push(quote! {
            #p::FieldIn {
                source: #source,
                offset: ::core::mem::offset_of!(#shadow_ty, #idx),
                extract: #extract,
                drop: #p::glue::drop_at::<#ty>,
                default: #default,
            }
        });
    }
    let seq_len = if matches!(fields, syn::Fields::Unnamed(_)) && !transparent {
        let n = fields.len();
        quote!(::core::option::Option::Some(#n))
    } else {
        quote!(::core::option::Option::None)
    };
    let build = match fields {
        syn::Fields::Named(named) => {
            let parts = named.named.iter().enumerate().map(|(i, f)| {
                let ident = f.ident.as_ref().expect("named");
                let idx = syn::Index::from(i);
                quote!(#ident: __shadow.#idx)
            });
            quote!(#ctor { #(#parts,)* })
        }
        _ => {
            let parts = (0..fields.len()).map(syn::Index::from);
            quote!(#ctor ( #(__shadow.#parts,)* ))
        }
    };
    let items = quote! {
        type #shadow_ty = #shadow;
        #(#glue_fns)*
        static #desc: #p::StructIn = #p::StructIn {
            name: #display,
            seq_len: #seq_len,
            fields: &[#(#entries,)*],
        };
    };
    let s = quote!(::bind::__private::shape);
    let value_shape = quote! {
        #s::StructShape {
            input: &#desc,
            fields: &[#(#field_shapes,)*],
        }
    };
    Ok(Shape {
        items,
        build,
        shadow: quote!(#shadow_ty),
        desc,
        value_shape,
    })
}

/// The `FieldShape` of field `i`: its Rust name and a `fn` giving its shape (`Shaped`,
/// else the `FromPyObject` annotation, else `Any`; `Any` for `from_py_with`/`serde`).
fn field_shape(field: &syn::Field, i: usize, ty: &syn::Type, fo: &FieldOpts) -> TokenStream {
    let s = quote!(::bind::__private::shape);
    let name = field
        .ident
        .as_ref()
        .map_or_else(|| i.to_string(), ToString::to_string);
    let shape = if fo.from_py_with.is_some() || fo.serde {
        quote!(#s::Shape::Any)
    } else {
        quote! {{
            use #s::{ViaAny as _, ViaHint as _, ViaShaped as _};
            (&&#s::ShapeProbe::<#ty>::NEW).shape()
        }}
    };
    quote!(#s::FieldShape { name: #name, shape: || #shape })
}

/// Emits the code that fills `__shadow` for `s` from `obj` and evaluates to the value.
fn fill(s: &Shape) -> TokenStream {
    let p = quote!(::bind::__private::conv);
    let shadow = &s.shadow;
    let desc = &s.desc;
    let build = &s.build;
    quote! {{
        let mut __slot = ::core::mem::MaybeUninit::<#shadow>::uninit();
        // SAFETY: the descriptor was built from this shadow tuple's offsets and types.
        unsafe { #p::extract_struct(obj, &#desc, __slot.as_mut_ptr().cast::<u8>())? };
        // SAFETY: `extract_struct` succeeded, so every field is initialized.
        let __shadow = unsafe { __slot.assume_init() };
        #build
    }}
}

/// The `derive(FromPyObject)` entry point.
pub fn expand(input: syn::DeriveInput) -> syn::Result<TokenStream> {
    let name = &input.ident;
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new(
            input.generics.span(),
            "derive(FromPyObject) does not support generic types yet",
        ));
    }
    let opts = type_opts(&input.attrs)?;
    let p = quote!(::bind::__private::conv);
    if opts.serde {
        return Ok(quote! {
            const _: () = {
                impl<'__a, '__py> ::bind::FromPyObject<'__a, '__py> for #name {
                    fn extract(
                        obj: &'__a ::bind::Owned<'__py, ::bind::types::PyAny>,
                    ) -> ::bind::PyResult<Self> {
                        ::bind::__private::serde_bridge::from_py(obj)
                    }
                }
            };
        });
    }
    let sp = quote!(::bind::__private::shape);
    // Descriptors and glue sit beside the impls (not inside `extract`), so that the
    // `Shaped` impl can link them.
    let (items, body) = match &input.data {
        syn::Data::Struct(data) => {
            let s = shape(&quote!(#name), &name.to_string(), &data.fields, &opts, "S")?;
            let s_items = &s.items;
            let value_shape = &s.value_shape;
            let value = fill(&s);
            let items = quote! {
                #s_items
                static __BIND_SHAPE: #sp::StructShape = #value_shape;
                impl #sp::Shaped for #name {
                    const SHAPE: #sp::Shape = #sp::Shape::Struct(|| &__BIND_SHAPE);
                }
            };
            (items, quote!(::core::result::Result::Ok(#value)))
        }
        syn::Data::Enum(data) => {
            let mut items = Vec::new();
            let mut variants = Vec::new();
            let mut variant_shapes = Vec::new();
            for (i, v) in data.variants.iter().enumerate() {
                let vopts = type_opts(&v.attrs)?;
                let vopts = TypeOpts {
                    from_item_all: vopts.from_item_all || opts.from_item_all,
                    ..vopts
                };
                let ident = &v.ident;
                let tag = format!("V{i}");
                let s = shape(
                    &quote!(#name::#ident),
                    &format!("{name}::{ident}"),
                    &v.fields,
                    &vopts,
                    &tag,
                )
                .map_err(|e| syn::Error::new(v.span(), e.to_string()))?;
                let f = format_ident!("__bind_variant_{}", i);
                variant_shapes.push(s.value_shape.clone());
                let s_items = &s.items;
                let value = fill(&s);
                items.push(quote! {
                    #s_items
                    unsafe fn #f(
                        obj: &::bind::Owned<'_, ::bind::types::PyAny>,
                        out: *mut u8,
                    ) -> ::bind::PyResult<()> {
                        let value: #name = #value;
                        // SAFETY: `out` is valid for writing the enum (engine contract).
                        unsafe { out.cast::<#name>().write(value) };
                        ::core::result::Result::Ok(())
                    }
                });
                let shown = vopts.annotation.unwrap_or_else(|| ident.to_string());
                variants.push(quote!(#p::VariantIn { name: #shown, extract: #f }));
            }
            let display = name.to_string();
            let items = quote! {
                #(#items)*
                static __BIND_ENUM: #p::EnumIn = #p::EnumIn {
                    name: #display,
                    variants: &[#(#variants,)*],
                };
                static __BIND_SHAPE: #sp::EnumShape = #sp::EnumShape {
                    input: &__BIND_ENUM,
                    variants: &[#(#variant_shapes,)*],
                };
                impl #sp::Shaped for #name {
                    const SHAPE: #sp::Shape = #sp::Shape::Enum(|| &__BIND_SHAPE);
                }
            };
            let body = quote! {
                let mut __slot = ::core::mem::MaybeUninit::<#name>::uninit();
                // SAFETY: every variant's glue writes a whole `#name` on success only.
                unsafe { #p::extract_enum(obj, &__BIND_ENUM, __slot.as_mut_ptr().cast::<u8>())? };
                // SAFETY: `extract_enum` succeeded, so a variant was written.
                ::core::result::Result::Ok(unsafe { __slot.assume_init() })
            };
            (items, body)
        }
        syn::Data::Union(u) => {
            return Err(syn::Error::new(
                u.union_token.span(),
                "derive(FromPyObject) does not support unions",
            ))
        }
    };
    Ok(quote! {
        const _: () = {
            #items
            impl<'__a, '__py> ::bind::FromPyObject<'__a, '__py> for #name {
                fn extract(
                    obj: &'__a ::bind::Owned<'__py, ::bind::types::PyAny>,
                ) -> ::bind::PyResult<Self> {
                    #body
                }
            }
        };
    })
}
