//! Type slots: the instance lifecycle (`tp_dealloc`, `tp_traverse`, `tp_clear`) and the
//! generic entry points of protocol slots (magic methods), instantiated for the macro's
//! holders.
use super::borrow::is_instance;
use super::record::ClassRecord;
use super::PyClass;
use crate::engine::function::{varargs_entry, FunctionHolder};
use crate::engine::trampoline::{trampoline, trampoline_unraisable};
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::reflect::SlotDesc;
use std::os::raw::{c_int, c_void};

const MUT: isize = -1;

/// `tp_dealloc` of class `T` (and, inherited, of its Python subclasses).
pub(crate) unsafe extern "C" fn dealloc<T: PyClass>(obj: *mut ffi::PyObject) {
    // SAFETY: CPython calls tp_dealloc with the GIL held on a dead object of T's chain.
    unsafe { dealloc_record(T::lazy().existing(), obj) }
}

#[inline(always)]
unsafe fn dealloc_record(record: &'static ClassRecord, obj: *mut ffi::PyObject) {
    // SAFETY: `obj` is a dead instance whose levels are initialised; the GIL is held.
    unsafe {
        let ty = ffi::Py_TYPE(obj);
        if record.trivial_dealloc {
            if !(ty == record.type_object() && record.freelist.push(obj)) {
                type_free(ty)(obj.cast());
            }
            ffi::Py_DECREF(ty.cast());
            return;
        }
        if record.gc {
            ffi::PyObject_GC_UnTrack(obj.cast());
        }
        let base = obj.cast::<u8>();
        for level in record.chain() {
            let layout = &level.layout;
            if layout.weaklist_offset != 0
                && !(*base
                    .add(layout.weaklist_offset)
                    .cast::<*mut ffi::PyObject>())
                .is_null()
            {
                ffi::PyObject_ClearWeakRefs(obj);
            }
            if layout.dict_offset != 0 {
                let dict = base.add(layout.dict_offset).cast::<*mut ffi::PyObject>();
                let old = std::mem::replace(&mut *dict, std::ptr::null_mut());
                ffi::Py_XDECREF(old);
            }
            // A value of an unsendable class is leaked rather than dropped on a foreign
            // thread.
            let own_thread = layout.thread_offset == 0
                || *base.add(layout.thread_offset).cast::<usize>()
                    == super::layout::current_thread_id();
            if level.desc.needs_drop && own_thread {
                let drop = level.desc.drop;
                trampoline_unraisable(
                    |_gil| {
                        drop(base.add(layout.data_offset));
                        Ok(())
                    },
                    std::ptr::null_mut(),
                );
            }
        }
        let root = record.chain().last().unwrap_or(record);
        if !root.native_base_is_object {
            if let Some(base_dealloc) = native_dealloc(root.native_base) {
                if ffi::PyType_IS_GC(root.native_base) {
                    // As `subtype_dealloc` does: the base's dealloc untracks again.
                    ffi::PyObject_GC_Track(obj.cast());
                }
                base_dealloc(obj);
                ffi::Py_DECREF(ty.cast());
                return;
            }
        }
        if !(ty == record.type_object() && record.freelist.push(obj)) {
            let free = type_free(ty);
            free(obj.cast());
        }
        ffi::Py_DECREF(ty.cast());
    }
}

/// A native base's `tp_dealloc`.
unsafe fn native_dealloc(ty: *mut ffi::PyTypeObject) -> Option<ffi::destructor> {
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: reading a field of a live type.
    unsafe {
        (*ty).tp_dealloc
    }
    #[cfg(Py_LIMITED_API)]
    // SAFETY: the builder allows native bases under the stable ABI from 3.10 only, where
    // PyType_GetSlot works on static types.
    unsafe {
        let slot = ffi::PyType_GetSlot(ty, ffi::Py_tp_dealloc);
        if slot.is_null() {
            None
        } else {
            Some(std::mem::transmute::<*mut c_void, ffi::destructor>(slot))
        }
    }
}

