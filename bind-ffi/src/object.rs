//! `object.h`: the object head, reference counting, type objects from specs, flags and
//! the generic object protocol.
use crate::{Py_hash_t, Py_ssize_t};
use libc::{c_char, c_int, c_uint, c_ulong, c_void};

/// `PyObject`: the head of every object (`ob_refcnt`, `ob_type`) on GIL builds.
#[cfg(not(Py_GIL_DISABLED))]
#[repr(C)]
#[derive(Debug)]
pub struct PyObject {
    pub ob_refcnt: Py_ssize_t,
    pub ob_type: *mut PyTypeObject,
}

/// `PyObject` on free-threaded (3.13t) builds: 32 bytes, `ob_type` at offset 24.
#[cfg(Py_GIL_DISABLED)]
#[repr(C)]
#[derive(Debug)]
pub struct PyObject {
    pub ob_tid: usize,
    pub _padding: u16,
    pub ob_mutex: u8,
    pub ob_gc_bits: u8,
    pub ob_ref_local: u32,
    pub ob_ref_shared: Py_ssize_t,
    pub ob_type: *mut PyTypeObject,
}

/// `PyVarObject`: a head with an item count.
#[repr(C)]
#[derive(Debug)]
pub struct PyVarObject {
    pub ob_base: PyObject,
    pub ob_size: Py_ssize_t,
}

/// `Py_SIZE(op)`: the item count of a variable-size object.
///
/// # Safety
/// `op` must point to a live variable-size object (`PyVarObject` head).
#[inline(always)]
pub unsafe fn Py_SIZE(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: the caller guarantees `op` has a `PyVarObject` head.
    unsafe { (*op.cast::<PyVarObject>()).ob_size }
}

/// `_Py_IMMORTAL_REFCNT` (3.12+, GIL builds): the refcount of immortal objects.
#[cfg(all(Py_3_12, not(Py_GIL_DISABLED)))]
pub const _Py_IMMORTAL_REFCNT: Py_ssize_t = if core::mem::size_of::<usize>() > 4 {
    u32::MAX as Py_ssize_t
} else {
    (u32::MAX >> 2) as Py_ssize_t
};

/// `PyObject_HEAD_INIT(NULL)`: the head of a statically allocated object, as the headers
/// of the target version initialise it (refcount 1 up to 3.12, immortal from 3.13).
#[cfg(not(Py_GIL_DISABLED))]
pub const PyObject_HEAD_INIT: PyObject = PyObject {
    #[cfg(Py_3_13)]
    ob_refcnt: _Py_IMMORTAL_REFCNT,
    #[cfg(not(Py_3_13))]
    ob_refcnt: 1,
    ob_type: core::ptr::null_mut(),
};

/// `PyObject_HEAD_INIT(NULL)` on free-threaded builds: immortal local refcount.
#[cfg(Py_GIL_DISABLED)]
pub const PyObject_HEAD_INIT: PyObject = PyObject {
    ob_tid: 0,
    _padding: 0,
    ob_mutex: 0,
    ob_gc_bits: 0,
    ob_ref_local: u32::MAX,
    ob_ref_shared: 0,
    ob_type: core::ptr::null_mut(),
};

/// `PyTypeObject`, opaque under the limited API (see `cpython::object` for the fields).
#[cfg(Py_LIMITED_API)]
#[repr(C)]
pub struct PyTypeObject {
    _private: [u8; 0],
}

#[cfg(not(Py_LIMITED_API))]
pub use crate::cpython::object::PyTypeObject;

/// `Py_TYPE(op)`.
///
/// # Safety
/// `op` must point to a live object.
#[inline(always)]
pub unsafe fn Py_TYPE(op: *mut PyObject) -> *mut PyTypeObject {
    // SAFETY: the caller guarantees `op` is a live object, whose head is readable.
    unsafe { (*op).ob_type }
}

/// `Py_REFCNT(op)` (GIL builds).
///
/// # Safety
/// `op` must point to a live object.
#[cfg(not(Py_GIL_DISABLED))]
#[inline(always)]
pub unsafe fn Py_REFCNT(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: the caller guarantees `op` is a live object.
    unsafe { (*op).ob_refcnt }
}

/// `Py_IS_TYPE(op, tp)`.
///
/// # Safety
/// `op` must point to a live object.
#[inline(always)]
pub unsafe fn Py_IS_TYPE(op: *mut PyObject, tp: *mut PyTypeObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { Py_TYPE(op) == tp }
}

