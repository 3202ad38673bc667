//! [`PyErr`]: a Python exception carried through Rust as a value, and [`PyResult`].
//!
//! An error is *lazy* until something needs the exception object: raising a lazy error
//! back into Python costs one `PyErr_SetObject`, with no exception instance built in Rust.
mod downcast;
mod from_std;

pub use downcast::DowncastError;

use crate::ffi;
use crate::gil::Gil;
use crate::handle::{Handle, Owned};
use crate::types::{PyAny, PyBaseException, PyStr, PyTraceback, PyType};
use std::borrow::Cow;
use std::sync::{Mutex, OnceLock};

/// The result of an operation that may raise a Python exception.
pub type PyResult<T> = Result<T, PyErr>;

/// Turns a C API status code (`-1` with an exception set on failure) into a result.
#[inline]
pub(crate) fn check_status(gil: Gil<'_>, status: std::os::raw::c_int) -> PyResult<()> {
    if status == -1 {
        Err(PyErr::fetch(gil))
    } else {
        Ok(())
    }
}

/// Where a lazy error's exception type comes from.
#[doc(hidden)]
pub enum LazyType {
    /// A built-in exception type, read from its C global when needed.
    Static(fn() -> *mut ffi::PyObject),
    /// Any exception type object.
    Object(Handle<PyType>),
}

/// The argument a lazy error raises its type with.
#[doc(hidden)]
pub enum LazyArg {
    /// Raise the type with no argument.
    None,
    /// Raise the type with one string argument.
    Message(Cow<'static, str>),
    /// Build the argument (a value or an args tuple) when needed.
    Build(BuildArg),
}

/// A deferred builder of an exception's argument.
#[doc(hidden)]
pub type BuildArg = Box<dyn for<'py> FnOnce(Gil<'py>) -> PyResult<Owned<'py, PyAny>> + Send + Sync>;

struct Lazy {
    ty: LazyType,
    arg: LazyArg,
}

struct State {
    lazy: Mutex<Option<Lazy>>,
    normalized: OnceLock<Handle<PyBaseException>>,
}

/// A Python exception: either lazy (a type and an argument, built into an exception
/// object only when needed) or an exception object.
///
/// Create one from a built-in exception type with `new_err` (no GIL needed), return it
/// from a function as `PyResult`, or get one back from any failing Python call:
///
/// ```
/// use bind_core::exceptions::{PyKeyError, PyValueError};
/// use bind_core::{Gil, PyErr, PyResult};
///
/// fn parse_port(text: &str) -> PyResult<u16> {
///     let n: i64 = text.parse()?; // ParseIntError becomes ValueError
///     u16::try_from(n).map_err(|_| PyValueError::new_err(format!("port out of range: {n}")))
/// }
///
/// Gil::with(|gil| {
///     assert_eq!(parse_port("8080").unwrap(), 8080);
///     let err = parse_port("99999").unwrap_err();
///     assert!(err.is_instance_of::<PyValueError>(gil));
///     assert_eq!(err.to_string(), "ValueError: port out of range: 99999");
///
///     let err = gil.eval("{}['missing']").unwrap_err();
///     assert!(err.is_instance_of::<PyKeyError>(gil));
///     assert!(err.traceback(gil).is_some());
/// });
/// ```
pub struct PyErr(Box<State>);

impl PyErr {
    fn from_lazy(ty: LazyType, arg: LazyArg) -> PyErr {
        PyErr(Box::new(State {
            lazy: Mutex::new(Some(Lazy { ty, arg })),
            normalized: OnceLock::new(),
        }))
    }

    pub(crate) fn new_static(ty: fn() -> *mut ffi::PyObject, arg: LazyArg) -> PyErr {
        Self::from_lazy(LazyType::Static(ty), arg)
    }

    /// An error of the given exception type with one message argument.
    pub fn new_with_type(ty: Handle<PyType>, message: impl Into<Cow<'static, str>>) -> PyErr {
        Self::from_lazy(LazyType::Object(ty), LazyArg::Message(message.into()))
    }

    /// An error of the given type whose argument is built lazily from a Rust value
    /// (a tuple becomes the exception's `args`).
    pub fn new_with_args<A>(ty: Handle<PyType>, args: A) -> PyErr
    where
        A: for<'py> crate::IntoPyObject<'py> + Send + Sync + 'static,
    {
        Self::from_lazy(
            LazyType::Object(ty),
            LazyArg::Build(Box::new(move |gil| args.into_py(gil))),
        )
    }

