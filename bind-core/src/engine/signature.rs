//! Signature descriptors: what the macros know about a callable's parameters.

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

/// A callable's parameters, in declaration order: positional-only, then
/// positional-or-keyword, then keyword-only; `*args`/`**kwargs` collect the rest.
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
}

impl Signature {
    /// A signature of `names`, all positional-or-keyword and required.
    pub const fn simple(name: &'static str, params: &'static [Param]) -> Signature {
        Signature {
            name,
            params,
            positional: params.len(),
            positional_only: 0,
            var_args: false,
            var_kwargs: false,
        }
    }

    /// Whether the signature takes no arguments at all.
    pub const fn takes_nothing(&self) -> bool {
        self.params.is_empty() && !self.var_args && !self.var_kwargs
    }

    pub(crate) fn required_positional(&self) -> usize {
        self.params[..self.positional]
            .iter()
            .filter(|p| p.required)
            .count()
    }
}
