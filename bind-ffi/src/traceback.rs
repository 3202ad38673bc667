//! `traceback.h`: traceback objects. `PyTraceBack_Print` is declared in
//! [`pyerrors`](crate::pyerrors) (re-exported at the crate root).
use crate::object::*;
use crate::pyframe::PyFrameObject;
use libc::c_int;

extern "C" {
    pub static mut PyTraceBack_Type: PyTypeObject;
    /// Adds `frame` to the traceback of the current exception (used to show Rust code
    /// locations in Python tracebacks).
    pub fn PyTraceBack_Here(frame: *mut PyFrameObject) -> c_int;
}

/// `PyTraceBack_Check(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline]
pub unsafe fn PyTraceBack_Check(op: *mut PyObject) -> bool {
    // SAFETY: forwarded from the caller; the type object is static.
    unsafe { Py_IS_TYPE(op, core::ptr::addr_of_mut!(PyTraceBack_Type)) }
}
