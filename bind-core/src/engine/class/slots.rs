//! Type slots of the instance lifecycle: `tp_dealloc`, `tp_traverse`, `tp_clear` (magic
//! methods are `engine::protocols`).
use super::record::ClassRecord;
use super::PyClass;
use crate::engine::trampoline::trampoline_unraisable;
use crate::ffi;
use std::os::raw::{c_int, c_void};

const MUT: isize = -1;

/// `tp_dealloc` of class `T` (and, inherited, of its Python subclasses).
pub(crate) unsafe extern "C" fn dealloc<T: PyClass>(obj: *mut ffi::PyObject) {
    // SAFETY: CPython calls tp_dealloc with the GIL held on a dead object of T's chain.
    unsafe { dealloc_record(T::lazy().existing(), obj) }
}

/// How many deallocations of bind objects may nest (each freeing the next: a chain held
/// through fields, a native base's storage or an exception's `__cause__`) before further
/// ones are deferred, as CPython's trashcan does for its own containers.
const DEALLOC_NESTING: u32 = 50;

thread_local! {
    /// Deallocations of bind objects in progress on this thread.
    static DEALLOC_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// Dead objects whose deallocation was deferred, freed by the outermost one.
    static DEFERRED: std::cell::RefCell<Vec<(&'static ClassRecord, usize)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The common case inline in every class's `tp_dealloc` (nothing to drop), the rest in
/// [`dealloc_nontrivial`] (one copy).
#[inline(always)]
unsafe fn dealloc_record(record: &'static ClassRecord, obj: *mut ffi::PyObject) {
    // SAFETY: `obj` is a dead instance whose levels are initialised; the GIL is held.
    unsafe {
        if record.trivial_dealloc {
            let ty = ffi::Py_TYPE(obj);
            // Nothing to drop: no other object is freed from here, so no nesting.
            if !(ty == record.type_object() && record.freelist.push(obj)) {
                type_free(ty)(obj.cast());
            }
            ffi::Py_DECREF(ty.cast());
            return;
        }
        dealloc_nontrivial(record, obj)
    }
}

/// [`dealloc_record`] of an instance with something to drop or finalize.
///
/// # Safety
/// As [`dealloc_record`].
#[inline(never)]
unsafe fn dealloc_nontrivial(record: &'static ClassRecord, obj: *mut ffi::PyObject) {
    // SAFETY: `obj` is a dead instance whose levels are initialised; the GIL is held.
    unsafe {
        if crate::engine::protocols::finalize_from_dealloc(record, obj) {
            return; // resurrected by `__del__`
        }
        if record.gc {
            ffi::PyObject_GC_UnTrack(obj.cast());
        }
        let depth = DEALLOC_DEPTH.with(|d| d.get());
        if depth >= DEALLOC_NESTING {
            // Too deep: the outermost deallocation frees it (a flat loop, not a deeper
            // stack). The object is dead and untracked, so nothing else can reach it.
            let deferred = DEFERRED.try_with(|list| list.borrow_mut().push((record, obj as usize)));
            if deferred.is_ok() {
                return;
            }
        }
        DEALLOC_DEPTH.with(|d| d.set(depth + 1));
        dealloc_now(record, obj);
        if depth == 0 {
            // The outermost deallocation: free what was deferred, at depth 1 again.
            while let Some((record, obj)) = DEFERRED
                .try_with(|list| list.borrow_mut().pop())
                .ok()
                .flatten()
            {
                dealloc_now(record, obj as *mut ffi::PyObject);
            }
        }
        DEALLOC_DEPTH.with(|d| d.set(depth));
    }
}

/// Frees a dead instance: its levels' weak references, dicts and Rust values, then the
/// native base's storage or the memory.
///
/// # Safety
/// As [`dealloc_record`], with the object already untracked from gc.
unsafe fn dealloc_now(record: &'static ClassRecord, obj: *mut ffi::PyObject) {
    // SAFETY: `obj` is a dead instance whose levels are initialised; the GIL is held.
    unsafe {
        let ty = ffi::Py_TYPE(obj);
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
    // SAFETY: forwarded from CPython's call.
    unsafe { traverse_record(T::lazy().existing(), obj, visit, arg) }
}

/// The body of every class's `tp_traverse` (one copy).
///
/// # Safety
/// Called from `tp_traverse` with the GIL held; `obj` is a live instance of `record`'s
/// class (or of a Python subclass).
#[inline(never)]
unsafe fn traverse_record(
    record: &'static ClassRecord,
    obj: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
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
        if let Some(crate::reflect::MagicGlue::Traverse(custom)) =
            record.protocols.get(crate::reflect::Dunder::Traverse)
        {
            let r = custom(crate::reflect::Traversal {
                obj,
                visit,
                arg,
                _traversal: std::marker::PhantomData,
            });
            if r != 0 {
                return r;
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
    // SAFETY: forwarded from CPython's call.
    unsafe { clear_record(T::lazy().existing(), obj) }
}

/// The body of every class's `tp_clear` (one copy).
///
/// # Safety
/// Called from `tp_clear` with the GIL held; `obj` is a live instance of `record`'s
/// class (or of a Python subclass).
#[inline(never)]
unsafe fn clear_record(record: &'static ClassRecord, obj: *mut ffi::PyObject) -> c_int {
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
        if let Some(crate::reflect::MagicGlue::Effect(custom)) =
            record.protocols.get(crate::reflect::Dunder::Clear)
        {
            trampoline_unraisable(|gil| custom(gil, crate::Borrowed::from_ptr(gil, obj)), obj);
        }
        let root = record.chain().last().unwrap_or(record);
        if let Some(native) = root.native_clear {
            return native(obj);
        }
    }
    0
}
