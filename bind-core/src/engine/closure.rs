//! Rust closures as Python callables: the closure (with its captured state) lives in a
//! capsule that is the function object's `__self__`, beside the `PyMethodDef` CPython
//! calls, and is dropped when the function object is.
use crate::engine::function::return_value;
use crate::engine::trampoline::{trampoline, trampoline_unraisable};
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::{Borrowed, Owned};
use crate::types::{PyAny, PyDict, PyTuple};
use crate::IntoPyObject;
use std::ffi::{CStr, CString};

/// The erased call: arguments in, a new reference (or an error) out.
type ErasedCall = dyn for<'py> Fn(
        Gil<'py>,
        &Owned<'py, PyTuple>,
        Option<&Owned<'py, PyDict>>,
    ) -> PyResult<*mut ffi::PyObject>
    + Send;

/// What the capsule owns.
struct ClosureData {
    def: ffi::PyMethodDef,
    _name: CString,
    _doc: CString,
    call: Box<ErasedCall>,
}

const CAPSULE_NAME: &CStr = c"bind.closure";

/// Makes a Python callable named `name` from a Rust closure, which receives the positional
/// arguments as a tuple and the keyword arguments as a dict (`None` when there are none).
///
/// The closure must be `Send + 'static`: the function object may be released, and so the
/// closure dropped, on any thread that holds the GIL.
///
/// ```
/// use bind_core::engine::closure::new_closure;
/// use bind_core::Gil;
///
/// Gil::with(|gil| {
///     let offset = 10i64;
///     let add = new_closure(gil, "add_offset", Some("Adds ten."), move |args, _kwargs| {
///         let x: i64 = args.get_item(0)?.extract()?;
///         Ok(x + offset)
///     })?;
///     assert_eq!(add.call1((5,))?.extract::<i64>()?, 15);
///     Ok::<_, bind_core::PyErr>(())
/// })
/// .unwrap();
/// ```
pub fn new_closure<'py, F, R>(
    gil: Gil<'py>,
    name: &str,
    doc: Option<&str>,
    f: F,
) -> PyResult<Owned<'py, PyAny>>
where
    F: Fn(&Owned<'_, PyTuple>, Option<&Owned<'_, PyDict>>) -> PyResult<R> + Send + 'static,
    R: for<'p> IntoPyObject<'p>,
{
    let name = CString::new(name)
        .map_err(|_| crate::exceptions::PyValueError::new_err("closure name contains NUL"))?;
    let doc = CString::new(doc.unwrap_or(""))
        .map_err(|_| crate::exceptions::PyValueError::new_err("closure doc contains NUL"))?;
    let call: Box<ErasedCall> =
        Box::new(move |gil, args, kwargs| return_value(gil, f(args, kwargs)?));
    let data = Box::new(ClosureData {
        def: ffi::PyMethodDef {
            ml_name: name.as_ptr(),
            ml_meth: ffi::PyMethodDefPointer {
                with_keywords: closure_entry,
            },
            ml_flags: ffi::METH_VARARGS | ffi::METH_KEYWORDS,
            ml_doc: if doc.is_empty() {
                std::ptr::null()
            } else {
                doc.as_ptr()
            },
        },
        _name: name,
        _doc: doc,
        call,
    });
    let data = Box::into_raw(data);
    // SAFETY: `data` is a valid pointer the capsule now owns (freed by `drop_closure`);
    // New returns a new reference or null.
    let capsule = unsafe {
        Owned::<PyAny>::from_owned_ptr_or_err(
            gil,
            ffi::PyCapsule_New(data.cast(), CAPSULE_NAME.as_ptr(), Some(drop_closure)),
        )
    };
    let capsule = match capsule {
        Ok(capsule) => capsule,
        Err(err) => {
            // SAFETY: the capsule was not created, so the box is still ours.
            drop(unsafe { Box::from_raw(data) });
            return Err(err);
        }
    };
    // SAFETY: the PyMethodDef lives in the capsule's data, which the function object keeps
    // alive through its `__self__`; NewEx returns a new reference or null.
    unsafe {
        Owned::from_owned_ptr_or_err(
            gil,
            ffi::PyCFunction_NewEx(
                std::ptr::addr_of_mut!((*data).def),
                capsule.as_ptr(),
                std::ptr::null_mut(),
            ),
        )
    }
}

/// The `METH_VARARGS | METH_KEYWORDS` entry point of every closure.
unsafe extern "C" fn closure_entry(
    capsule: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls this with the GIL held, `__self__` (our capsule), an argument
    // tuple and a keyword dict or null, all alive for the call.
    unsafe {
        trampoline(|gil| {
            let data = ffi::PyCapsule_GetPointer(capsule, CAPSULE_NAME.as_ptr())
                .cast::<ClosureData>()
                .cast_const();
            if data.is_null() {
                return Err(crate::err::PyErr::fetch(gil));
            }
            let args: &Owned<'_, PyTuple> = Borrowed::slot_as_owned(&args);
            let kwargs: Option<&Owned<'_, PyDict>> = if kwargs.is_null() {
                None
            } else {
                Some(Borrowed::slot_as_owned(&kwargs))
            };
            ((*data).call)(gil, args, kwargs)
        })
    }
}

/// The capsule destructor: drops the closure (panics are reported as unraisable).
unsafe extern "C" fn drop_closure(capsule: *mut ffi::PyObject) {
    // SAFETY: CPython calls the destructor with the GIL held, once, with our capsule.
    unsafe {
        trampoline_unraisable(
            |_gil| {
                let data = ffi::PyCapsule_GetPointer(capsule, CAPSULE_NAME.as_ptr());
                if !data.is_null() {
                    drop(Box::from_raw(data.cast::<ClosureData>()));
                }
                Ok(())
            },
            capsule,
        )
    }
}
