//! One small vector class per element format (`b B h H i I q Q f d ?`) and per storage
//! kind (`Vec`, `Box<[T]>`, `[T; N]`, read-only, frozen), built from a list of numbers.
use bind::prelude::*;

macro_rules! vector_class {
    ($($name:ident: $elem:ty;)*) => {$(
        /// A vector exporting its elements with this element's format.
        #[derive(PyType)]
        #[bind(module = "arrays")]
        pub struct $name {
            #[bind(buffer)]
            items: Vec<$elem>,
        }

        #[methods]
        impl $name {
            #[new]
            fn new(items: Vec<$elem>) -> Self {
                $name { items }
            }

            /// The elements as a list.
            fn tolist(&self) -> Vec<$elem> {
                self.items.clone()
            }

            /// Appends an element (`BufferError` while a view is alive).
            fn append(&mut self, value: $elem) {
                self.items.push(value);
            }
        }
    )*};
}

vector_class! {
    I8Vector: i8;
    U8Vector: u8;
    I16Vector: i16;
    U16Vector: u16;
    I32Vector: i32;
    U32Vector: u32;
    I64Vector: i64;
    U64Vector: u64;
    F32Vector: f32;
    F64Vector: f64;
}

/// Booleans: exported read-only (Python could write bytes that are not a `bool`).
#[derive(PyType)]
#[bind(module = "arrays")]
pub struct BoolVector {
    #[bind(buffer, readonly)]
    items: Vec<bool>,
}

#[methods]
impl BoolVector {
    #[new]
    fn new(items: Vec<bool>) -> Self {
        BoolVector { items }
    }
}

/// A boxed slice: a fixed length, but `&mut` could replace it, so it locks like `Vec`.
#[derive(PyType)]
#[bind(module = "arrays")]
pub struct BoxedI32 {
    #[bind(buffer)]
    items: Box<[i32]>,
}

#[methods]
impl BoxedI32 {
    #[new]
    fn new(items: Vec<i32>) -> Self {
        BoxedI32 {
            items: items.into_boxed_slice(),
        }
    }

    /// Replaces the contents (`BufferError` while a view is alive).
    fn replace(&mut self, items: Vec<i32>) {
        self.items = items.into_boxed_slice();
    }
}

/// Four doubles inside the object: `&mut` can only write them in place, so methods stay
/// callable while a view is alive.
#[derive(PyType)]
#[bind(module = "arrays")]
pub struct Quad {
    #[bind(buffer)]
    items: [f64; 4],
}

#[methods]
impl Quad {
    #[new]
    fn new() -> Self {
        Quad { items: [0.0; 4] }
    }

    /// Sets element `i`.
    fn set(&mut self, i: usize, value: f64) -> PyResult<()> {
        match self.items.get_mut(i) {
            Some(x) => {
                *x = value;
                Ok(())
            }
            None => Err(bind::exceptions::PyIndexError::new_err(
                "Quad index out of range",
            )),
        }
    }
}

/// A growable vector that stays writable in place while exported (an `Array`).
#[derive(PyType)]
#[bind(module = "arrays")]
pub struct Growable {
    #[bind(buffer)]
    items: Array<f64>,
}

#[methods]
impl Growable {
    #[new]
    fn new(items: Vec<f64>) -> Self {
        Growable {
            items: items.into(),
        }
    }

    fn __len__(&self) -> usize {
        self.items.len()
    }

    /// Sets every element (allowed while exported).
    fn fill(&mut self, value: f64) {
        self.items.fill(value);
    }

    /// Appends (`BufferError` while exported).
    fn push(&mut self, value: f64) -> PyResult<()> {
        self.items.push(value)
    }

    /// Resizes (`BufferError` while exported).
    fn resize(&mut self, n: usize) -> PyResult<()> {
        self.items.resize([n], 0.0)
    }

    /// Swaps the storage with a new array of `n` zeros and returns the old contents:
    /// allowed while exported (the old memory stays alive for the views).
    fn replace_storage(&mut self, n: usize) -> Vec<f64> {
        let old = std::mem::replace(&mut self.items, Array::zeros([n]));
        old.into_vec()
    }

    /// How many exports of the current storage are alive.
    fn exports(&self) -> usize {
        self.items.exports()
    }
}

/// A frozen class: its buffer is read-only.
#[derive(PyType)]
#[bind(module = "arrays", frozen)]
pub struct FrozenF64 {
    #[bind(buffer)]
    items: Vec<f64>,
}

#[methods]
impl FrozenF64 {
    #[new]
    fn new(items: Vec<f64>) -> Self {
        FrozenF64 { items }
    }
}

pub fn register(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_class::<I8Vector>()?;
    m.add_class::<U8Vector>()?;
    m.add_class::<I16Vector>()?;
    m.add_class::<U16Vector>()?;
    m.add_class::<I32Vector>()?;
    m.add_class::<U32Vector>()?;
    m.add_class::<I64Vector>()?;
    m.add_class::<U64Vector>()?;
    m.add_class::<F32Vector>()?;
    m.add_class::<F64Vector>()?;
    m.add_class::<BoolVector>()?;
    m.add_class::<BoxedI32>()?;
    m.add_class::<Quad>()?;
    m.add_class::<Growable>()?;
    m.add_class::<FrozenF64>()?;
    Ok(())
}
