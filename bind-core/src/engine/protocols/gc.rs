//! The garbage-collection family: a custom `__traverse__(&self, visit: PyVisit)` visits
//! the Python objects the value holds beyond its fields (the class becomes gc-tracked), and
//! `__clear__(&mut self)` drops them to break cycles. They run inside the class's own
//! `tp_traverse`/`tp_clear`, after the fields.
use crate::engine::class::PyClass;
use crate::ffi;
use crate::handle::Handle;
use crate::reflect::{Dunder, SlotEntry, Traversal};
use std::marker::PhantomData;
use std::os::raw::{c_int, c_void};

/// The visitor `__traverse__` receives: call it on every Python object the value holds.
pub struct PyVisit<'a> {
    visit: ffi::visitproc,
    arg: *mut c_void,
    _traversal: PhantomData<&'a ()>,
}

/// A visit that asked to stop the traversal (propagate it with `?`).
#[derive(Debug)]
pub struct TraverseError(c_int);

impl PyVisit<'_> {
    /// Visits `obj`.
    pub fn call<T>(&self, obj: &Handle<T>) -> Result<(), TraverseError> {
        // SAFETY: `obj` is a live strong reference; the visitor is CPython's, called
        // during the traversal it was given for.
        let r = unsafe { (self.visit)(obj.as_ptr(), self.arg) };
        if r == 0 {
            Ok(())
        } else {
            Err(TraverseError(r))
        }
    }

    /// Visits `obj` if there is one.
    pub fn call_opt<T>(&self, obj: Option<&Handle<T>>) -> Result<(), TraverseError> {
        obj.map_or(Ok(()), |o| self.call(o))
    }
}

/// Runs a class's `__traverse__` on the traversed object (the glue of a `__traverse__`
/// method). An object that is not a `T` instance, a value that is mutably borrowed, or
/// owned by another thread (`unsendable`), is not visited. A panic stops the traversal
/// of this object only.
pub fn traverse_with<T: PyClass>(
    traversal: Traversal<'_>,
    traverse: fn(&T, PyVisit<'_>) -> Result<(), TraverseError>,
) -> c_int {
    let Traversal {
        obj, visit, arg, ..
    } = traversal;
    // SAFETY: a `Traversal` is made by the engine's `tp_traverse` for a live object.
    if !T::lazy().is_class_or_subtype(unsafe { ffi::Py_TYPE(obj) }) {
        return 0;
    }
    let record = T::lazy().existing();
    let layout = &record.layout;
    let base = obj.cast::<u8>();
    // SAFETY: `obj` is a live `T` instance (checked above): the offsets of `T`'s level
    // are in bounds.
    unsafe {
        let borrowed_mut =
            layout.flag_offset != 0 && *base.add(layout.flag_offset).cast::<isize>() == -1;
        let foreign = layout.thread_offset != 0
            && *base.add(layout.thread_offset).cast::<usize>()
                != crate::engine::class::layout::current_thread_id();
        if borrowed_mut || foreign {
            return 0;
        }
        let value = &*base.add(layout.data_offset).cast::<T>();
        let visitor = PyVisit {
            visit,
            arg,
            _traversal: PhantomData,
        };
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| traverse(value, visitor))) {
            Ok(Ok(())) => 0,
            Ok(Err(TraverseError(code))) => code,
            Err(_) => 0,
        }
    }
}

/// The gc family has no slot of its own (the class's `tp_traverse`/`tp_clear` call it).
#[allow(clippy::extra_unused_type_parameters)] // the same shape as the other families
pub(super) const fn entries<T: PyClass>(dunder: Dunder) -> Option<&'static [SlotEntry]> {
    match dunder {
        Dunder::Traverse | Dunder::Clear => Some(&[]),
        _ => None,
    }
}
