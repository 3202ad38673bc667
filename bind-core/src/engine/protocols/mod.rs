//! Protocols: the engine half of magic methods. A `#[methods]` block describes its
//! dunders ([`crate::reflect::MagicMethod`]); this module decides which CPython type
//! slots each one fills and implements those slots, one file per slot family. Entry
//! points are generic over the class only to reach its [`ClassRecord`]; the semantics
//! (operand fallbacks, `NotImplemented`, merged comparisons) live in the family files.
//!
//! A family file exports `const fn entries<T>(Dunder) -> Option<&[SlotEntry]>`; adding a
//! family (e.g. buffers) is adding a file and one name to [`protocol_entries`].
mod async_;
mod attr;
mod compare;
mod descriptor;
mod finalize;
mod gc;
mod iter;
mod mapping;
mod number;
mod object;
mod sequence;

pub use compare::{compare_op_arg, CompareOpArg};
pub(crate) use finalize::finalize_from_dealloc;
pub use gc::{traverse_with, PyVisit, TraverseError};
pub use iter::{anext_output, iter_next_output, IterNextOutput};
pub use object::{call_glue, hash_value, HashValue};

use crate::engine::class::record::ClassRecord;
use crate::engine::class::PyClass;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Borrowed;
use crate::reflect::{Dunder, ImplItems, MagicGlue, ProtocolFlags, SlotEntry};
use std::os::raw::{c_int, c_void};

/// The class's C entry points for `dunder` (what [`crate::reflect::MagicMethod::entries`]
/// holds); empty for dunders whose glue is itself the entry point (`__call__`).
pub const fn protocol_entries<T: PyClass>(dunder: Dunder) -> &'static [SlotEntry] {
    macro_rules! first {
        ($($family:ident),*) => {
            $(if let Some(entries) = $family::entries::<T>(dunder) {
                return entries;
            })*
        };
    }
    first!(
        object, compare, number, sequence, mapping, iter, async_, attr, descriptor, finalize, gc
    );
    &[]
}

/// A `&'static [SlotEntry]` of one entry (for the families' entry tables).
macro_rules! entry {
    ($slot:ident => $func:expr) => {
        &[$crate::reflect::SlotEntry {
            slot: $crate::ffi::$slot,
            pfunc: $func as *mut ::std::os::raw::c_void,
        }]
    };
}
pub(crate) use entry;

