//! The async family: `__await__`, `__aiter__`, `__anext__` (`am_await`, `am_aiter`,
//! `am_anext`), so instances work with `await` and `async for`.
use super::{entry, record};
use crate::engine::class::PyClass;
use crate::engine::trampoline::trampoline;
use crate::ffi;
use crate::reflect::{Dunder, SlotEntry};

macro_rules! async_slots {
    ($($entry:ident: $dunder:ident;)*) => {
        $(
            unsafe extern "C" fn $entry<T: PyClass>(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
                // SAFETY: CPython calls async slots with the GIL held on an instance.
                unsafe { trampoline(|gil| super::object::call_unary(gil, record::<T>(), Dunder::$dunder, slf)) }
            }
        )*
    };
}

async_slots! {
    am_await: Await;
    am_aiter: Aiter;
    am_anext: Anext;
}

/// The async family's entry points.
pub(super) const fn entries<T: PyClass>(dunder: Dunder) -> Option<&'static [SlotEntry]> {
    Some(match dunder {
        Dunder::Await => entry!(Py_am_await => am_await::<T>),
        Dunder::Aiter => entry!(Py_am_aiter => am_aiter::<T>),
        Dunder::Anext => entry!(Py_am_anext => am_anext::<T>),
        _ => return None,
    })
}
