//! DLPack: every buffer export also answers `__dlpack__` / `__dlpack_device__` (CPU), so
//! `numpy.from_dlpack(obj)` shares memory; and typed views accept any object with
//! `__dlpack__` on the CPU (see [`super::view`]).
//!
//! The structs mirror `dlpack.h` (DLPack 1.x): the legacy `DLManagedTensor` (capsule
//! `"dltensor"`) and `DLManagedTensorVersioned` (capsule `"dltensor_versioned"`).
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyBufferError, PyTypeError};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::{PyAny, PyDict, PyTuple};
use std::ffi::CStr;
use std::os::raw::c_void;

/// `DLPackVersion`.
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub(crate) struct DLPackVersion {
    pub major: u32,
    pub minor: u32,
}

/// `DLDevice`.
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub(crate) struct DLDevice {
    pub device_type: i32,
    pub device_id: i32,
}

/// `DLDataType`.
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub(crate) struct DLDataType {
    pub code: u8,
    pub bits: u8,
    pub lanes: u16,
}

/// `DLTensor`.
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub(crate) struct DLTensor {
    pub data: *mut c_void,
    pub device: DLDevice,
    pub ndim: i32,
    pub dtype: DLDataType,
    pub shape: *mut i64,
    pub strides: *mut i64,
    pub byte_offset: u64,
}

/// `DLManagedTensor` (legacy, unversioned).
#[repr(C)]
pub(crate) struct DLManagedTensor {
    pub dl_tensor: DLTensor,
    pub manager_ctx: *mut c_void,
    pub deleter: Option<unsafe extern "C" fn(*mut DLManagedTensor)>,
}

/// `DLManagedTensorVersioned`.
#[repr(C)]
pub(crate) struct DLManagedTensorVersioned {
    pub version: DLPackVersion,
    pub manager_ctx: *mut c_void,
    pub deleter: Option<unsafe extern "C" fn(*mut DLManagedTensorVersioned)>,
    pub flags: u64,
    pub dl_tensor: DLTensor,
}

const _: () = assert!(std::mem::size_of::<DLTensor>() == 48);
const _: () = assert!(std::mem::size_of::<DLManagedTensor>() == 64);
const _: () = assert!(std::mem::size_of::<DLManagedTensorVersioned>() == 80);

/// `kDLCPU`.
pub(crate) const CPU: i32 = 1;
const FLAG_READ_ONLY: u64 = 1;
const K_INT: u8 = 0;
const K_UINT: u8 = 1;
const K_FLOAT: u8 = 2;
const K_BOOL: u8 = 6;

pub(crate) const TENSOR: &CStr = c"dltensor";
pub(crate) const TENSOR_VERSIONED: &CStr = c"dltensor_versioned";
const USED_TENSOR: &CStr = c"used_dltensor";
const USED_TENSOR_VERSIONED: &CStr = c"used_dltensor_versioned";

/// The DLPack data type of a one-character struct format with `itemsize` bytes.
fn dtype_of(format: &[u8], itemsize: usize) -> Option<DLDataType> {
    use super::element::{normalized_format, scalar_kind, ScalarKind};
    let code = match normalized_format(format).as_slice() {
        [c] => match scalar_kind(*c)? {
            ScalarKind::Signed => K_INT,
            ScalarKind::Unsigned => K_UINT,
            ScalarKind::Float => K_FLOAT,
            ScalarKind::Bool => K_BOOL,
        },
        _ => return None,
    };
    Some(DLDataType {
        code,
        bits: (itemsize * 8) as u8,
        lanes: 1,
    })
}

/// The struct format (a static string) of a DLPack data type, for validating imports.
pub(crate) fn format_of(dtype: DLDataType) -> Option<&'static CStr> {
    if dtype.lanes != 1 {
        return None;
    }
    Some(match (dtype.code, dtype.bits) {
        (K_INT, 8) => c"b",
        (K_INT, 16) => c"h",
        (K_INT, 32) => c"i",
        (K_INT, 64) => c"q",
        (K_UINT, 8) => c"B",
        (K_UINT, 16) => c"H",
        (K_UINT, 32) => c"I",
        (K_UINT, 64) => c"Q",
        (K_FLOAT, 16) => c"e",
        (K_FLOAT, 32) => c"f",
        (K_FLOAT, 64) => c"d",
        (K_BOOL, 8) => c"?",
        _ => return None,
    })
}

// --------------------------------------------------------------------------------------
// Export.

/// What a capsule owns: the managed tensor handed out, the buffer export behind it (which
/// counts as an export of the object and holds a reference to it), and the shape/strides
/// arrays the tensor points to. Boxed: the buffer view must not move once filled.
struct ExportCtx {
    legacy: DLManagedTensor,
    versioned: DLManagedTensorVersioned,
    view: ffi::Py_buffer,
    shape: Vec<i64>,
    strides: Vec<i64>,
}

