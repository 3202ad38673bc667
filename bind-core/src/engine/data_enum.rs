//! Data-carrying Rust enums as a Python base class with one frozen dataclass subclass
//! per variant (`Shape.Circle(radius=1.0)`): fields are attributes, `match` works through
//! `__match_args__`, each subclass is the variant's constructor. Values convert by value
//! both ways: the derive's glue lists a variant's fields, the engine builds or reads the
//! instance from the [`DataEnumDesc`].
use crate::conversion::FromPyObject;
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::gil::Gil;
use crate::handle::{Handle, Owned};
use crate::reflect::DataEnumDesc;
use crate::types::{PyAny, PyDict, PyList, PyTuple};

/// A data-carrying Rust enum exposed as a class hierarchy; implemented by
/// `#[derive(PyType)]` on such an enum.
pub trait PyDataEnum: Sized + 'static {
    /// The enum descriptor.
    fn desc() -> &'static DataEnumDesc;
    /// The per-process cell holding the created classes.
    fn lazy() -> &'static LazyDataEnum;
}

/// The created base class and its variant subclasses, in variant order.
pub struct DataEnumRecord {
    base: Handle<PyAny>,
    variants: Vec<Handle<PyAny>>,
}

/// The cell of a data-carrying enum.
pub type LazyDataEnum = super::enums::EnumCell<DataEnumRecord>;

/// The record of enum `T`, creating its classes on first use.
fn record<T: PyDataEnum>(gil: Gil<'_>) -> PyResult<&'static DataEnumRecord> {
    T::lazy().get_or_create(|| create(gil, T::desc()))
}

fn create(gil: Gil<'_>, desc: &'static DataEnumDesc) -> PyResult<DataEnumRecord> {
    let variants = PyList::new(gil, std::iter::empty::<Owned<'_, PyAny>>())?;
    for variant in desc.variants {
        let fields: Vec<&str> = variant
            .fields
            .iter()
            .map(|f| f.to_str().unwrap_or("?"))
            .collect();
        let fields = PyTuple::new(gil, fields)?;
        let name = crate::types::PyStr::new(gil, variant.name.to_str().unwrap_or("?"));
        let doc = match variant.doc.and_then(|d| d.to_str().ok()) {
            Some(doc) => crate::types::PyStr::new(gil, doc).into_any(),
            None => gil.none().into_any(),
        };
        variants.append(PyTuple::new(
            gil,
            [name.into_any(), fields.into_any(), doc],
        )?)?;
    }
    let globals = PyDict::new(gil);
    gil.run(include_str!("data_enum_support.py"), Some(&globals), None)?;
    let make = globals
        .get_item("make")?
        .ok_or_else(|| PyTypeError::new_err("the data enum support code did not load"))?;
    let base = make.call1((
        desc.name.to_str().unwrap_or("?"),
        desc.module
            .and_then(|m| m.to_str().ok())
            .unwrap_or("builtins"),
        desc.doc.and_then(|d| d.to_str().ok()),
        variants,
    ))?;
    let mut classes = Vec::with_capacity(desc.variants.len());
    for variant in desc.variants {
        classes.push(base.getattr(variant.name.to_str().unwrap_or("?"))?.unbind());
    }
    Ok(DataEnumRecord {
        base: base.unbind(),
        variants: classes,
    })
}

/// The base class of enum `T`.
pub fn data_enum_class<T: PyDataEnum>(gil: Gil<'_>) -> PyResult<Owned<'_, PyAny>> {
    Ok(record::<T>(gil)?.base.bind(gil).clone())
}

/// An instance of variant `index` from its field values (the `IntoPyObject` glue).
pub fn variant_to_py<'py, T: PyDataEnum, const N: usize>(
    gil: Gil<'py>,
    index: usize,
    values: [Owned<'py, PyAny>; N],
) -> PyResult<Owned<'py, PyAny>> {
    let record = record::<T>(gil)?;
    let class = record
        .variants
        .get(index)
        .ok_or_else(|| PyTypeError::new_err("enum variant out of range"))?;
    class.bind(gil).call1(PyTuple::new(gil, values)?)
}

/// The variant of an instance (the first step of the `FromPyObject` glue): its index,
/// or `TypeError` naming the variants.
pub fn variant_of<T: PyDataEnum>(obj: &Owned<'_, PyAny>) -> PyResult<usize> {
    let gil = obj.gil();
    let record = record::<T>(gil)?;
    // SAFETY: a live object; its type is live while it is.
    let ty = unsafe { crate::ffi::Py_TYPE(obj.as_ptr()) };
    if let Some(index) = record.variants.iter().position(|v| v.as_ptr() == ty.cast()) {
        return Ok(index);
    }
    Err(not_a_variant(T::desc(), obj))
}

#[cold]
fn not_a_variant(desc: &DataEnumDesc, obj: &Owned<'_, PyAny>) -> PyErr {
    let name = desc.name.to_string_lossy();
    let allowed: Vec<String> = desc
        .variants
        .iter()
        .map(|v| format!("{name}.{}", v.name.to_string_lossy()))
        .collect();
    PyTypeError::new_err(format!(
        "expected a {name} ({}), got '{}'",
        allowed.join(", "),
        obj.type_name()
    ))
}

/// Field `field` of variant `index` of an instance, converted (errors name the variant
/// and the field: `Shape.Circle.radius: …`).
pub fn variant_field<T: PyDataEnum, F>(
    obj: &Owned<'_, PyAny>,
    index: usize,
    field: usize,
) -> PyResult<F>
where
    F: for<'a, 'py> FromPyObject<'a, 'py>,
{
    let desc = T::desc();
    let variant = &desc.variants[index];
    let name = variant.fields[field].to_str().unwrap_or("?");
    let value = obj.getattr(name)?;
    F::extract(&value).map_err(|e| {
        crate::engine::args::prefixed_error(
            obj.gil(),
            e,
            &format!(
                "{}.{}.{name}: ",
                desc.name.to_string_lossy(),
                variant.name.to_string_lossy()
            ),
        )
    })
}