/// `ty->tp_free` (a heap type).
unsafe fn type_free(ty: *mut ffi::PyTypeObject) -> ffi::freefunc {
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: a ready type has tp_free (inherited at worst).
    unsafe {
        (*ty).tp_free.unwrap_or(ffi::PyObject_Free)
    }
    #[cfg(Py_LIMITED_API)]
    // SAFETY: heap type; the slot holds a freefunc.
    unsafe {
        let slot = ffi::PyType_GetSlot(ty, ffi::Py_tp_free);
        if slot.is_null() {
            ffi::PyObject_Free
        } else {
            std::mem::transmute::<*mut c_void, ffi::freefunc>(slot)
        }
    }
}

/// `tp_traverse`: the type (3.9+), every field holding Python objects, the `__dict__`.
pub(crate) unsafe extern "C" fn traverse<T: PyClass>(
    obj: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    let record = T::lazy().existing();
    let base = obj.cast::<u8>();
    // SAFETY: CPython traverses live objects with the GIL held; offsets are in bounds.
    unsafe {
        for level in record.chain() {
            let layout = &level.layout;
            let borrowed_mut =
                layout.flag_offset != 0 && *base.add(layout.flag_offset).cast::<isize>() == MUT;
            let foreign = layout.thread_offset != 0
                && *base.add(layout.thread_offset).cast::<usize>()
                    != super::layout::current_thread_id();
            if !borrowed_mut && !foreign {
                for field in level.desc.fields {
                    if let Some(v) = field.visit {
                        let r = v(base.add(layout.data_offset + field.offset), visit, arg);
                        if r != 0 {
                            return r;
                        }
                    }
                }
            }
            if layout.dict_offset != 0 {
                let dict = *base.add(layout.dict_offset).cast::<*mut ffi::PyObject>();
                if !dict.is_null() {
                    let r = visit(dict, arg);
                    if r != 0 {
                        return r;
                    }
                }
            }
        }
        let root = record.chain().last().unwrap_or(record);
        if let Some(native) = root.native_traverse {
            let r = native(obj, visit, arg);
            if r != 0 {
                return r;
            }
        }
        if crate::engine::module::runtime_minor() >= 9 {
            return visit(ffi::Py_TYPE(obj).cast(), arg);
        }
    }
    0
}

/// `tp_clear`: drops what the fields can let go of, and the `__dict__`.
///
/// The fields are cleared under the level's mutable borrow (`frozen` `gc` levels have a
/// flag for this): dropping a reference can run any Python code (`__del__`, weakref
/// callbacks), and code that reaches this object then gets "already mutably borrowed"
/// instead of a reference aliasing the `&mut` of the clear. A level that is borrowed
/// right now is left alone.
pub(crate) unsafe extern "C" fn clear<T: PyClass>(obj: *mut ffi::PyObject) -> c_int {
    let record = T::lazy().existing();
    let base = obj.cast::<u8>();
    // SAFETY: CPython clears live objects with the GIL held; offsets are in bounds.
    unsafe {
        for level in record.chain() {
            let layout = &level.layout;
            let has_clear = level.desc.fields.iter().any(|f| f.clear.is_some());
            let foreign = layout.thread_offset != 0
                && *base.add(layout.thread_offset).cast::<usize>()
                    != super::layout::current_thread_id();
            if has_clear && !foreign && layout.flag_offset != 0 {
                let flag = base.add(layout.flag_offset).cast::<isize>();
                if *flag == 0 {
                    *flag = MUT;
                    trampoline_unraisable(
                        |_gil| {
                            for field in level.desc.fields {
                                if let Some(c) = field.clear {
                                    c(base.add(layout.data_offset + field.offset));
                                }
                            }
                            Ok(())
                        },
                        obj,
                    );
                    *flag = 0;
                }
            }
            if layout.dict_offset != 0 {
                let dict = base.add(layout.dict_offset).cast::<*mut ffi::PyObject>();
                let old = std::mem::replace(&mut *dict, std::ptr::null_mut());
                ffi::Py_XDECREF(old);
            }
        }
        let root = record.chain().last().unwrap_or(record);
        if let Some(native) = root.native_clear {
            return native(obj);
        }
    }
    0
}

