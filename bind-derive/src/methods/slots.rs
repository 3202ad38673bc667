//! Magic methods by their Python names, and the slot each one fills.

/// Magic methods taking only the receiver, with their slot ids.
pub(crate) const UNARY: &[(&str, &str)] = &[
    ("__repr__", "Py_tp_repr"),
    ("__str__", "Py_tp_str"),
    ("__iter__", "Py_tp_iter"),
    ("__next__", "Py_tp_iternext"),
    ("__neg__", "Py_nb_negative"),
    ("__pos__", "Py_nb_positive"),
    ("__abs__", "Py_nb_absolute"),
    ("__invert__", "Py_nb_invert"),
    ("__int__", "Py_nb_int"),
    ("__float__", "Py_nb_float"),
    ("__index__", "Py_nb_index"),
];

/// Binary numeric operators (foreign operands give `NotImplemented`).
pub(crate) const BINARY: &[(&str, &str)] = &[
    ("__add__", "Py_nb_add"),
    ("__sub__", "Py_nb_subtract"),
    ("__mul__", "Py_nb_multiply"),
    ("__truediv__", "Py_nb_true_divide"),
    ("__floordiv__", "Py_nb_floor_divide"),
    ("__mod__", "Py_nb_remainder"),
    ("__and__", "Py_nb_and"),
    ("__or__", "Py_nb_or"),
    ("__xor__", "Py_nb_xor"),
    ("__lshift__", "Py_nb_lshift"),
    ("__rshift__", "Py_nb_rshift"),
];

/// Rich comparisons (merged into one `tp_richcompare`), with their `Py_*` op constants.
pub(crate) const COMPARE: &[(&str, &str)] = &[
    ("__eq__", "Py_EQ"),
    ("__ne__", "Py_NE"),
    ("__lt__", "Py_LT"),
    ("__le__", "Py_LE"),
    ("__gt__", "Py_GT"),
    ("__ge__", "Py_GE"),
];

/// Other supported magic methods.
pub(crate) const OTHER: &[&str] = &[
    "__hash__",
    "__len__",
    "__bool__",
    "__contains__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__call__",
];

/// The magic method `name` is, if bind maps it to a slot.
pub(crate) fn slot_kind(name: &str) -> Option<&'static str> {
    UNARY
        .iter()
        .chain(BINARY)
        .chain(COMPARE)
        .map(|(n, _)| *n)
        .chain(OTHER.iter().copied())
        .find(|n| *n == name)
}

/// The slot id of a unary or binary magic method.
pub(crate) fn slot_id(name: &str) -> Option<&'static str> {
    UNARY
        .iter()
        .chain(BINARY)
        .find(|(n, _)| *n == name)
        .map(|(_, s)| *s)
}
