//! Function descriptors and the entry points CPython calls for them.
//!
//! The `#[function]` macro emits a `static` [`FnDef`]: a `PyMethodDef` whose C entry point
//! is a generic trampoline instantiated for the function's [`FunctionHolder`], plus the
//! [`FnDesc`] the engine reads (name, signature, typed glue). All parsing is done here,
//! once, for every function.
use crate::engine::args::{intern_names, ParsedArgs, RawCall, SlotBuf};
use crate::engine::trampoline::trampoline;
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::{Borrowed, Owned};
use crate::reflect::Signature;
pub use crate::reflect::{FnBody, FnDesc};
use crate::types::{PyAny, PyDict, PyModule, PyTuple};
use crate::IntoPyObject;
use std::ffi::CStr;
use std::mem::ManuallyDrop;

/// Links a function's generated holder type to its descriptor, so that one generic
/// trampoline per calling convention serves every function. A safe trait: the glue is
/// typed (handles in, a handle out) and the argument slots are bounds-checked, so no impl
/// can make the entry points unsound.
pub trait FunctionHolder: 'static {
    /// The function's descriptor.
    fn desc() -> &'static FnDesc;

    /// Whether [`Self::call`] is the glue itself, inlined into this holder's entry points
    /// (module functions, whose call is the hot path); when `false` (methods) a `METH_O`
    /// or fastcall entry point is one jump into a shared body that calls the glue
    /// through the descriptor, so a method adds no copy of the trampoline or of the
    /// argument layout check.
    const INLINE_GLUE: bool = false;

    /// Runs the glue: the same as `(Self::desc().body)(..)`; the macros put the glue itself
    /// here (and point `body` at it), so that it is inlined into the entry point.
    #[inline(always)]
    fn call<'py>(
        gil: Gil<'py>,
        slf: Borrowed<'_, 'py, PyAny>,
        args: &ParsedArgs<'py>,
    ) -> PyResult<Owned<'py, PyAny>> {
        (Self::desc().body)(gil, slf, args)
    }
}

/// A function ready to be added to a module: its `PyMethodDef` (what CPython calls) and
/// its descriptor. Always a `static`.
pub struct FnDef {
    method: ffi::PyMethodDef,
    desc: &'static FnDesc,
}

// SAFETY: immutable static data (C strings, function pointers, a static descriptor).
unsafe impl Sync for FnDef {}

/// Whether `METH_FASTCALL` may be used: always outside the stable ABI, and in it from 3.10.
const USE_FASTCALL: bool = cfg!(any(not(Py_LIMITED_API), Py_3_10));

/// The C entry point and `ml_flags` for a callable of signature `sig` whose descriptor
/// holder is `H`, chosen once, when the definition is built: `METH_NOARGS` when it takes
/// nothing, `METH_O` for one required positional-only parameter, else
/// `METH_FASTCALL | METH_KEYWORDS` (`METH_VARARGS | METH_KEYWORDS` in the stable ABI
/// before 3.10). Methods use it too (add `METH_CLASS`/`METH_STATIC` as needed).
pub const fn entry_point<H: FunctionHolder>(
    sig: &Signature,
) -> (ffi::PyMethodDefPointer, std::os::raw::c_int) {
    entry_shape::<H, false>(sig)
}

/// [`entry_point`] for a static method (`METH_STATIC`: CPython passes a null `self`,
/// which its entry points replace with `None` for the glue).
pub(crate) const fn static_entry_point<H: FunctionHolder>(
    sig: &Signature,
) -> (ffi::PyMethodDefPointer, std::os::raw::c_int) {
    entry_shape::<H, true>(sig)
}

/// [`entry_point`]; `STATIC`: whether CPython passes a null `self` (`METH_STATIC`).
const fn entry_shape<H: FunctionHolder, const STATIC: bool>(
    sig: &Signature,
) -> (ffi::PyMethodDefPointer, std::os::raw::c_int) {
    if sig.takes_nothing() {
        (
            ffi::PyMethodDefPointer {
                noargs: noargs_entry::<H, STATIC>,
            },
            ffi::METH_NOARGS,
        )
    } else if sig.is_single_positional_only() {
        (
            ffi::PyMethodDefPointer {
                noargs: o_entry::<H, STATIC>,
            },
            ffi::METH_O,
        )
    } else if USE_FASTCALL {
        (
            ffi::PyMethodDefPointer {
                fastcall_with_keywords: fastcall_entry::<H, STATIC>,
            },
            ffi::METH_FASTCALL | ffi::METH_KEYWORDS,
        )
    } else {
        (
            ffi::PyMethodDefPointer {
                with_keywords: varargs_entry::<H, STATIC>,
            },
            ffi::METH_VARARGS | ffi::METH_KEYWORDS,
        )
    }
}

