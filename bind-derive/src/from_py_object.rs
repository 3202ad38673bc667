//! `derive(FromPyObject)`: parse the type's `#[bind(...)]` options, check them, emit a
//! `'static` extraction descriptor (`StructIn` / `EnumIn`) plus the glue that builds the
//! value from its shadow tuple. The engine (bind-core's `engine::describe`) does the work;
//! the generated code calls only its safe entry points and holds one `unsafe impl` per
//! struct or variant (see `shape`). The type also gets a `Shaped` impl
//! (`StructShape`/`EnumShape`: the descriptor plus each field's shape), which value
//! generators such as bind-fuzz-kit read.
//!
//! Options (the guide's semantics):
//! - type: `transparent` (one field, extracted directly), `from_item_all` (every field by
//!   key), `serde` (the whole type through the serde bridge), `annotation = "..."` (on enum
//!   variants: the name shown in the error listing the variants).
//! - field: `attribute`, `attribute("name")`, `item`, `item("key")`, `item(0)`,
//!   `item((1, "a"))` (integer, bool and tuple keys), `default`,
//!   `from_py_with = path` (a `fn(&Owned<PyAny>) -> PyResult<T>`), `serde`.
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
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

/// Names `__BindField<tag>_<i>` for the field types of a shape.
pub(crate) fn field_aliases(fields: &syn::Fields, tag: &str) -> Vec<syn::Ident> {
    (0..fields.len())
        .map(|i| format_ident!("__BindField{}_{}", tag, i))
        .collect()
}

/// `type <alias> = <field type>;` for each field (spanned at the type, for errors).
pub(crate) fn alias_items(fields: &syn::Fields, aliases: &[syn::Ident]) -> TokenStream {
    let defs = fields.iter().zip(aliases).map(|(field, alias)| {
        let ty = &field.ty;
        quote_spanned!(ty.span()=> type #alias = #ty;)
    });
    quote!(#(#defs)*)
}

/// The emitted pieces for one struct-like shape (a struct or one enum variant).
struct Shape {
    /// Items for the derive's `const _` block: the shadow tuple type, the `from_py_with`
    /// glue, the marker type and its `FromPyShape` impl.
    items: TokenStream,
    /// An expression of the value, built from `__shadow` (the filled shadow tuple).
    build: TokenStream,
    /// The marker type implementing `FromPyShape`.
    marker: syn::Ident,
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
    let marker = format_ident!("__BindShape{}", tag);
    let shadow_ty = format_ident!("__BindShadow{}", tag);
    // Each field type is written once, as an alias that the shadow tuple and the glue
    // both name: even a type macro expanding differently each time cannot make them differ.
    let aliases = field_aliases(fields, tag);
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
    let mut glue_items = Vec::new();
    let mut field_shapes = Vec::new();
    for (i, (field, alias)) in fields.iter().zip(&aliases).enumerate() {
        let fo = field_opts(&field.attrs)?;
        let idx = syn::Index::from(i);
        field_shapes.push(field_shape(field, i, alias, &fo));
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
            // A marker per field whose safe `ExtractWith` impl calls the user's function;
            // the engine's glue writes its `Value` (the field's type).
            let with = format_ident!("__BindWith{}_{}", tag, i);
            glue_items.push(quote_spanned! {path.span()=>
                struct #with;
                impl #p::glue::ExtractWith for #with {
                    type Value = #alias;
                    #[inline]
                    fn extract(
                        obj: &::bind::Owned<'_, ::bind::types::PyAny>,
                    ) -> ::bind::PyResult<#alias> {
                        #path(obj)
                    }
                }
            });
            quote!(#p::glue::extract_with::<#with>)
        } else if fo.serde {
            quote_spanned!(field.ty.span()=> #p::glue::extract_with::<#p::SerdeField<#alias>>)
        } else {
            quote_spanned!(field.ty.span()=> #p::glue::init_field::<#alias>)
        };
        let default = if fo.default {
            let write = quote_spanned! {field.ty.span()=>
                #p::glue::write_default::<#p::glue::DefaultOf<#alias>>
            };
            quote!(::core::option::Option::Some(#write))
        } else {
            quote!(::core::option::Option::None)
        };
        entries.push(quote! {
            #p::FieldIn {
                source: #source,
                offset: ::core::mem::offset_of!(#shadow_ty, #idx),
                extract: #extract,
                drop: #p::glue::drop_erased::<#alias>,
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
    // The one `unsafe` of this derive. Sound because every entry is made here from one
    // field: its offset is `offset_of!` of that field in the shadow tuple, and its glue is
    // instantiated with the alias the tuple names for that field (`from_py_with` through
    // a marker whose `Value` is the alias), so each field is listed once, at its offset,
    // with glue for its type — the `FromPyShape` contract. No user code can change a table.
    let alias_defs = alias_items(fields, &aliases);
    let items = quote! {
        #alias_defs
        type #shadow_ty = (#(#aliases,)*);
        #(#glue_items)*
        struct #marker;
        unsafe impl #p::FromPyShape for #marker {
            type Shadow = #shadow_ty;
            const DESC: &'static #p::StructIn = &#p::StructIn {
                name: #display,
                seq_len: #seq_len,
                fields: &[#(#entries,)*],
            };
        }
    };
    let s = quote!(::bind::__private::shape);
    let value_shape = quote! {
        #s::StructShape {
            input: <#marker as #p::FromPyShape>::DESC,
            fields: &[#(#field_shapes,)*],
        }
    };
    Ok(Shape {
        items,
        build,
        marker,
        value_shape,
    })
}

/// The `FieldShape` of field `i`: its Rust name and a `fn` giving its shape (`Shaped`,
/// else the `FromPyObject` annotation, else `Any`; `Any` for `from_py_with`/`serde`).
/// `ty` is the field's type alias (the type written once).
fn field_shape(field: &syn::Field, i: usize, ty: &syn::Ident, fo: &FieldOpts) -> TokenStream {
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

/// The expression of the value of `s` extracted from `obj` (returning its error).
fn fill(s: &Shape) -> TokenStream {
    let p = quote!(::bind::__private::conv);
    let marker = &s.marker;
    let build = &s.build;
    quote! {{
        let __shadow = #p::extract_struct::<#marker>(obj)?;
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
                    fn #f(
                        obj: &::bind::Owned<'_, ::bind::types::PyAny>,
                    ) -> ::bind::PyResult<#name> {
                        ::core::result::Result::Ok(#value)
                    }
                });
                let shown = vopts.annotation.unwrap_or_else(|| ident.to_string());
                variants.push(quote!(#p::VariantIn { name: #shown, extract: #f }));
            }
            let display = name.to_string();
            let items = quote! {
                #(#items)*
                static __BIND_ENUM: #p::EnumIn<#name> = #p::EnumIn {
                    name: #display,
                    variants: &[#(#variants,)*],
                };
                static __BIND_SHAPE: #sp::EnumShape = #sp::EnumShape {
                    name: #display,
                    variants: &[#(#variant_shapes,)*],
                };
                impl #sp::Shaped for #name {
                    const SHAPE: #sp::Shape = #sp::Shape::Enum(|| &__BIND_SHAPE);
                }
            };
            (items, quote!(#p::extract_enum(obj, &__BIND_ENUM)))
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