extern "C" {
    pub fn Py_IncRef(op: *mut PyObject);
    pub fn Py_DecRef(op: *mut PyObject);
}

/// Whether `Py_INCREF`/`Py_DECREF` must call the exported functions instead of touching
/// `ob_refcnt` inline: the stable ABI, debug builds (which keep `_Py_RefTotal`) and
/// free-threaded builds.
pub const REFCOUNT_VIA_CALLS: bool =
    cfg!(Py_LIMITED_API) || cfg!(py_debug) || cfg!(Py_GIL_DISABLED);

/// `Py_INCREF(op)`.
///
/// # Safety
/// `op` must point to a live object and the GIL must be held.
#[inline(always)]
pub unsafe fn Py_INCREF(op: *mut PyObject) {
    #[cfg(any(Py_LIMITED_API, py_debug, Py_GIL_DISABLED))]
    // SAFETY: the caller holds the GIL and `op` is live.
    unsafe {
        Py_IncRef(op)
    }
    #[cfg(not(any(Py_LIMITED_API, py_debug, Py_GIL_DISABLED)))]
    // SAFETY: the caller holds the GIL, so no other thread touches the count.
    unsafe {
        #[cfg(Py_3_12)]
        {
            // Immortal objects keep the low 32 bits saturated; 3.12 skips the write when the
            // increment would overflow them.
            let low = (*op).ob_refcnt as u32;
            if low.wrapping_add(1) == 0 {
                return;
            }
        }
        (*op).ob_refcnt += 1;
    }
}

/// `Py_DECREF(op)`: the last reference goes through `Py_DecRef`, which deallocates.
///
/// # Safety
/// `op` must point to a live object owned by the caller, and the GIL must be held.
#[inline(always)]
pub unsafe fn Py_DECREF(op: *mut PyObject) {
    #[cfg(any(Py_LIMITED_API, py_debug, Py_GIL_DISABLED))]
    // SAFETY: the caller holds the GIL and owns one reference.
    unsafe {
        Py_DecRef(op)
    }
    #[cfg(not(any(Py_LIMITED_API, py_debug, Py_GIL_DISABLED)))]
    // SAFETY: the caller holds the GIL and owns one reference.
    unsafe {
        #[cfg(Py_3_12)]
        {
            if ((*op).ob_refcnt as i32) < 0 {
                return; // immortal
            }
        }
        if (*op).ob_refcnt > 1 {
            (*op).ob_refcnt -= 1;
        } else {
            Py_DecRef(op);
        }
    }
}

/// `Py_XINCREF(op)`.
///
/// # Safety
/// `op` must be null or a live object; the GIL must be held.
#[inline(always)]
pub unsafe fn Py_XINCREF(op: *mut PyObject) {
    if !op.is_null() {
        // SAFETY: non-null, so live by the caller's guarantee.
        unsafe { Py_INCREF(op) }
    }
}

/// `Py_XDECREF(op)`.
///
/// # Safety
/// `op` must be null or a live object owned by the caller; the GIL must be held.
#[inline(always)]
pub unsafe fn Py_XDECREF(op: *mut PyObject) {
    if !op.is_null() {
        // SAFETY: non-null, so live and owned by the caller's guarantee.
        unsafe { Py_DECREF(op) }
    }
}

/// `Py_NewRef(op)`: increments and returns `op`.
///
/// # Safety
/// As [`Py_INCREF`].
#[inline(always)]
pub unsafe fn Py_NewRef(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded from the caller.
    unsafe { Py_INCREF(op) };
    op
}

pub type unaryfunc = unsafe extern "C" fn(*mut PyObject) -> *mut PyObject;
pub type binaryfunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;
pub type ternaryfunc =
    unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
pub type inquiry = unsafe extern "C" fn(*mut PyObject) -> c_int;
pub type lenfunc = unsafe extern "C" fn(*mut PyObject) -> Py_ssize_t;
pub type ssizeargfunc = unsafe extern "C" fn(*mut PyObject, Py_ssize_t) -> *mut PyObject;
pub type ssizessizeargfunc =
    unsafe extern "C" fn(*mut PyObject, Py_ssize_t, Py_ssize_t) -> *mut PyObject;
