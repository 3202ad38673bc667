//! The `signature = (...)` option and everything derived from a Rust signature: the
//! Python parameters (model), their checks, and the emitted `Signature` descriptor, text
//! signature, argument-extraction glue and return conversion.
//!
//! Shared by every callable: `#[function]` uses it with [`Receiver::module`]; methods use
//! [`Receiver::SELF`], [`Receiver::CLS`] or [`Receiver::STATIC`].
//!
//! ```text
//! let analysis = signature::analyze(&item.sig, option, Receiver::SELF)?;
//! let sig_expr = analysis.emit_signature("Point.scale");   // in a `static` initializer
//! let args = analysis.emit_call_args(&parsed, &gil);       // one expr per Rust input
//! let text = analysis.text_signature("scale");             // "scale($self, factor=2.0)"
//! ```
use crate::util::is_named;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Ident, Token};

/// `Some(mutable)` when `ty` is `&Self` or `&mut Self` (an instance of the class borrowed
/// for the call), `None` otherwise.
fn self_ref(ty: &syn::Type) -> Option<bool> {
    match ty {
        syn::Type::Reference(r) => match &*r.elem {
            syn::Type::Path(p) if p.qself.is_none() && p.path.is_ident("Self") => {
                Some(r.mutability.is_some())
            }
            _ => None,
        },
        _ => None,
    }
}

/// The local holding the guard of parameter `i`.
fn holder_ident(i: usize) -> Ident {
    quote::format_ident!("__bind_borrowed_{}", i)
}

/// One item of `signature = (...)`.
#[derive(Debug)]
pub enum SigItem {
    /// `name` or `name = default`.
    Param {
        /// The parameter (a Rust parameter of the same name).
        name: Ident,
        /// The default, a Rust expression of the parameter's type.
        default: Option<syn::Expr>,
    },
    /// `/`: the parameters before it are positional-only.
    Slash(Span),
    /// `*`: the parameters after it are keyword-only.
    Star(Span),
    /// `*name`: extra positional arguments (a tuple).
    VarArgs(Ident),
    /// `**name`: extra keyword arguments (a dict).
    VarKwargs(Ident),
}

impl Parse for SigItem {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(Token![/]) {
            let slash: Token![/] = input.parse()?;
            return Ok(SigItem::Slash(slash.span));
        }
        if input.peek(Token![*]) {
            let star: Token![*] = input.parse()?;
            if input.peek(Token![*]) {
                let _: Token![*] = input.parse()?;
                return Ok(SigItem::VarKwargs(input.call(Ident::parse_any)?));
            }
            if input.peek(Ident::peek_any) {
                return Ok(SigItem::VarArgs(input.call(Ident::parse_any)?));
            }
            return Ok(SigItem::Star(star.span));
        }
        let name = input.call(Ident::parse_any)?;
        let default = if input.peek(Token![=]) {
            let _: Token![=] = input.parse()?;
            Some(input.parse()?)
        } else {
            None
        };
        Ok(SigItem::Param { name, default })
    }
}

/// The parsed `signature = (...)` option.
#[derive(Debug)]
pub struct SignatureOption {
    /// The items, in order.
    pub items: Vec<SigItem>,
    /// The span of the parenthesised list, for errors.
    pub span: Span,
}

impl SignatureOption {
    /// Parses the tokens inside the parentheses.
    pub fn parse(tokens: TokenStream, span: Span) -> syn::Result<SignatureOption> {
        let items =
            syn::parse::Parser::parse2(Punctuated::<SigItem, Token![,]>::parse_terminated, tokens)?;
        Ok(SignatureOption {
            items: items.into_iter().collect(),
            span,
        })
    }
}

/// Splits `signature = (...)` out of an attribute's argument tokens (the rest, for
/// darling, is returned unchanged). `signature = (...)` is not a Rust expression (`/`,
/// `*args`), so it cannot go through darling.
pub fn take_signature_option(
    attr: TokenStream,
) -> syn::Result<(TokenStream, Option<SignatureOption>)> {
    let tokens: Vec<TokenTree> = attr.into_iter().collect();
    let mut rest = Vec::new();
    let mut found = None;
    let mut i = 0;
    while i < tokens.len() {
        let is_signature = matches!(&tokens[i], TokenTree::Ident(id) if id == "signature")
            && matches!(tokens.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '=');
        if is_signature {
            let Some(TokenTree::Group(group)) = tokens.get(i + 2) else {
                return Err(syn::Error::new(
                    tokens[i].span(),
                    "expected `signature = (a, b = 1, /, *, c, *args, **kwargs)`",
                ));
            };
            if group.delimiter() != proc_macro2::Delimiter::Parenthesis {
                return Err(syn::Error::new(
                    group.span(),
                    "the signature is a parenthesised list: `signature = (a, b = 1)`",
                ));
            }
            if found.is_some() {
                return Err(syn::Error::new(
                    tokens[i].span(),
                    "`signature` given more than once",
                ));
            }
            found = Some(SignatureOption::parse(group.stream(), group.span())?);
            i += 3;
            // Drop the separating comma, if any.
            if matches!(tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ',') {
                i += 1;
            }
            continue;
        }
        rest.push(tokens[i].clone());
        i += 1;
    }
    Ok((rest.into_iter().collect(), found))
}

