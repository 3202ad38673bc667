//! The engine: it reads `'static` descriptors emitted by the macros and does the work
//! CPython needs — entering a GIL scope and catching panics on every call from Python
//! ([`trampoline`]), parsing arguments against a [`Signature`] ([`args`]), building
//! function objects ([`function`]) and modules ([`module`]), and converting the values of
//! `derive(FromPyObject)`/`derive(IntoPyObject)` types ([`describe`]).
mod arg_errors;
pub mod args;
pub mod class;
pub mod closure;
pub mod data_enum;
pub mod describe;
pub mod enums;
pub mod function;
pub mod module;
pub mod protocols;
#[cfg(feature = "stubs")]
pub mod stubs;
pub mod trampoline;

pub use crate::reflect::{Param, ParamKind, Signature};
pub use args::{extract_argument, ParsedArgs};
pub use closure::new_closure;
pub use function::{FnDef, FnDesc};
pub use module::ModuleDef;
