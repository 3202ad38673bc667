//! The parsed arguments of one call, as the typed glue of a function reads them: the
//! record between the engine's parser (`engine/args.rs`, which fills it) and the glue the
//! macros emit (which only reads it). A runtime type, so the descriptors in `reflect/` can
//! name the glue's signature without depending on the engine.
use crate::ffi;
use crate::handle::{Borrowed, Owned};
use crate::types::{PyAny, PyDict, PyTuple};

/// Parameters an entry point holds in its stack array; more spill to the heap (and a
/// signature with more does not match keywords by pointer).
pub const INLINE_SLOTS: usize = 8;

/// The parsed arguments of one call: a borrowed object (or nothing) per named parameter,
/// plus the `*args` tuple and `**kwargs` dict when the signature collects them.
pub struct ParsedArgs<'py> {
    /// `len` slots: the caller's argument vector (plain positional calls), a [`SlotBuf`](crate::engine::args::SlotBuf)
    /// on the entry point's stack, or `heap`.
    pub(crate) base: *const *mut ffi::PyObject,
    pub(crate) len: usize,
    /// Slots of signatures with more than [`INLINE_SLOTS`] parameters (and of
    /// [`ParsedArgs::parse`], which has no caller-provided buffer).
    pub(crate) heap: Option<Box<[*mut ffi::PyObject]>>,
    /// Extra positional arguments (`*args`): `Some` exactly when the signature has them.
    pub var_args: Option<Owned<'py, PyTuple>>,
    /// Extra keyword arguments (`**kwargs`): `Some` exactly when the signature has them.
    pub var_kwargs: Option<Owned<'py, PyDict>>,
}

impl<'py> ParsedArgs<'py> {
    /// No arguments (the `METH_NOARGS` entry and signatures without parameters).
    #[inline(always)]
    pub fn empty() -> ParsedArgs<'py> {
        ParsedArgs {
            base: std::ptr::NonNull::dangling().as_ptr(),
            len: 0,
            heap: None,
            var_args: None,
            var_kwargs: None,
        }
    }

    /// Arguments that are exactly `args[..len]`, borrowed from the caller.
    ///
    /// # Safety
    /// `args` must hold `len` live objects for as long as the result is used.
    #[inline(always)]
    pub unsafe fn borrowed(args: *const *mut ffi::PyObject, len: usize) -> ParsedArgs<'py> {
        ParsedArgs {
            base: args,
            len,
            heap: None,
            var_args: None,
            var_kwargs: None,
        }
    }

    /// The number of named parameters (slots).
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the signature has no named parameters.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The slots, one per named parameter (null: not passed).
    #[inline(always)]
    pub(crate) fn slots(&self) -> &[*mut ffi::PyObject] {
        if self.len == 0 {
            return &[];
        }
        // SAFETY: `base` points at `len` initialised slots (the caller's vector, or storage
        // `begin_slots` initialised).
        unsafe { std::slice::from_raw_parts(self.base, self.len) }
    }

    /// The argument for parameter `index`, if the caller passed one.
    ///
    /// # Panics
    /// If `index` is not a parameter of the signature (a bug in generated code).
    #[inline(always)]
    pub fn get(&self, index: usize) -> Option<&Owned<'py, PyAny>> {
        if index >= self.len {
            out_of_range(index, self.len);
        }
        // SAFETY: `index < len` slots are initialised (see `slots`).
        let slot: &*mut ffi::PyObject = unsafe { &*self.base.add(index) };
        if slot.is_null() {
            None
        } else {
            // SAFETY: non-null slots hold borrowed references owned by the caller's
            // argument array, alive for the whole call (longer than `self`).
            Some(unsafe { Borrowed::slot_as_owned(slot) })
        }
    }

    /// The argument for the required parameter `index`, which the parser checked is
    /// present (generated glue: one call to a shared panic instead of a panic site, with
    /// its own location, per parameter).
    ///
    /// # Panics
    /// If `index` is not a required parameter of the signature (a bug in generated code).
    #[inline(always)]
    pub fn required(&self, index: usize) -> &Owned<'py, PyAny> {
        match self.get(index) {
            Some(obj) => obj,
            None => required_missing(index),
        }
    }

    /// The `*args` tuple, as an object to extract from.
    ///
    /// # Panics
    /// If the signature has no `*args` (a bug in generated code).
    #[inline]
    pub fn var_args_obj(&self) -> &Owned<'py, PyAny> {
        self.var_args
            .as_ref()
            .expect("the signature collects *args")
            .as_any()
    }

    /// The `**kwargs` dict, as an object to extract from.
    ///
    /// # Panics
    /// If the signature has no `**kwargs` (a bug in generated code).
    #[inline]
    pub fn var_kwargs_obj(&self) -> &Owned<'py, PyAny> {
        self.var_kwargs
            .as_ref()
            .expect("the signature collects **kwargs")
            .as_any()
    }
}

#[cold]
#[inline(never)]
fn out_of_range(index: usize, len: usize) -> ! {
    panic!("argument index {index} out of range for a signature of {len} parameters")
}

#[cold]
#[inline(never)]
fn required_missing(index: usize) -> ! {
    panic!("required argument {index} missing: the parser checks required arguments")
}