/// Releases an export context.
///
/// # Safety
/// `ctx` came from `Box::into_raw` in [`export`] and is released once.
unsafe fn free_ctx(ctx: *mut ExportCtx) {
    // SAFETY: the deleter may run on any thread, with or without the GIL: take it.
    unsafe {
        let state = ffi::PyGILState_Ensure();
        let mut ctx = Box::from_raw(ctx);
        ffi::PyBuffer_Release(&mut ctx.view);
        drop(ctx);
        ffi::PyGILState_Release(state);
    }
}

unsafe extern "C" fn legacy_deleter(tensor: *mut DLManagedTensor) {
    // SAFETY: the consumer calls the deleter once, on a tensor of ours.
    unsafe { free_ctx((*tensor).manager_ctx.cast()) }
}

unsafe extern "C" fn versioned_deleter(tensor: *mut DLManagedTensorVersioned) {
    // SAFETY: as above.
    unsafe { free_ctx((*tensor).manager_ctx.cast()) }
}

/// The capsule destructor: a capsule that was never consumed still owns its tensor.
unsafe extern "C" fn capsule_destructor(capsule: *mut ffi::PyObject) {
    // SAFETY: CPython calls this with a live capsule and the GIL held; IsValid and
    // GetPointer with the matching name set no exception.
    unsafe {
        if ffi::PyCapsule_IsValid(capsule, TENSOR.as_ptr()) != 0 {
            let tensor = ffi::PyCapsule_GetPointer(capsule, TENSOR.as_ptr());
            legacy_deleter(tensor.cast());
        } else if ffi::PyCapsule_IsValid(capsule, TENSOR_VERSIONED.as_ptr()) != 0 {
            let tensor = ffi::PyCapsule_GetPointer(capsule, TENSOR_VERSIONED.as_ptr());
            versioned_deleter(tensor.cast());
        }
    }
}

/// What `__dlpack__`'s keyword arguments ask for.
struct Request {
    versioned: bool,
}

fn parse_request<'py>(
    gil: Gil<'py>,
    args: &Owned<'py, PyTuple>,
    kwargs: Option<&Owned<'py, PyDict>>,
) -> PyResult<Request> {
    if args.len() > 1 {
        return Err(PyTypeError::new_err(format!(
            "__dlpack__() takes at most 1 positional argument ({} given)",
            args.len()
        )));
    }
    let mut stream = if args.len() == 1 {
        Some(args.get_item(0)?)
    } else {
        None
    };
    let mut versioned = false;
    if let Some(kwargs) = kwargs {
        for (key, value) in kwargs.iter() {
            let key: String = key.extract()?;
            match key.as_str() {
                "stream" => stream = Some(value),
                "max_version" => {
                    if !value.is_none() {
                        let (major, _minor): (u32, u32) = value.extract()?;
                        versioned = major >= 1;
                    }
                }
                "dl_device" => {
                    if !value.is_none() {
                        let (device, _id): (i32, i32) = value.extract()?;
                        if device != CPU {
                            return Err(PyBufferError::new_err(format!(
                                "__dlpack__: only the CPU device (1) is supported, not {device}"
                            )));
                        }
                    }
                }
                "copy" => {
                    if !value.is_none() && value.is_truthy()? {
                        return Err(PyBufferError::new_err(
                            "__dlpack__: copy=True is not supported (the export shares memory)",
                        ));
                    }
                }
                other => {
                    return Err(PyTypeError::new_err(format!(
                        "__dlpack__() got an unexpected keyword argument '{other}'"
                    )))
                }
            }
        }
    }
    if let Some(stream) = stream {
        if !stream.is_none() {
            let _ = gil;
            return Err(PyBufferError::new_err(
                "__dlpack__: stream must be None for a CPU array",
            ));
        }
    }
    Ok(Request { versioned })
}

