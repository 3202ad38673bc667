//! Extraction of class instances: by shared borrow ([`PyRef`]), mutable borrow
//! ([`PyRefMut`]), handle (`Owned<'py, T>`, through the native-type impls) and by clone.
use super::borrow::{PyRef, PyRefMut};
use super::{MutableClass, PyClass};
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::PyAny;

impl<'a, 'py, T: PyClass> FromPyObject<'a, 'py> for PyRef<'py, T> {
    const TYPE_HINT: TypeHint = TypeHint::Name(T::NAME);
    const EXPECTED: &'static str = T::NAME;
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        obj.downcast::<T>()?.borrow()
    }
}

impl<'a, 'py, T: MutableClass> FromPyObject<'a, 'py> for PyRefMut<'py, T> {
    const TYPE_HINT: TypeHint = TypeHint::Name(T::NAME);
    const EXPECTED: &'static str = T::NAME;
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        obj.downcast::<T>()?.borrow_mut()
    }
}

impl<'a, 'py, T: PyClass + Clone> FromPyObject<'a, 'py> for T {
    const TYPE_HINT: TypeHint = TypeHint::Name(T::NAME);
    const EXPECTED: &'static str = T::NAME;
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        Ok((*obj.downcast::<T>()?.borrow()?).clone())
    }
}

impl<'py, T: PyClass> IntoPyObject<'py> for PyRef<'py, T> {
    const TYPE_HINT: TypeHint = TypeHint::Name(T::NAME);
    fn into_py(self, _gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(self.as_owned().clone().into_any())
    }
}

impl<'py, T: MutableClass> IntoPyObject<'py> for PyRefMut<'py, T> {
    const TYPE_HINT: TypeHint = TypeHint::Name(T::NAME);
    fn into_py(self, _gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(self.as_owned().clone().into_any())
    }
}

impl<'py, T: PyClass> IntoPyObject<'py> for T
where
    T::Base: super::ClassBase<Init = ()>,
{
    const TYPE_HINT: TypeHint = TypeHint::Name(T::NAME);
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        Ok(Owned::<T>::new(gil, self)?.into_any())
    }
}