    /// Wraps an exception instance, or raises `TypeError` semantics when `obj` is an
    /// exception *type* (it is instantiated with no arguments). Other objects give a
    /// `TypeError` saying exceptions must derive from `BaseException`.
    pub fn from_value(obj: Owned<'_, PyAny>) -> PyErr {
        let gil = obj.gil();
        // SAFETY: `obj` is a live object.
        if unsafe { ffi::PyExceptionInstance_Check(obj.as_ptr()) } {
            // SAFETY: checked to be an exception instance.
            let exc: Owned<'_, PyBaseException> = unsafe { obj.cast_unchecked() };
            let err = PyErr::from_lazy(LazyType::Static(std::ptr::null_mut), LazyArg::None);
            *err.0.lazy.lock().unwrap_or_else(|e| e.into_inner()) = None;
            let _ = err.0.normalized.set(exc.unbind());
            err
        // SAFETY: `obj` is a live object.
        } else if unsafe { ffi::PyExceptionClass_Check(obj.as_ptr()) } {
            // SAFETY: checked to be an exception type.
            let ty: Owned<'_, PyType> = unsafe { obj.cast_unchecked() };
            PyErr::from_lazy(LazyType::Object(ty.unbind()), LazyArg::None)
        } else {
            let _ = gil;
            crate::exceptions::PyTypeError::new_err("exceptions must derive from BaseException")
        }
    }

    /// Takes the exception currently raised in this thread, if any, clearing it.
    ///
    /// ```
    /// use bind_core::exceptions::PyTypeError;
    /// use bind_core::{Gil, PyErr};
    ///
    /// Gil::with(|gil| {
    ///     assert!(PyErr::take(gil).is_none());
    ///     // `restore` sets the error indicator, as a C function returning NULL must.
    ///     PyTypeError::new_err("wrong type").restore(gil);
    ///     let err = PyErr::take(gil).expect("an error is set");
    ///     assert!(err.is_instance_of::<PyTypeError>(gil));
    ///     assert!(PyErr::take(gil).is_none());
    /// });
    /// ```
    pub fn take(gil: Gil<'_>) -> Option<PyErr> {
        #[cfg(all(Py_3_12, not(Py_LIMITED_API)))]
        {
            // SAFETY: the GIL is held; the call returns a new reference or null.
            let exc = unsafe { ffi::PyErr_GetRaisedException() };
            if exc.is_null() {
                return None;
            }
            // SAFETY: a new reference to an exception instance.
            let exc = unsafe { Owned::<PyBaseException>::from_owned_ptr(gil, exc) };
            Some(Self::from_normalized(exc))
        }
        #[cfg(not(all(Py_3_12, not(Py_LIMITED_API))))]
        {
            let (mut ty, mut value, mut tb) = (
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            );
            // SAFETY: the GIL is held; Fetch hands over three owned (or null) references,
            // Normalize replaces them with owned references to the normalized triple.
            unsafe {
                ffi::PyErr_Fetch(&mut ty, &mut value, &mut tb);
                if ty.is_null() {
                    return None;
                }
                ffi::PyErr_NormalizeException(&mut ty, &mut value, &mut tb);
                if !tb.is_null() && !value.is_null() {
                    ffi::PyException_SetTraceback(value, tb);
                }
                ffi::Py_XDECREF(ty);
                ffi::Py_XDECREF(tb);
            }
            if value.is_null() {
                return Some(crate::exceptions::PySystemError::new_err(
                    "exception normalization produced no value",
                ));
            }
            // SAFETY: an owned reference to the normalized exception instance.
            let exc = unsafe { Owned::<PyBaseException>::from_owned_ptr(gil, value) };
            Some(Self::from_normalized(exc))
        }
    }

    /// Takes the exception currently raised; if none is set (a C API misuse), returns a
    /// `SystemError` saying so.
    #[cold]
    pub fn fetch(gil: Gil<'_>) -> PyErr {
        PyErr::take(gil).unwrap_or_else(|| {
            crate::exceptions::PySystemError::new_err(
                "a C API call failed without setting an exception",
            )
        })
    }

    fn from_normalized(exc: Owned<'_, PyBaseException>) -> PyErr {
        let state = State {
            lazy: Mutex::new(None),
            normalized: OnceLock::new(),
        };
        let _ = state.normalized.set(exc.unbind());
        PyErr(Box::new(state))
    }

