//! Borrow-checked access to the Rust value inside an instance.
//!
//! Each class level has a borrow flag (`isize`): 0 free, n > 0 shared borrows, -1 mutably
//! borrowed; `frozen` classes have none (only shared access exists). A conflicting borrow
//! raises `RuntimeError` naming the class, never UB. `unsendable` classes also check the
//! owner thread.
use super::layout::Layout;
use super::record::ClassRecord;
use super::{MutableClass, PyClass};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyRuntimeError;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::{Borrowed, Owned};
use crate::types::PyAny;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

const MUT: isize = -1;

#[cold]
#[inline(never)]
fn already_mutably_borrowed(record: &ClassRecord) -> PyErr {
    PyRuntimeError::new_err(format!(
        "Already mutably borrowed: the '{}' object is being modified",
        record.name()
    ))
}

#[cold]
#[inline(never)]
fn already_borrowed(record: &ClassRecord, obj: *mut ffi::PyObject) -> PyErr {
    // SAFETY: `obj` is a live instance with `record`'s level (acquire_mut's caller).
    let exports = unsafe { super::buffer::live_exports(record, obj) };
    if exports > 0 {
        return crate::exceptions::PyBufferError::new_err(format!(
            "cannot modify '{}' while {exports} buffer export{} of it {} alive \
             (release the memoryview or array first)",
            record.name(),
            if exports == 1 { "" } else { "s" },
            if exports == 1 { "is" } else { "are" },
        ));
    }
    PyRuntimeError::new_err(format!(
        "Already borrowed: the '{}' object cannot be modified while it is in use",
        record.name()
    ))
}

/// The error of a mutable borrow refused because the flag is `flag` (not free).
#[cold]
#[inline(never)]
fn borrow_conflict(record: &ClassRecord, obj: *mut ffi::PyObject, flag: isize) -> PyErr {
    if flag == MUT {
        already_mutably_borrowed(record)
    } else {
        already_borrowed(record, obj)
    }
}

#[cold]
#[inline(never)]
fn frozen(record: &ClassRecord) -> PyErr {
    PyRuntimeError::new_err(format!(
        "'{}' is frozen: its value cannot be borrowed mutably",
        record.name()
    ))
}

#[cold]
#[inline(never)]
fn wrong_thread(record: &ClassRecord) -> PyErr {
    PyRuntimeError::new_err(format!(
        "'{}' is unsendable, but is being accessed from another thread",
        record.name()
    ))
}

/// Checks the owner thread of an `unsendable` level.
///
/// # Safety
/// `obj` is a live instance with `record`'s level.
#[inline(always)]
pub(crate) unsafe fn check_thread(record: &ClassRecord, obj: *mut ffi::PyObject) -> PyResult<()> {
    // The same steps as `check_thread_in`, written out (see `acquire_mut`).
    let offset = record.layout.thread_offset;
    if offset == 0 {
        return Ok(());
    }
    // SAFETY: the offset lies inside the instance.
    let owner = unsafe { *obj.cast::<u8>().add(offset).cast::<usize>() };
    if owner != super::layout::current_thread_id() {
        return Err(wrong_thread(record));
    }
    Ok(())
}

/// [`check_thread`] with the level's layout given (a constant for the receivers of classes
/// with a [`PyClass::FIXED_LAYOUT`]); `record` is asked only to report an error.
///
/// # Safety
/// `obj` is a live instance of a level laid out as `layout`.
#[inline(always)]
unsafe fn check_thread_in<'r>(
    layout: &Layout,
    obj: *mut ffi::PyObject,
    record: impl FnOnce() -> &'r ClassRecord,
) -> PyResult<()> {
    let offset = layout.thread_offset;
    if offset == 0 {
        return Ok(());
    }
    // SAFETY: the offset lies inside the instance.
    let owner = unsafe { *obj.cast::<u8>().add(offset).cast::<usize>() };
    if owner != super::layout::current_thread_id() {
        return Err(wrong_thread(record()));
    }
    Ok(())
}

