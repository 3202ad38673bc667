//! The built-in exception types as Rust types, and macros to define new exception types
//! ([`create_exception!`](crate::create_exception)) or import ones defined in Python
//! ([`import_exception!`](crate::import_exception)).
use crate::err::{LazyArg, PyErr};
use crate::ffi;
use std::borrow::Cow;

/// What an exception can be raised with: a message, nothing, or a tuple of values that
/// becomes the exception's `args`.
pub trait ErrArgs: Send + Sync + 'static {
    /// Packs the arguments for a lazily built exception.
    fn into_lazy_arg(self) -> LazyArg;
}

impl ErrArgs for () {
    fn into_lazy_arg(self) -> LazyArg {
        LazyArg::None
    }
}
impl ErrArgs for &'static str {
    fn into_lazy_arg(self) -> LazyArg {
        LazyArg::Message(Cow::Borrowed(self))
    }
}
impl ErrArgs for String {
    fn into_lazy_arg(self) -> LazyArg {
        LazyArg::Message(Cow::Owned(self))
    }
}
impl ErrArgs for Cow<'static, str> {
    fn into_lazy_arg(self) -> LazyArg {
        LazyArg::Message(self)
    }
}

macro_rules! tuple_err_args {
    ($($name:ident),+) => {
        impl<$($name),+> ErrArgs for ($($name,)+)
        where
            $($name: for<'py> crate::IntoPyObject<'py> + Send + Sync + 'static),+
        {
            fn into_lazy_arg(self) -> LazyArg {
                LazyArg::Build(Box::new(move |gil| crate::IntoPyObject::into_py(self, gil)))
            }
        }
    };
}
tuple_err_args!(A);
tuple_err_args!(A, B);
tuple_err_args!(A, B, C);
tuple_err_args!(A, B, C, D);
tuple_err_args!(A, B, C, D, E);

macro_rules! builtin_exceptions {
    ($($(#[$cfg:meta])* $name:ident => $global:ident, $pyname:literal;)*) => {$(
        $(#[$cfg])*
        #[doc = concat!("Python's built-in `", $pyname, "`.")]
        pub enum $name {}

        $(#[$cfg])*
        impl $name {
            #[doc = concat!("A lazy `", $pyname, "` raised with `args` (a message, `()`, or a tuple).")]
            #[inline]
            pub fn new_err<A: ErrArgs>(args: A) -> PyErr {
                PyErr::new_static(
                    || {
                        // SAFETY: reading a built-in exception type global.
                        unsafe { ffi::$global }
                    },
                    args.into_lazy_arg(),
                )
            }
        }

        $(#[$cfg])*
        impl crate::types::PyTypeCheck for $name {
            const NAME: &'static str = $pyname;
            fn type_check(obj: &crate::Owned<'_, crate::types::PyAny>) -> bool {
                // SAFETY: both are live objects.
                unsafe { ffi::PyObject_IsInstance(obj.as_ptr(), ffi::$global) == 1 }
            }
        }

        $(#[$cfg])*
        // SAFETY: a built-in exception type of the interpreter.
        unsafe impl crate::types::PyTypeInfo for $name {
            fn type_object_raw(_gil: crate::Gil<'_>) -> *mut ffi::PyTypeObject {
                // SAFETY: reading a built-in exception type global.
                unsafe { ffi::$global.cast() }
            }
        }
        $(#[$cfg])*
        impl crate::handle::DerefToPyAny for $name {}
    )*};
}

builtin_exceptions! {
    PyBaseExceptionType => PyExc_BaseException, "BaseException";
    PyException => PyExc_Exception, "Exception";
    PyStopAsyncIteration => PyExc_StopAsyncIteration, "StopAsyncIteration";
    PyStopIteration => PyExc_StopIteration, "StopIteration";
    PyGeneratorExit => PyExc_GeneratorExit, "GeneratorExit";
    PyArithmeticError => PyExc_ArithmeticError, "ArithmeticError";
    PyLookupError => PyExc_LookupError, "LookupError";
    PyAssertionError => PyExc_AssertionError, "AssertionError";
    PyAttributeError => PyExc_AttributeError, "AttributeError";
    PyBufferError => PyExc_BufferError, "BufferError";
    PyEOFError => PyExc_EOFError, "EOFError";
    PyFloatingPointError => PyExc_FloatingPointError, "FloatingPointError";
    PyOSError => PyExc_OSError, "OSError";
    PyImportError => PyExc_ImportError, "ImportError";
    PyModuleNotFoundError => PyExc_ModuleNotFoundError, "ModuleNotFoundError";
    PyIndexError => PyExc_IndexError, "IndexError";
    PyKeyError => PyExc_KeyError, "KeyError";
    PyKeyboardInterrupt => PyExc_KeyboardInterrupt, "KeyboardInterrupt";
    PyMemoryError => PyExc_MemoryError, "MemoryError";
    PyNameError => PyExc_NameError, "NameError";
    PyOverflowError => PyExc_OverflowError, "OverflowError";
    PyRuntimeError => PyExc_RuntimeError, "RuntimeError";
    PyRecursionError => PyExc_RecursionError, "RecursionError";
    PyNotImplementedError => PyExc_NotImplementedError, "NotImplementedError";
    PySyntaxError => PyExc_SyntaxError, "SyntaxError";
    PyIndentationError => PyExc_IndentationError, "IndentationError";
    PyTabError => PyExc_TabError, "TabError";
    PyReferenceError => PyExc_ReferenceError, "ReferenceError";
    PySystemError => PyExc_SystemError, "SystemError";
    PySystemExit => PyExc_SystemExit, "SystemExit";
    PyTypeError => PyExc_TypeError, "TypeError";
    PyUnboundLocalError => PyExc_UnboundLocalError, "UnboundLocalError";
    PyUnicodeError => PyExc_UnicodeError, "UnicodeError";
    PyUnicodeEncodeError => PyExc_UnicodeEncodeError, "UnicodeEncodeError";
    PyUnicodeDecodeError => PyExc_UnicodeDecodeError, "UnicodeDecodeError";
    PyUnicodeTranslateError => PyExc_UnicodeTranslateError, "UnicodeTranslateError";
    PyValueError => PyExc_ValueError, "ValueError";
    PyZeroDivisionError => PyExc_ZeroDivisionError, "ZeroDivisionError";
    PyBlockingIOError => PyExc_BlockingIOError, "BlockingIOError";
    PyBrokenPipeError => PyExc_BrokenPipeError, "BrokenPipeError";
    PyChildProcessError => PyExc_ChildProcessError, "ChildProcessError";
    PyConnectionError => PyExc_ConnectionError, "ConnectionError";
    PyConnectionAbortedError => PyExc_ConnectionAbortedError, "ConnectionAbortedError";
    PyConnectionRefusedError => PyExc_ConnectionRefusedError, "ConnectionRefusedError";
    PyConnectionResetError => PyExc_ConnectionResetError, "ConnectionResetError";
    PyFileExistsError => PyExc_FileExistsError, "FileExistsError";
    PyFileNotFoundError => PyExc_FileNotFoundError, "FileNotFoundError";
    PyInterruptedError => PyExc_InterruptedError, "InterruptedError";
    PyIsADirectoryError => PyExc_IsADirectoryError, "IsADirectoryError";
    PyNotADirectoryError => PyExc_NotADirectoryError, "NotADirectoryError";
    PyPermissionError => PyExc_PermissionError, "PermissionError";
    PyProcessLookupError => PyExc_ProcessLookupError, "ProcessLookupError";
    PyTimeoutError => PyExc_TimeoutError, "TimeoutError";
    PyWarning => PyExc_Warning, "Warning";
    PyUserWarning => PyExc_UserWarning, "UserWarning";
    PyDeprecationWarning => PyExc_DeprecationWarning, "DeprecationWarning";
    PyPendingDeprecationWarning => PyExc_PendingDeprecationWarning, "PendingDeprecationWarning";
    PySyntaxWarning => PyExc_SyntaxWarning, "SyntaxWarning";
    PyRuntimeWarning => PyExc_RuntimeWarning, "RuntimeWarning";
    PyFutureWarning => PyExc_FutureWarning, "FutureWarning";
    PyImportWarning => PyExc_ImportWarning, "ImportWarning";
    PyUnicodeWarning => PyExc_UnicodeWarning, "UnicodeWarning";
    PyBytesWarning => PyExc_BytesWarning, "BytesWarning";
    PyResourceWarning => PyExc_ResourceWarning, "ResourceWarning";
    #[cfg(Py_3_10)]
    PyEncodingWarning => PyExc_EncodingWarning, "EncodingWarning";
}

/// Defines a new exception type, created once per process on first use, e.g.
/// `create_exception!(mymodule, MyError, PyValueError, "Raised when …");`.
/// Add it to a module with `module.add_type::<MyError>()`.
#[macro_export]
macro_rules! create_exception {
    (@define [$($module:ident).+], $name:ident, $base:ty, $rust_doc:expr $(, $doc:literal)?) => {
        #[doc = $rust_doc]
        pub enum $name {}

        $crate::__exception_type_impls!($name, |gil| {
            let base = <$base as $crate::types::PyTypeInfo>::type_object(gil);
            $crate::types::new_exception_type(
                gil,
                concat!($(stringify!($module), ".",)+ stringify!($name)),
                None $(.or(Some($doc)))?,
                &base,
            )
        });
    };
    ($($module:ident).+, $name:ident, $base:ty) => {
        $crate::create_exception!(@define [$($module).+], $name, $base,
            concat!("The exception `", $(stringify!($module), ".",)+ stringify!($name), "`."));
    };
    ($($module:ident).+, $name:ident, $base:ty, $doc:literal) => {
        $crate::create_exception!(@define [$($module).+], $name, $base, $doc, $doc);
    };
}

/// Makes an exception type defined in Python usable from Rust, e.g.
/// `import_exception!(socket, gaierror);`. The module is imported on first use.
#[macro_export]
macro_rules! import_exception {
    ($($module:ident).+, $name:ident) => {
        #[doc = concat!("The Python exception `", $(stringify!($module), ".",)+ stringify!($name), "`.")]
        #[allow(non_camel_case_types)]
        pub enum $name {}

        $crate::__exception_type_impls!($name, |gil| {
            let path = concat!($(stringify!($module), ".",)+);
            let module = gil.import(&path[..path.len() - 1]).unwrap_or_else(|e| {
                panic!("import_exception!: cannot import {}: {}", path, e)
                    });
                    let ty = module.getattr(stringify!($name)).unwrap_or_else(|e| {
                        panic!("import_exception!: {}{} not found: {}", path, stringify!($name), e)
                    });
                    ty.downcast_into::<$crate::types::PyType>().unwrap_or_else(|e| {
                        panic!("import_exception!: {}{}: {}", path, stringify!($name), e)
                    })
        });
    };
}

/// The impls shared by [`create_exception!`](crate::create_exception) and
/// [`import_exception!`](crate::import_exception): `new_err`, the type check and a type
/// object created once by `$init`. Not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __exception_type_impls {
    ($name:ident, |$gil:ident| $init:block) => {
        impl $name {
            /// Creates a lazy error of this type.
            pub fn new_err<A: $crate::exceptions::ErrArgs>(args: A) -> $crate::PyErr {
                $crate::Gil::with(|gil| {
                    let ty = <$name as $crate::types::PyTypeInfo>::type_object(gil).unbind();
                    $crate::PyErr::new_with_lazy_arg(ty, args)
                })
            }
        }

        impl $crate::types::PyTypeCheck for $name {
            const NAME: &'static str = stringify!($name);
            fn type_check(obj: &$crate::Owned<'_, $crate::types::PyAny>) -> bool {
                let ty = <$name as $crate::types::PyTypeInfo>::type_object(obj.gil());
                obj.is_instance(&ty).unwrap_or(false)
            }
        }

        // SAFETY: the type object is created once and kept alive by the static cell.
        unsafe impl $crate::types::PyTypeInfo for $name {
            fn type_object_raw(gil: $crate::Gil<'_>) -> *mut $crate::ffi::PyTypeObject {
                static TYPE: $crate::types::LazyTypeObject = $crate::types::LazyTypeObject::new();
                TYPE.get_or_init(gil, |$gil| $init)
            }
        }
        impl $crate::handle::DerefToPyAny for $name {}
    };
}
