//! Raw declarations of the CPython C API used by bind, written by hand from the headers of
//! CPython 3.8 to 3.13.
//!
//! One module per CPython header; the non-limited parts live in [`cpython`]. Everything is
//! re-exported at the crate root. Version differences are behind `Py_3_9` … `Py_3_13`
//! cfgs (set when the minimum targeted version is at least that), the stable ABI behind
//! `Py_LIMITED_API`, debug interpreters behind `py_debug`, free-threaded builds behind
//! `Py_GIL_DISABLED`; the build script emits them for the interpreter it finds.
//! This crate holds declarations only: no logic beyond what CPython's headers inline.
#![allow(
    non_camel_case_types,
    non_snake_case,
    non_upper_case_globals,
    missing_docs
)]
#![allow(clippy::missing_safety_doc)]

pub mod abstract_;
pub mod boolobject;
pub mod bytearrayobject;
pub mod bytesobject;
pub mod ceval;
pub mod compile;
pub mod complexobject;
pub mod descrobject;
pub mod dictobject;
pub mod floatobject;
pub mod import;
pub mod iterobject;
pub mod listobject;
pub mod longobject;
pub mod memoryobject;
pub mod methodobject;
pub mod modsupport;
pub mod moduleobject;
pub mod object;
pub mod objimpl;
pub mod pybuffer;
pub mod pycapsule;
pub mod pyerrors;
pub mod pyframe;
pub mod pylifecycle;
pub mod pystate;
pub mod pystrtod;
pub mod pythonrun;
pub mod setobject;
pub mod sliceobject;
pub mod structmember;
pub mod traceback;
pub mod tupleobject;
pub mod typeslots;
pub mod unicodeobject;
pub mod warnings;
pub mod weakrefobject;

#[cfg(not(Py_LIMITED_API))]
pub mod cpython;

pub use abstract_::*;
pub use boolobject::*;
pub use bytearrayobject::*;
pub use bytesobject::*;
pub use ceval::*;
pub use compile::*;
pub use complexobject::*;
#[cfg(not(Py_LIMITED_API))]
pub use cpython::*;
pub use descrobject::*;
pub use dictobject::*;
pub use floatobject::*;
pub use import::*;
pub use iterobject::*;
pub use listobject::*;
pub use longobject::*;
pub use memoryobject::*;
pub use methodobject::*;
pub use modsupport::*;
pub use moduleobject::*;
pub use object::*;
pub use objimpl::*;
pub use pybuffer::*;
pub use pycapsule::*;
pub use pyerrors::*;
pub use pyframe::*;
pub use pylifecycle::*;
pub use pystate::*;
pub use pystrtod::*;
pub use pythonrun::*;
pub use setobject::*;
pub use sliceobject::*;
pub use structmember::*;
pub use traceback::*;
pub use tupleobject::*;
pub use typeslots::*;
pub use unicodeobject::*;
pub use warnings::*;
pub use weakrefobject::*;

pub use libc::{c_char, c_int, c_long, c_uint, c_ulong, c_void, size_t, ssize_t};

/// `Py_ssize_t`.
pub type Py_ssize_t = libc::ssize_t;
/// `Py_hash_t`.
pub type Py_hash_t = Py_ssize_t;

/// The configuration this crate was built for, as written by the build script.
pub const BUILD_CONFIG: &str = include_str!(concat!(env!("OUT_DIR"), "/bind-python-config.txt"));

/// The minimum CPython minor version (3.x) the compiled code assumes.
pub const TARGET_MINOR: u8 = if cfg!(Py_3_13) {
    13
} else if cfg!(Py_3_12) {
    12
} else if cfg!(Py_3_11) {
    11
} else if cfg!(Py_3_10) {
    10
} else if cfg!(Py_3_9) {
    9
} else {
    8
};
