//! [`PyAny`]: any Python object, and the object protocol shared by every handle.
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::check_status;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::{PyDict, PyIterator, PyList, PyStr, PyTuple, PyType, PyTypeInfo};
use std::cmp::Ordering;
use std::os::raw::c_int;

/// Any Python object.
pub enum PyAny {}

impl crate::types::PyTypeCheck for PyAny {
    const NAME: &'static str = "object";
    #[inline]
    fn type_check(_obj: &Owned<'_, PyAny>) -> bool {
        true
    }
}

// SAFETY: `object`, a static type.
unsafe impl PyTypeInfo for PyAny {
    fn type_object_raw(_gil: Gil<'_>) -> *mut ffi::PyTypeObject {
        std::ptr::addr_of_mut!(ffi::PyBaseObject_Type)
    }
}

/// Something usable as an attribute name: `&str` (converted on each use) or a `str`
/// handle (used as is; see [`intern!`](crate::intern) for cached names).
pub trait PyName<'py> {
    /// Converts into a `str` object.
    fn to_name(self, gil: Gil<'py>) -> Owned<'py, PyStr>;
}

impl<'py> PyName<'py> for &str {
    #[inline]
    fn to_name(self, gil: Gil<'py>) -> Owned<'py, PyStr> {
        PyStr::new(gil, self)
    }
}
impl<'py> PyName<'py> for &String {
    #[inline]
    fn to_name(self, gil: Gil<'py>) -> Owned<'py, PyStr> {
        PyStr::new(gil, self)
    }
}
impl<'py> PyName<'py> for &Owned<'py, PyStr> {
    #[inline]
    fn to_name(self, _gil: Gil<'py>) -> Owned<'py, PyStr> {
        self.clone()
    }
}
impl<'py> PyName<'py> for Owned<'py, PyStr> {
    #[inline]
    fn to_name(self, _gil: Gil<'py>) -> Owned<'py, PyStr> {
        self
    }
}

impl<'py> Owned<'py, PyAny> {
    /// `getattr(self, name)`.
    pub fn getattr(&self, name: impl PyName<'py>) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil();
        let name = name.to_name(gil);
        // SAFETY: both are live; GetAttr returns a new reference or null with an exception.
        unsafe {
            Owned::from_owned_ptr_or_err(gil, ffi::PyObject_GetAttr(self.as_ptr(), name.as_ptr()))
        }
    }

    /// `getattr(self, name, None)` without raising when the attribute is missing
    /// (other errors still propagate).
    pub fn getattr_opt(&self, name: impl PyName<'py>) -> PyResult<Option<Owned<'py, PyAny>>> {
        match self.getattr(name) {
            Ok(value) => Ok(Some(value)),
            Err(err) if err.is_instance_of::<crate::exceptions::PyAttributeError>(self.gil()) => {
                Ok(None)
            }
            Err(err) => Err(err),
        }
    }

    /// `hasattr(self, name)`.
    pub fn hasattr(&self, name: impl PyName<'py>) -> PyResult<bool> {
        Ok(self.getattr_opt(name)?.is_some())
    }

    /// `setattr(self, name, value)`.
    pub fn setattr(&self, name: impl PyName<'py>, value: impl IntoPyObject<'py>) -> PyResult<()> {
        let gil = self.gil();
        let name = name.to_name(gil);
        let value = value.into_py(gil)?;
        // SAFETY: all three are live objects.
        check_status(gil, unsafe {
            ffi::PyObject_SetAttr(self.as_ptr(), name.as_ptr(), value.as_ptr())
        })
    }

    /// `delattr(self, name)`.
    pub fn delattr(&self, name: impl PyName<'py>) -> PyResult<()> {
        let gil = self.gil();
        let name = name.to_name(gil);
        // SAFETY: a null value deletes the attribute.
        check_status(gil, unsafe {
            ffi::PyObject_SetAttr(self.as_ptr(), name.as_ptr(), std::ptr::null_mut())
        })
    }

    /// Calls the object with positional `args` (a tuple of Rust values, `()`, or a `tuple`
    /// handle) and optional keyword arguments.
    pub fn call(
        &self,
        args: impl IntoArgs<'py>,
        kwargs: Option<&Owned<'py, PyDict>>,
    ) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil();
        let args = args.into_args(gil)?;
        let kwargs = kwargs.map_or(std::ptr::null_mut(), |k| k.as_ptr());
        // SAFETY: `args` is a tuple, `kwargs` null or a dict; Call returns a new reference.
        unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                ffi::PyObject_Call(self.as_ptr(), args.as_ptr(), kwargs),
            )
        }
    }

