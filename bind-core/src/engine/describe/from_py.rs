//! The extraction engine: fills the shadow tuple of a [`FromPyShape`] from an object, and
//! tries the variants of an [`EnumIn`].
use super::FromPyShape;
use crate::conversion::{ErrPath, Nesting};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{
    PyAttributeError, PyException, PyKeyError, PyLookupError, PyMemoryError, PyRecursionError,
    PyTypeError, PyValueError,
};
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::{EnumIn, FieldIn, Source, StructIn};
use crate::types::{PyAny, PyDict, PyStr};
use std::mem::MaybeUninit;

/// `TypeError` for an object that is not a mapping.
#[cold]
fn not_a_mapping(obj: &Owned<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!(
        "'{}' object cannot be converted to 'Mapping'",
        obj.type_name()
    ))
}

/// The Python value of one field: `Ok(None)` when an attribute or key is absent.
fn fetch<'py>(obj: &Owned<'py, PyAny>, source: Source) -> PyResult<Option<Owned<'py, PyAny>>> {
    let gil = obj.gil();
    match source {
        Source::Attr(name) => match obj.getattr(name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_instance_of::<PyAttributeError>(gil) => Ok(None),
            Err(e) => Err(e.at_attr(gil, name)),
        },
        Source::Item(key) => {
            if let Ok(dict) = obj.downcast::<PyDict>() {
                return dict.get_item(key).map_err(|e| e.at_str_key(gil, key));
            }
            match obj.get_item(key) {
                Ok(v) => Ok(Some(v)),
                Err(e) if e.is_instance_of::<PyKeyError>(gil) => Ok(None),
                Err(e) if e.is_instance_of::<PyTypeError>(gil) => Err(not_a_mapping(obj)),
                Err(e) => Err(e.at_str_key(gil, key)),
            }
        }
        Source::Key(key) => {
            let key = key.to_object(gil)?;
            if let Ok(dict) = obj.downcast::<PyDict>() {
                return dict.get_item(&key).map_err(|e| e.at_key(&key));
            }
            match obj.get_item(&key) {
                Ok(v) => Ok(Some(v)),
                // KeyError or IndexError (an integer key into a sequence): absent.
                Err(e) if e.is_instance_of::<PyLookupError>(gil) => Ok(None),
                Err(e) if e.is_instance_of::<PyTypeError>(gil) => Err(not_a_mapping(obj)),
                Err(e) => Err(e.at_key(&key)),
            }
        }
        Source::Index(i) => obj.get_item(i).map(Some).map_err(|e| e.at_index(gil, i)),
        Source::Whole => Ok(Some(obj.clone())),
    }
}

/// `err` under the path segment of `source`.
#[cold]
fn at_source(gil: Gil<'_>, err: PyErr, source: Source) -> PyErr {
    match source {
        Source::Attr(name) => err.at_attr(gil, name),
        Source::Item(key) => err.at_str_key(gil, key),
        // The key rebuilt for its `repr`.
        Source::Key(key) => match key.to_object(gil) {
            Ok(key) => err.at_key(&key),
            Err(_) => err,
        },
        Source::Index(i) => err.at_index(gil, i),
        Source::Whole => err,
    }
}

#[cold]
fn missing(gil: Gil<'_>, source: Source) -> PyErr {
    let what = match source {
        Source::Attr(_) => "missing attribute",
        Source::Item(_) | Source::Key(_) => "missing key",
        Source::Index(_) => "missing item",
        Source::Whole => "missing value",
    };
    at_source(gil, PyTypeError::new_err(what), source)
}

/// Extracts one field into its slot at `base + field.offset`, reporting its path.
///
/// # Safety
/// `base + field.offset` is valid for writing the field's type, the type of `field`'s glue.
unsafe fn extract_field(obj: &Owned<'_, PyAny>, field: &FieldIn, base: *mut u8) -> PyResult<()> {
    let gil = obj.gil();
    // SAFETY: the offset is inside the shadow tuple (caller).
    let at = unsafe { base.add(field.offset) };
    let Some(value) = fetch(obj, field.source)? else {
        return match field.default {
            // SAFETY: `at` is valid for writing the field, the default glue's type (caller).
            Some(default) => unsafe {
                default(at);
                Ok(())
            },
            None => Err(missing(gil, field.source)),
        };
    };
    // SAFETY: `at` is valid for writing the field, the extract glue's type (caller).
    unsafe { (field.extract)(gil, at, &value) }.map_err(|e| at_source(gil, e, field.source))
}

