//! `#[module]`: emit `PyInit_<name>` and the static module definition.
use crate::util::{c_str, doc_text};
use darling::ast::NestedMeta;
use darling::FromMeta;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Options of `#[module(...)]`.
#[derive(Debug, Default, FromMeta)]
struct ModuleOptions {
    /// The module's import name (default: the function name).
    #[darling(default)]
    name: Option<String>,
}

pub fn expand(attr: TokenStream, item: TokenStream) -> darling::Result<TokenStream> {
    let options = ModuleOptions::from_list(&NestedMeta::parse_meta_list(attr)?)?;
    let func: syn::ItemFn = syn::parse2(item)?;
    if func.sig.inputs.len() != 1 {
        let error = darling::Error::custom(
            "#[module] functions take one parameter: `m: &Owned<'_, PyModule>`",
        );
        // Spanned on the extra parameters, or on the name when there is none.
        return Err(match func.sig.inputs.iter().nth(1) {
            Some(extra) => error.with_span(extra),
            None => error.with_span(&func.sig.ident),
        });
    }
    let rust_name = &func.sig.ident;
    let name = options
        .name
        .unwrap_or_else(|| rust_name.to_string().trim_start_matches("r#").to_owned());
    let init = format_ident!("PyInit_{}", name);
    let name_c = c_str(&name)?;
    let doc_c = c_str(&doc_text(&func.attrs))?;
    Ok(quote! {
        #func

        #[doc(hidden)]
        #[no_mangle]
        #[allow(non_snake_case)]
        pub extern "C" fn #init() -> *mut ::bind::ffi::PyObject {
            static DEF: ::bind::__private::ModuleDef =
                ::bind::__private::ModuleDef::new(#name_c, #doc_c, #rust_name);
            DEF.init()
        }
    })
}
