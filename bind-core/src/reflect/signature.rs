//! Signature descriptors: what the macros know about a callable's parameters, plus the
//! one runtime record the parser keeps beside them (the interned parameter names).
use crate::ffi;
use crate::reflect::TypeHint;
use std::sync::atomic::{AtomicPtr, Ordering};

/// How a parameter can be passed, as in Python's `inspect.Parameter.kind`.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub enum ParamKind {
    /// Before `/`: by position only.
    PositionalOnly,
    /// By position or by keyword.
    PositionalOrKeyword,
    /// After `*` or `*args`: by keyword only.
    KeywordOnly,
}

/// One named parameter.
#[derive(Debug, Copy, Clone)]
pub struct Param {
    /// The Python name.
    pub name: &'static str,
    /// How it may be passed.
    pub kind: ParamKind,
    /// Whether a call must supply it (no default).
    pub required: bool,
}

/// A lazily interned Python `str` for one parameter name, so that keyword arguments
/// (whose names call sites intern) are matched by pointer. A `static` array of these is
/// emitted beside each signature; the parser fills it on the first keyword call.
///
/// The strings are per process: like the rest of bind, this assumes one interpreter.
#[derive(Debug)]
pub struct InternCell(AtomicPtr<ffi::PyObject>);

impl InternCell {
    /// An empty cell (filled on first use).
    #[allow(clippy::declare_interior_mutable_const)]
    pub const EMPTY: InternCell = InternCell(AtomicPtr::new(std::ptr::null_mut()));

    /// The interned name, or null before the first keyword call.
    #[inline(always)]
    pub(crate) fn get(&self) -> *mut ffi::PyObject {
        self.0.load(Ordering::Acquire)
    }

    /// Stores `name` (an owned, interned `str`) unless another thread was first; the
    /// reference is kept for the life of the process.
    pub(crate) fn set(&self, name: *mut ffi::PyObject) {
        if self
            .0
            .compare_exchange(
                std::ptr::null_mut(),
                name,
                Ordering::AcqRel,
                Ordering::Acquire,
            )
            .is_err()
        {
            // SAFETY: `name` is an owned reference and the GIL is held by our caller (the
            // parser); the cell already holds an equal interned string.
            unsafe { ffi::Py_DECREF(name) };
        }
    }
}

/// A callable's parameters, in declaration order: positional-only, then
/// positional-or-keyword, then keyword-only; `*args`/`**kwargs` collect the rest.
///
/// Build it with [`Signature::simple`] or [`Signature::new`] (both `const`), then
/// optionally [`Signature::with_interned`].
#[derive(Debug, Copy, Clone)]
pub struct Signature {
    /// The function name used in error messages (`"f"` or `"Class.method"`).
    pub name: &'static str,
    /// The named parameters.
    pub params: &'static [Param],
    /// Number of parameters that may be passed by position.
    pub positional: usize,
    /// Number of positional-only parameters (a prefix of `positional`).
    pub positional_only: usize,
    /// Whether extra positional arguments are collected into a tuple (`*args`).
    pub var_args: bool,
    /// Whether extra keyword arguments are collected into a dict (`**kwargs`).
    pub var_kwargs: bool,
    /// One cell per parameter holding its interned name (empty slice: names are
    /// compared by text only).
    pub interned: &'static [InternCell],
    /// Bit `i` set: parameter `i` (of the first 64) is required.
    pub required_mask: u64,
    /// Whether keyword calls may take the parser's pointer-matching path: interned names,
    /// one to eight parameters, no `*args`/`**kwargs` (set by [`Signature::with_interned`]).
    pub keywords_by_pointer: bool,
    /// The annotations of the parameters and the result, for generated stubs (set by
    /// [`Signature::with_hints`]; `None`: everything is `typing.Any`).
    pub hints: Option<&'static SignatureHints>,
}

/// The type annotations of a callable, from the conversion traits of its Rust types
/// (`FromPyObject::TYPE_HINT` per parameter, `IntoPyObject::TYPE_HINT` of the result).
#[derive(Debug, Copy, Clone)]
pub struct SignatureHints {
    /// One per named parameter, in order.
    pub params: &'static [TypeHint],
    /// The result (`None` for constructors, whose stub returns `None` from `__init__`).
    pub returns: Option<TypeHint>,
    /// The Python names of `*args` and `**kwargs` (when the signature has them).
    pub var_names: VarNames,
}

/// The names of a signature's `*args` and `**kwargs`.
#[derive(Debug, Copy, Clone)]
pub struct VarNames {
    /// The name after `*`.
    pub args: &'static str,
    /// The name after `**`.
    pub kwargs: &'static str,
}

impl Signature {
    /// A signature of `params`, all positional-or-keyword, no `*args`/`**kwargs`.
    pub const fn simple(name: &'static str, params: &'static [Param]) -> Signature {
        Signature::new(name, params, false, false)
    }

    /// A signature of `params` (positional-only first, keyword-only last, as their kinds
    /// say) with optional `*args` and `**kwargs`.
    pub const fn new(
        name: &'static str,
        params: &'static [Param],
        var_args: bool,
        var_kwargs: bool,
    ) -> Signature {
        let mut positional = 0;
        let mut positional_only = 0;
        let mut required_mask = 0u64;
        let mut i = 0;
        while i < params.len() {
            if params[i].required && i < 64 {
                required_mask |= 1 << i;
            }
            match params[i].kind {
                ParamKind::PositionalOnly => {
                    positional_only += 1;
                    positional += 1;
                }
                ParamKind::PositionalOrKeyword => positional += 1,
                ParamKind::KeywordOnly => {}
            }
            i += 1;
        }
        Signature {
            name,
            params,
            positional,
            positional_only,
            var_args,
            var_kwargs,
            interned: &[],
            required_mask,
            keywords_by_pointer: false,
            hints: None,
        }
    }

    /// The same signature, with `cells` (one per parameter) caching the interned names.
    pub const fn with_interned(mut self, cells: &'static [InternCell]) -> Signature {
        assert!(
            cells.len() == self.params.len(),
            "one intern cell per parameter"
        );
        self.interned = cells;
        self.keywords_by_pointer = !cells.is_empty()
            && cells.len() <= crate::arguments::INLINE_SLOTS
            && !self.var_args
            && !self.var_kwargs;
        self
    }

    /// The same signature with type annotations for the stub generator.
    pub const fn with_hints(mut self, hints: &'static SignatureHints) -> Signature {
        assert!(
            hints.params.len() == self.params.len(),
            "one type hint per parameter"
        );
        self.hints = Some(hints);
        self
    }

    /// Whether the signature takes no arguments at all.
    pub const fn takes_nothing(&self) -> bool {
        self.params.is_empty() && !self.var_args && !self.var_kwargs
    }

    /// Whether every parameter is positional-or-keyword/positional-only and none collects
    /// extras: then a call passing exactly `params.len()` positionals and no keywords is
    /// already laid out as the parser's slots.
    #[inline(always)]
    pub const fn is_plain_positional(&self) -> bool {
        self.positional == self.params.len() && !self.var_args && !self.var_kwargs
    }

    /// Whether the signature is one required positional-only parameter (`f(x, /)`), which
    /// CPython can call through `METH_O`.
    pub const fn is_single_positional_only(&self) -> bool {
        self.params.len() == 1
            && self.positional_only == 1
            && self.params[0].required
            && !self.var_args
            && !self.var_kwargs
    }

    /// Number of required parameters among the positional ones.
    pub(crate) fn required_positional(&self) -> usize {
        self.params[..self.positional]
            .iter()
            .filter(|p| p.required)
            .count()
    }
}
