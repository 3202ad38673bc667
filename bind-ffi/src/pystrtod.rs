//! `pystrtod.h`: float ⇄ text conversions as Python's `float.__repr__` does them.
use libc::{c_char, c_double, c_int};

/// `PyOS_double_to_string` flag: add `.0` to whole numbers (as `repr(1.0)` does).
pub const Py_DTSF_ADD_DOT_0: c_int = 0x02;

extern "C" {
    /// Formats `val`; with `format_code` `b'r'` the result is `repr(float)`. Returns a
    /// buffer to release with `PyMem_Free`, or null with an exception set.
    pub fn PyOS_double_to_string(
        val: c_double,
        format_code: c_char,
        precision: c_int,
        flags: c_int,
        ptype: *mut c_int,
    ) -> *mut c_char;
}