/// The `self` CPython passed, as the glue receives it: `None` for a static method
/// (CPython passes null), else unchanged.
#[inline(always)]
fn bound_self<const STATIC: bool>(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
    if STATIC {
        ffi::Py_None()
    } else {
        slf
    }
}

impl FnDef {
    /// Builds the definition for holder `H`; `name` and `doc` are C strings (the doc starts
    /// with the text signature line CPython turns into `__text_signature__`). The entry
    /// point is chosen from `desc.signature` (see [`entry_point`]).
    pub const fn new<H: FunctionHolder>(
        name: &'static CStr,
        doc: &'static CStr,
        desc: &'static FnDesc,
    ) -> FnDef {
        let (meth, flags) = entry_point::<H>(&desc.signature);
        FnDef {
            method: ffi::PyMethodDef {
                ml_name: name.as_ptr(),
                ml_meth: meth,
                ml_flags: flags,
                ml_doc: doc.as_ptr(),
            },
            desc,
        }
    }

    /// The descriptor.
    pub fn desc(&self) -> &'static FnDesc {
        self.desc
    }

    /// The flags of the `PyMethodDef` (they say which entry shape was chosen). The
    /// definition itself is not handed out: its entry points take the `self` that
    /// [`FnDef::create`] binds (a module) to be live and non-null.
    pub fn flags(&self) -> std::os::raw::c_int {
        self.method.ml_flags
    }

    /// Creates the function object, bound to `module` (its `__self__` and `__module__`).
    pub fn create<'py>(
        &'static self,
        module: &Owned<'py, PyModule>,
    ) -> PyResult<Owned<'py, PyAny>> {
        let gil = module.gil();
        // Interned now, so that the first keyword call already matches by pointer.
        intern_names(gil, &self.desc.signature)?;
        let module_name = module.getattr("__name__")?;
        // SAFETY: the PyMethodDef is static (CPython keeps a pointer to it); the module and
        // its name are live; NewEx returns a new reference or null.
        unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                ffi::PyCFunction_NewEx(
                    &self.method as *const ffi::PyMethodDef as *mut ffi::PyMethodDef,
                    module.as_ptr(),
                    module_name.as_ptr(),
                ),
            )
        }
    }
}

/// The `METH_NOARGS` entry point of holder `H` (always with the trampoline inline: a
/// call without arguments, `p.norm()`, is a hot path and its entry point is small).
unsafe extern "C" fn noargs_entry<H: FunctionHolder, const STATIC: bool>(
    slf: *mut ffi::PyObject,
    _unused: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let slf = bound_self::<STATIC>(slf);
    // No drop: an empty `ParsedArgs` owns nothing, and without drop glue (which an
    // unwind would run) the unused value is not even built.
    let args = ManuallyDrop::new(ParsedArgs::empty());
    // SAFETY: CPython calls this with the GIL held and a live `self` (the instance, the
    // class or the module; a static method's null was replaced by `None`).
    unsafe {
        trampoline(|gil| H::call(gil, Borrowed::from_ptr(gil, slf), &args).map(Owned::into_ptr))
    }
}

/// The `METH_O` entry point of holder `H` (one positional-only parameter).
unsafe extern "C" fn o_entry<H: FunctionHolder, const STATIC: bool>(
    slf: *mut ffi::PyObject,
    arg: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let slf = bound_self::<STATIC>(slf);
    if !H::INLINE_GLUE {
        // SAFETY: forwarded from CPython's call.
        return unsafe { o_shared(slf, arg, H::desc().body) };
    }
    // SAFETY: CPython calls this with the GIL held, a live `self` (see `noargs_entry`)
    // and one live argument, which outlives the call (and so the borrowed slot).
    unsafe {
        trampoline(|gil| {
            // No drop: borrowed slots own nothing (see `noargs_entry`).
            let args = ManuallyDrop::new(ParsedArgs::borrowed(&arg, 1));
            H::call(gil, Borrowed::from_ptr(gil, slf), &args).map(Owned::into_ptr)
        })
    }
}