/// What precedes the Python parameters: how the text signature starts and how many
/// leading typed Rust inputs are not Python parameters (the caller passes them).
#[derive(Debug, Copy, Clone)]
pub struct Receiver {
    /// `$module`, `$self`, `$cls`, or nothing (static methods, constructors).
    pub text_prefix: Option<&'static str>,
    /// Leading typed inputs skipped (a `cls` or module parameter); `self` receivers are
    /// always skipped.
    pub skip_typed: usize,
}

impl Receiver {
    /// A module-level function; `pass_module`: its first parameter receives the module.
    pub const fn module(pass_module: bool) -> Receiver {
        Receiver {
            text_prefix: Some("$module"),
            skip_typed: if pass_module { 1 } else { 0 },
        }
    }
    /// An instance method (`&self`, `&mut self`).
    #[allow(dead_code)]
    pub const SELF: Receiver = Receiver {
        text_prefix: Some("$self"),
        skip_typed: 0,
    };
    /// A class method: the first typed input receives the class.
    #[allow(dead_code)]
    pub const CLS: Receiver = Receiver {
        text_prefix: Some("$cls"),
        skip_typed: 1,
    };
    /// A static method or constructor.
    #[allow(dead_code)]
    pub const STATIC: Receiver = Receiver {
        text_prefix: None,
        skip_typed: 0,
    };
}

/// `inspect.Parameter.kind`.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Before `/`.
    PositionalOnly,
    /// Positional or keyword.
    PositionalOrKeyword,
    /// After `*`.
    KeywordOnly,
}

/// A named Python parameter.
#[derive(Debug)]
pub struct PyParam {
    /// The Python name.
    pub name: String,
    /// Its kind.
    pub kind: Kind,
    /// The default (`None` for required parameters).
    pub default: Option<Default>,
    /// The Rust type.
    pub ty: syn::Type,
}

/// A parameter's default.
#[derive(Debug)]
pub enum Default {
    /// A Rust expression.
    Expr(syn::Expr),
    /// Implicit `None` of a trailing `Option<T>` (no signature option given).
    None,
}

/// What each (non-skipped) Rust input receives.
#[derive(Debug)]
pub enum Input {
    /// The GIL token.
    Gil,
    /// The named Python parameter at this index.
    Param(usize),
    /// `*args`.
    VarArgs { name: String, ty: syn::Type },
    /// `**kwargs`.
    VarKwargs { name: String, ty: syn::Type },
}

/// The analysed signature of one callable.
#[derive(Debug)]
pub struct Analysis {
    /// Named Python parameters, in order.
    pub params: Vec<PyParam>,
    /// One entry per Rust input after the receiver and skipped inputs.
    pub inputs: Vec<Input>,
    /// Whether `*args` is present (and its name).
    pub var_args: Option<String>,
    /// Whether `**kwargs` is present (and its name).
    pub var_kwargs: Option<String>,
    /// Where the text signature prefix comes from.
    pub receiver: Receiver,
    /// The Rust return type.
    pub output: syn::ReturnType,
}

fn python_name(ident: &Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").unwrap_or(&name).to_owned()
}

