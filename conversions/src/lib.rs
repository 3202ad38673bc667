//! The generic value mappings of bind.
//!
//! - [`serde`](mod@serde): a Serializer that builds Python objects and a Deserializer that
//!   reads them, plus the [`Serde<T>`](serde::Serde) wrapper.
//! - [`describe`]: the descriptor interpreter behind `derive(FromPyObject)` and
//!   `derive(IntoPyObject)`: the derive emits `'static` field tables and thin glue, and
//!   this one engine does the reading, writing and error reporting.
//! - [`shape`]: what a conversion accepts, as data (`Shaped`), for generators of values
//!   and near-misses such as bind-fuzz-kit.
#![warn(missing_docs)]

pub mod describe;
pub mod serde;
pub mod shape;
