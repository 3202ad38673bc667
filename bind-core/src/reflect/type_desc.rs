//! The descriptor of a class: what `#[derive(PyType)]` knows about the Rust type.
use super::buffer::BufferDesc;
use super::field::FieldDesc;
use super::flags::TypeFlags;
use super::items::ImplItems;
use std::ffi::CStr;

/// How many `#[methods]` blocks a class may have (`#[methods]` is block 0,
/// `#[methods(part = N)]` block N).
pub const MAX_IMPL_PARTS: usize = 4;

/// A class descriptor, emitted by `#[derive(PyType)]` as a `static`.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct TypeDesc {
    /// The Python class name (`name = "…"`, default the Rust name).
    pub name: &'static CStr,
    /// The module named in `__module__` and `repr` (`module = "…"`, default `builtins`).
    pub module: Option<&'static CStr>,
    /// `name` qualified by `module` (`"module.Name"`), as `PyType_Spec.name` needs it.
    pub qualified_name: &'static CStr,
    /// The struct's doc comment.
    pub doc: Option<&'static CStr>,
    /// `size_of::<T>()`.
    pub size: usize,
    /// `align_of::<T>()`.
    pub align: usize,
    /// Class options.
    pub flags: TypeFlags,
    /// `freelist = N`: freed instances kept for reuse (0: none).
    pub freelist: u32,
    /// The fields visible from Python or traversed for gc.
    pub fields: &'static [FieldDesc],
    /// The `#[methods]` blocks (missing blocks are [`ImplItems::EMPTY`]).
    pub items: fn() -> [&'static ImplItems; MAX_IMPL_PARTS],
    /// Drops the Rust value in place.
    pub drop: unsafe fn(*mut u8),
    /// `needs_drop::<T>()`: whether `drop` does anything (dealloc skips it otherwise).
    pub needs_drop: bool,
    /// The field exported through the buffer protocol (`#[bind(buffer)]`).
    pub buffer: Option<&'static BufferDesc>,
}

impl TypeDesc {
    /// The Python name as text.
    pub fn name_str(&self) -> &'static str {
        self.name.to_str().unwrap_or("?")
    }
}