/// Analyses `sig` (with the optional `signature = (...)` option) into Python parameters,
/// reporting every problem at once.
pub fn analyze(
    sig: &syn::Signature,
    option: Option<SignatureOption>,
    receiver: Receiver,
) -> syn::Result<Analysis> {
    let mut errors: Option<syn::Error> = None;
    let mut push = |e: syn::Error| match &mut errors {
        Some(all) => all.combine(e),
        None => errors = Some(e),
    };

    // The Rust inputs that become Python parameters (or the GIL token).
    let mut rust: Vec<(String, &syn::Type, Span)> = Vec::new();
    let mut rust_inputs = Vec::new(); // (Some(index in `rust`)) or Gil
    let mut skipped = 0;
    for input in &sig.inputs {
        let syn::FnArg::Typed(pat_type) = input else {
            continue;
        };
        if skipped < receiver.skip_typed {
            skipped += 1;
            continue;
        }
        if is_named(&pat_type.ty, "Gil") {
            rust_inputs.push(None);
            continue;
        }
        let syn::Pat::Ident(ident) = &*pat_type.pat else {
            push(syn::Error::new(
                pat_type.pat.span(),
                "parameters must be plain names (`x: T`), not patterns",
            ));
            continue;
        };
        rust_inputs.push(Some(rust.len()));
        rust.push((python_name(&ident.ident), &pat_type.ty, ident.ident.span()));
    }
    if skipped < receiver.skip_typed {
        push(syn::Error::new(
            sig.span(),
            "missing the leading parameter that receives the module or class",
        ));
    }

    let mut params: Vec<PyParam> = Vec::new();
    let mut var_args = None;
    let mut var_kwargs = None;
    // Where each Rust parameter went: named param index, or var args/kwargs.
    enum Dest {
        Param(usize),
        VarArgs,
        VarKwargs,
    }
    let mut dest: Vec<Option<Dest>> = (0..rust.len()).map(|_| None).collect();

    match option {
        None => {
            // All positional-or-keyword; trailing `Option<T>` default to None.
            let first_defaulted = rust
                .iter()
                .rposition(|(_, ty, _)| !is_named(ty, "Option"))
                .map_or(0, |i| i + 1);
            for (i, (name, ty, _)) in rust.iter().enumerate() {
                dest[i] = Some(Dest::Param(params.len()));
                params.push(PyParam {
                    name: name.clone(),
                    kind: Kind::PositionalOrKeyword,
                    default: (i >= first_defaulted).then_some(Default::None),
                    ty: (*ty).clone(),
                });
            }
        }
        Some(option) => {
            let mut kind = Kind::PositionalOrKeyword;
            let mut seen_slash = false;
            let mut seen_star = false;
            let mut seen_default = false;
            let mut next_rust = 0usize;
            let mut bind = |name: &Ident, push: &mut dyn FnMut(syn::Error)| -> Option<usize> {
                let text = python_name(name);
                match rust[next_rust..].iter().position(|(n, _, _)| *n == text) {
                    Some(0) => {
                        next_rust += 1;
                        Some(next_rust - 1)
                    }
                    Some(_) => {
                        push(syn::Error::new(
                            name.span(),
                            "signature parameters must be in the order of the function's parameters",
                        ));
                        None
                    }
                    None => {
                        let message = if rust.iter().any(|(n, _, _)| *n == text) {
                            format!("`{text}` appears twice or out of order in the signature")
                        } else {
                            format!("the function has no parameter named `{text}`")
                        };
                        push(syn::Error::new(name.span(), message));
                        None
                    }
                }
            };
            for item in &option.items {
                if var_kwargs.is_some() {
                    push(syn::Error::new(
                        item_span(item),
                        "nothing may follow `**kwargs` in a signature",
                    ));
                    break;
                }
                match item {
                    SigItem::Slash(span) => {
                        if seen_slash || seen_star || params.is_empty() {
                            push(syn::Error::new(
                                *span,
                                "`/` must follow at least one parameter, once, before `*`",
                            ));
                        }
                        seen_slash = true;
                        for p in &mut params {
                            p.kind = Kind::PositionalOnly;
                        }
                    }
                    SigItem::Star(span) => {
                        if seen_star {
                            push(syn::Error::new(*span, "`*` given more than once"));
                        }
                        seen_star = true;
                        kind = Kind::KeywordOnly;
                    }
                    SigItem::VarArgs(name) => {
                        if seen_star {
                            push(syn::Error::new(
                                name.span(),
                                "`*args` cannot follow `*` or another `*args`",
                            ));
                        }
                        seen_star = true;
                        kind = Kind::KeywordOnly;
                        if let Some(i) = bind(name, &mut push) {
                            dest[i] = Some(Dest::VarArgs);
                            var_args = Some(python_name(name));
                        }
                    }
                    SigItem::VarKwargs(name) => {
                        if let Some(i) = bind(name, &mut push) {
                            dest[i] = Some(Dest::VarKwargs);
                            var_kwargs = Some(python_name(name));
                        }
                    }
                    SigItem::Param { name, default } => {
                        if kind != Kind::KeywordOnly {
                            if default.is_some() {
                                seen_default = true;
                            } else if seen_default {
                                push(syn::Error::new(
                                    name.span(),
                                    "a parameter without a default follows a parameter with a default",
                                ));
                            }
                        }
                        if let Some(i) = bind(name, &mut push) {
                            dest[i] = Some(Dest::Param(params.len()));
                            params.push(PyParam {
                                name: python_name(name),
                                kind,
                                default: default.clone().map(Default::Expr),
                                ty: rust[i].1.clone(),
                            });
                        }
                    }
                }
            }
            let bare_star = option.items.iter().any(|i| matches!(i, SigItem::Star(_)));
            if bare_star && !params.iter().any(|p| p.kind == Kind::KeywordOnly) {
                push(syn::Error::new(
                    option.span,
                    "a bare `*` must be followed by at least one keyword-only parameter",
                ));
            }
            for (i, (name, _, span)) in rust.iter().enumerate() {
                if dest[i].is_none() && !rust_missing_reported(&option, name) {
                    push(syn::Error::new(
                        *span,
                        format!("`{name}` is missing from the `signature` option"),
                    ));
                }
            }
        }
    }

    if let Some(errors) = errors {
        return Err(errors);
    }

    let inputs = rust_inputs
        .into_iter()
        .map(|input| match input {
            None => Input::Gil,
            Some(i) => match dest[i].as_ref().expect("checked above") {
                Dest::Param(p) => Input::Param(*p),
                Dest::VarArgs => Input::VarArgs {
                    name: rust[i].0.clone(),
                    ty: rust[i].1.clone(),
                },
                Dest::VarKwargs => Input::VarKwargs {
                    name: rust[i].0.clone(),
                    ty: rust[i].1.clone(),
                },
            },
        })
        .collect();
    Ok(Analysis {
        params,
        inputs,
        var_args,
        var_kwargs,
        receiver,
        output: sig.output.clone(),
    })
}

