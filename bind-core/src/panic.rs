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
        PANIC_TYPE.get_or_init(gil, shared_panic_type)
    }
}
impl crate::handle::DerefToPyAny for PanicException {}

/// The module that holds the one `PanicException` class of an interpreter, shared by
/// every bind extension module loaded into it (each carries its own copy of bind-core).
const SHARED_MODULE: &str = "bind";

/// Marks a `bind` module in `sys.modules` as the one bind made (not a user's package).
const SHARED_MARK: &str = "__bind_shared__";

/// The interpreter's shared `bind.PanicException`: found in `sys.modules['bind']` when
/// another bind module made it first, else made and registered there, so that
/// `except bind.PanicException` catches panics of every bind module, `import bind` finds
/// it, and `pickle` can name it. (The pointer is then cached per process: one interpreter,
/// as the rest of bind-core's type caches assume.) Any exception pending on entry is
/// kept.
fn shared_panic_type(gil: Gil<'_>) -> crate::Owned<'_, crate::types::PyType> {
    let pending = PyErr::take(gil);
    let ty = find_or_register(gil).unwrap_or_else(|_| {
        // A foreign `bind` module, or no `sys.modules`: a class of this module's own.
        new_panic_type(gil)
    });
    if let Some(err) = pending {
        err.restore(gil);
    }
    ty
}

fn new_panic_type(gil: Gil<'_>) -> crate::Owned<'_, crate::types::PyType> {
    let base = crate::exceptions::PyBaseExceptionType::type_object(gil);
    crate::types::new_exception_type(
        gil,
        "bind.PanicException",
        Some("A Rust panic inside a function called from Python."),
        &base,
    )
}

fn find_or_register(gil: Gil<'_>) -> crate::PyResult<crate::Owned<'_, crate::types::PyType>> {
    use crate::types::{PyDict, PyModule, PyType};
    let modules = gil.import("sys")?.getattr("modules")?;
    let modules = modules.downcast::<PyDict>()?;
    if let Some(module) = modules.get_item(SHARED_MODULE)? {
        if module.getattr_opt(SHARED_MARK)?.is_none() {
            return Err(crate::exceptions::PyImportError::new_err(
                "sys.modules['bind'] is not bind's shared module",
            ));
        }
        return Ok(module
            .getattr("PanicException")?
            .downcast::<PyType>()?
            .clone());
    }
    let module = PyModule::new(gil, SHARED_MODULE)?;
    let ty = new_panic_type(gil);
    module.add("PanicException", &ty)?;
    module.add(SHARED_MARK, true)?;
    module.add(
        "__doc__",
        "Shared by every bind extension module of this interpreter: PanicException.",
    )?;
    modules.set_item(SHARED_MODULE, &module)?;
    Ok(ty)
}

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
