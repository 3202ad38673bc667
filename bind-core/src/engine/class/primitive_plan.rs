//! The plan of a class whose fields are all primitives (numbers and `bool`) with
//! dataclass glue, built once with its [`ClassRecord`](super::ClassRecord): each field's
//! offset from the start of the instance and its Rust type, and the text of the generated
//! repr around the values. The generated comparisons and repr (`dataclass.rs`) read the
//! fields straight from memory through it: no Python objects, no walk over the
//! descriptors, no per-field decoding of member codes.
use super::layout::Layout;
use crate::ffi;
use crate::reflect::{FieldKind, TypeDesc, TypeFlags};
use std::cmp::Ordering;
use std::os::raw::c_int;

/// The Rust type of a primitive field, decoded once from its member type code.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Primitive {
    F64,
    F32,
    Bool,
    U8,
    I8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    Isize,
}

impl Primitive {
    /// The type a member code names (`None` for a code bind's fields never carry).
    pub(crate) fn of_code(code: c_int) -> Option<Primitive> {
        Some(match code {
            ffi::T_DOUBLE => Primitive::F64,
            ffi::T_FLOAT => Primitive::F32,
            ffi::T_BOOL => Primitive::Bool,
            ffi::T_UBYTE => Primitive::U8,
            ffi::T_BYTE => Primitive::I8,
            ffi::T_SHORT => Primitive::I16,
            ffi::T_USHORT => Primitive::U16,
            ffi::T_INT => Primitive::I32,
            ffi::T_UINT => Primitive::U32,
            ffi::T_LONGLONG => Primitive::I64,
            ffi::T_ULONGLONG => Primitive::U64,
            ffi::T_PYSSIZET => Primitive::Isize,
            _ => return None,
        })
    }
}

/// Reads a `$ty` at `$ptr + $offset`.
macro_rules! read {
    ($ty:ty, $ptr:expr, $offset:expr) => {
        $ptr.add($offset).cast::<$ty>().read_unaligned()
    };
}

/// One field of a plan.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PlanField {
    /// Offset of the value from the start of the instance (the level's data offset plus
    /// the field's offset in the Rust value).
    pub(crate) offset: usize,
    /// Its type.
    pub(crate) kind: Primitive,
    /// End of this field's part of the repr text (`Name(a=` for the first field, `, b=`
    /// for the others).
    repr_end: usize,
}

/// The fields of an all-primitive class level in declaration order, and its repr text.
#[derive(Debug)]
pub(crate) struct PrimitivePlan {
    /// The comparison operators (bit `1 << op`) the slot answers without the trampoline:
    /// those the class options allow (`eq`: `==`, `!=`; `order`: the others), none for an
    /// `unsendable` level (its owner thread is checked on the general path).
    fast_ops: u8,
    /// The level's borrow flag (0: none), checked before reading without a borrow.
    pub(crate) flag_offset: usize,
    fields: Box<[PlanField]>,
    /// Every field is an `f64`: equality needs no type switch.
    all_f64: bool,
    /// `Name(a=, b=)`: the repr without its values, starting with the class name.
    repr_text: Box<[u8]>,
    /// Length of the class name at the start of `repr_text`.
    name_len: usize,
    /// `repr_text` is ASCII (Rust identifiers and `name = "…"` may not be).
    repr_ascii: bool,
}

impl PrimitivePlan {
    /// The plan of `desc`'s level laid out as `layout`; `None` unless every field is a
    /// primitive with dataclass glue.
    pub(crate) fn new(desc: &'static TypeDesc, layout: &Layout) -> Option<PrimitivePlan> {
        let data_offset = layout.data_offset;
        let name = desc.name.to_bytes();
        let mut repr_text = name.to_vec();
        repr_text.push(b'(');
        let mut fields = Vec::with_capacity(desc.fields.len());
        for (index, field) in desc.fields.iter().enumerate() {
            let FieldKind::Primitive(code) = field.kind else {
                return None;
            };
            field.data?;
            if index > 0 {
                repr_text.extend_from_slice(b", ");
            }
            repr_text.extend_from_slice(field.name.to_bytes());
            repr_text.push(b'=');
            fields.push(PlanField {
                offset: data_offset + field.offset,
                kind: Primitive::of_code(code)?,
                repr_end: repr_text.len(),
            });
        }
        repr_text.push(b')');
        let eq = (1 << ffi::Py_EQ) | (1 << ffi::Py_NE);
        let order = (1 << ffi::Py_LT) | (1 << ffi::Py_LE) | (1 << ffi::Py_GT) | (1 << ffi::Py_GE);
        let mut fast_ops = 0;
        if layout.thread_offset == 0 {
            if desc.flags.contains(TypeFlags::EQ) {
                fast_ops |= eq;
            }
            if desc.flags.contains(TypeFlags::ORDER) {
                fast_ops |= order;
            }
        }
        Some(PrimitivePlan {
            fast_ops,
            flag_offset: layout.flag_offset,
            all_f64: fields.iter().all(|f| f.kind == Primitive::F64),
            fields: fields.into_boxed_slice(),
            repr_ascii: repr_text.is_ascii(),
            repr_text: repr_text.into_boxed_slice(),
            name_len: name.len(),
        })
    }