    /// Calls the object with no arguments.
    pub fn call0(&self) -> PyResult<Owned<'py, PyAny>> {
        self.call((), None)
    }

    /// Calls the object with positional arguments only.
    pub fn call1(&self, args: impl IntoArgs<'py>) -> PyResult<Owned<'py, PyAny>> {
        self.call(args, None)
    }

    /// Calls the method `name` with positional `args` and optional keyword arguments.
    pub fn call_method(
        &self,
        name: impl PyName<'py>,
        args: impl IntoArgs<'py>,
        kwargs: Option<&Owned<'py, PyDict>>,
    ) -> PyResult<Owned<'py, PyAny>> {
        self.getattr(name)?.call(args, kwargs)
    }

    /// Calls the method `name` with no arguments.
    pub fn call_method0(&self, name: impl PyName<'py>) -> PyResult<Owned<'py, PyAny>> {
        self.getattr(name)?.call0()
    }

    /// Calls the method `name` with positional arguments only.
    pub fn call_method1(
        &self,
        name: impl PyName<'py>,
        args: impl IntoArgs<'py>,
    ) -> PyResult<Owned<'py, PyAny>> {
        self.getattr(name)?.call(args, None)
    }

    /// `repr(self)`.
    pub fn repr(&self) -> PyResult<Owned<'py, PyStr>> {
        // SAFETY: Repr returns a new `str` reference or null with an exception.
        unsafe { Owned::from_owned_ptr_or_err(self.gil(), ffi::PyObject_Repr(self.as_ptr())) }
    }

    /// `str(self)`.
    pub fn str(&self) -> PyResult<Owned<'py, PyStr>> {
        // SAFETY: Str returns a new `str` reference or null with an exception.
        unsafe { Owned::from_owned_ptr_or_err(self.gil(), ffi::PyObject_Str(self.as_ptr())) }
    }

    /// Rich comparison returning the resulting object (`self < other` for `Py_LT`, …).
    pub fn rich_compare(
        &self,
        other: impl IntoPyObject<'py>,
        op: CompareOp,
    ) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil();
        let other = other.into_py(gil)?;
        // SAFETY: both live; RichCompare returns a new reference or null.
        unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                ffi::PyObject_RichCompare(self.as_ptr(), other.as_ptr(), op as c_int),
            )
        }
    }

    fn compare_bool(&self, other: impl IntoPyObject<'py>, op: CompareOp) -> PyResult<bool> {
        let gil = self.gil();
        let other = other.into_py(gil)?;
        // SAFETY: both live; returns -1 on error.
        let r =
            unsafe { ffi::PyObject_RichCompareBool(self.as_ptr(), other.as_ptr(), op as c_int) };
        check_status(gil, r).map(|_| r == 1)
    }

    /// `self == other`.
    pub fn eq(&self, other: impl IntoPyObject<'py>) -> PyResult<bool> {
        self.compare_bool(other, CompareOp::Eq)
    }
    /// `self != other`.
    pub fn ne(&self, other: impl IntoPyObject<'py>) -> PyResult<bool> {
        self.compare_bool(other, CompareOp::Ne)
    }
    /// `self < other`.
    pub fn lt(&self, other: impl IntoPyObject<'py>) -> PyResult<bool> {
        self.compare_bool(other, CompareOp::Lt)
    }
    /// `self <= other`.
    pub fn le(&self, other: impl IntoPyObject<'py>) -> PyResult<bool> {
        self.compare_bool(other, CompareOp::Le)
    }
    /// `self > other`.
    pub fn gt(&self, other: impl IntoPyObject<'py>) -> PyResult<bool> {
        self.compare_bool(other, CompareOp::Gt)
    }
    /// `self >= other`.
    pub fn ge(&self, other: impl IntoPyObject<'py>) -> PyResult<bool> {
        self.compare_bool(other, CompareOp::Ge)
    }

    /// Orders `self` and `other` with `==` and `<` (Python has no three-way comparison);
    /// raises `TypeError` when they are unordered.
    pub fn compare(&self, other: impl IntoPyObject<'py>) -> PyResult<Ordering> {
        let other = other.into_py(self.gil())?;
        if self.eq(&other)? {
            Ok(Ordering::Equal)
        } else if self.lt(&other)? {
            Ok(Ordering::Less)
        } else if self.gt(&other)? {
            Ok(Ordering::Greater)
        } else {
            Err(crate::exceptions::PyTypeError::new_err(
                "objects are neither equal, less nor greater",
            ))
        }
    }

    /// `isinstance(self, ty)`.
    pub fn is_instance(&self, ty: &Owned<'py, impl Sized>) -> PyResult<bool> {
        // SAFETY: both live; returns -1 on error.
        let r = unsafe { ffi::PyObject_IsInstance(self.as_ptr(), ty.as_ptr()) };
        check_status(self.gil(), r).map(|_| r == 1)
    }

    /// Whether `self` is an instance of the native or bind type `T`.
    #[inline]
    pub fn is_instance_of<T: crate::types::PyTypeCheck>(&self) -> bool {
        T::type_check(self)
    }

    /// Whether `self` is exactly of type `T` (not a subclass).
    #[inline]
    pub fn is_exact_instance_of<T: PyTypeInfo>(&self) -> bool {
        T::is_exact_type_of(self)
    }

    /// `callable(self)`.
    pub fn is_callable(&self) -> bool {
        // SAFETY: `self` is live.
        unsafe { ffi::PyCallable_Check(self.as_ptr()) != 0 }
    }

    /// `bool(self)`.
    pub fn is_truthy(&self) -> PyResult<bool> {
        // SAFETY: `self` is live; returns -1 on error.
        let r = unsafe { ffi::PyObject_IsTrue(self.as_ptr()) };
        check_status(self.gil(), r).map(|_| r == 1)
    }

    /// `self is None`.
    #[inline]
    pub fn is_none(&self) -> bool {
        self.as_ptr() == ffi::Py_None()
    }

    /// `hash(self)`.
    pub fn hash(&self) -> PyResult<isize> {
        // SAFETY: `self` is live; returns -1 on error (and -1 is never a valid hash).
        let h = unsafe { ffi::PyObject_Hash(self.as_ptr()) };
        if h == -1 {
            Err(PyErr::fetch(self.gil()))
        } else {
            Ok(h)
        }
    }

    /// `len(self)`.
    pub fn len(&self) -> PyResult<usize> {
        // SAFETY: `self` is live; returns -1 on error.
        let n = unsafe { ffi::PyObject_Size(self.as_ptr()) };
        if n < 0 {
            Err(PyErr::fetch(self.gil()))
        } else {
            Ok(n as usize)
        }
    }

    /// `len(self) == 0`.
    pub fn is_empty(&self) -> PyResult<bool> {
        self.len().map(|n| n == 0)
    }

    /// `iter(self)`.
    pub fn iter(&self) -> PyResult<Owned<'py, PyIterator>> {
        // SAFETY: `self` is live; GetIter returns a new iterator reference or null.
        unsafe { Owned::from_owned_ptr_or_err(self.gil(), ffi::PyObject_GetIter(self.as_ptr())) }
    }

    /// `self[key]`.
    pub fn get_item(&self, key: impl IntoPyObject<'py>) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil();
        let key = key.into_py(gil)?;
        // SAFETY: both live; GetItem returns a new reference or null.
        unsafe {
            Owned::from_owned_ptr_or_err(gil, ffi::PyObject_GetItem(self.as_ptr(), key.as_ptr()))
        }
    }

    /// `self[key] = value`.
    pub fn set_item(
        &self,
        key: impl IntoPyObject<'py>,
        value: impl IntoPyObject<'py>,
    ) -> PyResult<()> {
        let gil = self.gil();
        let key = key.into_py(gil)?;
        let value = value.into_py(gil)?;
        // SAFETY: all live; returns -1 on error.
        check_status(gil, unsafe {
            ffi::PyObject_SetItem(self.as_ptr(), key.as_ptr(), value.as_ptr())
        })
    }

    /// `del self[key]`.
    pub fn del_item(&self, key: impl IntoPyObject<'py>) -> PyResult<()> {
        let gil = self.gil();
        let key = key.into_py(gil)?;
        // SAFETY: both live; returns -1 on error.
        check_status(gil, unsafe {
            ffi::PyObject_DelItem(self.as_ptr(), key.as_ptr())
        })
    }

    /// `value in self`.
    pub fn contains(&self, value: impl IntoPyObject<'py>) -> PyResult<bool> {
        let gil = self.gil();
        let value = value.into_py(gil)?;
        // SAFETY: both live; returns -1 on error.
        let r = unsafe { ffi::PySequence_Contains(self.as_ptr(), value.as_ptr()) };
        check_status(gil, r).map(|_| r == 1)
    }

    /// `dir(self)`.
    pub fn dir(&self) -> PyResult<Owned<'py, PyList>> {
        // SAFETY: `self` is live; Dir returns a new list reference or null.
        unsafe { Owned::from_owned_ptr_or_err(self.gil(), ffi::PyObject_Dir(self.as_ptr())) }
    }

    /// `type(self)`.
    pub fn get_type(&self) -> Owned<'py, PyType> {
        // SAFETY: an object's type is alive while the object is; a new reference is taken.
        unsafe { Owned::from_borrowed_ptr(self.gil(), ffi::Py_TYPE(self.as_ptr()).cast()) }
    }

    /// The name of `type(self)` (`int`, `MyClass`), for messages.
    pub fn type_name(&self) -> String {
        self.get_type()
            .name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "<unknown>".to_owned())
    }

    /// Extracts a Rust value (see [`FromPyObject`]).
    #[inline]
    pub fn extract<'a, T: FromPyObject<'a, 'py>>(&'a self) -> PyResult<T> {
        T::extract(self)
    }
}

