//! The extraction engine: reads the fields of a [`StructIn`] into a shadow tuple, and
//! tries the variants of an [`EnumIn`].
use super::{EnumIn, FieldIn, ItemKey, Source, StructIn};
use bind_core::conversion::{ErrPath, Nesting};
use bind_core::exceptions::{
    PyAttributeError, PyException, PyKeyError, PyLookupError, PyMemoryError, PyRecursionError,
    PyTypeError, PyValueError,
};
use bind_core::types::{PyAny, PyDict, PyStr};
use bind_core::{Owned, PyErr, PyResult};

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
                Err(e) if e.is_instance_of::<PyTypeError>(gil) => {
                    Err(PyTypeError::new_err(format!(
                        "'{}' object cannot be converted to 'Mapping'",
                        obj.type_name()
                    )))
                }
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
                Err(e) if e.is_instance_of::<PyTypeError>(gil) => {
                    Err(PyTypeError::new_err(format!(
                        "'{}' object cannot be converted to 'Mapping'",
                        obj.type_name()
                    )))
                }
                Err(e) => Err(e.at_key(&key)),
            }
        }
        Source::Index(i) => obj.get_item(i).map(Some).map_err(|e| e.at_index(gil, i)),
        Source::Whole => Ok(Some(obj.clone())),
    }
}

/// Adds a non-string key's path segment to `err` (the key rebuilt for its `repr`).
#[cold]
fn at_item_key(gil: bind_core::Gil<'_>, err: PyErr, key: &ItemKey) -> PyErr {
    match key.to_object(gil) {
        Ok(key) => err.at_key(&key),
        Err(_) => err,
    }
}

#[cold]
fn missing(obj: &Owned<'_, PyAny>, source: Source) -> PyErr {
    let gil = obj.gil();
    match source {
        Source::Attr(name) => PyTypeError::new_err("missing attribute").at_attr(gil, name),
        Source::Item(key) => PyTypeError::new_err("missing key").at_str_key(gil, key),
        Source::Key(key) => at_item_key(gil, PyTypeError::new_err("missing key"), key),
        Source::Index(i) => PyTypeError::new_err("missing item").at_index(gil, i),
        Source::Whole => PyTypeError::new_err("missing value"),
    }
}

/// Extracts one field at `base + offset`, reporting its path.
///
/// # Safety
/// `base + field.offset` is valid for writing the field's type.
unsafe fn extract_field(obj: &Owned<'_, PyAny>, field: &FieldIn, base: *mut u8) -> PyResult<()> {
    let gil = obj.gil();
    // SAFETY: the offset is inside the shadow tuple (the derive's `offset_of!`).
    let at = unsafe { base.add(field.offset) };
    let Some(value) = fetch(obj, field.source)? else {
        return match field.default {
            // SAFETY: `at` is valid for writing the field (caller).
            Some(default) => unsafe {
                default(at);
                Ok(())
            },
            None => Err(missing(obj, field.source)),
        };
    };
    // SAFETY: `at` is valid for writing the field (caller) and `extract` is its glue.
    unsafe { (field.extract)(&value, at) }.map_err(|e| match field.source {
        Source::Attr(name) => e.at_attr(gil, name),
        Source::Item(key) => e.at_str_key(gil, key),
        Source::Key(key) => at_item_key(gil, e, key),
        Source::Index(i) => e.at_index(gil, i),
        Source::Whole => e,
    })
}

/// Fills the shadow tuple at `out` from `obj` following `desc`; on error every field
/// already written is dropped and nothing is left initialized.
///
/// # Safety
/// `out` points to an uninitialized shadow tuple whose field offsets and types are the
/// ones `desc` was built from.
pub unsafe fn extract_struct(
    obj: &Owned<'_, PyAny>,
    desc: &StructIn,
    out: *mut u8,
) -> PyResult<()> {
    // One level deeper into a possibly recursive type: `RecursionError` past the limit.
    let _level = Nesting::enter(obj.gil())?;
    if let Some(len) = desc.seq_len {
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
    }
    for (done, field) in desc.fields.iter().enumerate() {
        // SAFETY: `out` is the shadow tuple the descriptor describes (caller).
        if let Err(err) = unsafe { extract_field(obj, field, out) } {
            for written in &desc.fields[..done] {
                // SAFETY: this field was written above and is dropped once.
                unsafe { (written.drop)(out.add(written.offset)) };
            }
            return Err(err);
        }
    }
    Ok(())
}

/// Tries each variant of `desc` in order, writing the first that extracts at `out`.
/// When none does: `TypeError: 'dict' object cannot be converted to 'A | B' (A: …; B: …)`.
/// An error that says nothing about the variant — `RecursionError` (too deep or
/// self-containing input), `MemoryError`, `KeyboardInterrupt` and other non-`Exception`
/// errors — stops at once and propagates unchanged.
///
/// # Safety
/// `out` is valid for writing the enum the descriptor was built for.
pub unsafe fn extract_enum(obj: &Owned<'_, PyAny>, desc: &EnumIn, out: *mut u8) -> PyResult<()> {
    let mut reasons = Vec::new();
    for variant in desc.variants {
        // SAFETY: `out` is valid for writing the enum (caller); the glue writes only on
        // success.
        match unsafe { (variant.extract)(obj, out) } {
            Ok(()) => return Ok(()),
            Err(err) => {
                let gil = obj.gil();
                if is_fatal(gil, &err) {
                    return Err(err);
                }
                let text = err
                    .value(gil)
                    .str()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                reasons.push(format!("{}: {text}", variant.name));
            }
        }
    }
    let names: Vec<&str> = desc.variants.iter().map(|v| v.name).collect();
    Err(PyTypeError::new_err(format!(
        "'{}' object cannot be converted to '{}' ({})",
        obj.type_name(),
        names.join(" | "),
        reasons.join("; ")
    )))
}

/// Whether `err` ends an enum's extraction instead of making it try the next variant.
fn is_fatal(gil: bind_core::Gil<'_>, err: &PyErr) -> bool {
    !err.is_instance_of::<PyException>(gil)
        || err.is_instance_of::<PyRecursionError>(gil)
        || err.is_instance_of::<PyMemoryError>(gil)
}
