//! References to Python objects: [`Owned`] (GIL-bound, strong), [`Borrowed`] (GIL-bound,
//! no refcount traffic) and [`Handle`] (GIL-independent, `Send + Sync`).
mod borrowed;
mod detached;
mod owned;

pub use borrowed::Borrowed;
pub use detached::Handle;
pub use owned::{DerefToPyAny, Owned};