/// Checks that `record`'s level of `obj` may be read now: the owner thread of an
/// `unsendable` level, and no mutable borrow.
///
/// # Safety
/// `obj` is a live instance with `record`'s level; the GIL is held.
#[inline(always)]
pub(crate) unsafe fn check_readable(record: &ClassRecord, obj: *mut ffi::PyObject) -> PyResult<()> {
    // SAFETY: offsets inside the instance; the GIL serialises flag updates.
    unsafe {
        check_thread(record, obj)?;
        let offset = record.layout.flag_offset;
        if offset != 0 && *obj.cast::<u8>().add(offset).cast::<isize>() == MUT {
            return Err(already_mutably_borrowed(record));
        }
    }
    Ok(())
}

/// Whether the level of `obj` whose borrow flag sits at `flag_offset` (0: a level without
/// one) is mutably borrowed now.
///
/// # Safety
/// `obj` is a live instance of a level with that flag offset; the GIL is held.
#[inline(always)]
pub(crate) unsafe fn mutably_borrowed(flag_offset: usize, obj: *mut ffi::PyObject) -> bool {
    // SAFETY: the offset lies inside the instance; the GIL serialises flag updates.
    flag_offset != 0 && unsafe { *obj.cast::<u8>().add(flag_offset).cast::<isize>() } == MUT
}

/// [`check_readable`] for two instances with `record`'s level (the owner thread of an
/// `unsendable` level is looked up once).
///
/// # Safety
/// `a` and `b` are live instances with `record`'s level; the GIL is held.
#[inline(always)]
pub(crate) unsafe fn check_readable_pair(
    record: &ClassRecord,
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
) -> PyResult<()> {
    if record.layout.thread_offset != 0 {
        // SAFETY: forwarded from the caller.
        unsafe { check_owner_pair(record, a, b)? };
    }
    let offset = record.layout.flag_offset;
    if offset != 0 {
        // SAFETY: offsets inside the instances; the GIL serialises flag updates.
        let (flag_a, flag_b) = unsafe {
            (
                *a.cast::<u8>().add(offset).cast::<isize>(),
                *b.cast::<u8>().add(offset).cast::<isize>(),
            )
        };
        if flag_a == MUT || flag_b == MUT {
            return Err(already_mutably_borrowed(record));
        }
    }
    Ok(())
}

/// The owner-thread half of [`check_readable_pair`] (an `unsendable` level).
///
/// # Safety
/// As [`check_readable_pair`]; the level has an owner-thread slot.
#[inline(never)]
unsafe fn check_owner_pair(
    record: &ClassRecord,
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
) -> PyResult<()> {
    let offset = record.layout.thread_offset;
    let me = super::layout::current_thread_id();
    // SAFETY: the offset lies inside both instances (the caller's guarantee).
    let (owner_a, owner_b) = unsafe {
        (
            *a.cast::<u8>().add(offset).cast::<usize>(),
            *b.cast::<u8>().add(offset).cast::<usize>(),
        )
    };
    if owner_a != me || owner_b != me {
        return Err(wrong_thread(record));
    }
    Ok(())
}

/// Takes a shared borrow of `record`'s level of `obj`; returns the value's address.
///
/// # Safety
/// `obj` is a live instance with `record`'s level; the GIL is held.
#[inline(always)]
pub(crate) unsafe fn acquire_shared(
    record: &ClassRecord,
    obj: *mut ffi::PyObject,
) -> PyResult<*mut u8> {
    // SAFETY: forwarded.
    unsafe { acquire_shared_in(&record.layout, obj, || record) }
}

