//! Object layout of a class instance, one level per class in the bind inheritance chain:
//!
//! `[base object (base's __basicsize__)][borrow flag][owner thread][exports][T][__dict__][__weakref__]`
//!
//! The borrow flag is absent for `frozen` classes (but `frozen` `gc` classes, whose
//! `tp_clear` takes it to refuse re-entrant access), the owner thread unless `unsendable`,
//! the export count (two words: live buffer exports and the exported length) unless the
//! class exports a buffer, the dict and weak-reference slots unless `dict` / `weakref`.
//! Offsets are computed once,
//! when the type is created, because a native base's size depends on the interpreter;
//! for a class on `object` they are also a compile-time constant
//! ([`super::PyClass::FIXED_LAYOUT`], checked against the computed ones when the type is
//! created), which the method receivers' borrow checks use.
use super::ClassBase;
use crate::reflect::{TypeDesc, TypeFlags};

/// Offsets (from the object's start) of one class level's parts; 0 means absent.
#[derive(Debug, Copy, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The level is `frozen`: no mutable borrow is ever lent (`tp_clear` aside).
    pub frozen: bool,
    /// The borrow flag (`isize`: 0 free, n > 0 shared borrows, -1 mutably borrowed).
    pub flag_offset: usize,
    /// The owner thread's id (`usize`), for `unsendable` classes.
    pub thread_offset: usize,
    /// The buffer export count (`isize`) followed by the exported 1-D length (`isize`),
    /// for classes with `#[bind(buffer)]`.
    pub export_offset: usize,
    /// The Rust value.
    pub data_offset: usize,
    /// The `__dict__` pointer.
    pub dict_offset: usize,
    /// The weak-reference list pointer.
    pub weaklist_offset: usize,
    /// The instance size (`tp_basicsize`).
    pub basicsize: usize,
}

const WORD: usize = std::mem::size_of::<usize>();

const fn align_up(offset: usize, align: usize) -> usize {
    offset.div_ceil(align) * align
}

impl Layout {
    /// The layout of `desc`'s level on top of a base instance of `base_size` bytes.
    pub const fn compute(desc: &TypeDesc, base_size: usize) -> Layout {
        let mut layout = Layout {
            frozen: false,
            flag_offset: 0,
            thread_offset: 0,
            export_offset: 0,
            data_offset: 0,
            dict_offset: 0,
            weaklist_offset: 0,
            basicsize: 0,
        };
        let mut offset = align_up(base_size, WORD);
        layout.frozen = desc.flags.contains(TypeFlags::FROZEN);
        if !layout.frozen || desc.flags.contains(TypeFlags::GC) {
            layout.flag_offset = offset;
            offset += WORD;
        }
        if desc.flags.contains(TypeFlags::UNSENDABLE) {
            layout.thread_offset = offset;
            offset += WORD;
        }
        if desc.buffer.is_some() {
            layout.export_offset = offset;
            offset += 2 * WORD;
        }
        offset = align_up(offset, if desc.align > 1 { desc.align } else { 1 });
        layout.data_offset = offset;
        offset += desc.size;
        if desc.flags.contains(TypeFlags::DICT) {
            offset = align_up(offset, WORD);
            layout.dict_offset = offset;
            offset += WORD;
        }
        if desc.flags.contains(TypeFlags::WEAKREF) {
            offset = align_up(offset, WORD);
            layout.weaklist_offset = offset;
            offset += WORD;
        }
        layout.basicsize = align_up(offset, WORD);
        layout
    }

    /// The layout of `desc`'s level when base `B`'s instance size is known at compile time
    /// (see [`super::PyClass::FIXED_LAYOUT`]).
    pub const fn fixed<B: ClassBase>(desc: &TypeDesc) -> Option<Layout> {
        match B::FIXED_SIZE {
            Some(base_size) => Some(Layout::compute(desc, base_size)),
            None => None,
        }
    }
}

/// An id of the current thread (the address of a thread-local), for `unsendable` checks.
#[inline]
pub fn current_thread_id() -> usize {
    thread_local!(static MARKER: u8 = const { 0 });
    MARKER.with(|m| m as *const u8 as usize)
}
