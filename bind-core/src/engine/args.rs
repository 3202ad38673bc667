//! The one argument parser: it reads a vectorcall-style call (`args`, `nargs`,
//! `kwnames`) against a [`Signature`] into slots, and raises CPython's own error messages
//! on a mismatch (formatted only then, in the private `arg_errors` module).
//!
//! Hot paths: a call passing exactly the positional parameters and no keywords, or the
//! rest by keyword in declaration order, uses the caller's argument vector as the slots
//! (no copy, no string comparison: [`ParsedArgs::laid_out`]); otherwise the slots are a stack array ([`SlotBuf`]) for up to eight parameters (the heap
//! beyond), and keyword names are matched by pointer against the interned parameter names
//! first, by text second.
pub use crate::arguments::{ParsedArgs, INLINE_SLOTS};
use crate::conversion::FromPyObject;
use crate::engine::arg_errors;
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::{ParamKind, Signature};
use crate::types::{PyAny, PyDict, PyStr, PyTuple, PyTypeInfo};
use std::mem::MaybeUninit;

/// Stack storage for the slots of a call that is not a plain positional one; the entry
/// point declares it (uninitialised, so free) before its [`ParsedArgs`].
pub struct SlotBuf([MaybeUninit<*mut ffi::PyObject>; INLINE_SLOTS]);

impl SlotBuf {
    /// Uninitialised storage.
    #[inline(always)]
    pub const fn new() -> SlotBuf {
        SlotBuf([MaybeUninit::uninit(); INLINE_SLOTS])
    }
}

impl Default for SlotBuf {
    #[inline(always)]
    fn default() -> Self {
        SlotBuf::new()
    }
}

/// One call as the vectorcall protocol passes it: `nargs` positional objects at `args`,
/// followed by one value per name in `kwnames` (a tuple of `str`, or null for none).
///
/// Whoever builds one vouches that the vector and the names stay alive while it and what
/// is parsed from it are used (CPython's own arguments do, for the whole call).
#[derive(Copy, Clone)]
pub struct RawCall {
    /// The argument vector.
    pub args: *const *mut ffi::PyObject,
    /// The number of positional arguments.
    pub nargs: usize,
    /// The keyword names, or null.
    pub kwnames: *mut ffi::PyObject,
}

impl RawCall {
    /// The positional arguments.
    #[inline(always)]
    pub fn positional(&self) -> &[*mut ffi::PyObject] {
        if self.nargs == 0 {
            return &[];
        }
        // SAFETY: `args` holds `nargs` live pointers (the builder's guarantee).
        unsafe { std::slice::from_raw_parts(self.args, self.nargs) }
    }

    /// The number of keyword arguments.
    #[inline(always)]
    pub fn keyword_count(&self) -> usize {
        if self.kwnames.is_null() {
            0
        } else {
            tuple_len(self.kwnames)
        }
    }

    /// The keyword values, in the order of their names.
    #[inline(always)]
    pub fn keyword_values(&self) -> &[*mut ffi::PyObject] {
        let n = self.keyword_count();
        if n == 0 {
            return &[];
        }
        // SAFETY: one live value per name follows the positionals (the builder's
        // guarantee).
        unsafe { std::slice::from_raw_parts(self.args.add(self.nargs), n) }
    }

    /// The name of keyword `k`, borrowed.
    ///
    /// # Safety
    /// `k` < [`Self::keyword_count`].
    #[inline(always)]
    pub unsafe fn keyword_name(&self, k: usize) -> *mut ffi::PyObject {
        // SAFETY: in bounds by the caller's guarantee; `kwnames` is a live tuple.
        unsafe { tuple_item(self.kwnames, k) }
    }
}

