//! Rust panics inside callbacks become Python `PanicException`s.
use crate::err::{LazyArg, PyErr};
use crate::ffi;
use crate::gil::Gil;
use crate::types::{LazyTypeObject, PyTypeCheck, PyTypeInfo};
use std::any::Any;

/// Raised when Rust code called from Python panics. It derives from `BaseException`, so
/// a bare `except Exception:` does not swallow it.
pub enum PanicException {}

static PANIC_TYPE: LazyTypeObject = LazyTypeObject::new();

impl PyTypeCheck for PanicException {
    const NAME: &'static str = "PanicException";
    fn type_check(obj: &crate::Owned<'_, crate::types::PyAny>) -> bool {
        let ty = Self::type_object(obj.gil());
        obj.is_instance(&ty).unwrap_or(false)
    }
}

// SAFETY: the type is created once and kept alive for the process.
unsafe impl PyTypeInfo for PanicException {
    fn type_object_raw(gil: Gil<'_>) -> *mut ffi::PyTypeObject {
        PANIC_TYPE.get_or_init(gil, |gil| {
            let base = crate::exceptions::PyBaseExceptionType::type_object(gil);
            crate::types::new_exception_type(
                gil,
                "bind.PanicException",
                Some("A Rust panic inside a function called from Python."),
                &base,
            )
        })
    }
}
impl crate::handle::DerefToPyAny for PanicException {}

impl PanicException {
    /// The Python error for a caught panic payload, carrying the panic message.
    pub fn from_panic_payload(payload: Box<dyn Any + Send + 'static>) -> PyErr {
        let message = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_owned()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "Rust panic with a non-string payload".to_owned()
        };
        Gil::with(|gil| {
            let ty = Self::type_object(gil).unbind();
            PyErr::new_with_lazy_arg(ty, message)
        })
    }

    /// A lazy `PanicException` with the given message.
    pub fn new_err(message: impl Into<String>) -> PyErr {
        let message = message.into();
        Gil::with(|gil| {
            let ty = Self::type_object(gil).unbind();
            PyErr::from_lazy_parts(ty, LazyArg::Message(message.into()))
        })
    }
}
