//! The serde bridge: any `T: Serialize` becomes a Python object and any
//! `T: DeserializeOwned` is read from one, with the mapping documented in [`ser`] and
//! [`de`].
//!
//! Use [`Serde<T>`] as an argument or return type, derive `FromPyObject`/`IntoPyObject`
//! with `#[bind(serde)]` on the type or on one field, or call [`to_py`]/[`from_py`].
pub mod de;
mod erased;
mod error;
pub mod ser;
mod wrapper;

pub use bind_core::types::KeyCache;
pub use de::{from_py, Deserializer};
pub use erased::{from_py_erased, to_py_erased, SerdeField};
pub use error::Error;
pub use ser::{to_py, Serializer};
pub use wrapper::Serde;