/// Whether `name` was mentioned in the option (then its error was already reported).
fn rust_missing_reported(option: &SignatureOption, name: &str) -> bool {
    option.items.iter().any(|item| match item {
        SigItem::Param { name: n, .. } | SigItem::VarArgs(n) | SigItem::VarKwargs(n) => {
            python_name(n) == name
        }
        _ => false,
    })
}

fn item_span(item: &SigItem) -> Span {
    match item {
        SigItem::Param { name, .. } | SigItem::VarArgs(name) | SigItem::VarKwargs(name) => {
            name.span()
        }
        SigItem::Slash(span) | SigItem::Star(span) => *span,
    }
}

/// The Python literal for a Rust default, when it has one (`...` otherwise).
fn python_literal(expr: &syn::Expr) -> String {
    match expr {
        syn::Expr::Lit(lit) => match &lit.lit {
            syn::Lit::Int(i) => i.base10_digits().to_owned(),
            syn::Lit::Float(f) => {
                let digits = f.base10_digits();
                if digits.contains(['.', 'e', 'E']) {
                    digits.to_owned()
                } else {
                    format!("{digits}.0")
                }
            }
            syn::Lit::Bool(b) => if b.value { "True" } else { "False" }.to_owned(),
            syn::Lit::Str(s) => python_str_literal(&s.value()),
            _ => "...".to_owned(),
        },
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => match python_literal(expr) {
            lit if lit != "..." && !lit.starts_with('\'') => format!("-{lit}"),
            _ => "...".to_owned(),
        },
        syn::Expr::Path(p) if p.path.is_ident("None") => "None".to_owned(),
        // `"x".to_owned()`, `"x".to_string()`, `1.into()`: the literal's value.
        syn::Expr::MethodCall(call)
            if call.args.is_empty()
                && ["to_owned", "to_string", "into"]
                    .iter()
                    .any(|m| call.method == m) =>
        {
            python_literal(&call.receiver)
        }
        // `String::from("x")`: the literal's value.
        syn::Expr::Call(call)
            if call.args.len() == 1
                && matches!(&*call.func, syn::Expr::Path(p)
                    if p.path.segments.last().is_some_and(|s| s.ident == "from")) =>
        {
            python_literal(&call.args[0])
        }
        syn::Expr::Group(g) => python_literal(&g.expr),
        syn::Expr::Paren(p) => python_literal(&p.expr),
        _ => "...".to_owned(),
    }
}

