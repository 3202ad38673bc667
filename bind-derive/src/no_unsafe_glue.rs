//! The expansion of every example contains no `unsafe` block, `unsafe fn` or `unsafe
//! extern`: generated code reaches CPython only through the engine's safe API. The only
//! `unsafe` it may hold is `unsafe impl` of an engine trait (see ARCHITECTURE.md).
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use std::path::{Path, PathBuf};

/// The source files of the examples (`examples/*/src/**/*.rs`).
fn example_sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut out = Vec::new();
    for example in std::fs::read_dir(&examples).expect("examples/") {
        let src = example.expect("directory entry").path().join("src");
        if src.is_dir() {
            walk(&src, &mut out);
        }
    }
    out.sort();
    out
}

fn last_segment(path: &syn::Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// The names derived by `#[derive(...)]` attributes.
fn derives(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut names = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            names.push(last_segment(&meta.path));
            Ok(())
        });
    }
    names
}

/// The arguments of the attribute `name` (`#[methods(part = 1)]` → `part = 1`), and the
/// item without it.
fn take_attribute(attrs: &mut Vec<syn::Attribute>, name: &str) -> Option<TokenStream> {
    let index = attrs.iter().position(|a| last_segment(a.path()) == name)?;
    let attr = attrs.remove(index);
    Some(match attr.meta {
        syn::Meta::List(list) => list.tokens,
        _ => TokenStream::new(),
    })
}

/// One macro use: what it was given and what it expanded to.
struct Expansion {
    name: String,
    input: TokenStream,
    output: TokenStream,
}

/// An attribute macro's expansion: its arguments and the item.
type AttributeMacro = fn(TokenStream, TokenStream) -> darling::Result<TokenStream>;

/// Expands every bind macro on the items (recursing into inline modules).
fn expand_items(items: &[syn::Item], out: &mut Vec<Expansion>) {
    for item in items {
        let mut item = item.clone();
        match &mut item {
            syn::Item::Fn(func) => {
                let input = func.to_token_stream();
                let macros: [(&str, AttributeMacro); 2] = [
                    ("function", crate::function::expand),
                    ("module", crate::module::expand),
                ];
                for (attribute, expand) in macros {
                    if let Some(args) = take_attribute(&mut func.attrs, attribute) {
                        out.push(Expansion {
                            name: func.sig.ident.to_string(),
                            input: input.clone(),
                            output: expand(args, func.to_token_stream())
                                .unwrap_or_else(|e| panic!("#[{attribute}]: {e}")),
                        });
                    }
                }
            }
            syn::Item::Impl(block) => {
                let input = block.to_token_stream();
                if let Some(args) = take_attribute(&mut block.attrs, "methods") {
                    out.push(Expansion {
                        name: block.self_ty.to_token_stream().to_string(),
                        input,
                        output: crate::methods::expand(args, block.to_token_stream())
                            .unwrap_or_else(|e| panic!("#[methods]: {e}")),
                    });
                }
            }
            syn::Item::Struct(_) | syn::Item::Enum(_) => {
                let (attrs, name) = match &item {
                    syn::Item::Struct(s) => (&s.attrs, s.ident.to_string()),
                    syn::Item::Enum(e) => (&e.attrs, e.ident.to_string()),
                    _ => unreachable!(),
                };
                let tokens = item.to_token_stream();
                for derive in derives(attrs) {
                    let expanded = match derive.as_str() {
                        "PyType" => crate::pytype::expand(tokens.clone()).expect("PyType"),
                        "Element" => crate::element::expand(tokens.clone()).expect("Element"),
                        "FromPyObject" => {
                            crate::from_py_object::expand(syn::parse2(tokens.clone()).unwrap())
                                .expect("FromPyObject")
                        }
                        "IntoPyObject" => {
                            crate::into_py_object::expand(syn::parse2(tokens.clone()).unwrap())
                                .expect("IntoPyObject")
                        }
                        _ => continue,
                    };
                    out.push(Expansion {
                        name: format!("{name} ({derive})"),
                        input: TokenStream::new(),
                        output: expanded,
                    });
                }
            }
            syn::Item::Mod(module) => {
                if let Some((_, items)) = &module.content {
                    expand_items(items, out);
                }
            }
            _ => {}
        }
    }
}

/// The `unsafe` tokens of `tokens` not followed by `impl`, with the tokens around them.
fn unsafe_uses(tokens: TokenStream, found: &mut Vec<String>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Group(group) => unsafe_uses(group.stream(), found),
            TokenTree::Ident(ident) if ident == "unsafe" => {
                let next = trees.get(i + 1).map(ToString::to_string);
                if next.as_deref() != Some("impl") {
                    let context: TokenStream =
                        trees[i..(i + 6).min(trees.len())].iter().cloned().collect();
                    found.push(context.to_string());
                }
            }
            _ => {}
        }
    }
}

#[test]
fn examples_expand_without_unsafe_blocks() {
    let mut expansions = Vec::new();
    for path in example_sources() {
        let text = std::fs::read_to_string(&path).expect("readable source");
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut here = Vec::new();
        expand_items(&file.items, &mut here);
        let label = path.display().to_string();
        for expansion in &mut here {
            expansion.name = format!("{label}: {}", expansion.name);
        }
        expansions.extend(here);
    }
    // Every kind of glue is covered: the examples use each receiver form, `pass_module`,
    // `__traverse__`, in-place operators and modules.
    assert!(expansions.len() > 100, "{} expansions", expansions.len());
    let mut offenders = Vec::new();
    for expansion in expansions {
        let mut found = Vec::new();
        unsafe_uses(expansion.output, &mut found);
        // The user's own `unsafe` (an attribute macro re-emits the item it was given).
        let mut written = Vec::new();
        unsafe_uses(expansion.input, &mut written);
        for own in written {
            if let Some(i) = found.iter().position(|f| *f == own) {
                found.remove(i);
            }
        }
        offenders.extend(
            found
                .into_iter()
                .map(|f| format!("{}: {f}", expansion.name)),
        );
    }
    assert!(
        offenders.is_empty(),
        "generated code holds `unsafe` outside `unsafe impl`:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn detects_an_unsafe_block() {
    let mut found = Vec::new();
    unsafe_uses(
        quote::quote!(
            fn f() {
                let x = unsafe { g() };
            }
            unsafe impl T for U {}
        ),
        &mut found,
    );
    assert_eq!(found.len(), 1, "{found:?}");
}
