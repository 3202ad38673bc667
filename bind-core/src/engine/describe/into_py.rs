//! The conversion engine: turns the fields of an [`IntoPyShape`]'s shadow tuple into a
//! dict, a tuple or the single field's own object.
use super::IntoPyShape;
use crate::err::PyResult;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::{OutKind, StructOut};
use crate::types::{PyAny, PyDict, PyStr, PyTuple};
use std::mem::ManuallyDrop;

/// Converts the shadow tuple at `value`, consuming every field (converted or dropped).
///
/// # Safety
/// `value` points to a live shadow tuple that `desc` describes as [`IntoPyShape`]
/// requires; the caller neither uses nor drops it afterwards.
unsafe fn into_py_erased<'py>(
    gil: Gil<'py>,
    desc: &StructOut,
    value: *mut u8,
) -> PyResult<Owned<'py, PyAny>> {
    let mut items = Vec::with_capacity(desc.fields.len());
    for (i, field) in desc.fields.iter().enumerate() {
        // SAFETY: the field is live, of the glue's type, and moved out exactly once
        // (caller).
        match unsafe { (field.into)(value.add(field.offset), gil) } {
            Ok(obj) => items.push(obj),
            Err(err) => {
                for rest in &desc.fields[i + 1..] {
                    // SAFETY: not yet moved out; dropped once.
                    unsafe { (rest.drop)(value.add(rest.offset)) };
                }
                return Err(err);
            }
        }
    }
    match desc.kind {
        OutKind::Unit => Ok(gil.none().into_any()),
        OutKind::Transparent => Ok(items.pop().unwrap_or_else(|| gil.none().into_any())),
        OutKind::Tuple => Ok(PyTuple::new(gil, items)?.into_any()),
        OutKind::Dict => {
            let dict = PyDict::new(gil);
            for (field, item) in desc.fields.iter().zip(items) {
                dict.set_item(PyStr::intern(gil, field.key), item)?;
            }
            Ok(dict.into_any())
        }
    }
}

/// Converts the field values of `S` into the object its table says (a `dict`, a `tuple`,
/// the single field's object or `None`).
#[inline]
pub fn into_py_struct<'py, S: IntoPyShape>(
    gil: Gil<'py>,
    shadow: S::Shadow,
) -> PyResult<Owned<'py, PyAny>> {
    let mut shadow = ManuallyDrop::new(shadow);
    let value: *mut S::Shadow = &mut *shadow;
    // SAFETY: `S::DESC` describes `S::Shadow` (the `IntoPyShape` contract); the engine
    // moves out or drops every field, and `ManuallyDrop` keeps the tuple from dropping
    // them again.
    unsafe { into_py_erased(gil, S::DESC, value.cast::<u8>()) }
}