/// [`acquire_shared`] with the level's layout given (see [`check_thread_in`]).
///
/// # Safety
/// `obj` is a live instance of a level laid out as `layout`; the GIL is held.
#[inline(always)]
unsafe fn acquire_shared_in<'r>(
    layout: &Layout,
    obj: *mut ffi::PyObject,
    record: impl Fn() -> &'r ClassRecord,
) -> PyResult<*mut u8> {
    let base = obj.cast::<u8>();
    // SAFETY: offsets inside the instance; the GIL serialises flag updates.
    unsafe {
        check_thread_in(layout, obj, &record)?;
        if layout.flag_offset != 0 {
            let flag = base.add(layout.flag_offset).cast::<isize>();
            if *flag == MUT {
                return Err(already_mutably_borrowed(record()));
            }
            *flag += 1;
        }
        Ok(base.add(layout.data_offset))
    }
}

/// Releases a shared borrow.
///
/// # Safety
/// Pairs with a successful [`acquire_shared`] on the same object and level.
#[inline(always)]
pub(crate) unsafe fn release_shared(record: &ClassRecord, obj: *mut ffi::PyObject) {
    // SAFETY: forwarded.
    unsafe { release_shared_in(&record.layout, obj) }
}

/// [`release_shared`] with the level's layout given.
///
/// # Safety
/// Pairs with a successful [`acquire_shared_in`] on the same object and layout.
#[inline(always)]
unsafe fn release_shared_in(layout: &Layout, obj: *mut ffi::PyObject) {
    if layout.flag_offset != 0 {
        // SAFETY: as in acquire_shared_in.
        unsafe { *obj.cast::<u8>().add(layout.flag_offset).cast::<isize>() -= 1 };
    }
}

/// Takes the mutable borrow of `record`'s level of `obj`. A `frozen` level refuses: CPython
/// may read its fields directly, so no `&mut` to its value may exist.
///
/// # Safety
/// As [`acquire_shared`].
#[inline(always)]
pub(crate) unsafe fn acquire_mut(
    record: &ClassRecord,
    obj: *mut ffi::PyObject,
) -> PyResult<*mut u8> {
    // The same steps as `acquire_mut_in`, written out: through the closure the setters'
    // code comes out one jump longer.
    let base = obj.cast::<u8>();
    // SAFETY: offsets inside the instance; the GIL serialises flag updates.
    unsafe {
        check_thread(record, obj)?;
        if record.layout.frozen {
            return Err(frozen(record));
        }
        let flag = base.add(record.layout.flag_offset).cast::<isize>();
        match *flag {
            0 => *flag = MUT,
            MUT => return Err(already_mutably_borrowed(record)),
            _ => return Err(already_borrowed(record, obj)),
        }
        Ok(base.add(record.layout.data_offset))
    }
}

/// [`acquire_mut`] with the level's layout given (see [`check_thread_in`]).
///
/// # Safety
/// `obj` is a live instance of a level laid out as `layout`; the GIL is held.
#[inline(always)]
unsafe fn acquire_mut_in<'r>(
    layout: &Layout,
    obj: *mut ffi::PyObject,
    record: impl Fn() -> &'r ClassRecord,
) -> PyResult<*mut u8> {
    let base = obj.cast::<u8>();
    // SAFETY: offsets inside the instance; the GIL serialises flag updates.
    unsafe {
        check_thread_in(layout, obj, &record)?;
        if layout.frozen {
            return Err(frozen(record()));
        }
        let flag = base.add(layout.flag_offset).cast::<isize>();
        if *flag == 0 {
            *flag = MUT;
            Ok(base.add(layout.data_offset))
        } else {
            Err(borrow_conflict(record(), obj, *flag))
        }
    }
}

/// Releases the mutable borrow.
///
/// # Safety
/// Pairs with a successful [`acquire_mut`].
#[inline(always)]
pub(crate) unsafe fn release_mut(record: &ClassRecord, obj: *mut ffi::PyObject) {
    // SAFETY: forwarded.
    unsafe { release_mut_in(&record.layout, obj) }
}

/// [`release_mut`] with the level's layout given.
///
/// # Safety
/// Pairs with a successful [`acquire_mut_in`] on the same object and layout.
#[inline(always)]
unsafe fn release_mut_in(layout: &Layout, obj: *mut ffi::PyObject) {
    // SAFETY: as in acquire_mut_in.
    unsafe { *obj.cast::<u8>().add(layout.flag_offset).cast::<isize>() = 0 };
}

