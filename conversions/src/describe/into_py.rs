//! The conversion engine: turns the fields of a shadow tuple into a dict, a tuple or the
//! single field's own object, following a [`StructOut`].
use super::{OutKind, StructOut};
use bind_core::types::{PyAny, PyDict, PyStr, PyTuple};
use bind_core::{Gil, Owned, PyResult};

/// Converts the shadow tuple at `value`, consuming every field (converted or dropped).
///
/// # Safety
/// `value` points to a live shadow tuple with the offsets and types `desc` was built from;
/// the caller must not use or drop it afterwards.
pub unsafe fn into_py_struct<'py>(
    gil: Gil<'py>,
    desc: &StructOut,
    value: *mut u8,
) -> PyResult<Owned<'py, PyAny>> {
    let mut items = Vec::with_capacity(desc.fields.len());
    for (i, field) in desc.fields.iter().enumerate() {
        // SAFETY: the field is live and moved out exactly once (caller).
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
