//! Python type annotations of Rust types, as `const` data: the conversion traits carry
//! one per type (`FromPyObject::TYPE_HINT` for what a parameter accepts,
//! `IntoPyObject::TYPE_HINT` for what a return value is), the macros copy them into the
//! signature and field descriptors, and the stub generator renders them.

/// A Python type annotation, built at compile time from the Rust types.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub enum TypeHint {
    /// `typing.Any`: nothing more is known (the default of every conversion).
    Any,
    /// A name as written in a stub: `int`, `str`, `None`, a class name.
    Name(&'static str),
    /// A generic type applied to arguments: `list[int]`, `dict[str, float]`,
    /// `tuple[int, str]`.
    Generic {
        /// The generic, as written in a stub (`list`, `typing.Sequence`, …).
        name: &'static str,
        /// Its arguments, in order.
        args: &'static [TypeHint],
    },
    /// `T | None`.
    Optional(&'static TypeHint),
}

impl TypeHint {
    /// `None` (what `()` converts to).
    pub const NONE: TypeHint = TypeHint::Name("None");

    /// The annotation of a Python type by its name, `typing.Any` for `object` (the
    /// annotation of a handle to a native type such as `Owned<'py, PyList>`).
    pub const fn of_type_name(name: &'static str) -> TypeHint {
        if const_str_eq(name, "object") {
            return TypeHint::Any;
        }
        // The `datetime` module's types, named as a stub must spell them.
        const DATETIME: [(&str, &str); 5] = [
            ("date", "datetime.date"),
            ("datetime", "datetime.datetime"),
            ("time", "datetime.time"),
            ("timedelta", "datetime.timedelta"),
            ("tzinfo", "datetime.tzinfo"),
        ];
        let mut i = 0;
        while i < DATETIME.len() {
            if const_str_eq(name, DATETIME[i].0) {
                return TypeHint::Name(DATETIME[i].1);
            }
            i += 1;
        }
        TypeHint::Name(name)
    }
}

const fn const_str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