pub type ssizeobjargproc = unsafe extern "C" fn(*mut PyObject, Py_ssize_t, *mut PyObject) -> c_int;
pub type objobjargproc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;
pub type objobjproc = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> c_int;
pub type visitproc = unsafe extern "C" fn(*mut PyObject, *mut c_void) -> c_int;
pub type traverseproc = unsafe extern "C" fn(*mut PyObject, visitproc, *mut c_void) -> c_int;
pub type freefunc = unsafe extern "C" fn(*mut c_void);
pub type destructor = unsafe extern "C" fn(*mut PyObject);
pub type getattrfunc = unsafe extern "C" fn(*mut PyObject, *mut c_char) -> *mut PyObject;
pub type getattrofunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;
pub type setattrfunc = unsafe extern "C" fn(*mut PyObject, *mut c_char, *mut PyObject) -> c_int;
pub type setattrofunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;
pub type reprfunc = unsafe extern "C" fn(*mut PyObject) -> *mut PyObject;
pub type hashfunc = unsafe extern "C" fn(*mut PyObject) -> Py_hash_t;
pub type richcmpfunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, c_int) -> *mut PyObject;
pub type getiterfunc = unsafe extern "C" fn(*mut PyObject) -> *mut PyObject;
pub type iternextfunc = unsafe extern "C" fn(*mut PyObject) -> *mut PyObject;
pub type descrgetfunc =
    unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
pub type descrsetfunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;
pub type initproc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;
pub type newfunc =
    unsafe extern "C" fn(*mut PyTypeObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
pub type allocfunc = unsafe extern "C" fn(*mut PyTypeObject, Py_ssize_t) -> *mut PyObject;
pub type vectorcallfunc = unsafe extern "C" fn(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: libc::size_t,
    kwnames: *mut PyObject,
) -> *mut PyObject;
pub type getbufferproc =
    unsafe extern "C" fn(*mut PyObject, *mut crate::pybuffer::Py_buffer, c_int) -> c_int;
pub type releasebufferproc = unsafe extern "C" fn(*mut PyObject, *mut crate::pybuffer::Py_buffer);

/// `PySendResult` (3.10+): what `am_send` / `PyIter_Send` return (a C enum, so `int`).
#[cfg(any(not(Py_LIMITED_API), Py_3_10))]
pub type PySendResult = c_int;
/// `PYGEN_RETURN`: the generator returned; `*result` is the return value.
#[cfg(any(not(Py_LIMITED_API), Py_3_10))]
pub const PYGEN_RETURN: PySendResult = 0;
/// `PYGEN_ERROR`: an exception was raised; `*result` is NULL.
#[cfg(any(not(Py_LIMITED_API), Py_3_10))]
pub const PYGEN_ERROR: PySendResult = -1;
/// `PYGEN_NEXT`: the generator yielded; `*result` is the yielded value.
#[cfg(any(not(Py_LIMITED_API), Py_3_10))]
pub const PYGEN_NEXT: PySendResult = 1;
/// `sendfunc` (3.10+, `cpython/object.h`): the `am_send` slot.
#[cfg(all(Py_3_10, not(Py_LIMITED_API)))]
pub type sendfunc = unsafe extern "C" fn(
    iter: *mut PyObject,
    value: *mut PyObject,
    result: *mut *mut PyObject,
) -> PySendResult;

/// `PyType_Slot`: one `(slot id, function or data pointer)` pair of a type spec.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct PyType_Slot {
    pub slot: c_int,
    pub pfunc: *mut c_void,
}

/// `PyType_Spec`: what `PyType_FromSpec*` builds a heap type from.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct PyType_Spec {
    pub name: *const c_char,
    pub basicsize: c_int,
    pub itemsize: c_int,
    pub flags: c_uint,
    pub slots: *mut PyType_Slot,
}

