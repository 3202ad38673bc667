//! `structmember.h` (`descrobject.h` from 3.12): `PyMemberDef` and member type codes.
use crate::Py_ssize_t;
use libc::{c_char, c_int};

/// `PyMemberDef`: an attribute stored at a fixed offset inside the object.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct PyMemberDef {
    pub name: *const c_char,
    pub type_code: c_int,
    pub offset: Py_ssize_t,
    pub flags: c_int,
    pub doc: *const c_char,
}

impl PyMemberDef {
    /// The all-zero entry that ends a `PyMemberDef` array.
    pub const SENTINEL: PyMemberDef = PyMemberDef {
        name: core::ptr::null(),
        type_code: 0,
        offset: 0,
        flags: 0,
        doc: core::ptr::null(),
    };
}

// SAFETY: a member table is immutable static data.
unsafe impl Sync for PyMemberDef {}

pub const T_SHORT: c_int = 0;
pub const T_INT: c_int = 1;
pub const T_LONG: c_int = 2;
pub const T_FLOAT: c_int = 3;
pub const T_DOUBLE: c_int = 4;
pub const T_STRING: c_int = 5;
pub const T_OBJECT: c_int = 6;
pub const T_CHAR: c_int = 7;
pub const T_BYTE: c_int = 8;
pub const T_UBYTE: c_int = 9;
pub const T_USHORT: c_int = 10;
pub const T_UINT: c_int = 11;
pub const T_ULONG: c_int = 12;
pub const T_STRING_INPLACE: c_int = 13;
pub const T_BOOL: c_int = 14;
pub const T_OBJECT_EX: c_int = 16;
pub const T_LONGLONG: c_int = 17;
pub const T_ULONGLONG: c_int = 18;
pub const T_PYSSIZET: c_int = 19;
pub const T_NONE: c_int = 20;

/// Member flag: read-only.
pub const READONLY: c_int = 1;
/// Member flag: audited read (`PY_AUDIT_READ`).
pub const PY_AUDIT_READ: c_int = 2;
/// Member flag (3.12+): the offset is relative to the subclass's own data.
pub const Py_RELATIVE_OFFSET: c_int = 8;
