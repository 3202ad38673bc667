//! `#[methods]` on an impl block: parse each item (constructor, methods, class and static
//! methods, properties, class attributes, magic methods), then emit the block's
//! [`ImplItems`] descriptor and the typed glue (as hidden associated functions, so that
//! `Self` keeps working in parameter types).
mod dunders;
mod emit;
mod magic;

use crate::util::doc_text;
use darling::ast::NestedMeta;
use darling::FromMeta;
use proc_macro2::TokenStream;
use syn::spanned::Spanned;

/// Options of `#[methods(...)]`.
#[derive(Debug, Default, FromMeta)]
struct MethodsOptions {
    /// Which block of the class this is (0 to 3); each block needs its own number.
    #[darling(default)]
    part: Option<darling::util::SpannedValue<usize>>,
    /// `sequence`: `__len__`/`__getitem__`/… fill the sequence slots (integer indices).
    #[darling(default)]
    sequence: bool,
    /// `mapping`: `match` treats instances as mappings.
    #[darling(default)]
    mapping: bool,
    /// `unhashable`: `hash()` raises `TypeError`.
    #[darling(default)]
    unhashable: bool,
}

/// What an item in the block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Role {
    Constructor,
    Method,
    ClassMethod,
    StaticMethod,
    Getter(String),
    Setter(String),
    /// `#[deleter]`: `del obj.name`.
    Deleter(String),
    ClassAttr,
    /// A magic method (the engine maps it to type slots).
    Magic(&'static dunders::DunderInfo),
}

impl Role {
    /// The attribute that gives this role, for error messages.
    fn attribute(&self) -> &'static str {
        match self {
            Role::Constructor => "#[new]",
            Role::Method => "a method",
            Role::ClassMethod => "#[classmethod]",
            Role::StaticMethod => "#[staticmethod]",
            Role::Getter(_) => "#[getter]",
            Role::Setter(_) => "#[setter]",
            Role::Deleter(_) => "#[deleter]",
            Role::ClassAttr => "#[classattr]",
            Role::Magic(_) => "a magic method",
        }
    }
}

/// One function of the block, classified.
pub(crate) struct Item {
    pub role: Role,
    pub func: syn::ImplItemFn,
    /// The Python name (`#[bind(name = "...")]` or the Rust name).
    pub py_name: String,
    pub doc: String,
    /// `#[bind(signature = (...))]`, taken once by the emitter.
    pub signature: std::cell::Cell<Option<crate::signature::SignatureOption>>,
    /// `#[bind(hint(param = "annotation", returns = "annotation"))]` for the stubs.
    pub hints: crate::hints::HintOverrides,
}

/// The attributes `#[methods]` understands on items (removed from the output).
const MARKERS: &[&str] = &[
    "new",
    "classmethod",
    "staticmethod",
    "getter",
    "setter",
    "deleter",
    "classattr",
    "bind",
];

fn marker_arg(attr: &syn::Attribute) -> syn::Result<Option<String>> {
    match &attr.meta {
        syn::Meta::Path(_) => Ok(None),
        syn::Meta::List(list) => {
            let ident: syn::Ident = syn::parse2(list.tokens.clone())?;
            Ok(Some(ident.to_string()))
        }
        syn::Meta::NameValue(nv) => Err(syn::Error::new(
            nv.span(),
            "expected `#[getter]` or `#[getter(name)]`",
        )),
    }
}

/// The guide's naming rules: `#[getter(name)]`, else the method name without `get_`/`set_`.
fn property_name(func: &syn::ImplItemFn, explicit: Option<String>, prefix: &str) -> String {
    explicit.unwrap_or_else(|| {
        let name = func.sig.ident.to_string();
        name.strip_prefix(prefix).unwrap_or(&name).to_owned()
    })
}

