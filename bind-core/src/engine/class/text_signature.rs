//! The constructor's signature on the class: `inspect.signature(Point)` reads
//! `Point.__text_signature__`, which CPython takes from the first line of `tp_doc`
//! (`Point(x, y)\n--\n\n…`). `PyType_FromSpec` strips that line when it copies the doc,
//! so it is put back once the type exists (not under the stable ABI, where `tp_doc` is
//! out of reach: there `inspect.signature` of the class raises `ValueError`, as before).
use crate::ffi;
use crate::reflect::TypeDesc;
use std::ffi::CStr;

/// Sets `ty`'s `tp_doc` to `Name(signature)\n--\n\n<doc>` (`__doc__`, kept in the type's
/// dict, does not change).
///
/// # Safety
/// `ty` is a heap type just created and not shared yet; the GIL is held.
pub(super) unsafe fn install(ty: *mut ffi::PyTypeObject, desc: &TypeDesc, signature: &CStr) {
    let doc = desc.doc.map_or(&b""[..], CStr::to_bytes);
    let mut text =
        Vec::with_capacity(desc.name.to_bytes().len() + signature.to_bytes().len() + doc.len() + 6);
    text.extend_from_slice(desc.name.to_bytes());
    text.extend_from_slice(signature.to_bytes());
    text.extend_from_slice(b"\n--\n\n");
    text.extend_from_slice(doc);
    text.push(0);
    // SAFETY: CPython frees a heap type's `tp_doc` with PyObject_Free, so the new one is
    // allocated with PyObject_Malloc and the old one (CPython's copy) freed the same way.
    unsafe {
        let buffer = ffi::PyObject_Malloc(text.len()).cast::<u8>();
        if buffer.is_null() {
            return; // keep the doc without the signature
        }
        std::ptr::copy_nonoverlapping(text.as_ptr(), buffer, text.len());
        let old = std::mem::replace(&mut (*ty).tp_doc, buffer.cast());
        ffi::PyObject_Free(old as *mut std::os::raw::c_void);
    }
}