/// The body of every `METH_O` entry point that does not inline its glue (one copy).
///
/// # Safety
/// As [`o_entry`].
#[allow(improper_ctypes_definitions)]
#[inline(never)]
unsafe extern "C" fn o_shared(
    slf: *mut ffi::PyObject,
    arg: *mut ffi::PyObject,
    body: FnBody,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls the entry point with the GIL held, a live `self` and one
    // live argument, which outlives the call (and so the borrowed slot).
    unsafe {
        trampoline(|gil| {
            // No drop: borrowed slots own nothing (see `noargs_entry`).
            let args = ManuallyDrop::new(ParsedArgs::borrowed(&arg, 1));
            body(gil, Borrowed::from_ptr(gil, slf), &args).map(Owned::into_ptr)
        })
    }
}

/// The `METH_FASTCALL | METH_KEYWORDS` entry point of holder `H`: a call whose vector is
/// already laid out as the slots ([`ParsedArgs::laid_out`]: plain positional, or keywords
/// by pointer in declaration order) runs the glue inlined here; everything else goes
/// through [`call_general`], out of line.
unsafe extern "C" fn fastcall_entry<H: FunctionHolder, const STATIC: bool>(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let slf = bound_self::<STATIC>(slf);
    if !H::INLINE_GLUE {
        // SAFETY: forwarded from CPython's call.
        return unsafe { fastcall_shared(slf, args, nargs, kwnames, H::desc()) };
    }
    let call = RawCall {
        args,
        nargs: nargs as usize,
        kwnames,
    };
    // SAFETY: CPython calls this with the GIL held, a live `self` (see `noargs_entry`)
    // and a valid fastcall argument vector.
    unsafe {
        trampoline(
            |gil| match ParsedArgs::laid_out(&H::desc().signature, call) {
                // No drop: laid-out slots are borrowed (see `noargs_entry`).
                Some(parsed) => H::call(
                    gil,
                    Borrowed::from_ptr(gil, slf),
                    &ManuallyDrop::new(parsed),
                )
                .map(Owned::into_ptr),
                None => call_general(gil, H::desc(), slf, call),
            },
        )
    }
}

/// The body of every fastcall entry point that does not inline its glue (one copy).
///
/// # Safety
/// As [`fastcall_entry`].
#[allow(improper_ctypes_definitions)]
#[inline(never)]
unsafe extern "C" fn fastcall_shared(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
    desc: &'static FnDesc,
) -> *mut ffi::PyObject {
    let call = RawCall {
        args,
        nargs: nargs as usize,
        kwnames,
    };
    // SAFETY: CPython calls the entry point with the GIL held, a live `self` and a
    // valid fastcall argument vector.
    unsafe {
        trampoline(|gil| match ParsedArgs::laid_out(&desc.signature, call) {
            Some(parsed) => {
                (desc.body)(gil, Borrowed::from_ptr(gil, slf), &parsed).map(Owned::into_ptr)
            }
            None => call_general(gil, desc, slf, call),
        })
    }
}

/// Any call: the parser, with the slots in a stack [`SlotBuf`], then the glue through the
/// descriptor (one body shared by every function).
///
/// # Safety
/// The GIL is held; `slf` is live for the call; `call` is a valid call (see [`RawCall`]).
#[inline(never)]
pub unsafe fn call_general<'py>(
    gil: Gil<'py>,
    desc: &'static FnDesc,
    slf: *mut ffi::PyObject,
    call: RawCall,
) -> PyResult<*mut ffi::PyObject> {
    let mut buf = SlotBuf::new();
    // SAFETY: forwarded from the caller; `buf` outlives `parsed`, `slf` the call.
    let (parsed, slf) = unsafe {
        (
            ParsedArgs::parse(gil, &desc.signature, call, Some(&mut buf))?,
            Borrowed::from_ptr(gil, slf),
        )
    };
    (desc.body)(gil, slf, &parsed).map(Owned::into_ptr)
}