/// `obj.__dlpack__(...)`: a capsule sharing `obj`'s buffer export.
fn export<'py>(
    gil: Gil<'py>,
    obj: *mut ffi::PyObject,
    request: Request,
) -> PyResult<Owned<'py, PyAny>> {
    let ctx: *mut ExportCtx = Box::into_raw(Box::new(ExportCtx {
        // SAFETY: all-zero is a valid value of these plain C structs (null pointers, no
        // deleter); they are filled before the capsule hands them out.
        legacy: unsafe { std::mem::zeroed() },
        // SAFETY: as above.
        versioned: unsafe { std::mem::zeroed() },
        view: ffi::Py_buffer::zeroed(),
        shape: Vec::new(),
        strides: Vec::new(),
    }));
    // SAFETY: `ctx` is a fresh allocation; `obj` is live; on failure nothing is exported
    // and the context is freed here.
    unsafe {
        if ffi::PyObject_GetBuffer(obj, &mut (*ctx).view, ffi::PyBUF_RECORDS_RO) != 0 {
            drop(Box::from_raw(ctx));
            return Err(PyErr::fetch(gil));
        }
    }
    // SAFETY: the view was filled; on every error below `free_ctx` releases it.
    let result = unsafe { fill_tensor(ctx, request.versioned) };
    if let Err(err) = result {
        // SAFETY: the context is ours and not handed out.
        unsafe { free_ctx(ctx) };
        return Err(err);
    }
    let (pointer, name): (*mut c_void, &CStr) = if request.versioned {
        // SAFETY: `ctx` is live.
        (
            unsafe { std::ptr::addr_of_mut!((*ctx).versioned) }.cast(),
            TENSOR_VERSIONED,
        )
    } else {
        // SAFETY: `ctx` is live.
        (
            unsafe { std::ptr::addr_of_mut!((*ctx).legacy) }.cast(),
            TENSOR,
        )
    };
    // SAFETY: the capsule owns the tensor from here (its destructor frees an unconsumed
    // one); on failure the context is freed here.
    unsafe {
        let capsule = ffi::PyCapsule_New(pointer, name.as_ptr(), Some(capsule_destructor));
        if capsule.is_null() {
            let err = PyErr::fetch(gil);
            free_ctx(ctx);
            return Err(err);
        }
        Ok(Owned::from_owned_ptr(gil, capsule))
    }
}

/// Fills the managed tensors of `ctx` from its buffer view.
///
/// # Safety
/// `ctx` is live and its view filled by a successful `PyObject_GetBuffer`.
unsafe fn fill_tensor(ctx: *mut ExportCtx, versioned: bool) -> PyResult<()> {
    // SAFETY: the caller's guarantee.
    let ctx = unsafe { &mut *ctx };
    let view = &ctx.view;
    let itemsize = view.itemsize as usize;
    let format: &[u8] = if view.format.is_null() {
        b"B"
    } else {
        // SAFETY: a NUL-terminated format.
        unsafe { CStr::from_ptr(view.format) }.to_bytes()
    };
    let dtype = dtype_of(format, itemsize).ok_or_else(|| {
        PyBufferError::new_err(format!(
            "__dlpack__: the element format '{}' has no DLPack data type",
            String::from_utf8_lossy(format)
        ))
    })?;
    let ndim = view.ndim as usize;
    for axis in 0..ndim {
        // SAFETY: RECORDS_RO gives `ndim` extents and strides.
        let (n, stride) = unsafe { (*view.shape.add(axis), *view.strides.add(axis)) };
        if stride % itemsize as isize != 0 {
            return Err(PyBufferError::new_err(
                "__dlpack__: strides are not whole elements",
            ));
        }
        ctx.shape.push(n as i64);
        ctx.strides.push((stride / itemsize as isize) as i64);
    }
    let tensor = DLTensor {
        data: view.buf,
        device: DLDevice {
            device_type: CPU,
            device_id: 0,
        },
        ndim: ndim as i32,
        dtype,
        shape: ctx.shape.as_mut_ptr(),
        strides: ctx.strides.as_mut_ptr(),
        byte_offset: 0,
    };
    let readonly = view.readonly != 0;
    let manager = (ctx as *mut ExportCtx).cast::<c_void>();
    if versioned {
        ctx.versioned = DLManagedTensorVersioned {
            version: DLPackVersion { major: 1, minor: 0 },
            manager_ctx: manager,
            deleter: Some(versioned_deleter),
            flags: if readonly { FLAG_READ_ONLY } else { 0 },
            dl_tensor: tensor,
        };
    } else {
        ctx.legacy = DLManagedTensor {
            dl_tensor: tensor,
            manager_ctx: manager,
            deleter: Some(legacy_deleter),
        };
    }
    Ok(())
}

/// `__dlpack__(stream=None, *, max_version=None, dl_device=None, copy=None)` of every class
/// exporting a buffer.
unsafe extern "C" fn dlpack_method(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls methods with the GIL held, a live receiver and args tuple.
    unsafe {
        crate::engine::trampoline::trampoline(|gil| {
            let args: Owned<'_, PyTuple> =
                Owned::<PyAny>::from_borrowed_ptr(gil, args).cast_unchecked();
            let kwargs: Option<Owned<'_, PyDict>> = (!kwargs.is_null())
                .then(|| Owned::<PyAny>::from_borrowed_ptr(gil, kwargs).cast_unchecked());
            let request = parse_request(gil, &args, kwargs.as_ref())?;
            export(gil, slf, request).map(Owned::into_ptr)
        })
    }
}