/// A unary slot's typed glue (`__repr__`, `__str__`, `__iter__`, `__next__`, `__neg__`…).
/// `__next__` returns null without an exception when exhausted.
///
/// # Safety
/// The glue treats `slf` as an instance of its class (CPython calls the slot on one)
/// and returns new references.
pub unsafe trait UnarySlot: 'static {
    /// The glue.
    fn body<'py>(gil: Gil<'py>, slf: *mut ffi::PyObject) -> PyResult<*mut ffi::PyObject>;
}
/// A binary slot's typed glue (`__add__`, `__getitem__`, …); `slf` may be of another
/// type for numeric operators (the glue returns `NotImplemented` then).
///
/// # Safety
/// The glue treats `slf` as an instance of its class (CPython calls the slot on one)
/// and returns new references.
pub unsafe trait BinarySlot: 'static {
    /// The glue.
    fn body<'py>(
        gil: Gil<'py>,
        slf: *mut ffi::PyObject,
        other: *mut ffi::PyObject,
    ) -> PyResult<*mut ffi::PyObject>;
}
/// The rich comparison glue (`__eq__`, `__lt__`, … merged).
///
/// # Safety
/// The glue treats `slf` as an instance of its class (CPython calls the slot on one)
/// and returns new references.
pub unsafe trait RichCmpSlot: 'static {
    /// The glue.
    fn body<'py>(
        gil: Gil<'py>,
        slf: *mut ffi::PyObject,
        other: *mut ffi::PyObject,
        op: c_int,
    ) -> PyResult<*mut ffi::PyObject>;
}
/// `__hash__`.
///
/// # Safety
/// The glue treats `slf` as an instance of its class (CPython calls the slot on one)
/// and returns new references.
pub unsafe trait HashSlot: 'static {
    /// The glue.
    fn body<'py>(gil: Gil<'py>, slf: *mut ffi::PyObject) -> PyResult<isize>;
}
/// `__len__`.
///
/// # Safety
/// The glue treats `slf` as an instance of its class (CPython calls the slot on one)
/// and returns new references.
pub unsafe trait LenSlot: 'static {
    /// The glue.
    fn body<'py>(gil: Gil<'py>, slf: *mut ffi::PyObject) -> PyResult<usize>;
}
/// `__bool__` / `__contains__` (glue returning a truth value; `other` null for bool).
///
/// # Safety
/// The glue treats `slf` as an instance of its class (CPython calls the slot on one)
/// and returns new references.
pub unsafe trait PredicateSlot: 'static {
    /// The glue.
    fn body<'py>(
        gil: Gil<'py>,
        slf: *mut ffi::PyObject,
        other: *mut ffi::PyObject,
    ) -> PyResult<bool>;
}
/// `__setitem__` / `__delitem__` (`value` null for deletion).
///
/// # Safety
/// The glue treats `slf` as an instance of its class (CPython calls the slot on one)
/// and returns new references.
pub unsafe trait SetItemSlot: 'static {
    /// The glue.
    fn body<'py>(
        gil: Gil<'py>,
        slf: *mut ffi::PyObject,
        key: *mut ffi::PyObject,
        value: *mut ffi::PyObject,
    ) -> PyResult<()>;
}

unsafe extern "C" fn unary<H: UnarySlot>(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: CPython calls slots with the GIL held.
    unsafe { trampoline(|gil| H::body(gil, slf)) }
}
unsafe extern "C" fn binary<H: BinarySlot>(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls slots with the GIL held.
    unsafe { trampoline(|gil| H::body(gil, a, b)) }
}
unsafe extern "C" fn richcmp<H: RichCmpSlot>(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    op: c_int,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls slots with the GIL held.
    unsafe { trampoline(|gil| H::body(gil, a, b, op)) }
}
unsafe extern "C" fn hash<H: HashSlot>(slf: *mut ffi::PyObject) -> ffi::Py_hash_t {
    // SAFETY: CPython calls slots with the GIL held.
    unsafe {
        trampoline(|gil| {
            let h = H::body(gil, slf)? as ffi::Py_hash_t;
            Ok(if h == -1 { -2 } else { h })
        })
    }
}
unsafe extern "C" fn len<H: LenSlot>(slf: *mut ffi::PyObject) -> ffi::Py_ssize_t {
    // SAFETY: CPython calls slots with the GIL held.
    unsafe {
        trampoline(|gil| {
            let n = H::body(gil, slf)?;
            ffi::Py_ssize_t::try_from(n).map_err(|_| {
                crate::exceptions::PyOverflowError::new_err("length does not fit in Py_ssize_t")
            })
        })
    }
}
unsafe extern "C" fn inquiry<H: PredicateSlot>(slf: *mut ffi::PyObject) -> c_int {
    // SAFETY: CPython calls slots with the GIL held.
    unsafe { trampoline(|gil| H::body(gil, slf, std::ptr::null_mut()).map(c_int::from)) }
}
unsafe extern "C" fn contains<H: PredicateSlot>(
    slf: *mut ffi::PyObject,
    item: *mut ffi::PyObject,
) -> c_int {
    // SAFETY: CPython calls slots with the GIL held.
    unsafe { trampoline(|gil| H::body(gil, slf, item).map(c_int::from)) }
}
unsafe extern "C" fn setitem<H: SetItemSlot>(
    slf: *mut ffi::PyObject,
    key: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
) -> c_int {
    // SAFETY: CPython calls slots with the GIL held.
    unsafe { trampoline(|gil| H::body(gil, slf, key, value).map(|()| 0)) }
}

