//! Magic methods by their Python names: the dunder each name is and the calling shape
//! its glue has. Which CPython slot a dunder fills is the engine's business.

/// How the glue of a magic method calls it.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `(&self) -> R`.
    Unary,
    /// `__next__`: `(&mut self) -> Option<R>`, `IterNextOutput<Y, R>` or `R`.
    Next,
    /// `__anext__`: `(&mut self) -> Option<R>` (None ends the `async for`) or `R`.
    Anext,
    /// A binary operator `(&self, other: T) -> R`; an operand that does not convert to
    /// `T` gives `NotImplemented`.
    Operator,
    /// An in-place operator `(&mut self, other: T)`; returning `()` keeps the object.
    InPlace,
    /// `__pow__`/`__rpow__`/`__ipow__`: an operator with an optional `modulo` parameter.
    Power,
    /// `__richcmp__(&self, other: T, op: CompareOp) -> R`.
    Richcmp,
    /// `__hash__(&self) -> integer`.
    Hash,
    /// `__len__(&self) -> usize`.
    Len,
    /// `__bool__(&self) -> bool`.
    Bool,
    /// `__contains__(&self, item: T) -> bool`.
    Contains,
    /// `(&self, key: K) -> R` (`__getitem__`, `__getattr__`, `__concat__`, …): the
    /// argument is converted like a parameter (errors name it).
    Lookup(&'static str),
    /// `(&mut self, key: K, value: V)` (`__setitem__`, `__setattr__`, `__set__`).
    Store(&'static str),
    /// `(&mut self, key: K)` (`__delitem__`, `__delattr__`, `__delete__`).
    Delete(&'static str),
    /// `__get__(&self, instance: Option<A>, owner: Option<B>) -> R`.
    DescrGet,
    /// `__call__`: parsed like a method.
    Call,
    /// `__del__(&mut self)`, `__clear__(&mut self)`: an action returning `()` or
    /// `PyResult<()>`.
    Effect,
    /// `__traverse__(&self, visit: PyVisit<'_>) -> Result<(), TraverseError>`.
    Traverse,
}

impl Shape {
    /// How to write a method of this shape, for error messages.
    pub(crate) fn usage(self, name: &str) -> String {
        match self {
            Shape::Unary => format!("fn {name}(&self) -> R"),
            Shape::Next => format!("fn {name}(&mut self) -> Option<R>"),
            Shape::Anext => format!("fn {name}(&mut self) -> Option<R>"),
            Shape::Operator => format!("fn {name}(&self, other: T) -> R"),
            Shape::InPlace => format!("fn {name}(&mut self, other: T)"),
            Shape::Power => format!("fn {name}(&self, other: T, modulo: Option<M>) -> R"),
            Shape::Richcmp => format!("fn {name}(&self, other: T, op: CompareOp) -> R"),
            Shape::Hash => format!("fn {name}(&self) -> u64"),
            Shape::Len => format!("fn {name}(&self) -> usize"),
            Shape::Bool => format!("fn {name}(&self) -> bool"),
            Shape::Contains => format!("fn {name}(&self, item: T) -> bool"),
            Shape::Lookup(arg) => format!("fn {name}(&self, {arg}: K) -> R"),
            Shape::Store(arg) => format!("fn {name}(&mut self, {arg}: K, value: V)"),
            Shape::Delete(arg) => format!("fn {name}(&mut self, {arg}: K)"),
            Shape::DescrGet => {
                format!("fn {name}(&self, instance: Option<A>, owner: Option<B>) -> R")
            }
            Shape::Call => format!("fn {name}(&self, ...) -> R"),
            Shape::Effect => format!("fn {name}(&mut self)"),
            Shape::Traverse => {
                format!("fn {name}(&self, visit: PyVisit<'_>) -> Result<(), TraverseError>")
            }
        }
    }
}

/// A supported magic method: its Python name, the `Dunder` variant and its shape.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct DunderInfo {
    pub name: &'static str,
    pub variant: &'static str,
    pub shape: Shape,
}

macro_rules! dunders {
    ($($name:literal => $variant:ident: $shape:expr,)*) => {
        /// The magic methods bind maps to type slots.
        pub(crate) const DUNDERS: &[DunderInfo] = &[
            $(DunderInfo { name: $name, variant: stringify!($variant), shape: $shape },)*
        ];
    };
}

use Shape::*;

dunders! {
    "__repr__" => Repr: Unary,
    "__str__" => Str: Unary,
    "__hash__" => Hash: Hash,
    "__call__" => Call: Call,
    "__lt__" => Lt: Operator,
    "__le__" => Le: Operator,
    "__eq__" => Eq: Operator,
    "__ne__" => Ne: Operator,
    "__gt__" => Gt: Operator,
    "__ge__" => Ge: Operator,
    "__richcmp__" => Richcmp: Richcmp,
    "__add__" => Add: Operator,
    "__sub__" => Sub: Operator,
    "__mul__" => Mul: Operator,
    "__matmul__" => Matmul: Operator,
    "__truediv__" => Truediv: Operator,
    "__floordiv__" => Floordiv: Operator,
    "__mod__" => Mod: Operator,
    "__divmod__" => Divmod: Operator,
    "__pow__" => Pow: Power,
    "__lshift__" => Lshift: Operator,
    "__rshift__" => Rshift: Operator,
    "__and__" => And: Operator,
    "__xor__" => Xor: Operator,
    "__or__" => Or: Operator,
    "__radd__" => Radd: Operator,
    "__rsub__" => Rsub: Operator,
    "__rmul__" => Rmul: Operator,
    "__rmatmul__" => Rmatmul: Operator,
    "__rtruediv__" => Rtruediv: Operator,
    "__rfloordiv__" => Rfloordiv: Operator,
    "__rmod__" => Rmod: Operator,
    "__rdivmod__" => Rdivmod: Operator,
    "__rpow__" => Rpow: Power,
    "__rlshift__" => Rlshift: Operator,
    "__rrshift__" => Rrshift: Operator,
    "__rand__" => Rand: Operator,
    "__rxor__" => Rxor: Operator,
    "__ror__" => Ror: Operator,
    "__iadd__" => Iadd: InPlace,
    "__isub__" => Isub: InPlace,
    "__imul__" => Imul: InPlace,
    "__imatmul__" => Imatmul: InPlace,
    "__itruediv__" => Itruediv: InPlace,
    "__ifloordiv__" => Ifloordiv: InPlace,
    "__imod__" => Imod: InPlace,
    "__ipow__" => Ipow: Power,
    "__ilshift__" => Ilshift: InPlace,
    "__irshift__" => Irshift: InPlace,
    "__iand__" => Iand: InPlace,
    "__ixor__" => Ixor: InPlace,
    "__ior__" => Ior: InPlace,
    "__neg__" => Neg: Unary,
    "__pos__" => Pos: Unary,
    "__abs__" => Abs: Unary,
    "__invert__" => Invert: Unary,
    "__int__" => Int: Unary,
    "__float__" => Float: Unary,
    "__index__" => Index: Unary,
    "__bool__" => Bool: Bool,
    "__len__" => Len: Len,
    "__contains__" => Contains: Contains,
    "__getitem__" => Getitem: Lookup("key"),
    "__setitem__" => Setitem: Store("key"),
    "__delitem__" => Delitem: Delete("key"),
    "__concat__" => Concat: Lookup("other"),
    "__repeat__" => Repeat: Lookup("count"),
    "__inplace_concat__" => InplaceConcat: Lookup("other"),
    "__inplace_repeat__" => InplaceRepeat: Lookup("count"),
    "__iter__" => Iter: Unary,
    "__next__" => Next: Next,
    "__await__" => Await: Unary,
    "__aiter__" => Aiter: Unary,
    "__anext__" => Anext: Anext,
    "__getattr__" => Getattr: Lookup("name"),
    "__getattribute__" => Getattribute: Lookup("name"),
    "__setattr__" => Setattr: Store("name"),
    "__delattr__" => Delattr: Delete("name"),
    "__get__" => Get: DescrGet,
    "__set__" => Set: Store("instance"),
    "__delete__" => Delete: Delete("instance"),
    "__del__" => Del: Effect,
    "__traverse__" => Traverse: Traverse,
    "__clear__" => Clear: Effect,
}

/// Dunders Python looks up as ordinary methods (no type slot): they stay plain methods.
pub(crate) const PLAIN: &[&str] = &[
    "__complex__",
    "__round__",
    "__trunc__",
    "__floor__",
    "__ceil__",
    "__reversed__",
    "__length_hint__",
    "__format__",
    "__bytes__",
    "__dir__",
    "__sizeof__",
    "__getstate__",
    "__setstate__",
    "__reduce__",
    "__reduce_ex__",
    "__getnewargs__",
    "__getnewargs_ex__",
    "__copy__",
    "__deepcopy__",
    "__enter__",
    "__exit__",
    "__aenter__",
    "__aexit__",
    "__fspath__",
    "__missing__",
    "__class_getitem__",
    "__init_subclass__",
    "__set_name__",
    "__instancecheck__",
    "__subclasscheck__",
    "__buffer__",
    "__release_buffer__",
    "__init__",
];

/// Dunders that exist in Python but that bind does not take (yet), with what to do.
pub(crate) const REFUSED: &[(&str, &str)] = &[
    ("__new__", "the constructor is a method marked #[new]"),
    (
        "__del__",
        "finalizers are not supported yet; implement `Drop` for the struct",
    ),
    (
        "__traverse__",
        "custom gc traversal is not supported yet; use `#[bind(gc)]` fields",
    ),
    (
        "__clear__",
        "custom gc clearing is not supported yet; use `#[bind(gc)]` fields",
    ),
    (
        "__getbuffer__",
        "the buffer protocol is declared on the class",
    ),
    (
        "__releasebuffer__",
        "the buffer protocol is declared on the class",
    ),
];

/// What a method name is.
pub(crate) enum NameKind {
    /// A supported magic method.
    Magic(&'static DunderInfo),
    /// A plain method (ordinary name, or a dunder Python calls as a method).
    Plain,
    /// A dunder bind refuses, with the reason.
    Refused(&'static str),
    /// A dunder bind does not know.
    Unknown,
}

/// Classifies the method name `name`.
pub(crate) fn classify(name: &str) -> NameKind {
    if let Some(info) = DUNDERS.iter().find(|d| d.name == name) {
        return NameKind::Magic(info);
    }
    if PLAIN.contains(&name) {
        return NameKind::Plain;
    }
    if let Some((_, why)) = REFUSED.iter().find(|(n, _)| *n == name) {
        return NameKind::Refused(why);
    }
    // `__radd_` is a misspelt dunder too; `__private` is a plain name.
    if name.len() > 3 && name.starts_with("__") && name.ends_with('_') {
        NameKind::Unknown
    } else {
        NameKind::Plain
    }
}

/// The supported dunder `name` probably means (`__radd_` → `__radd__`).
pub(crate) fn suggestion(name: &str) -> Option<&'static str> {
    let core = name.trim_matches('_');
    DUNDERS
        .iter()
        .map(|d| d.name)
        .chain(PLAIN.iter().copied())
        .find(|known| known.trim_matches('_') == core)
}

/// The supported magic method names, for the unknown-dunder error.
pub(crate) fn supported_list() -> String {
    DUNDERS
        .iter()
        .map(|d| d.name)
        .collect::<Vec<_>>()
        .join(", ")
}
