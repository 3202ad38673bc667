//! [`Serde<T>`]: carry any serde type across the boundary as a function argument or
//! return value, with no attribute at all.
use super::{from_py, to_py};
use bind_core::conversion::{FromPyObject, IntoPyObject};
use bind_core::types::PyAny;
use bind_core::{Gil, Owned, PyResult};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A value converted through the serde bridge: `fn f(rows: Serde<Vec<Row>>) -> Serde<Report>`.
///
/// Extraction uses the [`Deserializer`](super::Deserializer), conversion to Python the
/// [`Serializer`](super::Serializer); both are monomorphic (no dynamic dispatch).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Serde<T>(pub T);

impl<T> Serde<T> {
    /// The wrapped value.
    #[inline]
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Serde<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> std::ops::DerefMut for Serde<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<'a, 'py, T: DeserializeOwned> FromPyObject<'a, 'py> for Serde<T> {
    #[inline]
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        from_py(obj).map(Serde)
    }
}

impl<'py, T: Serialize> IntoPyObject<'py> for Serde<T> {
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        to_py(gil, &self.0)
    }
}

impl<'py, T: Serialize> IntoPyObject<'py> for &Serde<T> {
    #[inline]
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        to_py(gil, &self.0)
    }
}