    /// Sets this error as the current exception of the thread (the C API's error
    /// indicator), as a function returning `NULL` to Python must.
    pub fn restore(self, gil: Gil<'_>) {
        let lazy = self.0.lazy.lock().unwrap_or_else(|e| e.into_inner()).take();
        match lazy {
            Some(lazy) => Self::raise_lazy(gil, lazy),
            None => {
                let exc = self
                    .0
                    .normalized
                    .get()
                    .expect("a PyErr is lazy or normalized")
                    .clone_ref(gil);
                Self::raise_instance(gil, exc.into_bound(gil));
            }
        }
    }

    fn raise_lazy(gil: Gil<'_>, lazy: Lazy) {
        let ty_owned;
        let ty = match &lazy.ty {
            LazyType::Static(f) => f(),
            LazyType::Object(h) => {
                ty_owned = h.bind(gil);
                ty_owned.as_ptr()
            }
        };
        // SAFETY: `ty` is a live object; PyExceptionClass_Check reads its type flags.
        if ty.is_null() || !unsafe { ffi::PyExceptionClass_Check(ty) } {
            let err = crate::exceptions::PyTypeError::new_err(
                "exceptions must derive from BaseException",
            );
            return err.restore(gil);
        }
        match lazy.arg {
            // SAFETY: `ty` is an exception type; SetNone/SetObject do not steal references.
            LazyArg::None => unsafe { ffi::PyErr_SetNone(ty) },
            LazyArg::Message(msg) => {
                let msg = PyStr::new(gil, &msg);
                // SAFETY: as above.
                unsafe { ffi::PyErr_SetObject(ty, msg.as_ptr()) }
            }
            LazyArg::Build(build) => match build(gil) {
                // SAFETY: as above.
                Ok(arg) => unsafe { ffi::PyErr_SetObject(ty, arg.as_ptr()) },
                Err(err) => err.restore(gil),
            },
        }
    }

    fn raise_instance(gil: Gil<'_>, exc: Owned<'_, PyBaseException>) {
        let _ = gil;
        #[cfg(all(Py_3_12, not(Py_LIMITED_API)))]
        // SAFETY: SetRaisedException steals the reference to an exception instance.
        unsafe {
            ffi::PyErr_SetRaisedException(exc.into_ptr())
        }
        #[cfg(not(all(Py_3_12, not(Py_LIMITED_API))))]
        // SAFETY: Restore steals all three references; the type is the instance's type.
        unsafe {
            let ty = ffi::Py_TYPE(exc.as_ptr()).cast::<ffi::PyObject>();
            ffi::Py_INCREF(ty);
            let tb = ffi::PyException_GetTraceback(exc.as_ptr());
            ffi::PyErr_Restore(ty, exc.into_ptr(), tb);
        }
    }