/// A borrow of one class level taken by the engine itself, released when dropped: also
/// when the code run under it panics (the trampoline's unwinding drops it).
pub(crate) struct LevelBorrow {
    record: &'static ClassRecord,
    obj: *mut ffi::PyObject,
    data: *mut u8,
    exclusive: bool,
}

impl LevelBorrow {
    /// A shared borrow of `record`'s level of `obj`.
    ///
    /// # Safety
    /// As [`acquire_shared`]; `obj` outlives the borrow.
    #[inline(always)]
    pub(crate) unsafe fn shared(
        record: &'static ClassRecord,
        obj: *mut ffi::PyObject,
    ) -> PyResult<Self> {
        // SAFETY: forwarded from the caller.
        let data = unsafe { acquire_shared(record, obj)? };
        Ok(LevelBorrow {
            record,
            obj,
            data,
            exclusive: false,
        })
    }

    /// The mutable borrow of `record`'s level of `obj` (a non-frozen level).
    ///
    /// # Safety
    /// As [`acquire_mut`]; `obj` outlives the borrow.
    #[inline(always)]
    pub(crate) unsafe fn exclusive(
        record: &'static ClassRecord,
        obj: *mut ffi::PyObject,
    ) -> PyResult<Self> {
        // SAFETY: forwarded from the caller.
        let data = unsafe { acquire_mut(record, obj)? };
        Ok(LevelBorrow {
            record,
            obj,
            data,
            exclusive: true,
        })
    }

    /// The address of the level's Rust value.
    #[inline(always)]
    pub(crate) fn data(&self) -> *mut u8 {
        self.data
    }
}

impl Drop for LevelBorrow {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: pairs with the acquire in the constructor, on the same object and level.
        unsafe {
            if self.exclusive {
                release_mut(self.record, self.obj)
            } else {
                release_shared(self.record, self.obj)
            }
        }
    }
}

/// Where a field setter's typed glue stores its value: the glue converts the Python value
/// first (which may run Python code that reads the object) and then calls
/// `FieldWrite::store`, which holds the mutable borrow only around the store itself.
pub struct FieldWrite {
    pub(crate) obj: *mut ffi::PyObject,
    pub(crate) record: &'static ClassRecord,
    pub(crate) offset: usize,
}

impl FieldWrite {
    /// Replaces the field (of type `F`) with `value` under the mutable borrow; the old
    /// value is dropped after the borrow is released, as its drop may run Python code.
    ///
    /// # Safety
    /// The field at `offset` of the level's value is an `F`; `obj` is live.
    #[inline(always)]
    pub(crate) unsafe fn store<F>(&self, value: F) -> PyResult<()> {
        // SAFETY: forwarded from the caller.
        let borrow = unsafe { LevelBorrow::exclusive(self.record, self.obj)? };
        // SAFETY: the mutable borrow is held; the field is an `F` (caller).
        let old =
            unsafe { std::mem::replace(&mut *borrow.data().add(self.offset).cast::<F>(), value) };
        drop(borrow);
        drop(old);
        Ok(())
    }
}

/// Whether `obj` is an instance of `T` (or a subclass).
///
/// # Safety
/// `obj` is live; the GIL is held.
#[inline(always)]
pub(crate) unsafe fn is_instance(record: &ClassRecord, obj: *mut ffi::PyObject) -> bool {
    // SAFETY: live object and type.
    unsafe {
        let ty = ffi::Py_TYPE(obj);
        ty == record.type_object() || ffi::PyType_IsSubtype(ty, record.type_object()) != 0
    }
}

/// The layout of `T`'s level for a receiver's borrow: the constant
/// [`PyClass::FIXED_LAYOUT`] when there is one (its checks then fold at compile time and
/// the record is read only to report an error), else the record's.
#[inline(always)]
fn receiver_layout<T: PyClass>() -> (Layout, Option<&'static ClassRecord>) {
    match T::FIXED_LAYOUT {
        Some(layout) => (layout, None),
        None => {
            let record = T::lazy().existing();
            (record.layout, Some(record))
        }
    }
}