pub const Py_TPFLAGS_MANAGED_WEAKREF: c_ulong = 1 << 3;
pub const Py_TPFLAGS_MANAGED_DICT: c_ulong = 1 << 4;
pub const Py_TPFLAGS_SEQUENCE: c_ulong = 1 << 5;
pub const Py_TPFLAGS_MAPPING: c_ulong = 1 << 6;
pub const Py_TPFLAGS_DISALLOW_INSTANTIATION: c_ulong = 1 << 7;
pub const Py_TPFLAGS_IMMUTABLETYPE: c_ulong = 1 << 8;
pub const Py_TPFLAGS_HEAPTYPE: c_ulong = 1 << 9;
pub const Py_TPFLAGS_BASETYPE: c_ulong = 1 << 10;
pub const Py_TPFLAGS_HAVE_VECTORCALL: c_ulong = 1 << 11;
pub const Py_TPFLAGS_READY: c_ulong = 1 << 12;
pub const Py_TPFLAGS_READYING: c_ulong = 1 << 13;
pub const Py_TPFLAGS_HAVE_GC: c_ulong = 1 << 14;
pub const Py_TPFLAGS_METHOD_DESCRIPTOR: c_ulong = 1 << 17;
pub const Py_TPFLAGS_VALID_VERSION_TAG: c_ulong = 1 << 19;
pub const Py_TPFLAGS_IS_ABSTRACT: c_ulong = 1 << 20;
pub const Py_TPFLAGS_LONG_SUBCLASS: c_ulong = 1 << 24;
pub const Py_TPFLAGS_LIST_SUBCLASS: c_ulong = 1 << 25;
pub const Py_TPFLAGS_TUPLE_SUBCLASS: c_ulong = 1 << 26;
pub const Py_TPFLAGS_BYTES_SUBCLASS: c_ulong = 1 << 27;
pub const Py_TPFLAGS_UNICODE_SUBCLASS: c_ulong = 1 << 28;
pub const Py_TPFLAGS_DICT_SUBCLASS: c_ulong = 1 << 29;
pub const Py_TPFLAGS_BASE_EXC_SUBCLASS: c_ulong = 1 << 30;
pub const Py_TPFLAGS_TYPE_SUBCLASS: c_ulong = 1 << 31;
/// `Py_TPFLAGS_DEFAULT`: `Py_TPFLAGS_HAVE_VERSION_TAG` (1 << 18) on every supported version.
pub const Py_TPFLAGS_DEFAULT: c_ulong = 1 << 18;

pub const Py_LT: c_int = 0;
pub const Py_LE: c_int = 1;
pub const Py_EQ: c_int = 2;
pub const Py_NE: c_int = 3;
pub const Py_GT: c_int = 4;
pub const Py_GE: c_int = 5;

