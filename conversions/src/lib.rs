//! The generic value mappings of bind: the [`serde`](mod@serde) bridge, a Serializer that
//! builds Python objects and a Deserializer that reads them, plus the
//! [`Serde<T>`](serde::Serde) wrapper and the serde glue of the descriptor conversions
//! ([`SerdeField`](serde::SerdeField)).
//!
//! Everything here reaches CPython through bind-core's safe handles: the crate denies
//! `unsafe` code. The descriptor interpreter behind `derive(FromPyObject)` and
//! `derive(IntoPyObject)` is bind-core's `engine::describe`; [`shape`] says what a
//! conversion accepts, as data (`Shaped`), for generators of values and near-misses such
//! as bind-fuzz-kit.
#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod serde;
pub mod shape;