impl<'py> ParsedArgs<'py> {
    /// Parses `call` against `sig`. A call already laid out as the slots
    /// ([`Self::laid_out`]) is taken as it is, inline; a keyword call whose names all match
    /// by pointer fills `buf` without building anything; anything else runs the general
    /// parser out of line, with the slots in `buf` (on the heap without a buffer, or for
    /// more than [`INLINE_SLOTS`] parameters).
    ///
    /// # Safety
    /// `call` is valid (see [`RawCall`]) while the result is used, and so is `buf`; the
    /// GIL is held.
    #[inline(always)]
    pub unsafe fn parse(
        gil: Gil<'py>,
        sig: &Signature,
        call: RawCall,
        mut buf: Option<&mut SlotBuf>,
    ) -> PyResult<ParsedArgs<'py>> {
        // SAFETY: forwarded.
        if let Some(parsed) = unsafe { ParsedArgs::laid_out(sig, call) } {
            return Ok(parsed);
        }
        let mut parsed = ParsedArgs::empty();
        if let Some(buf) = buf.as_deref_mut() {
            // SAFETY: forwarded.
            if unsafe { parsed.keywords_by_pointer(sig, call, buf) } {
                return Ok(parsed);
            }
        }
        // SAFETY: forwarded.
        unsafe { parsed.parse_general(gil, sig, call, buf)? };
        Ok(parsed)
    }

    /// The call's own argument vector as the slots, when it already is laid out as them:
    /// no `*args`/`**kwargs`, at least the positional-only and at most the positional
    /// parameters passed by position, and every other parameter passed by keyword, in
    /// declaration order, each name the very interned string of the parameter (what call
    /// sites such as `f(a=1, b=2)` pass). No string is compared and nothing is copied;
    /// `None` sends the call to the parser.
    ///
    /// # Safety
    /// As [`Self::parse`].
    #[inline(always)]
    pub unsafe fn laid_out(sig: &Signature, call: RawCall) -> Option<ParsedArgs<'py>> {
        let n = sig.params.len();
        let nargs = call.nargs;
        let fits = if call.kwnames.is_null() {
            nargs == n && sig.is_plain_positional()
        } else {
            sig.keywords_by_pointer
                && nargs >= sig.positional_only
                && nargs <= sig.positional
                && nargs + call.keyword_count() == n
                && sig.interned[nargs..]
                    .iter()
                    .enumerate()
                    // SAFETY: `k < n - nargs`, the number of keywords.
                    .all(|(k, cell)| unsafe { call.keyword_name(k) } == cell.get())
        };
        // SAFETY: the vector holds `nargs` positionals and `n - nargs` keyword values
        // (caller's guarantee), in parameter order as just checked.
        fits.then(|| unsafe { ParsedArgs::borrowed(call.args, n) })
    }

    /// Points the slots at `n` slots in `buf` (or on the heap): the first `take.len()`
    /// from `take`, the rest null (not passed).
    #[inline(always)]
    fn begin_slots(&mut self, n: usize, take: &[*mut ffi::PyObject], buf: Option<&mut SlotBuf>) {
        self.len = n;
        match buf {
            Some(buf) if n <= INLINE_SLOTS => {
                // A plain loop: for at most eight slots it beats calls to memset/memcpy.
                for (i, slot) in buf.0[..n].iter_mut().enumerate() {
                    slot.write(take.get(i).copied().unwrap_or(std::ptr::null_mut()));
                }
                self.base = buf.0.as_ptr().cast();
            }
            _ => {
                let mut heap = vec![std::ptr::null_mut(); n].into_boxed_slice();
                heap[..take.len()].copy_from_slice(take);
                self.base = heap.as_ptr();
                self.heap = Some(heap);
            }
        }
    }

    /// The common keyword call, without building anything: no `*args`/`**kwargs`, no
    /// extra positionals, at most [`INLINE_SLOTS`] parameters, every keyword found by
    /// pointer among the interned names, none repeated, nothing required missing. Returns
    /// `false` (having changed nothing the general parser reads) for anything else.
    ///
    /// # Safety
    /// As [`Self::parse`].
    #[inline(always)]
    unsafe fn keywords_by_pointer(
        &mut self,
        sig: &Signature,
        call: RawCall,
        buf: &mut SlotBuf,
    ) -> bool {
        let n = sig.params.len();
        let cells = sig.interned;
        if !sig.keywords_by_pointer || call.nargs > sig.positional || cells[0].get().is_null() {
            return false;
        }
        let positional = call.positional();
        let slots = &mut buf.0[..n];
        for (i, slot) in slots.iter_mut().enumerate() {
            slot.write(positional.get(i).copied().unwrap_or(std::ptr::null_mut()));
        }
        let mut given: u32 = (1u32 << call.nargs) - 1;
        for (k, &value) in call.keyword_values().iter().enumerate() {
            // SAFETY: `k` < the number of keywords.
            let name = unsafe { call.keyword_name(k) };
            let Some(j) = (sig.positional_only..n).find(|&j| cells[j].get() == name) else {
                return false;
            };
            if given & (1 << j) != 0 {
                return false;
            }
            given |= 1 << j;
            slots[j].write(value);
        }
        if sig.required_mask & !u64::from(given) != 0 {
            return false;
        }
        self.base = buf.0.as_ptr().cast();
        self.len = n;
        true
    }

    /// The general parser: positional, `*args`, keywords, `**kwargs`, checks.
    ///
    /// # Safety
    /// As [`Self::parse`].
    #[inline(never)]
    unsafe fn parse_general(
        &mut self,
        gil: Gil<'py>,
        sig: &Signature,
        call: RawCall,
        buf: Option<&mut SlotBuf>,
    ) -> PyResult<()> {
        let nargs = call.nargs;
        let positional = call.positional();
        let take = nargs.min(sig.positional);
        self.begin_slots(sig.params.len(), &positional[..take], buf);
        if sig.var_args {
            self.var_args = Some(if nargs > sig.positional {
                // SAFETY: each extra argument is a live borrowed object.
                let extra = positional[sig.positional..]
                    .iter()
                    .map(|&p| unsafe { Owned::<PyAny>::from_borrowed_ptr(gil, p) });
                PyTuple::new(gil, extra)?
            } else {
                PyTuple::empty(gil)
            });
        }
        if sig.var_kwargs {
            self.var_kwargs = Some(PyDict::new(gil));
        }

        let values = call.keyword_values();
        if !values.is_empty() {
            intern_names(gil, sig)?;
        }
        for (i, &value) in values.iter().enumerate() {
            // SAFETY: `i` < the number of keywords.
            let name = unsafe { call.keyword_name(i) };
            let index = match find_by_pointer(sig, name) {
                Some(index) => Some(index),
                None => find_by_text(gil, sig, name),
            };
            match index {
                Some(index) if sig.params[index].kind != ParamKind::PositionalOnly => {
                    let slot = &mut self.slots_mut()[index];
                    if !slot.is_null() {
                        return Err(arg_errors::multiple_values(sig, index));
                    }
                    *slot = value;
                }
                _ => match &self.var_kwargs {
                    Some(dict) => {
                        // SAFETY: name and value are live objects of the call.
                        dict.set_item(borrowed(gil, name), borrowed(gil, value))?;
                    }
                    None => {
                        return Err(arg_errors::unexpected_keyword(gil, sig, call, i));
                    }
                },
            }
        }
        if nargs > sig.positional && !sig.var_args {
            return Err(arg_errors::too_many_positional(sig, nargs, self.slots()));
        }
        if self
            .slots()
            .iter()
            .zip(sig.params)
            .any(|(slot, p)| p.required && slot.is_null())
        {
            return Err(arg_errors::missing_arguments(sig, self.slots()));
        }
        Ok(())
    }

    fn slots_mut(&mut self) -> &mut [*mut ffi::PyObject] {
        if self.len == 0 {
            return &mut [];
        }
        // SAFETY: after `begin_slots`, `base` points at `len` initialised slots in storage
        // this parse owns (the buffer or the heap), not at the caller's vector.
        unsafe { std::slice::from_raw_parts_mut(self.base.cast_mut(), self.len) }
    }
}