/// The `METH_VARARGS | METH_KEYWORDS` entry point of holder `H` (stable ABI before 3.10);
/// also the shape of `tp_call`.
pub(crate) unsafe extern "C" fn varargs_entry<H: FunctionHolder, const STATIC: bool>(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let slf = bound_self::<STATIC>(slf);
    // SAFETY: CPython calls this with the GIL held, a live `self` (see `noargs_entry`), a
    // tuple and a dict (or null).
    unsafe { call_varargs(H::desc(), slf, args, kwargs) }
}

/// Parses a fastcall call against `desc` and runs its glue (non-generic; the generated
/// entry points inline the same steps).
///
/// # Safety
/// Called by CPython with the GIL held and a valid argument vector.
#[inline(never)]
pub unsafe fn call_fastcall(
    desc: &'static FnDesc,
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: usize,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let call = RawCall {
        args,
        nargs,
        kwnames,
    };
    // SAFETY: forwarded from CPython's call.
    unsafe { trampoline(|gil| call_general(gil, desc, slf, call)) }
}

/// Parses a tuple-and-dict call by laying it out as a fastcall call.
///
/// # Safety
/// Called by CPython with the GIL held; `args` a tuple, `kwargs` a dict or null.
#[inline(never)]
pub unsafe fn call_varargs(
    desc: &'static FnDesc,
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: forwarded from CPython's call.
    unsafe { trampoline(|gil| call_tuple_and_dict(gil, desc, slf, args, kwargs)) }
}

/// The body of [`call_varargs`]: the tuple's items, then the dict's values, in one vector
/// with the dict's keys as the keyword names.
///
/// # Safety
/// As [`call_varargs`].
unsafe fn call_tuple_and_dict<'py>(
    gil: Gil<'py>,
    desc: &'static FnDesc,
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> PyResult<*mut ffi::PyObject> {
    // SAFETY: `args` is the call's live tuple.
    let args: Owned<'py, PyTuple> = unsafe { Owned::from_borrowed_ptr(gil, args) };
    let mut vector: smallvec::SmallVec<[*mut ffi::PyObject; 8]> = (0..args.len())
        .map(|i| args.get_borrowed_item(i).map(|b| b.as_ptr()))
        .collect::<PyResult<_>>()?;
    let nargs = vector.len();
    // The dict's values, alive until the call returns.
    let mut values = Vec::new();
    let kwnames = if kwargs.is_null() {
        None
    } else {
        // SAFETY: `kwargs` is the call's live dict.
        let kwargs: Owned<'py, PyDict> = unsafe { Owned::from_borrowed_ptr(gil, kwargs) };
        let mut names = Vec::with_capacity(kwargs.len());
        for (k, v) in kwargs.iter() {
            vector.push(v.as_ptr());
            names.push(k);
            values.push(v);
        }
        Some(PyTuple::new(gil, names)?)
    };
    let call = RawCall {
        args: vector.as_ptr(),
        nargs,
        kwnames: kwnames
            .as_ref()
            .map_or(std::ptr::null_mut(), |t| t.as_ptr()),
    };
    // SAFETY: the vector, the names and the values outlive the call.
    unsafe { call_general(gil, desc, slf, call) }
}

/// The module a module-level function is bound to, for `#[function(pass_module)]`
/// (`TypeError` if `slf` is not a module).
#[inline]
pub fn module_ref<'s, 'py>(
    slf: &'s Borrowed<'_, 'py, PyAny>,
) -> PyResult<&'s Owned<'py, PyModule>> {
    Ok((**slf).downcast::<PyModule>()?)
}

/// Converts the return value of a function or method into the object handed back to
/// CPython.
#[inline(always)]
pub fn return_object<'py, T: IntoPyObject<'py>>(
    gil: Gil<'py>,
    value: T,
) -> PyResult<Owned<'py, PyAny>> {
    value.into_py(gil)
}

/// Converts a magic method's or getter's return value into the object handed back to
/// CPython.
#[inline(always)]
pub fn return_value<'py, T: IntoPyObject<'py>>(
    gil: Gil<'py>,
    value: T,
) -> PyResult<*mut ffi::PyObject> {
    Ok(value.into_py(gil)?.into_ptr())
}
