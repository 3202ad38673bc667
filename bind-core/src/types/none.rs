//! [`PyNone`]: the `None` singleton.
use crate::ffi;

/// The type of `None`.
pub enum PyNone {}

impl crate::types::PyTypeCheck for PyNone {
    const NAME: &'static str = "NoneType";
    #[inline]
    fn type_check(obj: &crate::Owned<'_, crate::types::PyAny>) -> bool {
        obj.as_ptr() == ffi::Py_None()
    }
}

impl crate::handle::DerefToPyAny for PyNone {}
