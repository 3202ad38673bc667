//! [`PyType`]: type objects, and lazily created type objects for exception types.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::{Handle, Owned};
use crate::types::{PyAny, PyStr};
use std::sync::OnceLock;

super::native_type!(
    /// A Python type object (`type` or a metaclass instance).
    PyType,
    "type",
    PyType_Type,
    |op| ffi::PyType_Check(op)
);

impl<'py> Owned<'py, PyType> {
    /// The raw type-object pointer.
    #[inline]
    pub fn as_type_ptr(&self) -> *mut ffi::PyTypeObject {
        self.as_ptr().cast()
    }

    /// `__name__`.
    pub fn name(&self) -> PyResult<Owned<'py, PyStr>> {
        self.getattr("__name__")?
            .downcast_into()
            .map_err(PyErr::from)
    }

    /// `__qualname__`.
    pub fn qualname(&self) -> PyResult<Owned<'py, PyStr>> {
        self.getattr("__qualname__")?
            .downcast_into()
            .map_err(PyErr::from)
    }

    /// `__module__`.
    pub fn module_name(&self) -> PyResult<Owned<'py, PyAny>> {
        self.getattr("__module__")
    }

    /// `issubclass(self, other)`.
    pub fn is_subclass(&self, other: &Owned<'py, PyType>) -> PyResult<bool> {
        // SAFETY: both are live; returns -1 on error.
        let r = unsafe { ffi::PyObject_IsSubclass(self.as_ptr(), other.as_ptr()) };
        if r == -1 {
            Err(PyErr::fetch(self.gil()))
        } else {
            Ok(r == 1)
        }
    }

    /// Whether `self` is `T`'s type or a subclass of it.
    pub fn is_subclass_of<T: crate::types::PyTypeInfo>(&self) -> bool {
        // SAFETY: both are live type objects.
        unsafe { ffi::PyType_IsSubtype(self.as_type_ptr(), T::type_object_raw(self.gil())) != 0 }
    }
}

/// A type object created on first use and kept for the life of the process.
///
/// One per process: with subinterpreters each would need its own (not supported yet).
pub struct LazyTypeObject(OnceLock<Handle<PyType>>);

impl LazyTypeObject {
    /// An empty cell.
    pub const fn new() -> Self {
        LazyTypeObject(OnceLock::new())
    }

    /// The type object, created by `init` on first use. A failing `init` panics (it runs
    /// when a type is first needed, where no error can be returned).
    pub fn get_or_init<'py>(
        &self,
        gil: Gil<'py>,
        init: impl FnOnce(Gil<'py>) -> Owned<'py, PyType>,
    ) -> *mut ffi::PyTypeObject {
        self.0.get_or_init(|| init(gil).unbind()).as_ptr().cast()
    }
}

impl Default for LazyTypeObject {
    fn default() -> Self {
        Self::new()
    }
}

/// Creates a new exception type `qualified_name` (`"module.Name"`) deriving from `base`.
pub fn new_exception_type<'py>(
    gil: Gil<'py>,
    qualified_name: &str,
    doc: Option<&str>,
    base: &Owned<'py, PyType>,
) -> Owned<'py, PyType> {
    let name = std::ffi::CString::new(qualified_name).expect("exception name without NUL");
    let doc = doc.map(|d| std::ffi::CString::new(d).expect("exception doc without NUL"));
    // SAFETY: valid C strings; base is a type; returns a new type or null.
    let ty = unsafe {
        ffi::PyErr_NewExceptionWithDoc(
            name.as_ptr(),
            doc.as_ref().map_or(std::ptr::null(), |d| d.as_ptr()),
            base.as_ptr(),
            std::ptr::null_mut(),
        )
    };
    // SAFETY: a non-null result is a new type reference.
    unsafe { Owned::from_owned_ptr_or_err(gil, ty) }
        .unwrap_or_else(|e| panic!("cannot create exception type {qualified_name}: {e}"))
}
