//! Conversions from standard-library errors into the matching Python exceptions.
use crate::err::PyErr;
use crate::exceptions::*;
use crate::ffi;
use std::io::ErrorKind;

/// The `OSError` subclass CPython uses for an I/O error kind.
fn os_error_type(kind: ErrorKind) -> fn() -> *mut ffi::PyObject {
    macro_rules! exc {
        ($name:ident) => {
            || {
                // SAFETY: reading a built-in exception type global set at interpreter start.
                unsafe { ffi::$name }
            }
        };
    }
    match kind {
        ErrorKind::NotFound => exc!(PyExc_FileNotFoundError),
        ErrorKind::PermissionDenied => exc!(PyExc_PermissionError),
        ErrorKind::ConnectionRefused => exc!(PyExc_ConnectionRefusedError),
        ErrorKind::ConnectionReset => exc!(PyExc_ConnectionResetError),
        ErrorKind::ConnectionAborted => exc!(PyExc_ConnectionAbortedError),
        ErrorKind::BrokenPipe => exc!(PyExc_BrokenPipeError),
        ErrorKind::AlreadyExists => exc!(PyExc_FileExistsError),
        ErrorKind::WouldBlock => exc!(PyExc_BlockingIOError),
        ErrorKind::TimedOut => exc!(PyExc_TimeoutError),
        ErrorKind::Interrupted => exc!(PyExc_InterruptedError),
        ErrorKind::IsADirectory => exc!(PyExc_IsADirectoryError),
        ErrorKind::NotADirectory => exc!(PyExc_NotADirectoryError),
        ErrorKind::OutOfMemory => exc!(PyExc_MemoryError),
        ErrorKind::InvalidInput | ErrorKind::InvalidData => exc!(PyExc_ValueError),
        ErrorKind::UnexpectedEof => exc!(PyExc_EOFError),
        _ => exc!(PyExc_OSError),
    }
}

impl From<std::io::Error> for PyErr {
    /// Maps the error kind to the exception CPython raises for it (`FileNotFoundError`,
    /// `PermissionError`, …), as `OSError(errno, message)` when the OS gave an error number.
    fn from(err: std::io::Error) -> PyErr {
        let ty = os_error_type(err.kind());
        let arg = match err.raw_os_error() {
            Some(code) => {
                // The OS message without Rust's " (os error N)" suffix, as CPython shows it.
                let text = err.to_string();
                let text = match text.rfind(" (os error ") {
                    Some(at) => text[..at].to_owned(),
                    None => text,
                };
                ErrArgs::into_lazy_arg((code, text))
            }
            None => ErrArgs::into_lazy_arg(err.to_string()),
        };
        PyErr::new_static(ty, arg)
    }
}

macro_rules! value_errors {
    ($($ty:ty),* $(,)?) => {$(
        impl From<$ty> for PyErr {
            #[doc = concat!("`", stringify!($ty), "` becomes `ValueError` with its message.")]
            fn from(err: $ty) -> PyErr {
                PyValueError::new_err(err.to_string())
            }
        }
    )*};
}

value_errors!(
    std::num::ParseIntError,
    std::num::ParseFloatError,
    std::str::ParseBoolError,
    std::char::ParseCharError,
    std::net::AddrParseError,
    std::ffi::NulError,
    std::string::FromUtf16Error,
);

impl From<std::num::TryFromIntError> for PyErr {
    /// An out-of-range integer conversion becomes `OverflowError`.
    fn from(err: std::num::TryFromIntError) -> PyErr {
        PyOverflowError::new_err(err.to_string())
    }
}

/// A `UnicodeDecodeError("utf-8", data, start, end, reason)`, with the positions and
/// reasons CPython's decoder gives (both report maximal invalid subsequences). `data` is
/// empty when the bytes are unknown (a bare `Utf8Error`); the positions are kept then.
fn utf8_decode_error(data: Vec<u8>, err: std::str::Utf8Error) -> PyErr {
    let start = err.valid_up_to();
    let (end, reason) = match err.error_len() {
        Some(len) => {
            let reason = match data.get(start) {
                // A valid lead byte whose sequence breaks off.
                Some(0xC2..=0xF4) => "invalid continuation byte",
                Some(_) => "invalid start byte",
                None => "invalid utf-8 sequence",
            };
            (start + len, reason)
        }
        None => (data.len().max(start + 1), "unexpected end of data"),
    };
    PyErr::new_static(
        || {
            // SAFETY: reading a built-in exception type global set at interpreter start.
            unsafe { ffi::PyExc_UnicodeDecodeError }
        },
        crate::err::LazyArg::Build(Box::new(move |gil| {
            let bytes = crate::types::PyBytes::new(gil, &data);
            crate::IntoPyObject::into_py(("utf-8", bytes.unbind(), start, end, reason), gil)
        })),
    )
}

impl From<std::str::Utf8Error> for PyErr {
    /// Invalid UTF-8 becomes `UnicodeDecodeError` (a `ValueError` subclass); the bytes are
    /// not known here, so the error's `object` is empty.
    fn from(err: std::str::Utf8Error) -> PyErr {
        utf8_decode_error(Vec::new(), err)
    }
}

impl From<std::string::FromUtf8Error> for PyErr {
    /// Invalid UTF-8 becomes `UnicodeDecodeError` carrying the offending bytes.
    fn from(err: std::string::FromUtf8Error) -> PyErr {
        let utf8 = err.utf8_error();
        utf8_decode_error(err.into_bytes(), utf8)
    }
}

impl From<std::fmt::Error> for PyErr {
    /// A formatting failure becomes `ValueError`.
    fn from(_: std::fmt::Error) -> PyErr {
        PyValueError::new_err("formatting failed")
    }
}

impl From<std::convert::Infallible> for PyErr {
    fn from(never: std::convert::Infallible) -> PyErr {
        match never {}
    }
}
