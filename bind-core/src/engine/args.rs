//! The one argument parser: it reads a vectorcall-style call (`args`, `nargs`,
//! `kwnames`) against a [`Signature`] into slots, with no heap allocation for up to eight
//! parameters, and raises CPython's own error messages on a mismatch.
use crate::conversion::FromPyObject;
use crate::engine::signature::{ParamKind, Signature};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::{Borrowed, Owned};
use crate::types::{PyAny, PyDict, PyTuple, PyTypeInfo};
use smallvec::SmallVec;

/// The parsed arguments of one call: a borrowed object (or nothing) per named parameter,
/// plus the `*args` tuple and `**kwargs` dict when the signature collects them.
pub struct ParsedArgs<'py> {
    slots: SmallVec<[*mut ffi::PyObject; 8]>,
    /// Extra positional arguments (`*args`), when the signature has them.
    pub var_args: Option<Owned<'py, PyTuple>>,
    /// Extra keyword arguments (`**kwargs`), when the signature has them.
    pub var_kwargs: Option<Owned<'py, PyDict>>,
}

impl<'py> ParsedArgs<'py> {
    /// The argument for parameter `index`, if the caller passed one.
    #[inline(always)]
    pub fn get(&self, index: usize) -> Option<&Owned<'py, PyAny>> {
        let slot = &self.slots[index];
        if slot.is_null() {
            None
        } else {
            // SAFETY: non-null slots hold borrowed references owned by the caller's
            // argument array, alive for the whole call (longer than `self`).
            Some(unsafe { Borrowed::slot_as_owned(slot) })
        }
    }

    /// Parses a vectorcall-style call.
    ///
    /// # Safety
    /// `args` must hold `nargs` positional objects followed by one value per name in
    /// `kwnames` (a tuple of `str`, or null), all alive for the call; the GIL is held.
    #[inline]
    pub unsafe fn parse(
        gil: Gil<'py>,
        sig: &Signature,
        args: *const *mut ffi::PyObject,
        nargs: usize,
        kwnames: *mut ffi::PyObject,
    ) -> PyResult<ParsedArgs<'py>> {
        let mut parsed = ParsedArgs {
            slots: SmallVec::from_elem(std::ptr::null_mut(), sig.params.len()),
            var_args: None,
            var_kwargs: None,
        };
        let positional: &[*mut ffi::PyObject] = if nargs == 0 {
            &[]
        } else {
            // SAFETY: the caller guarantees `nargs` readable pointers.
            unsafe { std::slice::from_raw_parts(args, nargs) }
        };
        if nargs > sig.positional {
            if sig.var_args {
                let extra = &positional[sig.positional..];
                parsed.var_args = Some(PyTuple::new(
                    gil,
                    extra.iter().map(|&p| {
                        // SAFETY: each extra argument is a live borrowed object.
                        unsafe { Owned::<PyAny>::from_borrowed_ptr(gil, p) }
                    }),
                )?);
            } else {
                return Err(too_many_positional(sig, nargs));
            }
        } else if sig.var_args {
            parsed.var_args = Some(PyTuple::empty(gil));
        }
        let take = nargs.min(sig.positional);
        parsed.slots[..take].copy_from_slice(&positional[..take]);

        if !kwnames.is_null() {
            // SAFETY: kwnames is a tuple of str; its values follow the positionals.
            let kwnames: &Owned<'py, PyTuple> =
                unsafe { Borrowed::slot_as_owned(&*(&kwnames as *const *mut ffi::PyObject)) };
            let nkw = kwnames.len();
            // SAFETY: the caller guarantees `nkw` values after the positionals.
            let values = unsafe { std::slice::from_raw_parts(args.add(nargs), nkw) };
            for (i, &value) in values.iter().enumerate() {
                let name = kwnames.get_borrowed_item(i)?;
                match find_param(sig, &name) {
                    Some(index) if sig.params[index].kind == ParamKind::PositionalOnly => {
                        if sig.var_kwargs {
                            parsed
                                .kwargs_dict(gil)
                                .set_item(&*name, borrowed(gil, value))?;
                        } else {
                            return Err(PyTypeError::new_err(format!(
                                "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                                sig.name, sig.params[index].name
                            )));
                        }
                    }
                    Some(index) => {
                        if !parsed.slots[index].is_null() {
                            return Err(PyTypeError::new_err(format!(
                                "{}() got multiple values for argument '{}'",
                                sig.name, sig.params[index].name
                            )));
                        }
                        parsed.slots[index] = value;
                    }
                    None if sig.var_kwargs => {
                        parsed
                            .kwargs_dict(gil)
                            .set_item(&*name, borrowed(gil, value))?;
                    }
                    None => {
                        return Err(PyTypeError::new_err(format!(
                            "{}() got an unexpected keyword argument '{}'",
                            sig.name,
                            name.str()?.to_string_lossy()
                        )));
                    }
                }
            }
        }
        if sig.var_kwargs && parsed.var_kwargs.is_none() {
            parsed.var_kwargs = Some(PyDict::new(gil));
        }
        if parsed
            .slots
            .iter()
            .zip(sig.params)
            .any(|(slot, p)| p.required && slot.is_null())
        {
            return Err(missing_arguments(sig, &parsed.slots));
        }
        Ok(parsed)
    }

    fn kwargs_dict(&mut self, gil: Gil<'py>) -> &Owned<'py, PyDict> {
        self.var_kwargs.get_or_insert_with(|| PyDict::new(gil))
    }
}