#[inline]
fn borrowed<'py>(gil: Gil<'py>, ptr: *mut ffi::PyObject) -> Owned<'py, PyAny> {
    // SAFETY: `ptr` is a live argument of the current call (caller's guarantee).
    unsafe { Owned::from_borrowed_ptr(gil, ptr) }
}

/// `len(tuple)`.
#[inline(always)]
fn tuple_len(tuple: *mut ffi::PyObject) -> usize {
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: `tuple` is the live kwnames tuple of the call.
    let n = unsafe { ffi::PyTuple_GET_SIZE(tuple) };
    #[cfg(Py_LIMITED_API)]
    // SAFETY: as above.
    let n = unsafe { ffi::PyTuple_Size(tuple) };
    n.max(0) as usize
}

/// `tuple[i]`, borrowed.
///
/// # Safety
/// `tuple` is a live tuple and `i < len(tuple)`.
#[inline(always)]
unsafe fn tuple_item(tuple: *mut ffi::PyObject, i: usize) -> *mut ffi::PyObject {
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: in bounds by the caller's guarantee.
    let item = unsafe { ffi::PyTuple_GET_ITEM(tuple, i as ffi::Py_ssize_t) };
    #[cfg(Py_LIMITED_API)]
    // SAFETY: in bounds by the caller's guarantee.
    let item = unsafe { ffi::PyTuple_GetItem(tuple, i as ffi::Py_ssize_t) };
    item
}

