//! Type annotations for generated stubs: expressions reading the `TYPE_HINT` constants of
//! the conversion traits for the Rust types of parameters, results and fields. The
//! descriptors holding them are `static`s outside the user's items, so the types are
//! rewritten first: every lifetime becomes `'_` (inferred) and `Self` the class type.
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;

/// Rewrites a type so that it can be named inside a `static` initializer.
struct Detach<'a> {
    self_ty: Option<&'a syn::Type>,
}

impl VisitMut for Detach<'_> {
    fn visit_lifetime_mut(&mut self, lifetime: &mut syn::Lifetime) {
        *lifetime = syn::Lifetime::new("'_", lifetime.apostrophe);
    }

    fn visit_type_reference_mut(&mut self, reference: &mut syn::TypeReference) {
        if reference.lifetime.is_none() {
            reference.lifetime = Some(syn::Lifetime::new("'_", reference.and_token.span));
        }
        syn::visit_mut::visit_type_reference_mut(self, reference);
    }

    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        if let (Some(self_ty), syn::Type::Path(p)) = (self.self_ty, &*ty) {
            if p.qself.is_none() && p.path.is_ident("Self") {
                *ty = self_ty.clone();
                return;
            }
        }
        syn::visit_mut::visit_type_mut(self, ty);
    }
}

fn detach(ty: &syn::Type, self_ty: Option<&syn::Type>) -> syn::Type {
    let mut ty = ty.clone();
    Detach { self_ty }.visit_type_mut(&mut ty);
    ty
}

/// The annotation of a parameter of type `ty` (what it accepts). Read through the same
/// `extract_argument::<T>` the glue calls, at the type's span, so that a type without a
/// conversion gets the glue's one error rather than a second one.
pub fn param_hint(ty: &syn::Type, self_ty: Option<&syn::Type>) -> TokenStream {
    let span = ty.span();
    // `other: &Self` / `&mut Self` is read through a `PyRef` guard: annotated as that.
    let guard: syn::Type;
    let ty = match ty {
        syn::Type::Reference(r) if matches!(&*r.elem, syn::Type::Path(p) if p.qself.is_none() && p.path.is_ident("Self")) =>
        {
            guard = syn::parse_quote!(::bind::PyRef<'static, Self>);
            &guard
        }
        _ => ty,
    };
    let ty = detach(ty, self_ty);
    quote_spanned!(span=> ::bind::__private::param_hint_of(
        ::bind::__private::extract_argument::<#ty>
    ))
}

/// The annotation of a value of type `ty` converted to Python (results, readable fields).
pub fn value_hint(ty: &syn::Type, self_ty: Option<&syn::Type>) -> TokenStream {
    let ty = detach(ty, self_ty);
    quote!(<#ty as ::bind::IntoPyObject<'_>>::TYPE_HINT)
}

/// The annotation of what a function returning `output` gives Python: `None` for `()`,
/// the `Ok` type of a `Result`.
pub fn return_hint(output: &syn::ReturnType, self_ty: Option<&syn::Type>) -> TokenStream {
    match output {
        syn::ReturnType::Default => quote!(::bind::__private::TypeHint::NONE),
        syn::ReturnType::Type(_, ty) => match ok_type(ty) {
            Some(ok) => value_hint(ok, self_ty),
            None => value_hint(ty, self_ty),
        },
    }
}

/// `T` of `Result<T, E>` / `PyResult<T>`.
fn ok_type(ty: &syn::Type) -> Option<&syn::Type> {
    if !crate::util::is_result(ty) {
        return None;
    }
    let segment = crate::util::last_segment(ty)?;
    let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    args.args.iter().find_map(|a| match a {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

/// `hint(name = "annotation", returns = "annotation")`: annotations written by the user
/// for some parameters (by Python name) and the result, replacing the ones read from the
/// conversion traits in the generated stubs.
pub type HintOverrides = std::collections::HashMap<String, String>;

/// The key of [`HintOverrides`] naming the result.
pub const RETURNS: &str = "returns";

/// An annotation given as text.
pub fn text_hint(text: &str) -> TokenStream {
    quote!(::bind::__private::TypeHint::Name(#text))
}

/// Checks that every key of `overrides` names a parameter (or is `returns`).
pub fn check_overrides<'a>(
    overrides: &HintOverrides,
    params: impl Iterator<Item = &'a str> + Clone,
    span: proc_macro2::Span,
) -> syn::Result<()> {
    for key in overrides.keys() {
        if key != RETURNS && !params.clone().any(|p| p == key) {
            return Err(syn::Error::new(
                span,
                format!("`hint({key} = ...)`: there is no parameter named `{key}`"),
            ));
        }
    }
    Ok(())
}
