//! Conversion errors that name *where* in a nested value they happened.
//!
//! A container that fails to convert one of its elements prefixes the element's error with
//! a path segment: `[3]` for a sequence index, `['tags']` (the key's `repr`) for a mapping
//! value, `.name` for an attribute. Segments chain from the outside in, and the path ends
//! with `: ` before the original message. Together with the argument name added by the
//! argument parser, a failure deep inside an argument reads:
//!
//! ```text
//! TypeError: argument 'rows': [3]['tags'][1]: 'int' object cannot be converted to 'str'
//! ```
//!
//! A key that fails to convert is reported at its own segment with `key: ` after the path
//! (`['x']: key: 'str' object cannot be converted to 'int'`).
//!
//! Only `TypeError`, `ValueError` and `OverflowError` (the conversion errors) get a path;
//! their type is kept. A codec error (`UnicodeEncodeError` for a `str` with lone
//! surrogates) keeps its type and fields, the path going into its `reason`, the original
//! as its `__cause__`. Any other exception (raised by user code, `MemoryError`, …) passes unchanged. A
//! prefixed error keeps the original as `__cause__` when that has a traceback (it came
//! from the user's Python code). Paths are added on the error path only: success costs
//! nothing.
use crate::err::PyErr;
use crate::exceptions::{
    PyOverflowError, PyTypeError, PyUnicodeDecodeError, PyUnicodeEncodeError, PyValueError,
};
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::{PyAny, PyTypeInfo};

/// One step into a nested value, for [`ErrPath`].
#[derive(Clone, Copy, Debug)]
pub enum PathSegment<'s> {
    /// A sequence index: `[3]`.
    Index(usize),
    /// An attribute or struct field read as an attribute: `.name`.
    Attr(&'s str),
    /// A mapping key given as text that is already a `repr`: `['tags']`.
    Key(&'s str),
}

impl std::fmt::Display for PathSegment<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathSegment::Index(i) => write!(f, "[{i}]"),
            PathSegment::Attr(name) => write!(f, ".{name}"),
            PathSegment::Key(repr) => write!(f, "[{repr}]"),
        }
    }
}

/// Prefixing a conversion error with the place it happened at (see the module docs).
pub trait ErrPath: Sized {
    /// The error happened at `segment` inside the value being converted.
    fn at(self, gil: Gil<'_>, segment: PathSegment<'_>) -> Self;

    /// The error happened at sequence index `index`.
    #[inline]
    fn at_index(self, gil: Gil<'_>, index: usize) -> Self {
        self.at(gil, PathSegment::Index(index))
    }

    /// The error happened in attribute `name`.
    #[inline]
    fn at_attr(self, gil: Gil<'_>, name: &str) -> Self {
        self.at(gil, PathSegment::Attr(name))
    }

