//! What a conversion accepts, as data: the shape of the Python values that extract into a
//! Rust type, for tools that generate such values (bind-fuzz-kit builds values of a shape
//! and near-misses from it).
//!
//! `derive(FromPyObject)` implements [`Shaped`] for the types it derives: their shape links
//! the extraction descriptor the derive already emits ([`StructIn`]: sources,
//! defaults, tuple length) with one [`FieldShape`] per field. The std types that bind
//! converts have their impls here. A field whose type has no `Shaped` impl is described by
//! its conversion's [`TypeHint`] ([`Shape::Hint`]), so a derive never requires more of its
//! field types than `FromPyObject`; `from_py_with` and `serde` fields are [`Shape::Any`].
//!
//! Like every descriptor, shapes are `'static` data: links to another type's shape are
//! `fn` pointers (recursive types are fine) or `&'static` constants.
use bind_core::conversion::FromPyObject;
use bind_core::reflect::TypeHint;
/// The extraction descriptors a shape links (read them, as the engine does).
pub use bind_core::reflect::{FieldIn, ItemKey, Source, StructIn};
use std::marker::PhantomData;

/// The Python values a conversion accepts.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// Nothing is known: `from_py_with` and `#[bind(serde)]` fields, custom conversions.
    Any,
    /// Only the conversion's annotation is known (a field type without a `Shaped` impl).
    Hint(TypeHint),
    /// `None` (`()`).
    None,
    /// `True` or `False` (`bool` is strict).
    Bool,
    /// An `int` (or an object with `__index__`) in the range of a Rust integer type.
    Int {
        /// The width of the Rust type.
        bits: u8,
        /// Whether the type is signed.
        signed: bool,
        /// `NonZero*`: zero is refused.
        nonzero: bool,
    },
    /// A `float`, an `int` or an object with `__float__` (`f32`, `f64`).
    Float {
        /// The width of the Rust type (32: values are rounded to `f32`).
        bits: u8,
    },
    /// A `str` encodable as UTF-8.
    Str,
    /// A `str` of exactly one character.
    Char,
    /// `None` or the inner shape (`Option<T>`).
    Optional(&'static Shape),
    /// Any sequence but `str` (`Vec<T>`, `VecDeque<T>`, `Box<[T]>`, `SmallVec`); out, a
    /// `list`. A sequence of `u8` also accepts `bytes`/`bytearray` and converts to `bytes`.
    Seq(&'static Shape),
    /// A sequence of exactly this many items (`[T; N]`; `bytes` out for `u8`).
    Array(&'static Shape, usize),
    /// A `tuple` of exactly these items (Rust tuples).
    Tuple(&'static [Shape]),
    /// A `dict` (`HashMap`, `BTreeMap`, `IndexMap`): key and value shapes.
    Map(&'static Shape, &'static Shape),
    /// A `set` or `frozenset` (`HashSet`, `BTreeSet`, `IndexSet`).
    Set(&'static Shape),
    /// A `derive(FromPyObject)` struct.
    Struct(fn() -> &'static StructShape),
    /// A `derive(FromPyObject)` enum: each variant is tried in order.
    Enum(fn() -> &'static EnumShape),
}

/// A derived struct (or enum variant): its extraction descriptor plus each field's shape.
#[derive(Clone, Copy)]
pub struct StructShape {
    /// What `derive(FromPyObject)` reads: the name, the sequence length of tuple structs,
    /// and each field's [`Source`] and default.
    pub input: &'static StructIn,
    /// One entry per field of `input.fields`, in the same order.
    pub fields: &'static [FieldShape],
}

/// One field of a [`StructShape`].
#[derive(Clone, Copy)]
pub struct FieldShape {
    /// The Rust field name (`0`, `1`, … for tuple fields): the key `derive(IntoPyObject)`
    /// gives a field read with a non-string `item(...)` key.
    pub name: &'static str,
    /// What the field accepts: `Shape::Any` for `from_py_with` and `serde` fields.
    pub shape: fn() -> Shape,
}

/// A derived enum: its name and each variant's shape, in the order extraction tries them.
#[derive(Clone, Copy)]
pub struct EnumShape {
    /// The enum's name, as its extraction errors write it.
    pub name: &'static str,
    /// One entry per variant, in the order `derive(FromPyObject)` tries them.
    pub variants: &'static [StructShape],
}

/// A type whose accepted Python values are described by a [`Shape`]. Implemented by
/// `derive(FromPyObject)` and for bind's std conversions; implement it for a hand-written
/// conversion to let generators build its values.
pub trait Shaped {
    /// The shape of the values `FromPyObject` accepts.
    const SHAPE: Shape;
}

macro_rules! int_shapes {
    ($($ty:ty => $signed:literal, $nonzero:literal;)*) => {$(
        impl Shaped for $ty {
            const SHAPE: Shape = Shape::Int {
                bits: (std::mem::size_of::<$ty>() * 8) as u8,
                signed: $signed,
                nonzero: $nonzero,
            };
        }
    )*};
}

int_shapes! {
    i8 => true, false; i16 => true, false; i32 => true, false; i64 => true, false;
    i128 => true, false; isize => true, false;
    u8 => false, false; u16 => false, false; u32 => false, false; u64 => false, false;
    u128 => false, false; usize => false, false;
    std::num::NonZeroI8 => true, true; std::num::NonZeroI16 => true, true;
    std::num::NonZeroI32 => true, true; std::num::NonZeroI64 => true, true;
    std::num::NonZeroIsize => true, true;
    std::num::NonZeroU8 => false, true; std::num::NonZeroU16 => false, true;
    std::num::NonZeroU32 => false, true; std::num::NonZeroU64 => false, true;
    std::num::NonZeroUsize => false, true;
}

impl Shaped for f32 {
    const SHAPE: Shape = Shape::Float { bits: 32 };
}
impl Shaped for f64 {
    const SHAPE: Shape = Shape::Float { bits: 64 };
}
impl Shaped for bool {
    const SHAPE: Shape = Shape::Bool;
}
impl Shaped for () {
    const SHAPE: Shape = Shape::None;
}
impl Shaped for String {
    const SHAPE: Shape = Shape::Str;
}
impl Shaped for char {
    const SHAPE: Shape = Shape::Char;
}
impl<T: Shaped> Shaped for Option<T> {
    const SHAPE: Shape = Shape::Optional(&T::SHAPE);
}
impl<T: Shaped> Shaped for Vec<T> {
    const SHAPE: Shape = Shape::Seq(&T::SHAPE);
}
impl<T: Shaped> Shaped for Box<[T]> {
    const SHAPE: Shape = Shape::Seq(&T::SHAPE);
}
impl<T: Shaped> Shaped for std::collections::VecDeque<T> {
    const SHAPE: Shape = Shape::Seq(&T::SHAPE);
}
impl<A: smallvec::Array> Shaped for smallvec::SmallVec<A>
where
    A::Item: Shaped,
{
    const SHAPE: Shape = Shape::Seq(&A::Item::SHAPE);
}
impl<T: Shaped, const N: usize> Shaped for [T; N] {
    const SHAPE: Shape = Shape::Array(&T::SHAPE, N);
}
impl<K: Shaped, V: Shaped, S> Shaped for std::collections::HashMap<K, V, S> {
    const SHAPE: Shape = Shape::Map(&K::SHAPE, &V::SHAPE);
}
impl<K: Shaped, V: Shaped> Shaped for std::collections::BTreeMap<K, V> {
    const SHAPE: Shape = Shape::Map(&K::SHAPE, &V::SHAPE);
}
impl<K: Shaped, V: Shaped, S> Shaped for indexmap::IndexMap<K, V, S> {
    const SHAPE: Shape = Shape::Map(&K::SHAPE, &V::SHAPE);
}
impl<T: Shaped, S> Shaped for std::collections::HashSet<T, S> {
    const SHAPE: Shape = Shape::Set(&T::SHAPE);
}
impl<T: Shaped> Shaped for std::collections::BTreeSet<T> {
    const SHAPE: Shape = Shape::Set(&T::SHAPE);
}
impl<T: Shaped, S> Shaped for indexmap::IndexSet<T, S> {
    const SHAPE: Shape = Shape::Set(&T::SHAPE);
}

macro_rules! tuple_shapes {
    ($($name:ident)+) => {
        impl<$($name: Shaped),+> Shaped for ($($name,)+) {
            const SHAPE: Shape = Shape::Tuple(&[$($name::SHAPE),+]);
        }
    };
}

tuple_shapes!(A);
tuple_shapes!(A B);
tuple_shapes!(A B C);
tuple_shapes!(A B C D);
tuple_shapes!(A B C D E);
tuple_shapes!(A B C D E F);
tuple_shapes!(A B C D E F G);
tuple_shapes!(A B C D E F G H);
tuple_shapes!(A B C D E F G H I);
tuple_shapes!(A B C D E F G H I J);
tuple_shapes!(A B C D E F G H I J K);
tuple_shapes!(A B C D E F G H I J K L);

/// The probe the derive calls `shape()` on for a field type: its [`Shaped`] shape, else
/// its `FromPyObject` annotation, else [`Shape::Any`] (autoref specialisation, so that a
/// field type needs nothing beyond the conversion it already has).
#[doc(hidden)]
pub struct ShapeProbe<T>(PhantomData<T>);

impl<T> ShapeProbe<T> {
    /// The probe value.
    pub const NEW: Self = ShapeProbe(PhantomData);
}

/// Chosen first: the type has a [`Shaped`] impl.
#[doc(hidden)]
pub trait ViaShaped {
    /// The type's shape.
    fn shape(&self) -> Shape;
}

impl<T: Shaped> ViaShaped for &ShapeProbe<T> {
    fn shape(&self) -> Shape {
        T::SHAPE
    }
}

/// Chosen one autoref later: the type converts from Python, so its annotation is known.
#[doc(hidden)]
pub trait ViaHint {
    /// The type's annotation as a shape.
    fn shape(&self) -> Shape;
}

impl<T: for<'a, 'py> FromPyObject<'a, 'py>> ViaHint for &&ShapeProbe<T> {
    fn shape(&self) -> Shape {
        Shape::Hint(<T as FromPyObject<'static, 'static>>::TYPE_HINT)
    }
}

/// Chosen last (after a deref): nothing is known.
#[doc(hidden)]
pub trait ViaAny {
    /// [`Shape::Any`].
    fn shape(&self) -> Shape {
        Shape::Any
    }
}

impl<T> ViaAny for ShapeProbe<T> {}

#[cfg(test)]
mod tests {
    use super::*;

    struct Hinted;
    impl<'a, 'py> FromPyObject<'a, 'py> for Hinted {
        const TYPE_HINT: TypeHint = TypeHint::Name("Hinted");
        fn extract(
            _: &'a bind_core::Owned<'py, bind_core::types::PyAny>,
        ) -> bind_core::PyResult<Self> {
            Ok(Hinted)
        }
    }
    struct Opaque;

    #[test]
    #[allow(clippy::needless_borrow)] // the borrows are the probe's autoref steps
    fn the_probe_prefers_shaped_then_the_hint_then_any() {
        assert!(matches!(
            (&&ShapeProbe::<Vec<u8>>::NEW).shape(),
            Shape::Seq(Shape::Int {
                bits: 8,
                signed: false,
                nonzero: false
            })
        ));
        assert!(matches!(
            (&&ShapeProbe::<Hinted>::NEW).shape(),
            Shape::Hint(TypeHint::Name("Hinted"))
        ));
        assert!(matches!((&&ShapeProbe::<Opaque>::NEW).shape(), Shape::Any));
    }
}
