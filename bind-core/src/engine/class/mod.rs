//! Classes: the engine half of `#[derive(PyType)]`.
//!
//! The derive emits a [`crate::reflect::TypeDesc`] and implements [`PyClass`];
//! on first use [`builder`] turns the descriptor into a heap type and keeps a
//! [`ClassRecord`] (offsets, base, constructor) beside it for the hot paths. Instances
//! are laid out as described in [`layout`]; Rust access goes through the borrow-checked
//! guards of [`borrow`].
pub mod base;
pub mod borrow;
pub mod buffer;
pub mod builder;
pub mod dataclass;
pub mod extract;
pub mod gc;
pub mod getset;
pub mod init;
mod instance_dict;
pub mod layout;
pub mod methods;
pub mod parts;
pub(crate) mod pickle;
pub(crate) mod primitive_field;
mod primitive_plan;
pub mod record;
pub mod slots;
#[cfg(not(Py_LIMITED_API))]
mod text_signature;

pub use base::{BaseInfo, ClassBase};
pub use borrow::{PyRef, PyRefMut, SelfMut, SelfRef};
pub use init::{BaseInit, Initializer};
pub use record::{ClassRecord, LazyClass};

use crate::reflect::TypeDesc;

/// A Rust type exposed as a Python class. Implemented by `#[derive(PyType)]`.
///
/// # Safety
/// `desc()` must describe `Self` exactly (size, alignment, field offsets and types, drop),
/// and `lazy()` must return a cell used for no other type. When the descriptor sets a
/// dataclass option (`init`, `pickle`, …), its fields list every field of `Self` exactly
/// once, each with its [`crate::reflect::DataFieldDesc`]: the engine builds a `Self`
/// from them field by field.
pub unsafe trait PyClass: Sized + 'static {
    /// The base class: another `PyClass`, or a native type marker (`PyAny` for `object`,
    /// `PyDict`, `PyException`, …).
    type Base: ClassBase;
    /// The Python class name (for error messages).
    const NAME: &'static str;
    /// Whether the class options ask for dataclass behaviours
    /// ([`crate::reflect::TypeFlags::DATA_HOOKS`]): only then are their generic entry
    /// points instantiated for the class (code size). A class whose descriptor asks for
    /// them while this is `false` fails to build with an error.
    const DATA_HOOKS: bool = true;
    /// The layout of this class's level when it is known at compile time (a class on
    /// `object`: [`layout::Layout::fixed`] of the descriptor); `None` otherwise. The type is
    /// not created if it differs from the layout computed then, so the borrow checks of
    /// method receivers use it without reading the runtime record.
    const FIXED_LAYOUT: Option<layout::Layout> = None;
    /// The class descriptor.
    fn desc() -> &'static TypeDesc;
    /// The per-process cell holding the created type and its runtime record.
    fn lazy() -> &'static LazyClass;
}

/// Classes that are not `frozen`: `&mut self` and mutable borrows are allowed.
/// Nothing unsafe relies on it: the engine refuses a mutable borrow of a `frozen` level at
/// run time whatever implements this trait.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is a `frozen` class: its methods take `&self`, not `&mut self`",
    label = "needs a mutable class",
    note = "remove `frozen` from `#[bind(...)]`, or keep mutable state in a field that \
            allows shared mutation (`Cell`, `Mutex`, atomics)"
)]
pub trait MutableClass: PyClass {}

impl<T: PyClass> crate::types::PyTypeCheck for T {
    const NAME: &'static str = <T as PyClass>::NAME;
    #[inline]
    fn type_check(obj: &crate::Owned<'_, crate::types::PyAny>) -> bool {
        let gil = obj.gil();
        match T::lazy().record::<T>(gil) {
            // SAFETY: both pointers are live objects / types.
            Ok(record) => unsafe {
                let ty = crate::ffi::Py_TYPE(obj.as_ptr());
                ty == record.type_object()
                    || crate::ffi::PyType_IsSubtype(ty, record.type_object()) != 0
            },
            Err(_) => false,
        }
    }
}

// SAFETY: the class's type, created once and kept in its `LazyClass` for the process.
unsafe impl<T: PyClass> crate::types::PyTypeInfo for T {
    fn type_object_raw(gil: crate::Gil<'_>) -> *mut crate::ffi::PyTypeObject {
        match T::lazy().record::<T>(gil) {
            Ok(record) => record.type_object(),
            Err(err) => panic!("cannot create class {}: {err}", T::desc().name_str()),
        }
    }
}

impl<T: PyClass> crate::handle::DerefToPyAny for T {}

/// The runtime record of class `T`, creating its type on first use.
#[inline]
pub fn record<T: PyClass>(gil: crate::Gil<'_>) -> crate::PyResult<&'static ClassRecord> {
    T::lazy().record::<T>(gil)
}

impl<'py> crate::Owned<'py, crate::types::PyModule> {
    /// Adds class `T` (created on first use) under its Python name.
    pub fn add_class<T: PyClass>(&self) -> crate::PyResult<()> {
        self.add_class_record(record::<T>(self.gil())?)
    }

    /// The non-generic part of [`Self::add_class`].
    #[inline(never)]
    fn add_class_record(&self, record: &'static ClassRecord) -> crate::PyResult<()> {
        // SAFETY: the type object lives for the process; a new reference is taken.
        let ty: crate::Owned<'py, crate::types::PyType> =
            unsafe { crate::Owned::from_borrowed_ptr(self.gil(), record.type_object().cast()) };
        self.add(record.name(), ty)
    }
}

/// Drops a `T` in place (the `drop` entry of a [`TypeDesc`]).
///
/// # Safety
/// `ptr` points at a live, initialised `T` that is not used afterwards.
pub unsafe fn drop_erased<T>(ptr: *mut u8) {
    // SAFETY: the caller's guarantee.
    unsafe { std::ptr::drop_in_place(ptr.cast::<T>()) }
}
