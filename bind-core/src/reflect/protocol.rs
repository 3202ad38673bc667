//! Magic methods as data: for each dunder of a `#[methods]` block, which dunder it is,
//! its typed call glue (in the calling shape of that dunder) and the class's entry
//! point. Which CPython slot a dunder fills, how `__add__` and `__radd__` share
//! `nb_add`, and when `NotImplemented` is answered are the engine's decisions
//! (`engine::protocols`), not the descriptor's.
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Borrowed;
use std::marker::PhantomData;
use std::os::raw::{c_int, c_void};

/// A magic method by its Python name (`Dunder::Radd` is `__radd__`).
#[repr(u8)]
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // each variant is the dunder of the same name
pub enum Dunder {
    // Object.
    Repr,
    Str,
    Hash,
    Call,
    // Comparison.
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
    Richcmp,
    // Binary numbers.
    Add,
    Sub,
    Mul,
    Matmul,
    Truediv,
    Floordiv,
    Mod,
    Divmod,
    Pow,
    Lshift,
    Rshift,
    And,
    Xor,
    Or,
    // Reflected.
    Radd,
    Rsub,
    Rmul,
    Rmatmul,
    Rtruediv,
    Rfloordiv,
    Rmod,
    Rdivmod,
    Rpow,
    Rlshift,
    Rrshift,
    Rand,
    Rxor,
    Ror,
    // In place.
    Iadd,
    Isub,
    Imul,
    Imatmul,
    Itruediv,
    Ifloordiv,
    Imod,
    Ipow,
    Ilshift,
    Irshift,
    Iand,
    Ixor,
    Ior,
    // Unary numbers and conversions.
    Neg,
    Pos,
    Abs,
    Invert,
    Int,
    Float,
    Index,
    Bool,
    // Containers.
    Len,
    Contains,
    Getitem,
    Setitem,
    Delitem,
    Concat,
    Repeat,
    InplaceConcat,
    InplaceRepeat,
    // Iteration and async.
    Iter,
    Next,
    Await,
    Aiter,
    Anext,
    // Attribute access.
    Getattr,
    Getattribute,
    Setattr,
    Delattr,
    // Descriptors.
    Get,
    Set,
    Delete,
    // Garbage collection and finalization.
    Traverse,
    Clear,
    Del,
}

impl Dunder {
    /// How many dunders there are (the size of per-dunder tables).
    pub const COUNT: usize = Dunder::Del as usize + 1;
}

