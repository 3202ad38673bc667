//! How a class finds its `#[methods]` blocks without a registry: each block implements
//! [`ImplPart<N>`] for its class; the derive probes `N = 0..MAX_IMPL_PARTS` with
//! autoref specialisation ([`ItemsProbe`]), falling back to an empty block.
use crate::reflect::ImplItems;
use std::marker::PhantomData;

/// Implemented by `#[methods]` (block 0) and `#[methods(part = N)]` (block N).
///
/// # Safety
/// The items' method tables, glue and protocol entries are called by CPython and the
/// engine as described (entry points returning new references or null with an exception
/// set; receivers of the class `Self`).
pub unsafe trait ImplPart<const N: usize> {
    /// What the block contributes.
    const ITEMS: &'static ImplItems;
}

/// The probe the derive calls `items()` on.
pub struct ItemsProbe<T, const N: usize>(PhantomData<T>);

impl<T, const N: usize> ItemsProbe<T, N> {
    /// The probe value.
    pub const NEW: Self = ItemsProbe(PhantomData);
}

/// Chosen when block `N` exists.
pub trait ItemsViaPart {
    /// The block's items.
    fn items(&self) -> &'static ImplItems;
}

impl<T: ImplPart<N>, const N: usize> ItemsViaPart for ItemsProbe<T, N> {
    #[inline(always)]
    fn items(&self) -> &'static ImplItems {
        T::ITEMS
    }
}

/// Chosen (one autoref later) when block `N` does not exist.
pub trait ItemsFallback {
    /// No items.
    fn items(&self) -> &'static ImplItems {
        &ImplItems::EMPTY
    }
}

impl<T, const N: usize> ItemsFallback for &ItemsProbe<T, N> {}