/// A rich-comparison operator.
#[derive(Debug, Copy, Clone, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum CompareOp {
    /// `<`
    Lt = ffi::Py_LT,
    /// `<=`
    Le = ffi::Py_LE,
    /// `==`
    Eq = ffi::Py_EQ,
    /// `!=`
    Ne = ffi::Py_NE,
    /// `>`
    Gt = ffi::Py_GT,
    /// `>=`
    Ge = ffi::Py_GE,
}

impl CompareOp {
    /// The operator for CPython's `op` code, if valid.
    pub fn from_raw(op: c_int) -> Option<CompareOp> {
        Some(match op {
            ffi::Py_LT => CompareOp::Lt,
            ffi::Py_LE => CompareOp::Le,
            ffi::Py_EQ => CompareOp::Eq,
            ffi::Py_NE => CompareOp::Ne,
            ffi::Py_GT => CompareOp::Gt,
            ffi::Py_GE => CompareOp::Ge,
            _ => return None,
        })
    }

    /// Whether `ordering` satisfies the operator (`a.cmp(&b)` gives `a op b`), for
    /// `__richcmp__` implementations.
    pub fn matches(self, ordering: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            CompareOp::Lt => ordering == Less,
            CompareOp::Le => ordering != Greater,
            CompareOp::Eq => ordering == Equal,
            CompareOp::Ne => ordering != Equal,
            CompareOp::Gt => ordering == Greater,
            CompareOp::Ge => ordering != Less,
        }
    }
}