/// Glue taking the receiver: `__repr__`, `__neg__`, `__iter__`, `__next__` (`Ok(null)`
/// without an exception when exhausted), `__await__`, …. Receivers and operands are the
/// objects CPython passed, live for the call.
pub type UnaryGlue = for<'a, 'py> fn(Gil<'py>, Borrowed<'a, 'py>) -> PyResult<*mut ffi::PyObject>;
/// Glue taking the receiver and one operand: operators (`Ok(null)` when the operand does
/// not convert to the parameter type), `__getitem__`, `__getattr__`.
pub type BinaryGlue =
    for<'a, 'py> fn(Gil<'py>, Borrowed<'a, 'py>, Borrowed<'a, 'py>) -> PyResult<*mut ffi::PyObject>;
/// Glue taking the receiver and two operands: `__pow__(other, modulo)` (`Ok(null)` as
/// for [`BinaryGlue`]), `__get__(instance, owner)` (`None` for absent ones).
pub type TernaryGlue = for<'a, 'py> fn(
    Gil<'py>,
    Borrowed<'a, 'py>,
    Borrowed<'a, 'py>,
    Borrowed<'a, 'py>,
) -> PyResult<*mut ffi::PyObject>;
/// `__richcmp__(other, op)` with CPython's `Py_LT`… operator (`Ok(null)` as for
/// [`BinaryGlue`]).
pub type CompareGlue = for<'a, 'py> fn(
    Gil<'py>,
    Borrowed<'a, 'py>,
    Borrowed<'a, 'py>,
    c_int,
) -> PyResult<*mut ffi::PyObject>;
/// `__hash__`.
pub type HashGlue = for<'a, 'py> fn(Gil<'py>, Borrowed<'a, 'py>) -> PyResult<isize>;
/// `__len__`.
pub type LenGlue = for<'a, 'py> fn(Gil<'py>, Borrowed<'a, 'py>) -> PyResult<usize>;
/// `__bool__`.
pub type PredicateGlue = for<'a, 'py> fn(Gil<'py>, Borrowed<'a, 'py>) -> PyResult<bool>;
/// `__contains__(item)`.
pub type ContainsGlue =
    for<'a, 'py> fn(Gil<'py>, Borrowed<'a, 'py>, Borrowed<'a, 'py>) -> PyResult<bool>;
/// `__setitem__(key, value)`, `__setattr__(name, value)`, `__set__(instance, value)`.
pub type StoreGlue = for<'a, 'py> fn(
    Gil<'py>,
    Borrowed<'a, 'py>,
    Borrowed<'a, 'py>,
    Borrowed<'a, 'py>,
) -> PyResult<()>;
/// `__delitem__(key)`, `__delattr__(name)`, `__delete__(instance)`.
pub type DeleteGlue =
    for<'a, 'py> fn(Gil<'py>, Borrowed<'a, 'py>, Borrowed<'a, 'py>) -> PyResult<()>;
/// `__del__`, `__clear__`: an action on the receiver.
pub type EffectGlue = for<'a, 'py> fn(Gil<'py>, Borrowed<'a, 'py>) -> PyResult<()>;
/// `__traverse__`: visits the Python objects the value holds (CPython's `tp_traverse`
/// contract: no Python code, no allocation).
pub type TraverseGlue = for<'a> fn(Traversal<'a>) -> c_int;

/// One `tp_traverse` call on one object, handed to `__traverse__` glue. Only the engine
/// makes one, inside CPython's traversal of a live object with CPython's visitor.
pub struct Traversal<'a> {
    pub(crate) obj: *mut ffi::PyObject,
    pub(crate) visit: ffi::visitproc,
    pub(crate) arg: *mut c_void,
    pub(crate) _traversal: PhantomData<&'a ()>,
}

/// A magic method's typed glue, in the calling shape of its dunder.
#[repr(C)]
#[derive(Copy, Clone)]
pub enum MagicGlue {
    /// See [`UnaryGlue`].
    Unary(UnaryGlue),
    /// See [`BinaryGlue`].
    Binary(BinaryGlue),
    /// See [`TernaryGlue`].
    Ternary(TernaryGlue),
    /// See [`CompareGlue`].
    Compare(CompareGlue),
    /// See [`HashGlue`].
    Hash(HashGlue),
    /// See [`LenGlue`].
    Len(LenGlue),
    /// See [`PredicateGlue`].
    Predicate(PredicateGlue),
    /// See [`ContainsGlue`].
    Contains(ContainsGlue),
    /// See [`StoreGlue`].
    Store(StoreGlue),
    /// See [`DeleteGlue`].
    Delete(DeleteGlue),
    /// See [`EffectGlue`].
    Effect(EffectGlue),
    /// See [`TraverseGlue`].
    Traverse(TraverseGlue),
    /// `__call__`: a `tp_call` parsing its arguments like a method.
    Call(ffi::ternaryfunc),
}

/// One magic method of a `#[methods]` block (set by its name: `fn __radd__`).
#[repr(C)]
#[derive(Copy, Clone)]
pub struct MagicMethod {
    /// Which dunder (the method's name).
    pub dunder: Dunder,
    /// The typed call glue.
    pub glue: MagicGlue,
    /// The class's C entry points for this dunder, as the engine picks them
    /// (`protocol_entries::<Self>(dunder)`: the derive only instantiates them for the
    /// class; the engine chooses among them by the class options).
    pub entries: &'static [SlotEntry],
}

/// A CPython type slot id (`Py_nb_add`, … of `typeslots.h`) and the C function for it.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct SlotEntry {
    /// The slot id.
    pub slot: c_int,
    /// The C function.
    pub pfunc: *mut c_void,
}

// SAFETY: a slot id and a function pointer: immutable static data.
unsafe impl Sync for SlotEntry {}

// SAFETY: a dunder and function pointers: immutable static data.
unsafe impl Sync for MagicMethod {}

/// Class-level protocol options of `#[methods(...)]`.
#[repr(transparent)]
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub struct ProtocolFlags(pub u32);

impl ProtocolFlags {
    /// No options.
    pub const EMPTY: ProtocolFlags = ProtocolFlags(0);
    /// `sequence`: `__len__`/`__getitem__`/`__setitem__`/`__delitem__` also fill the
    /// sequence slots (integer indices, negative ones adjusted; `reversed()`), and
    /// `match` treats instances as sequences.
    pub const SEQUENCE: ProtocolFlags = ProtocolFlags(1 << 0);
    /// `mapping`: `match` treats instances as mappings.
    pub const MAPPING: ProtocolFlags = ProtocolFlags(1 << 1);
    /// `unhashable`: `hash(obj)` raises `TypeError` (`__hash__ = None` in Python).
    pub const UNHASHABLE: ProtocolFlags = ProtocolFlags(1 << 2);

    /// Both sets combined (usable in `const`).
    pub const fn union(self, other: ProtocolFlags) -> ProtocolFlags {
        ProtocolFlags(self.0 | other.0)
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: ProtocolFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

/// The magic methods of one `#[methods]` block.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct Protocols {
    /// The magic methods, in any order.
    pub methods: &'static [MagicMethod],
    /// `#[methods(sequence, mapping, unhashable)]`.
    pub flags: ProtocolFlags,
}

impl Protocols {
    /// No magic methods.
    pub const EMPTY: Protocols = Protocols {
        methods: &[],
        flags: ProtocolFlags::EMPTY,
    };
}
