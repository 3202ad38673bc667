//! [`PyCapsule`]: an opaque pointer wrapped in a Python object, used to hand Rust (or C)
//! data to other extension modules or to keep it alive as long as a Python object.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use std::ffi::{c_void, CStr, CString};
use std::ptr::NonNull;

super::native_type!(
    /// Python's capsule type (`types.CapsuleType`).
    PyCapsule,
    "PyCapsule",
    PyCapsule_Type,
    |op| ffi::PyCapsule_CheckExact(op)
);

/// What a capsule made by [`PyCapsule::new`] points to. `value` comes first so that the
/// capsule's pointer is a valid `*mut T` for C consumers.
#[repr(C)]
struct CapsuleContents<T> {
    value: T,
    /// Keeps the name alive: the capsule stores the pointer, not a copy.
    name: Option<CString>,
}

/// The capsule destructor: drops the boxed [`CapsuleContents<T>`].
unsafe extern "C" fn drop_capsule<T>(capsule: *mut ffi::PyObject) {
    // SAFETY: CPython calls this with the capsule being deallocated, whose pointer was set
    // by `PyCapsule::new::<T>` to a leaked `Box<CapsuleContents<T>>` and whose name is the
    // one stored in it, so GetPointer with that name succeeds.
    let contents = unsafe {
        let name = ffi::PyCapsule_GetName(capsule);
        ffi::PyCapsule_GetPointer(capsule, name)
    };
    if contents.is_null() {
        return;
    }
    // A panic must not unwind into CPython; a panicking `Drop` leaks nothing further.
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: see above; the box is reclaimed exactly once, here.
        drop(unsafe { Box::from_raw(contents.cast::<CapsuleContents<T>>()) });
    }));
}

impl PyCapsule {
    /// A capsule owning `value`, dropped when the capsule is deallocated (on whichever
    /// thread does that, hence `Send`). `name` (copied) identifies the contents: readers
    /// must pass the same name to [`Owned::<PyCapsule>::pointer`] and friends; by
    /// convention it is `"package.module.attribute"` for [`PyCapsule::import`].
    pub fn new<'py, T: Send + 'static>(
        gil: Gil<'py>,
        value: T,
        name: Option<&CStr>,
    ) -> PyResult<Owned<'py, PyCapsule>> {
        let name = name.map(CStr::to_owned);
        let name_ptr = name.as_deref().map_or(std::ptr::null(), CStr::as_ptr);
        let contents = Box::into_raw(Box::new(CapsuleContents { value, name }));
        // SAFETY: the pointer is non-null; the name lives in the box, which lives as long
        // as the capsule; the destructor matches the box's type.
        let capsule = unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                ffi::PyCapsule_New(contents.cast(), name_ptr, Some(drop_capsule::<T>)),
            )
        };
        if capsule.is_err() {
            // SAFETY: no capsule took ownership of the box, so reclaim it.
            drop(unsafe { Box::from_raw(contents) });
        }
        capsule
    }

    /// Imports the capsule at `name` (`"package.module.attribute"`, which must also be the
    /// capsule's name) and returns its pointer.
    pub fn import(gil: Gil<'_>, name: &CStr) -> PyResult<NonNull<c_void>> {
        // SAFETY: `name` is a valid C string; Import returns null with an exception set.
        let ptr = unsafe { ffi::PyCapsule_Import(name.as_ptr(), 0) };
        NonNull::new(ptr).ok_or_else(|| PyErr::fetch(gil))
    }
}

fn name_ptr(name: Option<&CStr>) -> *const std::os::raw::c_char {
    name.map_or(std::ptr::null(), CStr::as_ptr)
}

impl Owned<'_, PyCapsule> {
    /// The capsule's name (`None` for an unnamed capsule).
    pub fn name(&self) -> PyResult<Option<&CStr>> {
        // SAFETY: `self` is a capsule; GetName returns null for no name (or with an
        // exception for an invalid capsule).
        let ptr = unsafe { ffi::PyCapsule_GetName(self.as_ptr()) };
        if ptr.is_null() {
            match PyErr::take(self.gil()) {
                Some(err) => Err(err),
                None => Ok(None),
            }
        } else {
            // SAFETY: the name outlives the capsule, which outlives the borrow of `self`.
            Ok(Some(unsafe { CStr::from_ptr(ptr) }))
        }
    }

    /// Whether the capsule is valid and named `name`; never raises.
    pub fn is_valid(&self, name: Option<&CStr>) -> bool {
        // SAFETY: `self` is live; IsValid never raises.
        unsafe { ffi::PyCapsule_IsValid(self.as_ptr(), name_ptr(name)) == 1 }
    }

    /// The stored pointer, if the capsule's name is `name` (`ValueError` otherwise).
    pub fn pointer(&self, name: Option<&CStr>) -> PyResult<NonNull<c_void>> {
        // SAFETY: `self` is a capsule; GetPointer returns null with an exception when the
        // name does not match.
        let ptr = unsafe { ffi::PyCapsule_GetPointer(self.as_ptr(), name_ptr(name)) };
        NonNull::new(ptr).ok_or_else(|| PyErr::fetch(self.gil()))
    }

    /// A reference to the stored value, if the capsule's name is `name`.
    ///
    /// # Safety
    /// The capsule must point to a live `T`: made by [`PyCapsule::new::<T>`], or by C code
    /// storing a `T*`. Nothing may mutate the value or change the pointer while the
    /// reference is alive.
    pub unsafe fn reference<T>(&self, name: Option<&CStr>) -> PyResult<&T> {
        let ptr = self.pointer(name)?;
        // SAFETY: guaranteed by the caller; the value lives as long as the capsule.
        Ok(unsafe { ptr.cast::<T>().as_ref() })
    }

    /// The capsule's context pointer (null unless set).
    pub fn context(&self) -> PyResult<*mut c_void> {
        // SAFETY: `self` is a capsule; GetContext returns null both for "no context" and
        // for errors, which are told apart by the error indicator.
        let ptr = unsafe { ffi::PyCapsule_GetContext(self.as_ptr()) };
        if ptr.is_null() {
            if let Some(err) = PyErr::take(self.gil()) {
                return Err(err);
            }
        }
        Ok(ptr)
    }

    /// Sets the context pointer. The capsule does not own it: the caller keeps it valid
    /// and frees it.
    #[allow(clippy::not_unsafe_ptr_arg_deref)] // stored only, never dereferenced here
    pub fn set_context(&self, context: *mut c_void) -> PyResult<()> {
        // SAFETY: `self` is a capsule; SetContext only stores the pointer.
        if unsafe { ffi::PyCapsule_SetContext(self.as_ptr(), context) } != 0 {
            return Err(PyErr::fetch(self.gil()));
        }
        Ok(())
    }
}