    /// The exception object, building it from a lazy error if needed.
    pub fn value<'py>(&self, gil: Gil<'py>) -> &Owned<'py, PyBaseException> {
        self.0
            .normalized
            .get_or_init(|| {
                let lazy = self.0.lazy.lock().unwrap_or_else(|e| e.into_inner()).take();
                if let Some(lazy) = lazy {
                    Self::raise_lazy(gil, lazy);
                }
                let taken = PyErr::take(gil).expect("raising a lazy error sets an exception");
                let exc = taken.0.normalized.get().expect("normalized").clone_ref(gil);
                exc
            })
            .bind(gil)
    }

    /// The exception's type.
    pub fn get_type<'py>(&self, gil: Gil<'py>) -> Owned<'py, PyType> {
        self.value(gil).get_type()
    }

    /// The traceback, if the exception was raised from Python code.
    pub fn traceback<'py>(&self, gil: Gil<'py>) -> Option<Owned<'py, PyTraceback>> {
        // SAFETY: the value is a live exception; GetTraceback returns a new reference or null.
        let tb = unsafe { ffi::PyException_GetTraceback(self.value(gil).as_ptr()) };
        // SAFETY: non-null results are owned traceback objects.
        (!tb.is_null()).then(|| unsafe { Owned::from_owned_ptr(gil, tb) })
    }

    /// Whether the exception is an instance of `T` (or a subclass).
    pub fn is_instance_of<T: crate::types::PyTypeInfo>(&self, gil: Gil<'_>) -> bool {
        self.matches(gil, &T::type_object(gil))
    }

    /// Whether the exception matches `ty` (a type or a tuple of types, as `except` does).
    pub fn matches<'py>(&self, gil: Gil<'py>, ty: &Owned<'py, impl Sized>) -> bool {
        let own_type = self.get_type(gil);
        // SAFETY: both are live objects.
        unsafe { ffi::PyErr_GivenExceptionMatches(own_type.as_ptr(), ty.as_ptr()) != 0 }
    }

    /// The exception's `__cause__` (set by `raise … from …`).
    pub fn cause(&self, gil: Gil<'_>) -> Option<PyErr> {
        // SAFETY: the value is a live exception; GetCause returns a new reference or null.
        let cause = unsafe { ffi::PyException_GetCause(self.value(gil).as_ptr()) };
        // SAFETY: non-null results are owned references.
        (!cause.is_null()).then(|| PyErr::from_value(unsafe { Owned::from_owned_ptr(gil, cause) }))
    }

    /// Sets the exception's `__cause__` (`None` clears it).
    pub fn set_cause(&self, gil: Gil<'_>, cause: Option<PyErr>) {
        let value = self.value(gil);
        let cause = cause.map_or(std::ptr::null_mut(), |c| c.value(gil).clone().into_ptr());
        // SAFETY: SetCause steals the (possibly null) reference to the cause.
        unsafe { ffi::PyException_SetCause(value.as_ptr(), cause) };
    }

    /// The exception's `__context__` (the exception being handled when it was raised).
    pub fn context(&self, gil: Gil<'_>) -> Option<PyErr> {
        // SAFETY: the value is a live exception; GetContext returns a new reference or null.
        let ctx = unsafe { ffi::PyException_GetContext(self.value(gil).as_ptr()) };
        // SAFETY: non-null results are owned references.
        (!ctx.is_null()).then(|| PyErr::from_value(unsafe { Owned::from_owned_ptr(gil, ctx) }))
    }

    /// Adds a note shown under the traceback (`BaseException.add_note`, Python 3.11+).
    pub fn add_note(&self, gil: Gil<'_>, note: &str) -> PyResult<()> {
        self.value(gil).call_method1("add_note", (note,)).map(drop)
    }

    /// Another reference to the same exception (normalizing it).
    pub fn clone_ref(&self, gil: Gil<'_>) -> PyErr {
        PyErr::from_normalized(self.value(gil).clone())
    }

    /// Prints the exception and its traceback to `sys.stderr`.
    pub fn print(&self, gil: Gil<'_>) {
        self.clone_ref(gil).restore(gil);
        // SAFETY: an exception is set; PyErr_PrintEx prints and clears it.
        unsafe { ffi::PyErr_PrintEx(0) };
    }

    /// Converts into a Python exception object.
    pub fn into_value(self, gil: Gil<'_>) -> Owned<'_, PyBaseException> {
        self.value(gil).clone()
    }

    /// A copy of the message without the GIL held: `"TypeName: str(value)"`.
    fn describe(&self, gil: Gil<'_>) -> String {
        let value = self.value(gil);
        let ty = value.get_type();
        let name = ty
            .qualname()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "<unknown exception>".into());
        match value.str() {
            Ok(s) if s.len().unwrap_or(0) > 0 => format!("{name}: {}", s.to_string_lossy()),
            _ => name,
        }
    }
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = crate::gil::with_gil_if_running(|gil| self.describe(gil));
        f.debug_struct("PyErr")
            .field("exception", &text.as_deref().unwrap_or("<no interpreter>"))
            .finish()
    }
}

impl std::fmt::Display for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = crate::gil::with_gil_if_running(|gil| self.describe(gil));
        f.write_str(
            text.as_deref()
                .unwrap_or("<Python exception: no interpreter>"),
        )
    }
}

impl std::error::Error for PyErr {}

impl PyErr {
    /// An error of the given exception type raised with `args` (see
    /// [`ErrArgs`](crate::exceptions::ErrArgs)); used by the exception macros.
    pub fn new_with_lazy_arg<A: crate::exceptions::ErrArgs>(ty: Handle<PyType>, args: A) -> PyErr {
        Self::from_lazy(LazyType::Object(ty), args.into_lazy_arg())
    }
}

impl PyErr {
    pub(crate) fn from_lazy_parts(ty: Handle<PyType>, arg: LazyArg) -> PyErr {
        Self::from_lazy(LazyType::Object(ty), arg)
    }
}
