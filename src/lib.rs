//! bind: Rust ⇄ Python bindings built from reflection descriptors.
//!
//! Write plain Rust functions and data types, mark them with bind's attributes, and get
//! a CPython extension module. `use bind::prelude::*;` is all a user imports.
//!
//! ```no_run
//! use bind::prelude::*;
//!
//! /// Formats the sum of two numbers as a string.
//! #[function]
//! fn sum_as_string(a: usize, b: usize) -> String {
//!     (a + b).to_string()
//! }
//!
//! #[module]
//! fn quickstart(m: &Owned<'_, PyModule>) -> PyResult<()> {
//!     m.add_function(wrap!(sum_as_string))
//! }
//! # fn main() {}
//! ```

pub mod guide;

/// The serde bridge (`bind-conversions`).
pub use bind_conversions::serde as serde_bridge;
pub use bind_conversions::serde::Serde;
/// What conversions accept, as data (`Shaped`): read by value generators such as
/// bind-fuzz-kit.
pub use bind_conversions::shape;
pub use bind_core::buffer;
pub use bind_core::buffer::Element;
pub use bind_core::engine::class::{Initializer, PyClass, PyRef, PyRefMut};
pub use bind_core::engine::closure::new_closure;
pub use bind_core::engine::protocols::{IterNextOutput, PyVisit, TraverseError};
pub use bind_core::reflect;
pub use bind_core::types::CompareOp;
pub use bind_core::{
    conversion, engine, err, exceptions, ffi, gil, handle, panic, shutdown, types, Borrowed,
    FromPyObject, Gil, Handle, IntoPyObject, Owned, PyErr, PyResult,
};
pub use bind_core::{create_exception, if_buffers, import_exception, intern};
/// `#[derive(Element)]` for `#[repr(C)]` record elements of buffers, and the trait.
pub use bind_derive::Element;
pub use bind_derive::{function, module, FromPyObject, IntoPyObject};
pub use bind_derive::{methods, PyType};

#[cfg(feature = "embed")]
pub use bind_core::gil::initialize;

/// What a user of bind imports: the attributes, the handle types, the native types,
/// errors and the conversion traits.
pub mod prelude {
    pub use crate::types::{
        PyAny, PyBool, PyByteArray, PyBytes, PyCapsule, PyComplex, PyDate, PyDateTime, PyDelta,
        PyDict, PyFloat, PyFrozenSet, PyInt, PyIterator, PyList, PyMemoryView, PyModule, PyNone,
        PySet, PySlice, PyStr, PyTime, PyTuple, PyType, PyTzInfo, PyWeakref, PyWeakrefProxy,
        PyWeakrefReference,
    };
    pub use crate::{function, methods, module, wrap, Element, PyType, Serde};
    pub use crate::{Borrowed, FromPyObject, Gil, Handle, IntoPyObject, Owned, PyErr, PyResult};
    pub use crate::{
        CompareOp, Initializer, IterNextOutput, PyRef, PyRefMut, PyVisit, TraverseError,
    };
    pub use bind_core::buffer::{Array, ArrayMut, ArrayRef, SliceMut, SliceRef};
}

/// The function definition emitted by `#[function]` for `name`, for `add_function`.
#[macro_export]
macro_rules! wrap {
    ($($segment:ident)::+) => {
        &$($segment)::+::__BIND_FN
    };
}

/// Paths used by generated code. Not a public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    /// derive(FromPyObject) and derive(IntoPyObject): the conversion tables, the shape
    /// traits tying them to their shadow tuples, the engine's entry points and the glue.
    pub mod conv {
        pub use bind_conversions::serde::SerdeField;
        pub use bind_core::engine::describe::glue;
        pub use bind_core::engine::describe::{
            extract_enum, extract_struct, into_py_struct, FromPyShape, IntoPyShape,
        };
        pub use bind_core::reflect::{
            EnumIn, FieldIn, FieldOut, ItemKey, OutKind, Source, StructIn, StructOut, VariantIn,
        };
    }
    pub use bind_conversions::serde as serde_bridge;
    pub use bind_conversions::shape;
    pub use bind_core::arguments::ParsedArgs;
    pub use bind_core::engine::args::{extract_argument, param_hint_of};
    pub use bind_core::engine::function::{
        module_ref, return_object, return_value, FnDef, FunctionHolder,
    };
    pub use bind_core::engine::module::ModuleDef;
    pub use bind_core::reflect::TypeHint;
    pub use bind_core::reflect::{FnDesc, InternCell, Param, ParamKind, Signature};
    pub use bind_core::reflect::{SignatureHints, VarNames};
    // Classes: derive(PyType) and #[methods].
    pub use bind_core::engine::class::buffer::{readonly_buffer, writable_buffer};
    pub use bind_core::engine::class::dataclass::{
        init_field, write_default, FieldDefaultValue, InitFallback, InitProbe, InitViaExtract,
    };
    pub use bind_core::engine::class::gc::{clear_field, visit_field};
    pub use bind_core::engine::class::getset::{
        extract_property, get_field, get_object_field, set_field,
    };
    pub use bind_core::engine::class::init::{constructor_return, new_instance};
    pub use bind_core::engine::class::layout::Layout;
    pub use bind_core::engine::class::parts::{ImplPart, ItemsFallback, ItemsProbe, ItemsViaPart};
    pub use bind_core::engine::class::{
        drop_erased, LazyClass, MutableClass, PyClass, SelfMut, SelfRef,
    };
    pub use bind_core::engine::data_enum::{
        data_enum_class, variant_field, variant_of, variant_to_py, LazyDataEnum, PyDataEnum,
    };
    pub use bind_core::engine::enums::{
        enum_class, enum_from_py, enum_to_py, LazyEnum, PyEnum, PyEnumType,
    };
    pub use bind_core::engine::protocols::{
        anext_output, call_glue, compare_op_arg, hash_value, iter_next_output, new_reference,
        not_implemented, protocol_entries, traverse_with,
    };
    pub use bind_core::ffi::{Py_EQ, Py_GE, Py_GT, Py_LE, Py_LT, Py_NE};
    pub use bind_core::reflect::{
        BufferDesc, ClassAttrDesc, DataEnumDesc, DataFieldDesc, DataVariantDesc, EnumBase,
        EnumDesc, FieldDesc, FieldFlags, FieldInit, FieldKind, ImplItems, MemberType, MethodDesc,
        MethodKind, PropertyDesc, TypeDesc, TypeFlags, VariantDesc, MAX_IMPL_PARTS,
    };
    pub use bind_core::reflect::{
        Dunder, MagicGlue, MagicMethod, ProtocolFlags, Protocols, Traversal,
    };
    pub use bind_core::{Borrowed, Owned};
}
