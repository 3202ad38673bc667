//! Reflection descriptors: the `'static`, `#[repr(C)]`, const-built data that
//! `#[derive(PyType)]` and `#[methods]` emit about a Rust type, read by the engine
//! (`engine::class`) once, when the type object is created; and the conversion
//! descriptors of `derive(FromPyObject)`/`derive(IntoPyObject)`, walked by
//! `engine::describe` on every conversion.
//!
//! Nothing here allocates or runs code at description time: every descriptor is a
//! `const`/`static`, and references to other descriptors are `&'static` or `fn` pointers.
mod buffer;
mod conversion;
mod enum_desc;
mod field;
mod flags;
mod function;
mod items;
mod protocol;
mod signature;
mod type_desc;
mod type_hint;

pub use buffer::BufferDesc;
pub use conversion::{
    EnumIn, FieldIn, FieldInto, FieldOut, ItemKey, OutKind, Source, StructIn, StructOut,
    VariantExtract, VariantIn,
};
pub use enum_desc::{DataEnumDesc, DataVariantDesc, EnumBase, EnumDesc, VariantDesc};
pub use field::{
    DataFieldDesc, FieldClear, FieldDefault, FieldDesc, FieldDrop, FieldGetter, FieldInit,
    FieldKind, FieldSetter, FieldVisit, MemberType,
};
pub use flags::{FieldFlags, TypeFlags};
pub use function::{FnBody, FnDesc};
pub use items::{
    ClassAttrDesc, ImplItems, MethodDesc, MethodKind, PropertyDeleter, PropertyDesc,
    PropertyGetter, PropertySetter,
};
pub use protocol::{
    BinaryGlue, CompareGlue, ContainsGlue, DeleteGlue, Dunder, EffectGlue, HashGlue, LenGlue,
    MagicGlue, MagicMethod, PredicateGlue, ProtocolFlags, Protocols, SlotEntry, StoreGlue,
    TernaryGlue, Traversal, TraverseGlue, UnaryGlue,
};
pub use signature::{InternCell, Param, ParamKind, Signature, SignatureHints, VarNames};
pub use type_desc::{TypeDesc, MAX_IMPL_PARTS};
pub use type_hint::TypeHint;

#[cfg(test)]
mod layering {
    /// The descriptors stand alone: nothing under `reflect/` names the engine (doc
    /// comments may mention it), so the engine reads descriptors and never the reverse.
    #[test]
    fn reflect_does_not_import_engine() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/reflect");
        let mut offenders = Vec::new();
        for entry in std::fs::read_dir(dir).expect("reflect/ is readable") {
            let path = entry.expect("a directory entry").path();
            let text = std::fs::read_to_string(&path).expect("a source file");
            for (number, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if code.contains(concat!("engine", "::")) {
                    offenders.push(format!(
                        "{}:{}: {}",
                        path.display(),
                        number + 1,
                        line.trim()
                    ));
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "reflect/ imports the engine:\n{}",
            offenders.join("\n")
        );
    }
}
