//! The buffer slot family: `bf_getbuffer` / `bf_releasebuffer` of classes that export a
//! field (`#[bind(buffer)]`), and the descriptor the derive fills for them.
//!
//! Soundness while exported: every export is counted in the object (the `exports` word
//! of the layout). A storage that any `&mut` could reallocate (`Vec`, `Box<[T]>`) is
//! exported under a shared borrow of the object, so `&mut self` methods, setters and
//! `borrow_mut` raise `BufferError` until the last view is released; storages that stay
//! put under `&mut` (inline arrays, [`Array`](crate::buffer::Array)) leave the object
//! mutable and guard their own resizing. Each export holds a reference to the object.
use super::record::ClassRecord;
use super::PyClass;
use crate::buffer::{BufferStorage, Element};
use crate::engine::trampoline::{trampoline, trampoline_unraisable};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyBufferError;
use crate::ffi;
use crate::reflect::{BufferDesc, TypeDesc};
use std::os::raw::{c_int, c_void};

const MUT: isize = -1;

/// The descriptor of a writable buffer export of field type `S` at `offset` in class `C`.
/// Fails to compile for an abi3 target below Python 3.11 (no buffer protocol there).
pub const fn writable_buffer<C: PyClass, S>(offset: usize) -> BufferDesc
where
    S: BufferStorage,
    S::Element: bytemuck::Pod,
{
    buffer_desc::<C, S>(offset, false)
}

/// The descriptor of a read-only buffer export (`#[bind(buffer, readonly)]`, frozen
/// classes, elements such as `bool` that not every byte pattern is valid for).
pub const fn readonly_buffer<C: PyClass, S: BufferStorage>(offset: usize) -> BufferDesc {
    buffer_desc::<C, S>(offset, true)
}

const fn buffer_desc<C: PyClass, S: BufferStorage>(offset: usize, readonly: bool) -> BufferDesc {
    if cfg!(all(Py_LIMITED_API, not(Py_3_11))) {
        panic!(
            "#[bind(buffer)] needs the buffer protocol, which the stable ABI has only from \
             Python 3.11: build with the `abi3-py311` feature (or without abi3)"
        );
    }
    BufferDesc {
        offset,
        format: <S::Element as Element>::FORMAT,
        itemsize: std::mem::size_of::<S::Element>(),
        readonly,
        stable_under_mut: S::STABLE_UNDER_MUT,
        getbuffer: getbuffer::<C, S>,
        releasebuffer: releasebuffer::<C, S>,
    }
}

/// The type slots that install the buffer procs, for runtimes that take them in the
/// spec (3.9+; 3.8's `PyType_FromSpec` corrupts the type with them, see [`patch_type`]).
pub(crate) fn type_slots(desc: &TypeDesc, minor: u32) -> Vec<(c_int, *mut c_void)> {
    match desc.buffer {
        Some(buffer) if minor >= 9 || cfg!(Py_LIMITED_API) => vec![
            (ffi::Py_bf_getbuffer, buffer.getbuffer as *mut c_void),
            (
                ffi::Py_bf_releasebuffer,
                buffer.releasebuffer as *mut c_void,
            ),
        ],
        _ => Vec::new(),
    }
}

/// The methods every buffer class gets: `__dlpack__` and `__dlpack_device__`.
pub(crate) fn methods(desc: &TypeDesc) -> Vec<ffi::PyMethodDef> {
    match desc.buffer {
        #[cfg(any(not(Py_LIMITED_API), Py_3_11))]
        Some(_) => crate::buffer::dlpack::methods().to_vec(),
        _ => Vec::new(),
    }
}

/// On 3.8, fills `tp_as_buffer` of a type just created without the buffer slots.
///
/// # Safety
/// `ty` is a heap type created from `desc` and not shared yet.
#[cfg(not(Py_LIMITED_API))]
pub(crate) unsafe fn patch_type(desc: &TypeDesc, ty: *mut ffi::PyTypeObject, minor: u32) {
    if let (Some(buffer), true) = (desc.buffer, minor < 9) {
        // SAFETY: PyType_FromSpec points `tp_as_buffer` at the heap type's own
        // `as_buffer` table (zeroed), which lives as long as the type.
        unsafe {
            let procs = (*ty).tp_as_buffer;
            assert!(!procs.is_null(), "a heap type has a buffer table");
            (*procs).bf_getbuffer = Some(buffer.getbuffer);
            (*procs).bf_releasebuffer = Some(buffer.releasebuffer);
        }
    }
}

#[cold]
fn export_error(record: &ClassRecord, why: &str) -> PyErr {
    PyBufferError::new_err(format!("'{}' object: {why}", record.name()))
}