/// The record of `T`, for an error report.
#[inline(always)]
fn record_of<T: PyClass>(record: Option<&'static ClassRecord>) -> &'static ClassRecord {
    match record {
        Some(record) => record,
        None => T::lazy().existing_out_of_line(),
    }
}

/// A shared borrow of the receiver, used by generated method glue (no reference count).
pub struct SelfRef<'a, T: PyClass> {
    obj: *mut ffi::PyObject,
    value: *const T,
    /// The level's layout (a constant with [`PyClass::FIXED_LAYOUT`]).
    layout: Layout,
    _marker: PhantomData<&'a T>,
}

impl<'a, T: PyClass> SelfRef<'a, T> {
    /// Borrows `slf`, the receiver of the method, property or magic method `name`;
    /// `TypeError` if it is not a `T` (or a subclass instance), as CPython's descriptors
    /// say. The type is compared with `T`'s first (one load), then `PyType_IsSubtype`.
    #[inline(always)]
    pub fn new(slf: Borrowed<'a, '_, PyAny>, name: &'static str) -> PyResult<Self> {
        T::lazy().check_receiver(slf, T::NAME, name)?;
        let (layout, record) = receiver_layout::<T>();
        let obj = slf.as_ptr();
        // SAFETY: `obj` is a live `T` instance (checked above) for `'a`, and the GIL is
        // held (`Borrowed`); `layout` is `T`'s level's (a fixed layout is checked against
        // the computed one when the type is created, so every instance has it).
        let value = unsafe { acquire_shared_in(&layout, obj, || record_of::<T>(record))? };
        Ok(SelfRef {
            obj,
            value: value.cast(),
            layout,
            _marker: PhantomData,
        })
    }
}

impl<T: PyClass> Deref for SelfRef<'_, T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: a shared borrow is held for the guard's life.
        unsafe { &*self.value }
    }
}

impl<T: PyClass> Drop for SelfRef<'_, T> {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: pairs with the acquire in `new`, with the same layout.
        unsafe { release_shared_in(&self.layout, self.obj) }
    }
}

/// A mutable borrow of the receiver, used by generated method glue.
pub struct SelfMut<'a, T: MutableClass> {
    obj: *mut ffi::PyObject,
    value: *mut T,
    /// The level's layout (a constant with [`PyClass::FIXED_LAYOUT`]).
    layout: Layout,
    _marker: PhantomData<&'a mut T>,
}

impl<'a, T: MutableClass> SelfMut<'a, T> {
    /// Mutably borrows `slf`, the receiver of `name` (checked as in [`SelfRef::new`]).
    #[inline(always)]
    pub fn new(slf: Borrowed<'a, '_, PyAny>, name: &'static str) -> PyResult<Self> {
        T::lazy().check_receiver(slf, T::NAME, name)?;
        let (layout, record) = receiver_layout::<T>();
        let obj = slf.as_ptr();
        // SAFETY: as in `SelfRef::new`.
        let value = unsafe { acquire_mut_in(&layout, obj, || record_of::<T>(record))? };
        Ok(SelfMut {
            obj,
            value: value.cast(),
            layout,
            _marker: PhantomData,
        })
    }
}

impl<T: MutableClass> Deref for SelfMut<'_, T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: the mutable borrow is held for the guard's life.
        unsafe { &*self.value }
    }
}

impl<T: MutableClass> DerefMut for SelfMut<'_, T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the mutable borrow is held for the guard's life.
        unsafe { &mut *self.value }
    }
}

impl<T: MutableClass> Drop for SelfMut<'_, T> {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: pairs with the acquire in `new`, with the same layout.
        unsafe { release_mut_in(&self.layout, self.obj) }
    }
}

