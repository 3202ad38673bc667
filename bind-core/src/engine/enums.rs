//! Fieldless Rust enums as real `enum.Enum` (or `enum.IntEnum`) subclasses: the class is
//! created once from an [`EnumDesc`] with the functional API of the `enum` module, its
//! members are kept in variant order, and conversions map a variant to its member (and
//! a member back, by identity).
use crate::err::PyResult;
use crate::exceptions::PyTypeError;
use crate::gil::Gil;
use crate::handle::{Handle, Owned};
use crate::reflect::{EnumBase, EnumDesc};
use crate::types::{PyAny, PyDict, PyList, PyModule, PyTuple};
use std::sync::OnceLock;

/// A fieldless Rust enum exposed as an `enum.Enum` subclass; implemented by
/// `#[derive(PyType)]` on an enum.
pub trait PyEnum: Sized + 'static {
    /// The enum descriptor.
    fn desc() -> &'static EnumDesc;
    /// The per-process cell holding the created class.
    fn lazy() -> &'static LazyEnum;
    /// The variant's position in [`EnumDesc::variants`].
    fn index(&self) -> usize;
    /// The variant at `index` (`None` out of range).
    fn from_index(index: usize) -> Option<Self>;
}

/// The created class and its members, in variant order.
pub struct EnumRecord {
    class: Handle<PyAny>,
    members: Vec<Handle<PyAny>>,
}

/// The per-enum cell of the created classes (`R`: the record of a fieldless or a
/// data-carrying enum), created on first use and kept for the process.
pub struct EnumCell<R>(OnceLock<R>);

impl<R> EnumCell<R> {
    /// An empty cell.
    pub const fn new() -> EnumCell<R> {
        EnumCell(OnceLock::new())
    }

    /// The record, made by `create` on first use. Creating the classes runs Python code:
    /// another thread may finish first; the first record wins.
    pub(crate) fn get_or_create(
        &'static self,
        create: impl FnOnce() -> PyResult<R>,
    ) -> PyResult<&'static R> {
        if let Some(record) = self.0.get() {
            return Ok(record);
        }
        let record = create()?;
        Ok(self.0.get_or_init(|| record))
    }
}

impl<R> Default for EnumCell<R> {
    fn default() -> Self {
        Self::new()
    }
}

/// The cell of a fieldless enum.
pub type LazyEnum = EnumCell<EnumRecord>;

/// The record of enum `T`, creating its class on first use.
fn record<T: PyEnum>(gil: Gil<'_>) -> PyResult<&'static EnumRecord> {
    T::lazy().get_or_create(|| create(gil, T::desc()))
}

fn create(gil: Gil<'_>, desc: &'static EnumDesc) -> PyResult<EnumRecord> {
    let module = gil.import("enum")?;
    let base = module.getattr(match desc.base {
        EnumBase::Enum => "Enum",
        EnumBase::IntEnum => "IntEnum",
    })?;
    let name = desc.name.to_str().unwrap_or("?");
    let members = PyList::new(gil, std::iter::empty::<Owned<'_, PyAny>>())?;
    for variant in desc.variants {
        let pair = PyTuple::new(
            gil,
            [
                variant.name.to_str().unwrap_or("?").into_py_any(gil)?,
                variant.value.into_py_any(gil)?,
            ],
        )?;
        members.append(pair)?;
    }
    let kwargs = PyDict::new(gil);
    kwargs.set_item("qualname", name)?;
    kwargs.set_item(
        "module",
        desc.module
            .and_then(|m| m.to_str().ok())
            .unwrap_or("builtins"),
    )?;
    let class = base.call((name, members), Some(&kwargs))?;
    if let Some(doc) = desc.doc {
        class.setattr("__doc__", doc.to_str().unwrap_or(""))?;
    }
    let mut handles = Vec::with_capacity(desc.variants.len());
    for variant in desc.variants {
        handles.push(
            class
                .getattr(variant.name.to_str().unwrap_or("?"))?
                .unbind(),
        );
    }
    Ok(EnumRecord {
        class: class.unbind(),
        members: handles,
    })
}

trait IntoPyAny<'py> {
    fn into_py_any(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>>;
}

impl<'py, T: crate::conversion::IntoPyObject<'py>> IntoPyAny<'py> for T {
    fn into_py_any(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        self.into_py(gil)
    }
}

/// The class of enum `T`.
pub fn enum_class<T: PyEnum>(gil: Gil<'_>) -> PyResult<Owned<'_, PyAny>> {
    Ok(record::<T>(gil)?.class.bind(gil).clone())
}

/// The member of a variant (the `IntoPyObject` glue of an enum).
pub fn enum_to_py<'py, T: PyEnum>(gil: Gil<'py>, value: &T) -> PyResult<Owned<'py, PyAny>> {
    let record = record::<T>(gil)?;
    match record.members.get(value.index()) {
        Some(member) => Ok(member.bind(gil).clone()),
        None => Err(PyTypeError::new_err("enum variant out of range")),
    }
}

/// The variant of a member (the `FromPyObject` glue of an enum): members are matched by
/// identity; anything else raises `TypeError` naming the allowed members.
pub fn enum_from_py<T: PyEnum>(obj: &Owned<'_, PyAny>) -> PyResult<T> {
    let gil = obj.gil();
    let record = record::<T>(gil)?;
    if let Some(index) = record
        .members
        .iter()
        .position(|m| m.as_ptr() == obj.as_ptr())
    {
        if let Some(value) = T::from_index(index) {
            return Ok(value);
        }
    }
    Err(not_a_member(T::desc(), obj))
}

#[cold]
fn not_a_member(desc: &EnumDesc, obj: &Owned<'_, PyAny>) -> crate::err::PyErr {
    let name = desc.name.to_string_lossy();
    let allowed: Vec<String> = desc
        .variants
        .iter()
        .map(|v| format!("{name}.{}", v.name.to_string_lossy()))
        .collect();
    let got = obj
        .repr()
        .ok()
        .and_then(|r| r.to_str().ok().map(|s| s.into_owned()))
        .unwrap_or_else(|| obj.type_name());
    PyTypeError::new_err(format!(
        "expected a {name} member ({}), got {got}",
        allowed.join(", ")
    ))
}

/// A Rust enum with a Python class (fieldless: an `enum.Enum` subclass; data-carrying: a
/// base class with a subclass per variant); implemented by `#[derive(PyType)]`.
pub trait PyEnumType {
    /// The Python class name.
    const NAME: &'static str;
    /// The class, created on first use.
    fn enum_class(gil: Gil<'_>) -> PyResult<Owned<'_, PyAny>>;
}

impl<'py> Owned<'py, PyModule> {
    /// Adds enum `T` (created on first use) under its Python name.
    pub fn add_enum<T: PyEnumType>(&self) -> PyResult<()> {
        self.add(T::NAME, T::enum_class(self.gil())?)
    }
}
