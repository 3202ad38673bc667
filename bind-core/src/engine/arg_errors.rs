//! The parser's error messages, in CPython's own wording (`Python/ceval.c`), built only
//! when a call fails (everything here is out of line and cold).
use crate::engine::args::RawCall;
use crate::err::PyErr;
use crate::exceptions::PyTypeError;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::{ParamKind, Signature};
use crate::types::{PyAny, PyStr};

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` — CPython's list formatting.
fn quoted_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("'{one}'"),
        [a, b] => format!("'{a}' and '{b}'"),
        [init @ .., last] => {
            let head: Vec<String> = init.iter().map(|n| format!("'{n}'")).collect();
            format!("{}, and '{last}'", head.join(", "))
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `f() got multiple values for argument 'a'`.
#[cold]
#[inline(never)]
pub(crate) fn multiple_values(sig: &Signature, index: usize) -> PyErr {
    PyTypeError::new_err(format!(
        "{}() got multiple values for argument '{}'",
        sig.name, sig.params[index].name
    ))
}

/// The text of a keyword name (lossy; non-`str` names are shown with `str()`).
fn keyword_text(gil: Gil<'_>, name: *mut ffi::PyObject) -> String {
    // SAFETY: `name` is a live object of the call's kwnames tuple.
    let name: Owned<'_, PyAny> = unsafe { Owned::from_borrowed_ptr(gil, name) };
    match name.downcast::<PyStr>() {
        Ok(s) => s.to_string_lossy().into_owned(),
        Err(_) => name
            .str()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

/// A keyword that names no parameter (and there is no `**kwargs`): CPython first reports
/// every positional-only parameter passed by keyword, else the keyword itself.
#[cold]
#[inline(never)]
pub(crate) fn unexpected_keyword(
    gil: Gil<'_>,
    sig: &Signature,
    call: RawCall,
    index: usize,
) -> PyErr {
    let given: Vec<String> = (0..call.keyword_count())
        // SAFETY: `i` < the number of keywords.
        .map(|i| keyword_text(gil, unsafe { call.keyword_name(i) }))
        .collect();
    let positional_only: Vec<&str> = sig.params[..sig.positional_only]
        .iter()
        .map(|p| p.name)
        .filter(|name| given.iter().any(|g| g == name))
        .collect();
    if !positional_only.is_empty() {
        return PyTypeError::new_err(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            sig.name,
            positional_only.join(", ")
        ));
    }
    PyTypeError::new_err(format!(
        "{}() got an unexpected keyword argument '{}'",
        sig.name, given[index]
    ))
}

/// `f() takes 2 positional arguments but 3 were given`, with CPython's variants
/// (`from 1 to 2`, `(and 1 keyword-only argument)`).
#[cold]
#[inline(never)]
pub(crate) fn too_many_positional(
    sig: &Signature,
    given: usize,
    slots: &[*mut ffi::PyObject],
) -> PyErr {
    let max = sig.positional;
    let min = sig.required_positional();
    let (takes, plural_takes) = if min < max {
        (format!("from {min} to {max}"), true)
    } else {
        (max.to_string(), max != 1)
    };
    let keyword_only_given = sig
        .params
        .iter()
        .zip(slots)
        .filter(|(p, slot)| p.kind == ParamKind::KeywordOnly && !slot.is_null())
        .count();
    let keyword_only = if keyword_only_given > 0 {
        format!(
            " positional argument{} (and {keyword_only_given} keyword-only argument{})",
            plural(given),
            plural(keyword_only_given)
        )
    } else {
        String::new()
    };
    let was = if given == 1 && keyword_only_given == 0 {
        "was"
    } else {
        "were"
    };
    PyTypeError::new_err(format!(
        "{}() takes {takes} positional argument{} but {given}{keyword_only} {was} given",
        sig.name,
        if plural_takes { "s" } else { "" },
    ))
}

/// `f() missing 1 required positional argument: 'b'` (positional first, then
/// keyword-only, as CPython reports them).
#[cold]
#[inline(never)]
pub(crate) fn missing_arguments(sig: &Signature, slots: &[*mut ffi::PyObject]) -> PyErr {
    let missing = |keyword_only: bool| -> Vec<&str> {
        sig.params
            .iter()
            .zip(slots)
            .filter(|(p, slot)| {
                p.required && slot.is_null() && ((p.kind == ParamKind::KeywordOnly) == keyword_only)
            })
            .map(|(p, _)| p.name)
            .collect()
    };
    let (names, what) = match missing(false) {
        positional if !positional.is_empty() => (positional, "positional"),
        _ => (missing(true), "keyword-only"),
    };
    PyTypeError::new_err(format!(
        "{}() missing {} required {what} argument{}: {}",
        sig.name,
        names.len(),
        plural(names.len()),
        quoted_list(&names)
    ))
}