/// Whether `ndim` extents and byte strides describe C-order (`c_order`) or Fortran-order
/// contiguous data of `itemsize`-byte elements.
///
/// # Safety
/// `shape` and `strides` point to `ndim` values each.
unsafe fn contiguous(
    ndim: usize,
    shape: *const isize,
    strides: *const isize,
    itemsize: isize,
    c_order: bool,
) -> bool {
    // SAFETY: the caller's guarantee.
    let (shape, strides) = unsafe {
        (
            std::slice::from_raw_parts(shape, ndim),
            std::slice::from_raw_parts(strides, ndim),
        )
    };
    if shape.contains(&0) {
        return true;
    }
    let mut expected = itemsize;
    let mut check = |axis: usize| {
        if shape[axis] != 1 && strides[axis] != expected {
            return false;
        }
        expected *= shape[axis];
        true
    };
    if c_order {
        (0..ndim).rev().all(&mut check)
    } else {
        (0..ndim).all(&mut check)
    }
}

/// `bf_getbuffer` of class `C`, whose buffer field is an `S`.
///
/// # Safety
/// Called by CPython with the GIL held, `obj` an instance of `C` (or a subclass).
pub unsafe extern "C" fn getbuffer<C: PyClass, S: BufferStorage>(
    obj: *mut ffi::PyObject,
    view: *mut ffi::Py_buffer,
    flags: c_int,
) -> c_int {
    // SAFETY: forwarded.
    unsafe { trampoline(|_gil| export::<S>(C::lazy().existing(), obj, view, flags).map(|()| 0)) }
}

/// `bf_releasebuffer` of class `C`, whose buffer field is an `S`.
///
/// # Safety
/// Called by CPython with the GIL held, once per successful [`getbuffer`], with its view.
pub unsafe extern "C" fn releasebuffer<C: PyClass, S: BufferStorage>(
    obj: *mut ffi::PyObject,
    view: *mut ffi::Py_buffer,
) {
    // Releasing cannot fail; only a panicking storage hook is reported (as unraisable).
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: forwarded.
        unsafe { release::<S>(C::lazy().existing(), obj, view) }
    }));
    if let Err(payload) = outcome {
        report_release_panic(obj, payload);
    }
}

#[cold]
#[inline(never)]
fn report_release_panic(obj: *mut ffi::PyObject, payload: Box<dyn std::any::Any + Send>) {
    // SAFETY: called from bf_releasebuffer, with the GIL held.
    unsafe {
        trampoline_unraisable(
            |_gil| Err(crate::panic::PanicException::from_panic_payload(payload)),
            obj,
        )
    }
}

/// Refuses a request whose contiguity (C-order for requests without strides, or the
/// asked `PyBUF_*_CONTIGUOUS`) the export does not have.
///
/// # Safety
/// `shape` and `strides` point to `ndim` values each.
#[cold]
#[inline(never)]
unsafe fn check_contiguity(
    record: &ClassRecord,
    flags: c_int,
    ndim: usize,
    shape: *const isize,
    strides: *const isize,
    itemsize: isize,
) -> PyResult<()> {
    // SAFETY: the caller's guarantee.
    let (c, f) = unsafe {
        (
            contiguous(ndim, shape, strides, itemsize, true),
            contiguous(ndim, shape, strides, itemsize, false),
        )
    };
    let wants = |bits: c_int| flags & bits == bits;
    if !wants(ffi::PyBUF_STRIDES) && !c {
        return Err(export_error(record, "the buffer is not C-contiguous"));
    }
    if wants(ffi::PyBUF_C_CONTIGUOUS) && !c {
        return Err(export_error(record, "the buffer is not C-contiguous"));
    }
    if wants(ffi::PyBUF_F_CONTIGUOUS) && !f {
        return Err(export_error(record, "the buffer is not Fortran-contiguous"));
    }
    if wants(ffi::PyBUF_ANY_CONTIGUOUS) && !(c || f) {
        return Err(export_error(record, "the buffer is not contiguous"));
    }
    Ok(())
}