#[inline]
fn borrowed<'py>(gil: Gil<'py>, ptr: *mut ffi::PyObject) -> Owned<'py, PyAny> {
    // SAFETY: `ptr` is a live argument of the current call.
    unsafe { Owned::from_borrowed_ptr(gil, ptr) }
}

/// Finds the named parameter a keyword matches (by identity, then by text).
#[inline]
fn find_param(sig: &Signature, name: &Owned<'_, PyAny>) -> Option<usize> {
    let name = name.downcast::<crate::types::PyStr>().ok()?;
    #[cfg(any(not(Py_LIMITED_API), Py_3_10))]
    {
        let text = name.as_utf8().ok()?;
        sig.params.iter().position(|p| p.name == text)
    }
    #[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
    {
        let text = name.to_str().ok()?;
        sig.params.iter().position(|p| p.name == text)
    }
}

#[cold]
#[inline(never)]
fn too_many_positional(sig: &Signature, given: usize) -> PyErr {
    let max = sig.positional;
    let min = sig.required_positional();
    let takes = if min == max {
        format!(
            "{max} positional argument{}",
            if max == 1 { "" } else { "s" }
        )
    } else {
        format!("from {min} to {max} positional arguments")
    };
    let was = if given == 1 { "was" } else { "were" };
    PyTypeError::new_err(format!(
        "{}() takes {takes} but {given} {was} given",
        sig.name
    ))
}

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

#[cold]
#[inline(never)]
fn missing_arguments(sig: &Signature, slots: &[*mut ffi::PyObject]) -> PyErr {
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
        if names.len() == 1 { "" } else { "s" },
        quoted_list(&names)
    ))
}

/// Extracts one argument, naming it in the error: `argument 'a': <reason>`.
#[inline(always)]
pub fn extract_argument<'a, 'py, T: FromPyObject<'a, 'py>>(
    obj: &'a Owned<'py, PyAny>,
    name: &'static str,
) -> PyResult<T> {
    match T::extract(obj) {
        Ok(value) => Ok(value),
        Err(err) => Err(argument_error(obj.gil(), err, name)),
    }
}

/// Prefixes a conversion error with the argument it is about, keeping its type when it is
/// `TypeError`, `ValueError` or `OverflowError` (other exceptions pass unchanged).
#[cold]
#[inline(never)]
pub fn argument_error(gil: Gil<'_>, err: PyErr, name: &str) -> PyErr {
    let ty = err.get_type(gil);
    let message = err
        .value(gil)
        .str()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = format!("argument '{name}': {message}");
    let new = if ty.is(&PyTypeError::type_object(gil)) {
        PyTypeError::new_err(text)
    } else if ty.is(&PyValueError::type_object(gil)) {
        PyValueError::new_err(text)
    } else if ty.is(&PyOverflowError::type_object(gil)) {
        PyOverflowError::new_err(text)
    } else {
        return err;
    };
    new.set_cause(gil, err.cause(gil));
    new
}