extern "C" {
    pub static mut _Py_NoneStruct: PyObject;
    pub static mut _Py_NotImplementedStruct: PyObject;
    pub static mut _Py_EllipsisObject: PyObject;
    pub static mut PyType_Type: PyTypeObject;
    pub static mut PyBaseObject_Type: PyTypeObject;
    pub static mut PySuper_Type: PyTypeObject;

    pub fn PyType_FromSpec(spec: *mut PyType_Spec) -> *mut PyObject;
    pub fn PyType_FromSpecWithBases(spec: *mut PyType_Spec, bases: *mut PyObject) -> *mut PyObject;
    #[cfg(Py_3_9)]
    pub fn PyType_FromModuleAndSpec(
        module: *mut PyObject,
        spec: *mut PyType_Spec,
        bases: *mut PyObject,
    ) -> *mut PyObject;
    #[cfg(Py_3_9)]
    pub fn PyType_GetModule(tp: *mut PyTypeObject) -> *mut PyObject;
    #[cfg(Py_3_9)]
    pub fn PyType_GetModuleState(tp: *mut PyTypeObject) -> *mut c_void;
    /// 3.12+ (limited API too).
    #[cfg(Py_3_12)]
    pub fn PyType_FromMetaclass(
        metaclass: *mut PyTypeObject,
        module: *mut PyObject,
        spec: *mut PyType_Spec,
        bases: *mut PyObject,
    ) -> *mut PyObject;
    /// The module of the first base of `tp` created from a spec with `def`'s module
    /// (borrowed): 3.11 non-limited, limited from 3.13.
    #[cfg(any(all(Py_3_11, not(Py_LIMITED_API)), Py_3_13))]
    pub fn PyType_GetModuleByDef(
        tp: *mut PyTypeObject,
        def: *mut crate::moduleobject::PyModuleDef,
    ) -> *mut PyObject;
    pub fn PyType_GetSlot(tp: *mut PyTypeObject, slot: c_int) -> *mut c_void;
    pub fn PyType_GetFlags(tp: *mut PyTypeObject) -> c_ulong;
    pub fn PyType_IsSubtype(a: *mut PyTypeObject, b: *mut PyTypeObject) -> c_int;
    pub fn PyType_Ready(tp: *mut PyTypeObject) -> c_int;
    pub fn PyType_GenericAlloc(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> *mut PyObject;
    pub fn PyType_GenericNew(
        tp: *mut PyTypeObject,
        args: *mut PyObject,
        kwds: *mut PyObject,
    ) -> *mut PyObject;
    pub fn PyType_ClearCache() -> c_uint;
    pub fn PyType_Modified(tp: *mut PyTypeObject);
    #[cfg(Py_3_11)]
    pub fn PyType_GetName(tp: *mut PyTypeObject) -> *mut PyObject;
    #[cfg(Py_3_11)]
    pub fn PyType_GetQualName(tp: *mut PyTypeObject) -> *mut PyObject;

    pub fn PyObject_Repr(o: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_Str(o: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_ASCII(o: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_Bytes(o: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_RichCompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject;
    pub fn PyObject_RichCompareBool(a: *mut PyObject, b: *mut PyObject, op: c_int) -> c_int;
    pub fn PyObject_GetAttrString(o: *mut PyObject, name: *const c_char) -> *mut PyObject;
    pub fn PyObject_SetAttrString(o: *mut PyObject, name: *const c_char, v: *mut PyObject)
        -> c_int;
    pub fn PyObject_HasAttrString(o: *mut PyObject, name: *const c_char) -> c_int;
    pub fn PyObject_GetAttr(o: *mut PyObject, name: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_SetAttr(o: *mut PyObject, name: *mut PyObject, v: *mut PyObject) -> c_int;
    pub fn PyObject_HasAttr(o: *mut PyObject, name: *mut PyObject) -> c_int;
    pub fn PyObject_GenericGetAttr(o: *mut PyObject, name: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_GenericSetAttr(
        o: *mut PyObject,
        name: *mut PyObject,
        v: *mut PyObject,
    ) -> c_int;
    /// Limited API from 3.10.
    #[cfg(any(not(Py_LIMITED_API), Py_3_10))]
    pub fn PyObject_GenericGetDict(o: *mut PyObject, context: *mut c_void) -> *mut PyObject;
    pub fn PyObject_GenericSetDict(
        o: *mut PyObject,
        value: *mut PyObject,
        context: *mut c_void,
    ) -> c_int;
    pub fn PyObject_Hash(o: *mut PyObject) -> Py_hash_t;
    pub fn PyObject_HashNotImplemented(o: *mut PyObject) -> Py_hash_t;
    pub fn PyObject_IsTrue(o: *mut PyObject) -> c_int;
    pub fn PyObject_Not(o: *mut PyObject) -> c_int;
    pub fn PyCallable_Check(o: *mut PyObject) -> c_int;
    pub fn PyObject_Dir(o: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_SelfIter(o: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_ClearWeakRefs(o: *mut PyObject);
    pub fn Py_ReprEnter(o: *mut PyObject) -> c_int;
    pub fn Py_ReprLeave(o: *mut PyObject);
    #[cfg(Py_3_10)]
    pub fn Py_Is(x: *mut PyObject, y: *mut PyObject) -> c_int;
}

/// `Py_None` (borrowed).
///
/// The result is a borrowed reference: do not decref it without a matching incref.
#[inline(always)]
pub fn Py_None() -> *mut PyObject {
    core::ptr::addr_of_mut!(_Py_NoneStruct)
}

/// `Py_NotImplemented` (borrowed).
///
/// The result is a borrowed reference: do not decref it without a matching incref.
#[inline(always)]
pub fn Py_NotImplemented() -> *mut PyObject {
    core::ptr::addr_of_mut!(_Py_NotImplementedStruct)
}

/// `Py_Ellipsis` (borrowed).
///
/// The result is a borrowed reference: do not decref it without a matching incref.
#[inline(always)]
pub fn Py_Ellipsis() -> *mut PyObject {
    core::ptr::addr_of_mut!(_Py_EllipsisObject)
}

/// `PyType_HasFeature(tp, flag)`.
///
/// # Safety
/// `tp` must be a live type object.
#[inline(always)]
pub unsafe fn PyType_HasFeature(tp: *mut PyTypeObject, flag: c_ulong) -> bool {
    #[cfg(Py_LIMITED_API)]
    // SAFETY: forwarded from the caller.
    let flags = unsafe { PyType_GetFlags(tp) };
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: forwarded from the caller; the field layout is checked against the headers.
    let flags = unsafe { (*tp).tp_flags };
    flags & flag != 0
}

/// `PyType_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline(always)]
pub unsafe fn PyType_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { PyType_HasFeature(Py_TYPE(op), Py_TPFLAGS_TYPE_SUBCLASS) }
}

/// `PyObject_TypeCheck(op, tp)`.
///
/// # Safety
/// `op` and `tp` must be live.
#[inline(always)]
pub unsafe fn PyObject_TypeCheck(op: *mut PyObject, tp: *mut PyTypeObject) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { Py_TYPE(op) == tp || PyType_IsSubtype(Py_TYPE(op), tp) != 0 }
}