/// Checks that `obj` is a sequence (not a `str`) of `len` items, for a tuple struct.
fn check_seq_len(obj: &Owned<'_, PyAny>, len: usize) -> PyResult<()> {
    if obj.is_instance_of::<PyStr>() {
        return Err(PyTypeError::new_err(
            "'str' object cannot be converted to 'tuple'",
        ));
    }
    // No `__len__` is a type mismatch; anything else `__len__` raised propagates.
    let actual = obj.len().map_err(|e| {
        if e.is_instance_of::<PyTypeError>(obj.gil()) {
            PyTypeError::new_err(format!(
                "'{}' object cannot be converted to 'tuple'",
                obj.type_name()
            ))
        } else {
            e
        }
    })?;
    if actual != len {
        return Err(PyValueError::new_err(format!(
            "expected a sequence of length {len}, got one of length {actual}"
        )));
    }
    Ok(())
}

/// Fills the shadow tuple at `out` from `obj` following `desc`; on error every field
/// already written is dropped and nothing is left initialized.
///
/// # Safety
/// `out` points to an uninitialized shadow tuple that `desc` describes as
/// [`FromPyShape`] requires.
unsafe fn extract_erased(obj: &Owned<'_, PyAny>, desc: &StructIn, out: *mut u8) -> PyResult<()> {
    // One level deeper into a possibly recursive type: `RecursionError` past the limit.
    let _level = Nesting::enter(obj.gil())?;
    if let Some(len) = desc.seq_len {
        check_seq_len(obj, len)?;
    }
    for (done, field) in desc.fields.iter().enumerate() {
        // SAFETY: `out` is the shadow tuple the descriptor describes (caller).
        if let Err(err) = unsafe { extract_field(obj, field, out) } {
            for written in &desc.fields[..done] {
                // SAFETY: this field was written above (the glue writes on success only)
                // and is dropped once; no field is listed twice (caller).
                unsafe { (written.drop)(out.add(written.offset)) };
            }
            return Err(err);
        }
    }
    Ok(())
}

/// The field values of `S` extracted from `obj`: by attribute, key or position as its
/// table says, each error naming the field's path
/// (`TypeError: 'str' object cannot be converted to 'int'` under `.x` or `['key']`).
#[inline]
pub fn extract_struct<S: FromPyShape>(obj: &Owned<'_, PyAny>) -> PyResult<S::Shadow> {
    let mut slot = MaybeUninit::<S::Shadow>::uninit();
    // SAFETY: `S::DESC` describes `S::Shadow` (the `FromPyShape` contract) and `slot` is
    // uninitialized memory for one.
    unsafe { extract_erased(obj, S::DESC, slot.as_mut_ptr().cast::<u8>())? };
    // SAFETY: it succeeded, so every field listed was written, and the table lists every
    // field of the tuple (the `FromPyShape` contract).
    Ok(unsafe { slot.assume_init() })
}

/// Tries each variant of `desc` in order and returns the first that extracts. When none
/// does: `TypeError: 'dict' object cannot be converted to 'A | B' (A: …; B: …)`.
pub fn extract_enum<E>(obj: &Owned<'_, PyAny>, desc: &EnumIn<E>) -> PyResult<E> {
    let mut reasons = Vec::new();
    for variant in desc.variants {
        match (variant.extract)(obj) {
            Ok(value) => return Ok(value),
            Err(err) if is_fatal(obj.gil(), &err) => return Err(err),
            Err(err) => reasons.push(reason(obj.gil(), variant.name, err)),
        }
    }
    let names: Vec<&str> = desc.variants.iter().map(|v| v.name).collect();
    Err(no_variant(obj, &names, &reasons))
}

/// Whether `err` ends an enum's extraction instead of making it try the next variant: an
/// error that says nothing about the variant — `RecursionError` (too deep or
/// self-containing input), `MemoryError`, `KeyboardInterrupt` and other non-`Exception`
/// errors — propagates unchanged.
fn is_fatal(gil: Gil<'_>, err: &PyErr) -> bool {
    !err.is_instance_of::<PyException>(gil)
        || err.is_instance_of::<PyRecursionError>(gil)
        || err.is_instance_of::<PyMemoryError>(gil)
}

/// `A: message`, for the error listing why each variant failed.
#[cold]
fn reason(gil: Gil<'_>, variant: &str, err: PyErr) -> String {
    let text = err
        .value(gil)
        .str()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{variant}: {text}")
}

#[cold]
fn no_variant(obj: &Owned<'_, PyAny>, names: &[&str], reasons: &[String]) -> PyErr {
    PyTypeError::new_err(format!(
        "'{}' object cannot be converted to '{}' ({})",
        obj.type_name(),
        names.join(" | "),
        reasons.join("; ")
    ))
}