    /// The error happened in the value under the Python key `key`.
    fn at_key(self, key: &Owned<'_, PyAny>) -> Self;

    /// The error happened converting the Python key `key` itself.
    fn at_key_itself(self, key: &Owned<'_, PyAny>) -> Self;

    /// The error happened in the value under the string key `key` (shown as `['key']`).
    fn at_str_key(self, gil: Gil<'_>, key: &str) -> Self;
}

/// The longest key `repr` quoted in a path; longer ones are cut with `…`.
const MAX_KEY_REPR: usize = 40;

/// `repr(key)`, cut to [`MAX_KEY_REPR`] characters.
fn key_repr(key: &Owned<'_, PyAny>) -> String {
    let text = match key.repr() {
        Ok(r) => r.to_string_lossy().into_owned(),
        Err(_) => format!("<{} object>", key.type_name()),
    };
    if text.chars().count() > MAX_KEY_REPR {
        let mut cut: String = text.chars().take(MAX_KEY_REPR - 1).collect();
        cut.push('…');
        cut
    } else {
        text
    }
}

/// `'text'` quoted as Python's `repr` would for simple strings.
fn str_key_repr(key: &str) -> String {
    if key.contains('\'') && !key.contains('"') {
        format!("\"{key}\"")
    } else {
        format!("'{}'", key.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

/// Whether `message` already starts with a path (a segment opens with `[` or `.`).
fn starts_with_path(message: &str) -> bool {
    message.starts_with('[') || message.starts_with('.')
}

#[cold]
#[inline(never)]
fn prefix(gil: Gil<'_>, err: PyErr, segment: &str, infix: &str) -> PyErr {
    let ty = err.get_type(gil);
    if is_codec_error(gil, &err) {
        return with_codec_reason(gil, err, |reason| {
            if infix.is_empty() && starts_with_path(reason) {
                format!("{segment}{reason}")
            } else {
                format!("{segment}: {infix}{reason}")
            }
        });
    }
    let is_type = ty.is(&PyTypeError::type_object(gil));
    let is_value = ty.is(&PyValueError::type_object(gil));
    let is_overflow = ty.is(&PyOverflowError::type_object(gil));
    if !(is_type || is_value || is_overflow) {
        return err;
    }
    let message = err
        .value(gil)
        .str()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = if infix.is_empty() && starts_with_path(&message) {
        format!("{segment}{message}")
    } else {
        format!("{segment}: {infix}{message}")
    };
    let new = if is_type {
        PyTypeError::new_err(text)
    } else if is_value {
        PyValueError::new_err(text)
    } else {
        PyOverflowError::new_err(text)
    };
    new.set_cause(gil, kept_cause(gil, err));
    new
}

/// The `__cause__` of an error re-raised with a prefix: the original itself when it
/// carries a traceback (it came from the user's Python code, whose frames it shows), else
/// the original's own cause (so a path built over several levels keeps the innermost
/// original, not one link per level).
pub(crate) fn kept_cause(gil: Gil<'_>, original: PyErr) -> Option<PyErr> {
    if original.traceback(gil).is_some() {
        Some(original)
    } else {
        original.cause(gil)
    }
}

/// Whether `err` is a `UnicodeEncodeError`/`UnicodeDecodeError` (a `str` with lone
/// surrogates, bytes that are not UTF-8), whose message is built from its fields.
pub(crate) fn is_codec_error(gil: Gil<'_>, err: &PyErr) -> bool {
    err.is_instance_of::<PyUnicodeEncodeError>(gil)
        || err.is_instance_of::<PyUnicodeDecodeError>(gil)
}

/// The same codec error (same type, encoding, object and span) with its `reason`
/// rewritten by `reason`, so its message names the argument and path:
/// `'utf-8' codec can't encode character '\ud800' in position 0: argument 'x': [1]:
/// surrogates not allowed`. The original is kept as `__cause__`; if anything fails, the
/// original is returned unchanged.
pub(crate) fn with_codec_reason(
    gil: Gil<'_>,
    err: PyErr,
    reason: impl FnOnce(&str) -> String,
) -> PyErr {
    let rebuilt = (|| -> crate::PyResult<PyErr> {
        let value = err.value(gil);
        let old: String = value.getattr("reason")?.extract()?;
        let args = crate::types::PyTuple::new(
            gil,
            [
                value.getattr("encoding")?,
                value.getattr("object")?,
                value.getattr("start")?,
                value.getattr("end")?,
                crate::types::PyStr::new(gil, &reason(&old)).into_any(),
            ],
        )?;
        let new = err.get_type(gil).call1(args)?;
        Ok(PyErr::from_value(new))
    })();
    match rebuilt {
        Ok(new) => {
            new.set_cause(gil, Some(err));
            new
        }
        Err(_) => err,
    }
}

impl ErrPath for PyErr {
    #[cold]
    fn at(self, gil: Gil<'_>, segment: PathSegment<'_>) -> Self {
        prefix(gil, self, &segment.to_string(), "")
    }

    #[cold]
    fn at_key(self, key: &Owned<'_, PyAny>) -> Self {
        let segment = PathSegment::Key(&key_repr(key)).to_string();
        prefix(key.gil(), self, &segment, "")
    }

    #[cold]
    fn at_key_itself(self, key: &Owned<'_, PyAny>) -> Self {
        let segment = PathSegment::Key(&key_repr(key)).to_string();
        prefix(key.gil(), self, &segment, "key: ")
    }

    #[cold]
    fn at_str_key(self, gil: Gil<'_>, key: &str) -> Self {
        let segment = PathSegment::Key(&str_key_repr(key)).to_string();
        prefix(gil, self, &segment, "")
    }
}