/// Fills `view` with the export of `record`'s buffer field of `obj`.
///
/// # Safety
/// As [`getbuffer`]; `record` is the level declaring the buffer.
#[inline(always)]
unsafe fn export<S: BufferStorage>(
    record: &'static ClassRecord,
    obj: *mut ffi::PyObject,
    view: *mut ffi::Py_buffer,
    flags: c_int,
) -> PyResult<()> {
    let Some(desc) = record.desc.buffer else {
        return Err(export_error(record, "no buffer field"));
    };
    if view.is_null() {
        return Err(export_error(record, "buffer requested without a view"));
    }
    let layout = &record.layout;
    let base = obj.cast::<u8>();
    // SAFETY: offsets of `record`'s level lie inside the live instance; the GIL
    // serialises every access to the flag and the counts.
    unsafe {
        super::borrow::check_thread(record, obj)?;
        let flag = (layout.flag_offset != 0).then(|| base.add(layout.flag_offset).cast::<isize>());
        if flag.is_some_and(|f| *f == MUT) {
            return Err(export_error(
                record,
                "cannot export a buffer while the object is mutably borrowed",
            ));
        }
        if flags & ffi::PyBUF_WRITABLE != 0 && desc.readonly {
            return Err(export_error(record, "the buffer is read-only"));
        }
        let field = base.add(layout.data_offset + desc.offset);
        // The field is a live `S` (the descriptor was built for it).
        let storage = &*field.cast::<S>();
        let parts = storage.parts();
        let itemsize = desc.itemsize as isize;
        let len_slot = base
            .add(layout.export_offset + std::mem::size_of::<isize>())
            .cast::<isize>();
        // 1-D storages without their own shape: the length lives in the object (it
        // cannot change while exported) so that `view.shape` can point at it.
        let shape = if parts.shape.is_null() {
            *len_slot = parts.len as isize;
            len_slot.cast_const()
        } else {
            parts.shape
        };
        let ndim = if parts.shape.is_null() { 1 } else { parts.ndim };
        let strides = if parts.strides.is_null() {
            view_itemsize_ptr(view)
        } else {
            parts.strides
        };
        // Contiguity matters only for requests without strides or asking for it; a 1-D
        // storage without strides is contiguous.
        let wants = |bits: c_int| flags & bits == bits;
        let asks_contiguity = !wants(ffi::PyBUF_STRIDES)
            || wants(ffi::PyBUF_C_CONTIGUOUS)
            || wants(ffi::PyBUF_F_CONTIGUOUS)
            || wants(ffi::PyBUF_ANY_CONTIGUOUS);
        if !parts.strides.is_null() && asks_contiguity {
            check_contiguity(record, flags, ndim, shape, strides, itemsize)?;
        }
        if ndim > ffi::PyBUF_MAX_NDIM as usize {
            return Err(export_error(record, "too many dimensions"));
        }

        let token = storage.export_started();
        if !desc.stable_under_mut {
            if let Some(flag) = flag {
                *flag += 1;
            }
        }
        *base.add(layout.export_offset).cast::<isize>() += 1;
        ffi::Py_INCREF(obj);
        *view = ffi::Py_buffer {
            buf: parts.data.cast(),
            obj,
            len: parts.len as isize * itemsize,
            itemsize,
            readonly: c_int::from(desc.readonly),
            // Without `PyBUF_ND` the consumer sees flat memory (as PyBuffer_FillInfo).
            ndim: if flags & ffi::PyBUF_ND == ffi::PyBUF_ND {
                ndim as c_int
            } else {
                1
            },
            format: if flags & ffi::PyBUF_FORMAT != 0 {
                desc.format.as_ptr().cast_mut()
            } else {
                std::ptr::null_mut()
            },
            shape: if flags & ffi::PyBUF_ND == ffi::PyBUF_ND {
                shape.cast_mut()
            } else {
                std::ptr::null_mut()
            },
            strides: if flags & ffi::PyBUF_STRIDES == ffi::PyBUF_STRIDES {
                strides.cast_mut()
            } else {
                std::ptr::null_mut()
            },
            suboffsets: std::ptr::null_mut(),
            internal: token,
        };
    }
    Ok(())
}

/// `&view.itemsize`, the stride of a contiguous 1-D export (as `PyBuffer_FillInfo`
/// points `strides` into the view itself).
fn view_itemsize_ptr(view: *mut ffi::Py_buffer) -> *const isize {
    // SAFETY: only the field's address is computed; `view` is a valid Py_buffer pointer.
    unsafe { std::ptr::addr_of!((*view).itemsize) }
}

/// Ends the export `view` of `record`'s buffer field of `obj`.
///
/// # Safety
/// As [`releasebuffer`].
#[inline(always)]
unsafe fn release<S: BufferStorage>(
    record: &'static ClassRecord,
    obj: *mut ffi::PyObject,
    view: *mut ffi::Py_buffer,
) {
    let Some(desc) = record.desc.buffer else {
        return;
    };
    let layout = &record.layout;
    let base = obj.cast::<u8>();
    // SAFETY: the view came from `export` on this object (CPython pairs them); offsets lie
    // inside the live instance; the GIL is held.
    unsafe {
        S::export_ended((*view).internal);
        *base.add(layout.export_offset).cast::<isize>() -= 1;
        if !desc.stable_under_mut && layout.flag_offset != 0 {
            *base.add(layout.flag_offset).cast::<isize>() -= 1;
        }
    }
}

/// The number of live buffer exports of `record`'s level of `obj` (0 without a buffer).
///
/// # Safety
/// `obj` is a live instance with `record`'s level; the GIL is held.
pub(crate) unsafe fn live_exports(record: &ClassRecord, obj: *mut ffi::PyObject) -> isize {
    if record.layout.export_offset == 0 {
        return 0;
    }
    // SAFETY: the offset lies inside the instance.
    unsafe {
        *obj.cast::<u8>()
            .add(record.layout.export_offset)
            .cast::<isize>()
    }
}
