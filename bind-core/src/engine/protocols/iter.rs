//! The iteration family: `__iter__` and `__next__` (`tp_iter`, `tp_iternext`). A
//! `__next__` returning `Option` ends with `None`; one returning [`IterNextOutput`] can
//! end with a value carried by `StopIteration` (what `yield from` and generators'
//! `return` deliver).
use super::{entry, record};
use crate::engine::class::PyClass;
use crate::engine::trampoline::trampoline;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::reflect::{Dunder, SlotEntry};
use crate::IntoPyObject;

/// What a `__next__` returns: the next item, or the end with a return value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IterNextOutput<Y, R> {
    /// The next item.
    Yield(Y),
    /// The end: `StopIteration(value)`.
    Return(R),
}

/// The glue's conversion of an [`IterNextOutput`]: the item, or `StopIteration(value)`
/// raised.
pub fn iter_next_output<'py, Y, R>(
    gil: Gil<'py>,
    output: IterNextOutput<Y, R>,
) -> PyResult<*mut ffi::PyObject>
where
    Y: IntoPyObject<'py>,
    R: IntoPyObject<'py>,
{
    match output {
        IterNextOutput::Yield(item) => Ok(item.into_py(gil)?.into_ptr()),
        IterNextOutput::Return(value) => {
            let value = value.into_py(gil)?.into_any();
            // SAFETY: a built-in exception type, alive for the process; a new reference.
            let stop: crate::Owned<'py, crate::types::PyAny> =
                unsafe { crate::Owned::from_borrowed_ptr(gil, ffi::PyExc_StopIteration) };
            Err(PyErr::from_value(stop.call1((value,))?))
        }
    }
}

/// The glue's conversion of an `__anext__` returning `Option`: `None` ends the
/// iteration with `StopAsyncIteration`.
pub fn anext_output<'py, Y: IntoPyObject<'py>>(
    gil: Gil<'py>,
    output: Option<Y>,
) -> PyResult<*mut ffi::PyObject> {
    match output {
        Some(item) => Ok(item.into_py(gil)?.into_ptr()),
        None => Err(crate::exceptions::PyStopAsyncIteration::new_err(())),
    }
}

unsafe extern "C" fn tp_iter<T: PyClass>(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: CPython calls tp_iter with the GIL held on an instance.
    unsafe { trampoline(|gil| super::object::call_unary(gil, record::<T>(), Dunder::Iter, slf)) }
}

/// `tp_iternext`: null without an exception when the glue says exhausted.
unsafe extern "C" fn tp_iternext<T: PyClass>(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: CPython calls tp_iternext with the GIL held on an instance.
    unsafe { trampoline(|gil| super::object::call_unary(gil, record::<T>(), Dunder::Next, slf)) }
}

/// The iteration family's entry points.
pub(super) const fn entries<T: PyClass>(dunder: Dunder) -> Option<&'static [SlotEntry]> {
    Some(match dunder {
        Dunder::Iter => entry!(Py_tp_iter => tp_iter::<T>),
        Dunder::Next => entry!(Py_tp_iternext => tp_iternext::<T>),
        _ => return None,
    })
}
