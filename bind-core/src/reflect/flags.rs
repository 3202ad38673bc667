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
    /// `init`: a constructor taking the fields (no `#[new]` needed).
    pub const INIT: TypeFlags = TypeFlags(1 << 7);
    /// `repr`: `__repr__` in dataclass form, `Point(x=1.0, y=2.0)`.
    pub const REPR: TypeFlags = TypeFlags(1 << 8);
    /// `eq`: `==` compares the fields (`NotImplemented` for other types); with `frozen`
    /// also `__hash__`, else `__hash__` is `None`.
    pub const EQ: TypeFlags = TypeFlags(1 << 9);
    /// `order`: `<`, `<=`, `>`, `>=` compare the fields as tuples.
    pub const ORDER: TypeFlags = TypeFlags(1 << 10);
    /// `match_args`: `__match_args__` names the positional constructor fields.
    pub const MATCH_ARGS: TypeFlags = TypeFlags(1 << 11);
    /// `pickle`: `__reduce__` from the fields (pickling by every protocol, `copy`).
    pub const PICKLE: TypeFlags = TypeFlags(1 << 12);
    /// `dataclass`: what the `dataclasses` module reads (`__dataclass_fields__`,
    /// `__dataclass_params__`); the option also sets `init`, `repr`, `eq`, `match_args`
    /// and `pickle`.
    pub const DATACLASS: TypeFlags = TypeFlags(1 << 13);

    /// The options whose behaviours the engine builds from a class's dataclass hooks
    /// (its generic constructor, repr, comparison, hash and pickling entry points):
    /// without any of them the hooks are not instantiated for the class at all.
    pub const DATA_HOOKS: TypeFlags = TypeFlags(
        TypeFlags::INIT.0
            | TypeFlags::REPR.0
            | TypeFlags::EQ.0
            | TypeFlags::ORDER.0
            | TypeFlags::PICKLE.0,
    );

    /// Both sets combined (usable in `const`).
    pub const fn union(self, other: TypeFlags) -> TypeFlags {
        TypeFlags(self.0 | other.0)
    }

    /// Whether any flag of `other` is set.
    pub const fn intersects(self, other: TypeFlags) -> bool {
        self.0 & other.0 != 0
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
    /// `kw_only` (or the class option `kw_only`): a keyword-only constructor parameter.
    pub const KW_ONLY: FieldFlags = FieldFlags(1 << 2);
    /// `default_factory = path`: the default is computed per call (not a shared value).
    pub const DEFAULT_FACTORY: FieldFlags = FieldFlags(1 << 3);

    /// Both sets combined (usable in `const`).
    pub const fn union(self, other: FieldFlags) -> FieldFlags {
        FieldFlags(self.0 | other.0)
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: FieldFlags) -> bool {
        self.0 & other.0 == other.0
    }
}