/// The magic methods of a class (its blocks and its bind bases'), by dunder: what the
/// entry points read on every call.
#[derive(Clone)]
pub struct ProtocolTable {
    glue: [Option<MagicGlue>; Dunder::COUNT],
    entries: [&'static [SlotEntry]; Dunder::COUNT],
    flags: ProtocolFlags,
}

// SAFETY: function pointers, immutable once the record is built.
unsafe impl Send for ProtocolTable {}
// SAFETY: as above.
unsafe impl Sync for ProtocolTable {}

impl ProtocolTable {
    /// The table of a class: its bind base's, overridden by its own blocks.
    pub(crate) fn collect(base: Option<&ProtocolTable>, parts: &[&'static ImplItems]) -> Self {
        let mut table = base.cloned().unwrap_or(ProtocolTable {
            glue: [None; Dunder::COUNT],
            entries: [&[]; Dunder::COUNT],
            flags: ProtocolFlags::EMPTY,
        });
        for part in parts {
            table.flags = table.flags.union(part.protocols.flags);
            for method in part.protocols.methods {
                table.glue[method.dunder as usize] = Some(method.glue);
                table.entries[method.dunder as usize] = method.entries;
            }
        }
        table
    }

    /// The glue of `dunder`, if the class has it.
    #[inline(always)]
    pub(crate) fn get(&self, dunder: Dunder) -> Option<MagicGlue> {
        self.glue[dunder as usize]
    }

    /// Whether the class has `dunder`.
    #[inline(always)]
    pub(crate) fn has(&self, dunder: Dunder) -> bool {
        self.glue[dunder as usize].is_some()
    }

    /// The entry point the class installed in `slot` for `dunder` (null if none).
    pub(crate) fn entry(&self, dunder: Dunder, slot: c_int) -> *mut c_void {
        self.entries[dunder as usize]
            .iter()
            .find(|e| e.slot == slot)
            .map_or(std::ptr::null_mut(), |e| e.pfunc)
    }

    /// Whether the class fills its sequence slots (`#[methods(sequence)]`).
    fn is_sequence(&self) -> bool {
        self.flags.contains(ProtocolFlags::SEQUENCE)
    }

    /// The type slots to create the class with, each once.
    pub fn type_slots(&self) -> Vec<SlotEntry> {
        let sequence = self.is_sequence();
        let mut out: Vec<SlotEntry> = Vec::new();
        for glue in self.glue.iter().zip(self.entries) {
            let entries: &[SlotEntry] = match glue {
                (None, _) => continue,
                (Some(MagicGlue::Call(entry)), _) => &[SlotEntry {
                    slot: ffi::Py_tp_call,
                    pfunc: *entry as *mut c_void,
                }],
                (Some(_), entries) => entries,
            };
            for entry in entries {
                let wanted = match entry.slot {
                    ffi::Py_sq_item | ffi::Py_sq_ass_item => sequence,
                    ffi::Py_mp_subscript | ffi::Py_mp_ass_subscript => !sequence,
                    _ => true,
                };
                if wanted && !out.iter().any(|s| s.slot == entry.slot) {
                    out.push(*entry);
                }
            }
        }
        if self.flags.contains(ProtocolFlags::UNHASHABLE) {
            out.retain(|s| s.slot != ffi::Py_tp_hash);
            out.push(SlotEntry {
                slot: ffi::Py_tp_hash,
                pfunc: ffi::PyObject_HashNotImplemented as *mut c_void,
            });
        }
        out
    }

    /// Extra `tp_flags` the protocols ask for (`Py_TPFLAGS_SEQUENCE`/`MAPPING`, read by
    /// `match` from 3.10).
    pub fn type_flags(&self) -> std::os::raw::c_ulong {
        let mut flags = 0;
        if self.is_sequence() {
            flags |= ffi::Py_TPFLAGS_SEQUENCE;
        }
        if self.flags.contains(ProtocolFlags::MAPPING) {
            flags |= ffi::Py_TPFLAGS_MAPPING;
        }
        flags
    }

    /// Finishes a created class: refuses `__del__` under the stable ABI (its dealloc
    /// cannot run a finalizer there), and registers a `sequence` / `mapping` class with
    /// `collections.abc.Sequence` / `Mapping`, so `isinstance` checks (and `match` before
    /// 3.10) see it as one.
    pub fn finish_type(&self, ty: &crate::Owned<'_, crate::types::PyAny>) -> crate::PyResult<()> {
        if cfg!(Py_LIMITED_API) && self.has(Dunder::Del) {
            return Err(crate::exceptions::PyRuntimeError::new_err(format!(
                "cannot create class '{}': `__del__` needs a build without the stable ABI",
                ty.getattr("__name__")?.str()?.to_string_lossy()
            )));
        }
        let abc = if self.is_sequence() {
            "Sequence"
        } else if self.flags.contains(ProtocolFlags::MAPPING) {
            "Mapping"
        } else {
            return Ok(());
        };
        let module = crate::types::PyModule::import(ty.gil(), "collections.abc")?;
        module
            .getattr(abc)?
            .call_method1("register", (ty.clone(),))?;
        Ok(())
    }

    /// Whether the protocols fill type slot `slot` (the builder leaves it to them).
    pub fn fills(&self, slot: c_int) -> bool {
        self.type_slots().iter().any(|s| s.slot == slot)
    }
}

/// `NotImplemented`, as a new reference.
#[inline]
pub fn not_implemented() -> *mut ffi::PyObject {
    let ptr = ffi::Py_NotImplemented();
    // SAFETY: NotImplemented is immortal or static; a new reference is returned.
    unsafe { ffi::Py_INCREF(ptr) };
    ptr
}

/// A new reference to `obj` (in-place operators returning `()` give back the object).
#[inline(always)]
pub fn new_reference(obj: Borrowed<'_, '_>) -> *mut ffi::PyObject {
    obj.to_owned().into_ptr()
}

/// An object CPython passed to a slot, as the glue receives it.
///
/// # Safety
/// `ptr` is non-null and live for `'a` (the slot call); the GIL is held.
#[inline(always)]
unsafe fn arg<'a, 'py>(gil: Gil<'py>, ptr: *mut ffi::PyObject) -> Borrowed<'a, 'py> {
    // SAFETY: the caller's guarantee.
    unsafe { Borrowed::from_ptr(gil, ptr) }
}

/// Whether `obj` is `NotImplemented`.
#[inline(always)]
fn is_not_implemented(obj: *mut ffi::PyObject) -> bool {
    obj == ffi::Py_NotImplemented()
}

/// `Ok(null)` from operator glue (the operand did not convert) as `NotImplemented`.
#[inline(always)]
fn or_not_implemented(result: *mut ffi::PyObject) -> *mut ffi::PyObject {
    if result.is_null() {
        not_implemented()
    } else {
        result
    }
}

/// The record of class `T`, whose type exists (CPython calls its slots).
#[inline(always)]
fn record<T: PyClass>() -> &'static ClassRecord {
    T::lazy().existing()
}

/// Whether `obj`'s type fills `slot` with `entry`: an instance of the class itself, or
/// of a subclass that did not override the dunder.
///
/// # Safety
/// `obj` live; GIL held.
#[inline(always)]
unsafe fn slot_is(
    record: &ClassRecord,
    obj: *mut ffi::PyObject,
    slot: c_int,
    entry: *mut c_void,
) -> bool {
    // SAFETY: live object and types; every subtype of a heap type is a heap type, so
    // PyType_GetSlot works on it in every version.
    unsafe {
        let ty = ffi::Py_TYPE(obj);
        if ty == record.type_object() {
            return true;
        }
        ffi::PyType_IsSubtype(ty, record.type_object()) != 0
            && ffi::PyType_GetSlot(ty, slot) == entry
    }
}

/// The name of `type(obj)`, for messages.
///
/// # Safety
/// `obj` live; GIL held.
unsafe fn type_name_of(obj: *mut ffi::PyObject) -> String {
    // SAFETY: the caller's guarantee; the view does not outlive this call.
    let obj: &crate::Owned<'_, crate::types::PyAny> =
        unsafe { crate::Borrowed::slot_as_owned(&obj) };
    obj.type_name()
}