    /// Whether the slot may answer comparison `op` without the trampoline.
    #[inline(always)]
    pub(crate) fn fast(&self, op: c_int) -> bool {
        (u32::from(self.fast_ops).wrapping_shr(op as u32)) & 1 != 0
    }

    /// Whether every field of `a` equals the same field of `b` (as Python's `==` on the
    /// numbers: a `NaN` is unequal to everything).
    ///
    /// # Safety
    /// `a` and `b` point at live instances of the planned level, and no `&mut` to either
    /// value lives.
    #[inline(always)]
    pub(crate) unsafe fn equal(&self, a: *const u8, b: *const u8) -> bool {
        if self.all_f64 {
            return self.fields.iter().all(|f| {
                // SAFETY: the offset lies in both instances and holds an `f64` (the plan
                // was built from the level's descriptor and layout).
                unsafe { read!(f64, a, f.offset) == read!(f64, b, f.offset) }
            });
        }
        self.fields.iter().all(|f| {
            let o = f.offset;
            // SAFETY: the offset lies in both instances and holds the type `kind` names
            // (the plan was built from the level's descriptor and layout).
            unsafe {
                match f.kind {
                    Primitive::F64 => read!(f64, a, o) == read!(f64, b, o),
                    Primitive::F32 => read!(f32, a, o) == read!(f32, b, o),
                    Primitive::Bool | Primitive::U8 | Primitive::I8 => {
                        read!(u8, a, o) == read!(u8, b, o)
                    }
                    Primitive::I16 | Primitive::U16 => read!(u16, a, o) == read!(u16, b, o),
                    Primitive::I32 | Primitive::U32 => read!(u32, a, o) == read!(u32, b, o),
                    Primitive::I64 | Primitive::U64 => read!(u64, a, o) == read!(u64, b, o),
                    Primitive::Isize => read!(isize, a, o) == read!(isize, b, o),
                }
            }
        })
    }

    /// The order of the first pair of fields that is not equal, as Python compares tuples
    /// of the values: `None` when every pair is equal, `Some(None)` when the first unequal
    /// pair involves a `NaN` (it orders neither way).
    ///
    /// # Safety
    /// As [`PrimitivePlan::equal`].
    pub(crate) unsafe fn first_difference(
        &self,
        a: *const u8,
        b: *const u8,
    ) -> Option<Option<Ordering>> {
        macro_rules! cmp {
            ($ty:ty, $o:expr) => {
                // SAFETY: as in `equal`.
                unsafe { read!($ty, a, $o).partial_cmp(&read!($ty, b, $o)) }
            };
        }
        for f in self.fields.iter() {
            let o = f.offset;
            let order = match f.kind {
                Primitive::F64 => cmp!(f64, o),
                Primitive::F32 => cmp!(f32, o),
                Primitive::Bool | Primitive::U8 => cmp!(u8, o),
                Primitive::I8 => cmp!(i8, o),
                Primitive::I16 => cmp!(i16, o),
                Primitive::U16 => cmp!(u16, o),
                Primitive::I32 => cmp!(i32, o),
                Primitive::U32 => cmp!(u32, o),
                Primitive::I64 => cmp!(i64, o),
                Primitive::U64 => cmp!(u64, o),
                Primitive::Isize => cmp!(isize, o),
            };
            if order != Some(Ordering::Equal) {
                return Some(order);
            }
        }
        None
    }

    /// The fields, each with the repr text that precedes its value; the text starts at
    /// the class name (`with_name`) or right after it.
    pub(crate) fn repr_parts(
        &self,
        with_name: bool,
    ) -> impl Iterator<Item = (&PlanField, &[u8])> + '_ {
        let mut start = if with_name { 0 } else { self.name_len };
        self.fields.iter().map(move |f| {
            let piece = &self.repr_text[start..f.repr_end];
            start = f.repr_end;
            (f, piece)
        })
    }

    /// Whether the repr text is ASCII (the formatted numbers always are).
    #[inline(always)]
    pub(crate) fn repr_ascii(&self) -> bool {
        self.repr_ascii
    }

    /// The repr text after the last value (`)`; the whole `Name()` without fields, from
    /// the class name or right after it).
    pub(crate) fn repr_tail(&self, with_name: bool) -> &[u8] {
        let start = match self.fields.last() {
            Some(f) => f.repr_end,
            None if with_name => 0,
            None => self.name_len,
        };
        &self.repr_text[start..]
    }
}
