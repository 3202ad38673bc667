//! `str`/`bytes`/`os.PathLike` ↔ `PathBuf`, `&Path`, `OsString`, `&OsStr`.
//!
//! In: anything `os.fspath` accepts (`str`, `bytes`, `pathlib.Path`, any `__fspath__`).
//! Out: `PathBuf`/`&Path` become a `pathlib.Path`, `OsString`/`&OsStr` a `str`, decoded
//! like `os.fsdecode` (so non-UTF-8 bytes survive the round trip as surrogate escapes on
//! POSIX).
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::exceptions::PyTypeError;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::{PyAny, PyBytes, PyStr, PyTuple};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// `os.fsdecode` of raw OS bytes.
fn decode<'py>(gil: Gil<'py>, os: &OsStr) -> PyResult<Owned<'py, PyAny>> {
    if let Some(text) = os.to_str() {
        return Ok(PyStr::new(gil, text).into_any());
    }
    let bytes = os.as_encoded_bytes();
    // SAFETY: `bytes` is a valid buffer of its length; returns a new str or null.
    unsafe {
        Owned::from_owned_ptr_or_err(
            gil,
            ffi::PyUnicode_DecodeFSDefaultAndSize(bytes.as_ptr().cast(), bytes.len() as _),
        )
    }
}

impl<'py> IntoPyObject<'py> for &OsStr {
    const TYPE_HINT: TypeHint = TypeHint::Name("str");
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        decode(gil, self)
    }
}
impl<'py> IntoPyObject<'py> for OsString {
    const TYPE_HINT: TypeHint = TypeHint::Name("str");
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        decode(gil, &self)
    }
}
/// `pathlib.Path(os.fsdecode(path))`.
fn pathlib_path<'py>(gil: Gil<'py>, path: &Path) -> PyResult<Owned<'py, PyAny>> {
    let text = decode(gil, path.as_os_str())?;
    gil.import("pathlib")?.getattr("Path")?.call1((text,))
}

impl<'py> IntoPyObject<'py> for &Path {
    const TYPE_HINT: TypeHint = TypeHint::Name("pathlib.Path");
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        pathlib_path(gil, self)
    }
}
impl<'py> IntoPyObject<'py> for PathBuf {
    const TYPE_HINT: TypeHint = TypeHint::Name("pathlib.Path");
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        pathlib_path(gil, &self)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for OsString {
    const TYPE_HINT: TypeHint = TypeHint::Generic {
        name: "typing.Union",
        args: &[TypeHint::Name("str"), TypeHint::Name("os.PathLike[str]")],
    };
    const EXPECTED: &'static str = "str";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let gil = obj.gil();
        let path = if obj.is_instance_of::<PyStr>() || obj.is_instance_of::<PyBytes>() {
            obj.clone()
        } else {
            let args = PyTuple::new(gil, [obj.clone()])?;
            gil.import("os")?
                .getattr("fspath")?
                .call1(args)
                .map_err(|e| {
                    if e.is_instance_of::<PyTypeError>(gil) {
                        PyTypeError::new_err(format!(
                            "'{}' object cannot be converted to 'os.PathLike'",
                            obj.type_name()
                        ))
                    } else {
                        e
                    }
                })?
        };
        if let Ok(text) = path.downcast::<PyStr>() {
            if let Ok(s) = text.to_str() {
                return Ok(OsString::from(s.as_ref()));
            }
            // Lone surrogates: `os.fsencode` gives the original OS bytes back.
            // SAFETY: `text` is a str; returns a new bytes reference or null.
            let encoded: Owned<'py, PyAny> = unsafe {
                Owned::from_owned_ptr_or_err(gil, ffi::PyUnicode_EncodeFSDefault(text.as_ptr()))?
            };
            return bytes_to_os(encoded.downcast::<PyBytes>()?.as_bytes());
        }
        bytes_to_os(path.downcast::<PyBytes>()?.as_bytes())
    }
}

/// Raw OS bytes as an `OsString` (POSIX); elsewhere they must be UTF-8.
fn bytes_to_os(bytes: &[u8]) -> PyResult<OsString> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Ok(OsStr::from_bytes(bytes).to_os_string())
    }
    #[cfg(not(unix))]
    {
        Ok(OsString::from(std::str::from_utf8(bytes)?.to_owned()))
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for PathBuf {
    const TYPE_HINT: TypeHint = TypeHint::Generic {
        name: "typing.Union",
        args: &[TypeHint::Name("str"), TypeHint::Name("os.PathLike[str]")],
    };
    const EXPECTED: &'static str = "os.PathLike";
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        OsString::extract(obj).map(PathBuf::from)
    }
}
