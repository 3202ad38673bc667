//! The buffer descriptor: how a class exports one field as a buffer (`#[bind(buffer)]`).
use crate::ffi;
use std::ffi::CStr;

/// Describes the field a class exports through the buffer protocol.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct BufferDesc {
    /// Offset of the field inside the Rust value (the field marked `#[bind(buffer)]`).
    pub offset: usize,
    /// The struct-module format of one element (from the element type).
    pub format: &'static CStr,
    /// The size of one element in bytes.
    pub itemsize: usize,
    /// `#[bind(buffer, readonly)]`, or a `frozen` class: consumers may not write.
    pub readonly: bool,
    /// Whether `&mut` access to the object stays allowed while exported (from the
    /// storage type: inline arrays and `Array`).
    pub stable_under_mut: bool,
    /// The class's `bf_getbuffer` (typed glue over the class and the storage type).
    pub getbuffer: ffi::getbufferproc,
    /// The class's `bf_releasebuffer`.
    pub releasebuffer: ffi::releasebufferproc,
}