/// A shared borrow of a class instance that also holds a reference to it: the
/// `PyRef`-style receiver (`slf: PyRef<'_, Self>`) and argument type.
pub struct PyRef<'py, T: PyClass> {
    obj: Owned<'py, T>,
    value: *const T,
}

impl<'py, T: PyClass> PyRef<'py, T> {
    /// Borrows `obj`.
    pub fn borrow(obj: &Owned<'py, T>) -> PyResult<Self> {
        let record = T::lazy().existing();
        // SAFETY: an `Owned<T>` is a live T instance; the GIL is held.
        let value = unsafe { acquire_shared(record, obj.as_ptr())? };
        Ok(PyRef {
            obj: obj.clone(),
            value: value.cast(),
        })
    }

    /// The instance.
    pub fn as_owned(&self) -> &Owned<'py, T> {
        &self.obj
    }

    /// The GIL token.
    pub fn gil(&self) -> Gil<'py> {
        self.obj.gil()
    }

    /// A shared borrow of the base class's part of the same object.
    pub fn as_super(&self) -> PyResult<PyRef<'py, T::Base>>
    where
        T::Base: PyClass,
    {
        // SAFETY: a T instance is an instance of its base class.
        let base: Owned<'py, T::Base> = unsafe { self.obj.clone().cast_unchecked() };
        PyRef::borrow(&base)
    }

    /// Releases this borrow and borrows the base class's part instead.
    pub fn into_super(self) -> PyResult<PyRef<'py, T::Base>>
    where
        T::Base: PyClass,
    {
        self.as_super()
    }
}

impl<T: PyClass> Deref for PyRef<'_, T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: a shared borrow is held for the guard's life.
        unsafe { &*self.value }
    }
}

impl<T: PyClass> Drop for PyRef<'_, T> {
    fn drop(&mut self) {
        // SAFETY: pairs with the acquire in `borrow`.
        unsafe { release_shared(T::lazy().existing(), self.obj.as_ptr()) }
    }
}

/// A mutable borrow of a class instance that also holds a reference to it.
pub struct PyRefMut<'py, T: MutableClass> {
    obj: Owned<'py, T>,
    value: *mut T,
}

impl<'py, T: MutableClass> PyRefMut<'py, T> {
    /// Mutably borrows `obj`.
    pub fn borrow(obj: &Owned<'py, T>) -> PyResult<Self> {
        let record = T::lazy().existing();
        // SAFETY: an `Owned<T>` is a live T instance; the GIL is held.
        let value = unsafe { acquire_mut(record, obj.as_ptr())? };
        Ok(PyRefMut {
            obj: obj.clone(),
            value: value.cast(),
        })
    }

    /// The instance.
    pub fn as_owned(&self) -> &Owned<'py, T> {
        &self.obj
    }

    /// The GIL token.
    pub fn gil(&self) -> Gil<'py> {
        self.obj.gil()
    }
}

impl<T: MutableClass> Deref for PyRefMut<'_, T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: the mutable borrow is held for the guard's life.
        unsafe { &*self.value }
    }
}

impl<T: MutableClass> DerefMut for PyRefMut<'_, T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the mutable borrow is held for the guard's life.
        unsafe { &mut *self.value }
    }
}

impl<T: MutableClass> Drop for PyRefMut<'_, T> {
    fn drop(&mut self) {
        // SAFETY: pairs with the acquire in `borrow`.
        unsafe { release_mut(T::lazy().existing(), self.obj.as_ptr()) }
    }
}

impl<'py, T: PyClass> Owned<'py, T> {
    /// A shared borrow of the Rust value (`RuntimeError` while it is mutably borrowed).
    pub fn borrow(&self) -> PyResult<PyRef<'py, T>> {
        PyRef::borrow(self)
    }

    /// A mutable borrow of the Rust value (`RuntimeError` while it is borrowed).
    pub fn borrow_mut(&self) -> PyResult<PyRefMut<'py, T>>
    where
        T: MutableClass,
    {
        PyRefMut::borrow(self)
    }
}
