//! `abstract.h`: the object, call, number, sequence, mapping and iterator protocols.
use crate::object::*;
use crate::Py_ssize_t;
use libc::{c_char, c_int, size_t};

/// `PY_VECTORCALL_ARGUMENTS_OFFSET`: the caller lets the callee use `args[-1]`.
pub const PY_VECTORCALL_ARGUMENTS_OFFSET: size_t = 1 << (8 * core::mem::size_of::<size_t>() - 1);

/// `PyVectorcall_NARGS(nargsf)`.
#[inline(always)]
pub const fn PyVectorcall_NARGS(nargsf: size_t) -> Py_ssize_t {
    (nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET) as Py_ssize_t
}

extern "C" {
    pub fn PyObject_Call(
        callable: *mut PyObject,
        args: *mut PyObject,
        kwargs: *mut PyObject,
    ) -> *mut PyObject;
    pub fn PyObject_CallObject(callable: *mut PyObject, args: *mut PyObject) -> *mut PyObject;
    #[cfg(Py_3_9)]
    pub fn PyObject_CallNoArgs(callable: *mut PyObject) -> *mut PyObject;
    /// Exported from 3.11 (limited from 3.12); on 3.8–3.10 see the inline
    /// [`PyObject_Vectorcall`](fn@PyObject_Vectorcall) of this module.
    #[cfg(all(Py_3_11, any(not(Py_LIMITED_API), Py_3_12)))]
    pub fn PyObject_Vectorcall(
        callable: *mut PyObject,
        args: *const *mut PyObject,
        nargsf: size_t,
        kwnames: *mut PyObject,
    ) -> *mut PyObject;
    /// Calls method `name` on `args[0]`: exported from 3.9 (`_PyObject_VectorcallMethod`
    /// on 3.8 is not declared here), limited from 3.12.
    #[cfg(any(all(Py_3_9, not(Py_LIMITED_API)), Py_3_12))]
    pub fn PyObject_VectorcallMethod(
        name: *mut PyObject,
        args: *const *mut PyObject,
        nargsf: size_t,
        kwnames: *mut PyObject,
    ) -> *mut PyObject;
    /// Calls `callable`'s vectorcall function with a tuple and a dict: declared by the
    /// headers outside the limited API before 3.12, but exported by every version.
    pub fn PyVectorcall_Call(
        callable: *mut PyObject,
        tuple: *mut PyObject,
        dict: *mut PyObject,
    ) -> *mut PyObject;

    pub fn PyObject_Type(o: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_Size(o: *mut PyObject) -> Py_ssize_t;
    pub fn PyObject_Length(o: *mut PyObject) -> Py_ssize_t;
    pub fn PyObject_GetItem(o: *mut PyObject, key: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_SetItem(o: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> c_int;
    pub fn PyObject_DelItem(o: *mut PyObject, key: *mut PyObject) -> c_int;
    pub fn PyObject_DelItemString(o: *mut PyObject, key: *const c_char) -> c_int;
    pub fn PyObject_Format(obj: *mut PyObject, format_spec: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_GetIter(o: *mut PyObject) -> *mut PyObject;
    #[cfg(Py_3_10)]
    pub fn PyObject_GetAIter(o: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_IsInstance(inst: *mut PyObject, cls: *mut PyObject) -> c_int;
    pub fn PyObject_IsSubclass(derived: *mut PyObject, cls: *mut PyObject) -> c_int;

    pub fn PyIter_Check(o: *mut PyObject) -> c_int;
    pub fn PyIter_Next(o: *mut PyObject) -> *mut PyObject;
    /// 3.10+: sends `arg` into an iterator/generator; `*presult` receives a new reference.
    #[cfg(Py_3_10)]
    pub fn PyIter_Send(
        iter: *mut PyObject,
        arg: *mut PyObject,
        presult: *mut *mut PyObject,
    ) -> PySendResult;
    #[cfg(Py_3_10)]
    pub fn PyAIter_Check(o: *mut PyObject) -> c_int;

    pub fn PyNumber_Check(o: *mut PyObject) -> c_int;
    pub fn PyNumber_Add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Subtract(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Multiply(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_MatrixMultiply(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_FloorDivide(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_TrueDivide(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Remainder(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Divmod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Power(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Negative(o: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Positive(o: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Absolute(o: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Invert(o: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Lshift(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Rshift(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_And(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Index(o: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_AsSsize_t(o: *mut PyObject, exc: *mut PyObject) -> Py_ssize_t;
    pub fn PyNumber_Long(o: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_Float(o: *mut PyObject) -> *mut PyObject;
    pub fn PyNumber_InPlaceAdd(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyIndex_Check(o: *mut PyObject) -> c_int;

    pub fn PySequence_Check(o: *mut PyObject) -> c_int;
    pub fn PySequence_Size(o: *mut PyObject) -> Py_ssize_t;
    pub fn PySequence_Concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PySequence_Repeat(o: *mut PyObject, count: Py_ssize_t) -> *mut PyObject;
    pub fn PySequence_GetItem(o: *mut PyObject, i: Py_ssize_t) -> *mut PyObject;
    pub fn PySequence_GetSlice(o: *mut PyObject, i1: Py_ssize_t, i2: Py_ssize_t) -> *mut PyObject;
    pub fn PySequence_SetItem(o: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int;
    pub fn PySequence_DelItem(o: *mut PyObject, i: Py_ssize_t) -> c_int;
    pub fn PySequence_Tuple(o: *mut PyObject) -> *mut PyObject;
    pub fn PySequence_List(o: *mut PyObject) -> *mut PyObject;
    pub fn PySequence_Fast(o: *mut PyObject, m: *const c_char) -> *mut PyObject;
    pub fn PySequence_Count(o: *mut PyObject, value: *mut PyObject) -> Py_ssize_t;
    pub fn PySequence_Contains(seq: *mut PyObject, ob: *mut PyObject) -> c_int;
    pub fn PySequence_Index(o: *mut PyObject, value: *mut PyObject) -> Py_ssize_t;

    pub fn PyMapping_Check(o: *mut PyObject) -> c_int;
    pub fn PyMapping_Size(o: *mut PyObject) -> Py_ssize_t;
    pub fn PyMapping_Keys(o: *mut PyObject) -> *mut PyObject;
    pub fn PyMapping_Values(o: *mut PyObject) -> *mut PyObject;
    pub fn PyMapping_Items(o: *mut PyObject) -> *mut PyObject;
    pub fn PyMapping_HasKey(o: *mut PyObject, key: *mut PyObject) -> c_int;
    pub fn PyMapping_GetItemString(o: *mut PyObject, key: *const c_char) -> *mut PyObject;
}

#[cfg(all(Py_3_9, not(Py_LIMITED_API)))]
extern "C" {
    /// `PyObject_VectorcallDict` (3.9+, non-limited): positional arguments as a vector,
    /// keyword arguments as a dict (may be NULL).
    pub fn PyObject_VectorcallDict(
        callable: *mut PyObject,
        args: *const *mut PyObject,
        nargsf: size_t,
        kwdict: *mut PyObject,
    ) -> *mut PyObject;
}

#[cfg(all(Py_3_11, not(Py_LIMITED_API)))]
extern "C" {
    /// `PyVectorcall_Function` (exported from 3.11; inline below on 3.8–3.10).
    pub fn PyVectorcall_Function(callable: *mut PyObject) -> Option<vectorcallfunc>;
    /// `PyObject_CallOneArg` (exported from 3.11; inline below on 3.8–3.10).
    pub fn PyObject_CallOneArg(func: *mut PyObject, arg: *mut PyObject) -> *mut PyObject;
}

/// `PyVectorcall_Function(callable)` on 3.8–3.10, where the headers inline it: the
/// callable's vectorcall function, or `None` if its type does not support vectorcall.
///
/// # Safety
/// `callable` must be a live object and the GIL must be held.
#[cfg(all(not(Py_3_11), not(Py_LIMITED_API)))]
#[inline]
pub unsafe fn PyVectorcall_Function(callable: *mut PyObject) -> Option<vectorcallfunc> {
    // SAFETY: `callable` is live (caller), so its type object is readable; a type with
    // `Py_TPFLAGS_HAVE_VECTORCALL` stores a (nullable) function pointer at
    // `tp_vectorcall_offset` inside the instance (possibly unaligned, hence read_unaligned).
    unsafe {
        let tp = Py_TYPE(callable);
        if !PyType_HasFeature(tp, Py_TPFLAGS_HAVE_VECTORCALL) {
            return None;
        }
        let offset = (*tp).tp_vectorcall_offset;
        if offset <= 0 {
            return None;
        }
        callable
            .cast::<u8>()
            .offset(offset)
            .cast::<Option<vectorcallfunc>>()
            .read_unaligned()
    }
}

/// `PyObject_Vectorcall` on 3.8–3.10 (non-limited), where it is a static inline function
/// and not an exported symbol (`_PyObject_Vectorcall` on 3.8).
///
/// Uses the callable's vectorcall function when its type has one; otherwise packs the
/// arguments into a tuple (and the keyword arguments named by `kwnames` into a dict) and
/// calls `PyObject_Call`, instead of the private `_PyObject_MakeTpCall` whose signature
/// changed in 3.9.
///
/// # Safety
/// The GIL must be held; `callable` must be live; `args` must point to
/// `PyVectorcall_NARGS(nargsf)` live objects followed by one value per name in `kwnames`
/// (NULL or a tuple of str).
#[cfg(all(not(Py_3_11), not(Py_LIMITED_API)))]
pub unsafe fn PyObject_Vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: size_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded from the caller.
    if let Some(func) = unsafe { PyVectorcall_Function(callable) } {
        // SAFETY: the arguments follow the vectorcall protocol (caller's guarantee).
        return unsafe { func(callable, args, nargsf, kwnames) };
    }
    // SAFETY: the GIL is held and every pointer read below is within the argument vector
    // described by the caller; new references are released on every path.
    unsafe { vectorcall_via_tuple(callable, args, PyVectorcall_NARGS(nargsf), kwnames) }
}

/// The `tp_call` path of [`PyObject_Vectorcall`] for 3.8–3.10.
#[cfg(all(not(Py_3_11), not(Py_LIMITED_API)))]
unsafe fn vectorcall_via_tuple(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    use crate::cpython::tupleobject::{PyTuple_GET_ITEM, PyTuple_GET_SIZE, PyTuple_SET_ITEM};
    // SAFETY: see `PyObject_Vectorcall`: the caller holds the GIL and `args` holds
    // `nargs` + len(kwnames) live objects.
    unsafe {
        let tuple = crate::tupleobject::PyTuple_New(nargs);
        if tuple.is_null() {
            return core::ptr::null_mut();
        }
        for i in 0..nargs {
            let item = *args.offset(i);
            Py_INCREF(item);
            PyTuple_SET_ITEM(tuple, i, item);
        }
        let mut kwargs = core::ptr::null_mut();
        if !kwnames.is_null() && PyTuple_GET_SIZE(kwnames) > 0 {
            kwargs = crate::dictobject::PyDict_New();
            if kwargs.is_null() {
                Py_DECREF(tuple);
                return core::ptr::null_mut();
            }
            for i in 0..PyTuple_GET_SIZE(kwnames) {
                let key = PyTuple_GET_ITEM(kwnames, i);
                let value = *args.offset(nargs + i);
                if crate::dictobject::PyDict_SetItem(kwargs, key, value) < 0 {
                    Py_DECREF(kwargs);
                    Py_DECREF(tuple);
                    return core::ptr::null_mut();
                }
            }
        }
        let result = PyObject_Call(callable, tuple, kwargs);
        Py_DECREF(tuple);
        Py_XDECREF(kwargs);
        result
    }
}

/// `PyObject_CallOneArg(func, arg)` on 3.8–3.10, where the headers inline it
/// (`_PyObject_CallOneArg` on 3.8).
///
/// # Safety
/// The GIL must be held; `func` and `arg` must be live.
#[cfg(all(not(Py_3_11), not(Py_LIMITED_API)))]
#[inline]
pub unsafe fn PyObject_CallOneArg(func: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    let mut args = [core::ptr::null_mut(), arg];
    // SAFETY: `args[1..]` holds one live object and `args[0]` is writable scratch space,
    // as `PY_VECTORCALL_ARGUMENTS_OFFSET` allows the callee to use.
    unsafe {
        let argv = args.as_mut_ptr().add(1);
        PyObject_Vectorcall(
            func,
            argv,
            1 | PY_VECTORCALL_ARGUMENTS_OFFSET,
            core::ptr::null_mut(),
        )
    }
}

/// `PyObject_CallNoArgs(func)` on 3.8, where only the inline `_PyObject_CallNoArg` exists.
///
/// # Safety
/// The GIL must be held; `func` must be live.
#[cfg(all(not(Py_3_9), not(Py_LIMITED_API)))]
#[inline]
pub unsafe fn PyObject_CallNoArgs(func: *mut PyObject) -> *mut PyObject {
    // SAFETY: no arguments, so `args` may be NULL.
    unsafe { PyObject_Vectorcall(func, core::ptr::null(), 0, core::ptr::null_mut()) }
}