/// `'text'` with Python escapes.
fn python_str_literal(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

impl Analysis {
    /// The text signature CPython reads from the docstring's first line, e.g.
    /// `add($module, a, b=1, /, *args, c, **kwargs)`.
    pub fn text_signature(&self, py_name: &str) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(prefix) = self.receiver.text_prefix {
            parts.push(prefix.to_owned());
        }
        let mut slash_done = false;
        let mut star_done = false;
        for p in &self.params {
            if p.kind != Kind::PositionalOnly && !slash_done {
                if self.params[0].kind == Kind::PositionalOnly {
                    parts.push("/".to_owned());
                }
                slash_done = true;
            }
            if p.kind == Kind::KeywordOnly && !star_done {
                parts.push(match &self.var_args {
                    Some(name) => format!("*{name}"),
                    None => "*".to_owned(),
                });
                star_done = true;
            }
            parts.push(match &p.default {
                None => p.name.clone(),
                Some(Default::None) => format!("{}=None", p.name),
                Some(Default::Expr(e)) => format!("{}={}", p.name, python_literal(e)),
            });
        }
        if !slash_done
            && self
                .params
                .first()
                .is_some_and(|p| p.kind == Kind::PositionalOnly)
        {
            parts.push("/".to_owned());
        }
        if !star_done {
            if let Some(name) = &self.var_args {
                parts.push(format!("*{name}"));
            }
        }
        if let Some(name) = &self.var_kwargs {
            parts.push(format!("**{name}"));
        }
        format!("{py_name}({})", parts.join(", "))
    }

    /// The docstring CPython splits into `__text_signature__` and `__doc__`.
    pub fn doc_with_signature(&self, py_name: &str, doc: &str) -> String {
        format!("{}\n--\n\n{doc}", self.text_signature(py_name))
    }

    /// A `::bind::__private::Signature` expression, valid in a `static` initializer (it
    /// declares the static intern cells it refers to). `error_name` is how errors name the
    /// callable (`f`, `Class.method`).
    pub fn emit_signature(&self, error_name: &str) -> TokenStream {
        let params = self.params.iter().map(|p| {
            let name = &p.name;
            let kind = match p.kind {
                Kind::PositionalOnly => quote!(PositionalOnly),
                Kind::PositionalOrKeyword => quote!(PositionalOrKeyword),
                Kind::KeywordOnly => quote!(KeywordOnly),
            };
            let required = p.default.is_none();
            quote!(::bind::__private::Param {
                name: #name,
                kind: ::bind::__private::ParamKind::#kind,
                required: #required,
            })
        });
        let n = self.params.len();
        let var_args = self.var_args.is_some();
        let var_kwargs = self.var_kwargs.is_some();
        quote!({
            static NAMES: [::bind::__private::InternCell; #n] =
                [::bind::__private::InternCell::EMPTY; #n];
            ::bind::__private::Signature::new(
                #error_name,
                &[#(#params),*],
                #var_args,
                #var_kwargs,
            )
            .with_interned(&NAMES)
        })
    }

    /// `let` statements that borrow the instances passed as `other: &Self` / `&mut Self`
    /// (a `PyRef`/`PyRefMut` guard per such parameter, alive for the call); to be placed
    /// before the call whose arguments [`Analysis::emit_call_args`] gives.
    pub fn emit_arg_holders(&self, parsed: &Ident) -> Vec<TokenStream> {
        self.inputs
            .iter()
            .filter_map(|input| match input {
                Input::Param(i) => Some((*i, self_ref(&self.params[*i].ty)?)),
                _ => None,
            })
            .map(|(i, mutable)| {
                let p = &self.params[i];
                let (name, ty) = (&p.name, &p.ty);
                let holder = holder_ident(i);
                let (guard, binding) = if mutable {
                    (quote!(::bind::PyRefMut<'_, Self>), quote!(mut #holder))
                } else {
                    (quote!(::bind::PyRef<'_, Self>), quote!(#holder))
                };
                let no_default = p.default.as_ref().map(|_| {
                    quote_spanned! {ty.span()=>
                        ::core::compile_error!(
                            "a `&Self` / `&mut Self` parameter cannot have a default"
                        );
                    }
                });
                quote_spanned! {ty.span()=>
                    #no_default
                    let #binding =
                        ::bind::__private::extract_argument::<#guard>(#parsed.required(#i), #name)?;
                }
            })
            .collect()
    }

    /// A `&::bind::__private::SignatureHints` expression (valid in a `static` initializer)
    /// for `Signature::with_hints`: each parameter annotated from its type's
    /// `FromPyObject::TYPE_HINT`, the result from `IntoPyObject::TYPE_HINT` of what the
    /// function returns. `returns: None` leaves the result out (constructors); `self_ty`
    /// replaces `Self` in the types.
    /// `overrides` (the `hint(...)` option) replaces annotations by parameter name.
    pub fn emit_hints(
        &self,
        self_ty: Option<&syn::Type>,
        returns: Option<&syn::ReturnType>,
        overrides: &crate::hints::HintOverrides,
    ) -> TokenStream {
        let params = self.params.iter().map(|p| match overrides.get(&p.name) {
            Some(text) => crate::hints::text_hint(text),
            None => crate::hints::param_hint(&p.ty, self_ty),
        });
        let returns = match (returns, overrides.get(crate::hints::RETURNS)) {
            (Some(_), Some(text)) => {
                let hint = crate::hints::text_hint(text);
                quote!(::core::option::Option::Some(#hint))
            }
            (Some(output), None) => {
                let hint = crate::hints::return_hint(output, self_ty);
                quote!(::core::option::Option::Some(#hint))
            }
            (None, _) => quote!(::core::option::Option::None),
        };
        let var_args = self.var_args.as_deref().unwrap_or("args");
        let var_kwargs = self.var_kwargs.as_deref().unwrap_or("kwargs");
        quote!(&::bind::__private::SignatureHints {
            params: &[#(#params),*],
            returns: #returns,
            var_names: ::bind::__private::VarNames { args: #var_args, kwargs: #var_kwargs },
        })
    }

    /// One expression per Rust input (after the receiver and skipped inputs), reading the
    /// parsed arguments `parsed` (a `&ParsedArgs`) with the GIL token `gil`; each may use
    /// `?` (the enclosing function returns `PyResult`). `&Self`/`&mut Self` parameters
    /// read the guards of [`Analysis::emit_arg_holders`].
    pub fn emit_call_args(&self, parsed: &Ident, gil: &Ident) -> Vec<TokenStream> {
        self.inputs
            .iter()
            .map(|input| match input {
                Input::Gil => quote!(#gil),
                Input::Param(i) if self_ref(&self.params[*i].ty).is_some() => {
                    let holder = holder_ident(*i);
                    if self_ref(&self.params[*i].ty) == Some(true) {
                        quote!(&mut *#holder)
                    } else {
                        quote!(&*#holder)
                    }
                }
                Input::Param(i) => {
                    let p = &self.params[*i];
                    let (name, ty) = (&p.name, &p.ty);
                    let missing = match &p.default {
                        None => {
                            return quote_spanned! {ty.span()=>
                                ::bind::__private::extract_argument::<#ty>(#parsed.required(#i), #name)?
                            };
                        }
                        Some(Default::None) => quote!(::core::option::Option::None),
                        Some(Default::Expr(e)) => quote_spanned!(e.span()=> #e),
                    };
                    quote_spanned! {ty.span()=>
                        match #parsed.get(#i) {
                            ::core::option::Option::Some(obj) =>
                                ::bind::__private::extract_argument::<#ty>(obj, #name)?,
                            ::core::option::Option::None => #missing,
                        }
                    }
                }
                Input::VarArgs { name, ty } => quote_spanned! {ty.span()=>
                    ::bind::__private::extract_argument::<#ty>(#parsed.var_args_obj(), #name)?
                },
                Input::VarKwargs { name, ty } => quote_spanned! {ty.span()=>
                    ::bind::__private::extract_argument::<#ty>(#parsed.var_kwargs_obj(), #name)?
                },
            })
            .collect()
    }

    /// Calls `call` (an expression of the Rust return type) and converts the result into
    /// `PyResult<*mut PyObject>`: `()` → `None`, `Result<T, E>` through `E: Into<PyErr>`.
    pub fn emit_return(&self, call: TokenStream, gil: &Ident) -> TokenStream {
        match &self.output {
            syn::ReturnType::Default => quote!({
                #call;
                ::bind::__private::return_object(#gil, ())
            }),
            syn::ReturnType::Type(_, ty) if crate::util::is_result(ty) => {
                quote_spanned!(ty.span()=> {
                    let value = #call.map_err(::core::convert::Into::<::bind::PyErr>::into)?;
                    ::bind::__private::return_object(#gil, value)
                })
            }
            syn::ReturnType::Type(..) => quote!(::bind::__private::return_object(#gil, #call)),
        }
    }
}
