//! Method definitions: every method of every class is a `PyMethodDef` in the type's
//! `tp_methods` whose entry point is instantiated for the method's holder and forwards to
//! the engine's one argument parser (the entry shape — `METH_NOARGS`, `METH_O`,
//! fastcall — is chosen from the signature, as for functions).
use crate::engine::function::{entry_point, static_entry_point, FnDesc, FunctionHolder};
use crate::ffi;
use crate::reflect::{MethodDesc, MethodKind};
use std::ffi::CStr;

impl MethodDesc {
    /// The method of holder `H` (whose `desc()` is `desc`); `doc` starts with the text
    /// signature line.
    pub const fn new<H: FunctionHolder>(
        name: &'static CStr,
        doc: &'static CStr,
        kind: MethodKind,
        desc: &'static FnDesc,
    ) -> MethodDesc {
        let extra = match kind {
            MethodKind::Instance => 0,
            MethodKind::Class => ffi::METH_CLASS,
            MethodKind::Static => ffi::METH_STATIC,
        };
        let (meth, flags) = match kind {
            MethodKind::Static => static_entry_point::<H>(&desc.signature),
            MethodKind::Instance | MethodKind::Class => entry_point::<H>(&desc.signature),
        };
        MethodDesc {
            def: ffi::PyMethodDef {
                ml_name: name.as_ptr(),
                ml_meth: meth,
                ml_flags: flags | extra,
                ml_doc: doc.as_ptr(),
            },
            desc,
            kind,
        }
    }
}
