//! Primitive fields (numbers and `bool`, [`FieldKind::Primitive`]) of mutable classes:
//! one getter/setter pair per primitive type, chosen by the field's type code when the
//! type is created.
//!
//! A mutable class can lend `&mut` to its value, and that borrow may live while another
//! thread runs Python (`allow_threads`), so CPython must never read or write these fields
//! itself (a `PyMemberDef`). The getter copies the value under the borrow flag's rule
//! (refused while mutably borrowed) without taking a borrow: copying a primitive runs no
//! Python code. The setter converts the new value first (that may run Python code:
//! `__index__`, `__float__`), then checks that no borrow lives and writes.
//!
//! [`FieldKind::Primitive`]: crate::reflect::FieldKind::Primitive
use super::borrow::{acquire_mut, check_readable, release_mut};
use super::getset::{attribute_error, cannot_delete, FieldSlot};
use crate::conversion::FromPyObject;
use crate::engine::trampoline::trampoline;
use crate::ffi;
use crate::handle::{Borrowed, Owned};
use crate::types::PyAny;
use std::os::raw::{c_int, c_void};

/// The getter and setter serving one primitive type.
#[derive(Copy, Clone)]
pub(crate) struct PrimitiveAccessors {
    /// `PyGetSetDef.get`.
    pub(crate) get: ffi::getter,
    /// `PyGetSetDef.set`.
    pub(crate) set: ffi::setter,
}

/// A Rust primitive a field can hold; implemented for exactly the types whose member
/// code [`accessors`] maps to them.
trait Primitive: Copy + for<'a, 'py> FromPyObject<'a, 'py> + 'static {
    /// A new reference to the Python value, or null with an exception set.
    ///
    /// # Safety
    /// The GIL is held.
    unsafe fn to_object(self) -> *mut ffi::PyObject;
}

macro_rules! primitives {
    ($($ty:ty => |$v:ident| $make:expr;)*) => {$(
        impl Primitive for $ty {
            #[inline(always)]
            unsafe fn to_object(self) -> *mut ffi::PyObject {
                let $v = self;
                // SAFETY: the GIL is held (the caller's guarantee).
                unsafe { $make }
            }
        }
    )*};
}

primitives! {
    f64 => |v| ffi::PyFloat_FromDouble(v);
    f32 => |v| ffi::PyFloat_FromDouble(f64::from(v));
    i8 => |v| ffi::PyLong_FromLong(v.into());
    i16 => |v| ffi::PyLong_FromLong(v.into());
    i32 => |v| ffi::PyLong_FromLong(v.into());
    i64 => |v| ffi::PyLong_FromLongLong(v);
    isize => |v| ffi::PyLong_FromSsize_t(v);
    u8 => |v| ffi::PyLong_FromLong(v.into());
    u16 => |v| ffi::PyLong_FromLong(v.into());
    u32 => |v| ffi::PyLong_FromUnsignedLongLong(v.into());
    u64 => |v| ffi::PyLong_FromUnsignedLongLong(v);
    bool => |v| ffi::PyBool_FromLong(v.into());
}

/// The accessors for a member type code ([`crate::reflect::MemberType::CODE`]), `None`
/// for a code bind does not produce.
pub(crate) fn accessors(code: c_int) -> Option<PrimitiveAccessors> {
    fn of<P: Primitive>() -> Option<PrimitiveAccessors> {
        Some(PrimitiveAccessors {
            get: get::<P>,
            set: set::<P>,
        })
    }
    // `MemberType` is sealed, and each code below is claimed by types of exactly this
    // size and representation (`usize` shares `T_ULONGLONG` with `u64` on 64-bit targets,
    // `T_UINT` with `u32` on 32-bit ones).
    match code {
        ffi::T_DOUBLE => of::<f64>(),
        ffi::T_FLOAT => of::<f32>(),
        ffi::T_BYTE => of::<i8>(),
        ffi::T_SHORT => of::<i16>(),
        ffi::T_INT => of::<i32>(),
        ffi::T_LONGLONG => of::<i64>(),
        ffi::T_PYSSIZET => of::<isize>(),
        ffi::T_UBYTE => of::<u8>(),
        ffi::T_USHORT => of::<u16>(),
        ffi::T_UINT => of::<u32>(),
        ffi::T_ULONGLONG => of::<u64>(),
        ffi::T_BOOL => of::<bool>(),
        _ => None,
    }
}

/// The getter of a primitive field of type `P`.
unsafe extern "C" fn get<P: Primitive>(
    slf: *mut ffi::PyObject,
    closure: *mut c_void,
) -> *mut ffi::PyObject {
    // SAFETY: the closure is the field's leaked FieldSlot; CPython checked that `slf` is
    // an instance of the field's class (so it has the record's level) and holds the GIL.
    unsafe {
        let slot = &*closure.cast::<FieldSlot>();
        let layout = &slot.record.layout;
        let base = slf.cast::<u8>();
        let free = layout.thread_offset == 0
            && (layout.flag_offset == 0 || *base.add(layout.flag_offset).cast::<isize>() >= 0);
        if free {
            // No `&mut` to the value exists (the flag would say so), and reading runs no
            // Python code; the field is a `P` by the sealed member code.
            let value = base
                .add(layout.data_offset + slot.field.offset)
                .cast::<P>()
                .read();
            return value.to_object();
        }
        get_checked::<P>(slf, slot)
    }
}

/// The getter's path for unsendable classes and refused reads.
#[cold]
#[inline(never)]
unsafe fn get_checked<P: Primitive>(
    slf: *mut ffi::PyObject,
    slot: &'static FieldSlot,
) -> *mut ffi::PyObject {
    // SAFETY: as in `get`.
    unsafe {
        trampoline(|_gil| {
            check_readable(slot.record, slf)?;
            let layout = &slot.record.layout;
            let value = slf
                .cast::<u8>()
                .add(layout.data_offset + slot.field.offset)
                .cast::<P>()
                .read();
            Ok(value.to_object())
        })
    }
}

/// The setter of a primitive field of type `P`.
unsafe extern "C" fn set<P: Primitive>(
    slf: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
    closure: *mut c_void,
) -> c_int {
    // SAFETY: as in `get`; `value` is null (delete) or a live object CPython lends.
    unsafe {
        let slot = &*closure.cast::<FieldSlot>();
        trampoline(|gil| {
            let record = slot.record;
            if value.is_null() {
                return Err(cannot_delete(
                    &slot.field.name.to_string_lossy(),
                    record.name(),
                ));
            }
            let value: &Owned<'_, PyAny> = Borrowed::slot_as_owned(&*(&value as *const _));
            // Converting may run Python code: done before the borrow is checked.
            let new = P::extract(value).map_err(|e| {
                attribute_error(gil, e, &slot.field.name.to_string_lossy(), record.name())
            })?;
            let data = acquire_mut(record, slf)?;
            data.add(slot.field.offset).cast::<P>().write(new);
            release_mut(record, slf);
            Ok(0)
        })
    }
}