/// `__dlpack_device__()`: `(1, 0)`, the CPU.
unsafe extern "C" fn dlpack_device_method(
    _slf: *mut ffi::PyObject,
    _args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls methods with the GIL held.
    unsafe {
        crate::engine::trampoline::trampoline(|gil| {
            PyTuple::new(gil, [CPU, 0]).map(|t| t.into_any().into_ptr())
        })
    }
}

/// The `PyMethodDef`s of `__dlpack__` and `__dlpack_device__`.
pub(crate) fn methods() -> [ffi::PyMethodDef; 2] {
    [
        ffi::PyMethodDef {
            ml_name: c"__dlpack__".as_ptr(),
            ml_meth: ffi::PyMethodDefPointer {
                with_keywords: dlpack_method,
            },
            ml_flags: ffi::METH_VARARGS | ffi::METH_KEYWORDS,
            ml_doc: c"__dlpack__($self, /, stream=None, *, max_version=None, dl_device=None, copy=None)\n--\n\nA DLPack capsule sharing this object's memory (CPU).".as_ptr(),
        },
        ffi::PyMethodDef {
            ml_name: c"__dlpack_device__".as_ptr(),
            ml_meth: ffi::PyMethodDefPointer {
                noargs: dlpack_device_method,
            },
            ml_flags: ffi::METH_NOARGS,
            ml_doc: c"__dlpack_device__($self, /)\n--\n\n(1, 0): the CPU.".as_ptr(),
        },
    ]
}

// --------------------------------------------------------------------------------------
// Import.

/// A managed tensor taken from a `__dlpack__` capsule; the deleter runs on drop.
pub(crate) struct Imported {
    tensor: *mut c_void,
    versioned: bool,
}

impl Imported {
    /// The tensor description.
    pub(crate) fn tensor(&self) -> &DLTensor {
        // SAFETY: the pointer is a live managed tensor of the kind `versioned` says.
        unsafe {
            if self.versioned {
                &(*self.tensor.cast::<DLManagedTensorVersioned>()).dl_tensor
            } else {
                &(*self.tensor.cast::<DLManagedTensor>()).dl_tensor
            }
        }
    }

    /// Whether the producer marked the tensor read-only (legacy tensors cannot say).
    pub(crate) fn readonly(&self) -> bool {
        // SAFETY: as in `tensor`.
        self.versioned
            && unsafe { (*self.tensor.cast::<DLManagedTensorVersioned>()).flags } & FLAG_READ_ONLY
                != 0
    }
}

impl Drop for Imported {
    fn drop(&mut self) {
        // SAFETY: the capsule was consumed (renamed), so calling the deleter once is ours.
        unsafe {
            if self.versioned {
                let t = self.tensor.cast::<DLManagedTensorVersioned>();
                if let Some(deleter) = (*t).deleter {
                    deleter(t);
                }
            } else {
                let t = self.tensor.cast::<DLManagedTensor>();
                if let Some(deleter) = (*t).deleter {
                    deleter(t);
                }
            }
        }
    }
}

/// Calls `obj.__dlpack__()` (versioned first, legacy when the producer refuses
/// `max_version`), checks the device is the CPU, and takes ownership of the tensor.
pub(crate) fn import(obj: &Owned<'_, PyAny>) -> PyResult<Imported> {
    let gil = obj.gil();
    let device = obj.call_method0("__dlpack_device__")?;
    let (device_type, _id): (i32, i32) = device.extract()?;
    if device_type != CPU {
        return Err(PyBufferError::new_err(format!(
            "expected a CPU array (DLPack device 1), got device type {device_type}"
        )));
    }
    let kwargs = PyDict::new(gil);
    kwargs.set_item("max_version", (1u32, 0u32))?;
    let capsule = match obj.call_method("__dlpack__", (), Some(&kwargs)) {
        Ok(capsule) => capsule,
        Err(err) if err.is_instance_of::<PyTypeError>(gil) => obj.call_method0("__dlpack__")?,
        Err(err) => return Err(err),
    };
    let p = capsule.as_ptr();
    for (name, used, versioned) in [
        (TENSOR_VERSIONED, USED_TENSOR_VERSIONED, true),
        (TENSOR, USED_TENSOR, false),
    ] {
        // SAFETY: `p` is live; IsValid sets no exception.
        if unsafe { ffi::PyCapsule_IsValid(p, name.as_ptr()) } != 0 {
            // SAFETY: the name matches; renaming marks the capsule consumed, after which
            // its destructor leaves the tensor to us.
            unsafe {
                let tensor = ffi::PyCapsule_GetPointer(p, name.as_ptr());
                if ffi::PyCapsule_SetName(p, used.as_ptr()) != 0 {
                    return Err(PyErr::fetch(gil));
                }
                return Ok(Imported { tensor, versioned });
            }
        }
    }
    Err(PyTypeError::new_err(
        "__dlpack__() did not return an unused DLPack capsule",
    ))
}
