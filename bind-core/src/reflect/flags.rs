//! Often-checked facts about types and fields, as bit sets.

/// Class options of `#[bind(...)]` on a `#[derive(PyType)]` struct.
#[repr(transparent)]
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub struct TypeFlags(pub u32);

impl TypeFlags {
    /// No options.
    pub const EMPTY: TypeFlags = TypeFlags(0);
    /// `subclass`: Python (and bind) classes may derive from this class.
    pub const SUBCLASS: TypeFlags = TypeFlags(1 << 0);
    /// `frozen`: immutable; no borrow flag, `&mut self` is refused at compile time.
    pub const FROZEN: TypeFlags = TypeFlags(1 << 1);
    /// `gc`: instances take part in cycle collection (fields holding Python objects are
    /// visited and cleared).
    pub const GC: TypeFlags = TypeFlags(1 << 2);
    /// `weakref`: instances can be weakly referenced.
    pub const WEAKREF: TypeFlags = TypeFlags(1 << 3);
    /// `dict`: instances have a `__dict__` for arbitrary attributes.
    pub const DICT: TypeFlags = TypeFlags(1 << 4);
    /// `unsendable`: the value may only be touched from the thread that created it.
    pub const UNSENDABLE: TypeFlags = TypeFlags(1 << 5);
    /// The class extends a native base other than `object` (`dict`, `Exception`, …).
    pub const NATIVE_BASE: TypeFlags = TypeFlags(1 << 6);

    /// Both sets combined (usable in `const`).
    pub const fn union(self, other: TypeFlags) -> TypeFlags {
        TypeFlags(self.0 | other.0)
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: TypeFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

/// Field options of `#[bind(...)]` on a struct field.
#[repr(transparent)]
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub struct FieldFlags(pub u32);

impl FieldFlags {
    /// Neither readable nor writable from Python.
    pub const EMPTY: FieldFlags = FieldFlags(0);
    /// `get`: readable from Python.
    pub const GET: FieldFlags = FieldFlags(1 << 0);
    /// `set`: writable from Python.
    pub const SET: FieldFlags = FieldFlags(1 << 1);

    /// Both sets combined (usable in `const`).
    pub const fn union(self, other: FieldFlags) -> FieldFlags {
        FieldFlags(self.0 | other.0)
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: FieldFlags) -> bool {
        self.0 & other.0 == other.0
    }
}