/// Positional arguments for a call: `()`, a tuple of convertible Rust values, or a
/// `tuple` handle.
pub trait IntoArgs<'py> {
    /// Builds the argument tuple.
    fn into_args(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyTuple>>;
}

impl<'py> IntoArgs<'py> for Owned<'py, PyTuple> {
    fn into_args(self, _gil: Gil<'py>) -> PyResult<Owned<'py, PyTuple>> {
        Ok(self)
    }
}
impl<'py> IntoArgs<'py> for &Owned<'py, PyTuple> {
    fn into_args(self, _gil: Gil<'py>) -> PyResult<Owned<'py, PyTuple>> {
        Ok(self.clone())
    }
}
impl<'py> IntoArgs<'py> for () {
    fn into_args(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyTuple>> {
        Ok(PyTuple::empty(gil))
    }
}

macro_rules! tuple_into_args {
    ($($name:ident $idx:tt),+) => {
        impl<'py, $($name: IntoPyObject<'py>),+> IntoArgs<'py> for ($($name,)+) {
            fn into_args(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyTuple>> {
                PyTuple::new(gil, [$(self.$idx.into_py(gil)?),+])
            }
        }
    };
}
tuple_into_args!(A 0);
tuple_into_args!(A 0, B 1);
tuple_into_args!(A 0, B 1, C 2);
tuple_into_args!(A 0, B 1, C 2, D 3);
tuple_into_args!(A 0, B 1, C 2, D 3, E 4);
tuple_into_args!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_into_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_into_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_into_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_into_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_into_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_into_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);