/// The parameter whose interned name is `name` (the pointer call sites pass).
#[inline(always)]
fn find_by_pointer(sig: &Signature, name: *mut ffi::PyObject) -> Option<usize> {
    sig.interned.iter().position(|cell| cell.get() == name)
}

/// The parameter named `name`, compared as text (names not interned by the caller, such
/// as keys of a `**dict`). Non-`str` names match nothing.
#[cold]
#[inline(never)]
fn find_by_text(gil: Gil<'_>, sig: &Signature, name: *mut ffi::PyObject) -> Option<usize> {
    let name = borrowed(gil, name);
    let name = name.downcast::<PyStr>().ok()?;
    let text = name.to_str().ok()?;
    sig.params.iter().position(|p| p.name == &*text)
}

/// Fills the signature's intern cells, once: when a function object is created, or on the
/// first keyword call of a callable made otherwise.
#[inline]
pub(crate) fn intern_names(gil: Gil<'_>, sig: &Signature) -> PyResult<()> {
    match sig.interned.first() {
        Some(cell) if cell.get().is_null() => intern_all(gil, sig),
        _ => Ok(()),
    }
}

#[cold]
#[inline(never)]
fn intern_all(gil: Gil<'_>, sig: &Signature) -> PyResult<()> {
    for (param, cell) in sig.params.iter().zip(sig.interned) {
        if !cell.get().is_null() {
            continue;
        }
        let name = std::ffi::CString::new(param.name)
            .map_err(|_| PyValueError::new_err("parameter name contains NUL"))?;
        // SAFETY: a valid C string; returns a new reference or null with an exception.
        let interned = unsafe { ffi::PyUnicode_InternFromString(name.as_ptr()) };
        if interned.is_null() {
            return Err(PyErr::fetch(gil));
        }
        cell.set(interned);
    }
    Ok(())
}

/// The stub annotation of a parameter extracted by `extract` (the macros pass
/// [`extract_argument`] for the parameter's type, so that a missing conversion is
/// reported once, as the argument glue reports it).
pub const fn param_hint_of<'a, 'py, T: FromPyObject<'a, 'py>>(
    extract: fn(&'a Owned<'py, PyAny>, &'static str) -> PyResult<T>,
) -> crate::reflect::TypeHint {
    let _ = extract;
    T::TYPE_HINT
}

/// Extracts one argument, naming it in the error: `argument 'a': <reason>`.
#[inline(always)]
pub fn extract_argument<'a, 'py, T: FromPyObject<'a, 'py>>(
    obj: &'a Owned<'py, PyAny>,
    name: &'static str,
) -> PyResult<T> {
    match T::extract(obj) {
        Ok(value) => Ok(value),
        Err(err) => Err(argument_error(obj.gil(), err, name)),
    }
}

/// Prefixes a conversion error with the argument it is about, keeping its type when it is
/// `TypeError`, `ValueError`, `OverflowError` or `BufferError` (other exceptions pass
/// unchanged).
#[cold]
#[inline(never)]
pub fn argument_error(gil: Gil<'_>, err: PyErr, name: &str) -> PyErr {
    prefixed_error(gil, err, &format!("argument '{name}': "))
}

/// `err` with `prefix` put before its message, of the same type when that is `TypeError`,
/// `ValueError`, `OverflowError` or `BufferError` and with the same cause; any other exception is
/// returned unchanged. What names the argument, attribute or field a conversion was for.
#[cold]
#[inline(never)]
pub fn prefixed_error(gil: Gil<'_>, err: PyErr, prefix: &str) -> PyErr {
    let ty = err.get_type(gil);
    let message = err
        .value(gil)
        .str()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if crate::conversion::path::is_codec_error(gil, &err) {
        return crate::conversion::path::with_codec_reason(gil, err, |reason| {
            format!("{prefix}{reason}")
        });
    }
    let text = format!("{prefix}{message}");
    let new = if ty.is(&PyTypeError::type_object(gil)) {
        PyTypeError::new_err(text)
    } else if ty.is(&PyValueError::type_object(gil)) {
        PyValueError::new_err(text)
    } else if ty.is(&PyOverflowError::type_object(gil)) {
        PyOverflowError::new_err(text)
    } else if ty.is(&crate::exceptions::PyBufferError::type_object(gil)) {
        crate::exceptions::PyBufferError::new_err(text)
    } else {
        return err;
    };
    new.set_cause(gil, crate::conversion::path::kept_cause(gil, err));
    new
}