impl SlotDesc {
    /// A unary slot (`Py_tp_repr`, `Py_tp_str`, `Py_tp_iter`, `Py_tp_iternext`, `Py_nb_*`).
    pub const fn unary<H: UnarySlot>(slot: c_int) -> SlotDesc {
        SlotDesc {
            slot,
            pfunc: unary::<H> as *mut c_void,
        }
    }
    /// A binary slot (`Py_nb_add`, `Py_mp_subscript`, …).
    pub const fn binary<H: BinarySlot>(slot: c_int) -> SlotDesc {
        SlotDesc {
            slot,
            pfunc: binary::<H> as *mut c_void,
        }
    }
    /// `Py_tp_richcompare`.
    pub const fn richcmp<H: RichCmpSlot>() -> SlotDesc {
        SlotDesc {
            slot: ffi::Py_tp_richcompare,
            pfunc: richcmp::<H> as *mut c_void,
        }
    }
    /// `Py_tp_hash`.
    pub const fn hash<H: HashSlot>() -> SlotDesc {
        SlotDesc {
            slot: ffi::Py_tp_hash,
            pfunc: hash::<H> as *mut c_void,
        }
    }
    /// `Py_mp_length` / `Py_sq_length`.
    pub const fn len<H: LenSlot>(slot: c_int) -> SlotDesc {
        SlotDesc {
            slot,
            pfunc: len::<H> as *mut c_void,
        }
    }
    /// `Py_nb_bool`.
    pub const fn inquiry<H: PredicateSlot>(slot: c_int) -> SlotDesc {
        SlotDesc {
            slot,
            pfunc: inquiry::<H> as *mut c_void,
        }
    }
    /// `Py_sq_contains`.
    pub const fn contains<H: PredicateSlot>() -> SlotDesc {
        SlotDesc {
            slot: ffi::Py_sq_contains,
            pfunc: contains::<H> as *mut c_void,
        }
    }
    /// `Py_mp_ass_subscript`.
    pub const fn setitem<H: SetItemSlot>() -> SlotDesc {
        SlotDesc {
            slot: ffi::Py_mp_ass_subscript,
            pfunc: setitem::<H> as *mut c_void,
        }
    }
    /// `Py_tp_call` (`__call__`), parsed like a method.
    pub const fn call<H: FunctionHolder>() -> SlotDesc {
        SlotDesc {
            slot: ffi::Py_tp_call,
            pfunc: varargs_entry::<H> as *mut c_void,
        }
    }
}

/// `NotImplemented`, as a new reference (binary operators on foreign operands).
#[inline]
pub fn not_implemented() -> *mut ffi::PyObject {
    let ptr = ffi::Py_NotImplemented();
    // SAFETY: NotImplemented is immortal or static; a new reference is returned.
    unsafe { ffi::Py_INCREF(ptr) };
    ptr
}

/// Whether `obj` is an instance of `T` (for operator glue).
///
/// # Safety
/// `obj` live; GIL held.
#[inline]
pub unsafe fn is_class_instance<T: PyClass>(
    gil: Gil<'_>,
    obj: *mut ffi::PyObject,
) -> PyResult<bool> {
    let record = super::record::<T>(gil)?;
    // SAFETY: forwarded.
    Ok(unsafe { is_instance(record, obj) })
}