fn classify(func: &mut syn::ImplItemFn, errors: &mut darling::error::Accumulator) -> Option<Item> {
    let mut role: Option<(Role, proc_macro2::Span)> = None;
    let mut py_name: Option<String> = None;
    let mut signature = None;
    let mut hints = crate::hints::HintOverrides::new();
    let mut plain = false;
    let mut set_role =
        |r: Role, span: proc_macro2::Span, errors: &mut darling::error::Accumulator| {
            if let Some((prev, _)) = &role {
                errors.push(
                    darling::Error::custom(format!(
                        "conflicting attributes: this method is already marked {}; keep one \
                         of {} and {}",
                        prev.attribute(),
                        prev.attribute(),
                        r.attribute()
                    ))
                    .with_span(&span),
                );
            } else {
                role = Some((r, span));
            }
        };
    let mut kept = Vec::new();
    for attr in std::mem::take(&mut func.attrs) {
        let Some(ident) = attr.path().get_ident().map(|i| i.to_string()) else {
            kept.push(attr);
            continue;
        };
        if !MARKERS.contains(&ident.as_str()) {
            kept.push(attr);
            continue;
        }
        let span = attr.path().span();
        match ident.as_str() {
            "new" => set_role(Role::Constructor, span, errors),
            "classmethod" => set_role(Role::ClassMethod, span, errors),
            "staticmethod" => set_role(Role::StaticMethod, span, errors),
            "classattr" => set_role(Role::ClassAttr, span, errors),
            "getter" | "setter" | "deleter" => match marker_arg(&attr) {
                Ok(arg) => {
                    let r = match ident.as_str() {
                        "getter" => Role::Getter(property_name(func, arg, "get_")),
                        "setter" => Role::Setter(property_name(func, arg, "set_")),
                        _ => Role::Deleter(property_name(func, arg, "del_")),
                    };
                    set_role(r, span, errors);
                }
                Err(e) => errors.push(e.into()),
            },
            "bind" => {
                let tokens = match &attr.meta {
                    syn::Meta::List(list) => list.tokens.clone(),
                    _ => {
                        errors.push(
                            darling::Error::custom("expected `#[bind(...)]`").with_span(&attr),
                        );
                        continue;
                    }
                };
                match crate::signature::take_signature_option(tokens) {
                    Ok((rest, sig)) => {
                        signature = sig;
                        #[derive(Default, FromMeta)]
                        struct ItemOptions {
                            #[darling(default)]
                            name: Option<String>,
                            #[darling(default)]
                            hint: crate::hints::HintOverrides,
                            /// A deliberate plain method with a dunder name.
                            #[darling(default)]
                            plain: bool,
                        }
                        match NestedMeta::parse_meta_list(rest)
                            .map_err(darling::Error::from)
                            .and_then(|l| ItemOptions::from_list(&l))
                        {
                            Ok(o) => {
                                py_name = o.name;
                                hints = o.hint;
                                plain |= o.plain;
                            }
                            Err(e) => errors.push(e.with_span(&attr)),
                        }
                    }
                    Err(e) => errors.push(e.into()),
                }
            }
            _ => unreachable!(),
        }
    }
    func.attrs = kept;
    let rust_name = func.sig.ident.to_string();
    let rust_name = rust_name.trim_start_matches("r#").to_owned();
    let role = match role {
        Some((r, _)) => r,
        None if plain => Role::Method,
        None => match dunders::classify(&rust_name) {
            dunders::NameKind::Magic(info) => Role::Magic(info),
            dunders::NameKind::Plain => Role::Method,
            dunders::NameKind::Refused(why) => {
                errors.push(
                    darling::Error::custom(format!("`{rust_name}` is not supported: {why}"))
                        .with_span(&func.sig.ident),
                );
                Role::Method
            }
            dunders::NameKind::Unknown if dunders::suggestion(&rust_name).is_some() => {
                errors.push(
                    darling::Error::custom(format!(
                        "`{rust_name}` is not a magic method: did you mean `{}`? (For a plain \
                         method of this name, mark it `#[bind(plain)]`.)",
                        dunders::suggestion(&rust_name).unwrap_or_default()
                    ))
                    .with_span(&func.sig.ident),
                );
                Role::Method
            }
            dunders::NameKind::Unknown => {
                errors.push(
                    darling::Error::custom(format!(
                        "`{rust_name}` is not a magic method bind knows; the supported ones \
                         are {}. For a plain method of this name, mark it \
                         `#[bind(plain)]`",
                        dunders::supported_list()
                    ))
                    .with_span(&func.sig.ident),
                );
                Role::Method
            }
        },
    };
    let doc = doc_text(&func.attrs);
    Some(Item {
        role,
        py_name: py_name.unwrap_or(rust_name),
        doc,
        signature: std::cell::Cell::new(signature),
        hints,
        func: func.clone(),
    })
}

pub fn expand(attr: TokenStream, item: TokenStream) -> darling::Result<TokenStream> {
    let options = MethodsOptions::from_list(&NestedMeta::parse_meta_list(attr)?)?;
    let mut block: syn::ItemImpl = syn::parse2(item)?;
    let mut errors = darling::Error::accumulator();
    if let Some(part) = &options.part {
        if **part >= 4 {
            errors.push(
                darling::Error::custom(
                    "`part` must be 0, 1, 2 or 3 (a class has at most four #[methods] blocks)",
                )
                .with_span(&part.span()),
            );
        }
    }
    if let Some((path, _)) = &block.trait_ {
        errors.push(
            darling::Error::custom(
                "#[methods] goes on an inherent impl block (`impl MyClass { ... }`), not on a \
                 trait impl",
            )
            .with_span(path),
        );
    } else if !block.generics.params.is_empty() {
        errors.push(
            darling::Error::custom("#[methods] goes on an inherent, non-generic impl block")
                .with_span(&block.impl_token),
        );
    }
    let mut items = Vec::new();
    let mut consts = Vec::new();
    for it in &mut block.items {
        match it {
            syn::ImplItem::Fn(func) => {
                if let Some(item) = classify(func, &mut errors) {
                    items.push(item);
                }
            }
            syn::ImplItem::Const(c) => {
                let before = c.attrs.len();
                c.attrs.retain(|a| !a.path().is_ident("classattr"));
                if c.attrs.len() != before {
                    consts.push(c.ident.clone());
                }
            }
            _ => {}
        }
    }
    errors.finish()?;
    let flags = emit::ProtocolOptions {
        sequence: options.sequence,
        mapping: options.mapping,
        unhashable: options.unhashable,
    };
    emit::emit(
        &block,
        options.part.map_or(0, |p| *p),
        &items,
        &consts,
        &flags,
    )
}
