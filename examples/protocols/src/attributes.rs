//! Attribute hooks and descriptors: a record with dynamic fields, a validating
//! descriptor, and an unhashable class.
use bind::exceptions::{PyAttributeError, PyValueError};
use bind::prelude::*;
use std::collections::BTreeMap;

/// A record whose fields are set and read like attributes.
#[derive(PyType, Default)]
#[bind(module = "protocols_demo")]
pub struct Record {
    fields: BTreeMap<String, i64>,
}

#[methods]
impl Record {
    #[new]
    fn new() -> Self {
        Record::default()
    }

    /// Called only when normal lookup fails (methods are still found).
    fn __getattr__(&self, name: &str) -> PyResult<i64> {
        self.fields.get(name).copied().ok_or_else(|| {
            PyAttributeError::new_err(format!("'Record' object has no attribute '{name}'"))
        })
    }

    fn __setattr__(&mut self, name: String, value: i64) {
        self.fields.insert(name, value);
    }

    fn __delattr__(&mut self, name: &str) -> PyResult<()> {
        self.fields
            .remove(name)
            .map(|_| ())
            .ok_or_else(|| PyAttributeError::new_err(name.to_owned()))
    }

    fn names(&self) -> Vec<String> {
        self.fields.keys().cloned().collect()
    }
}

/// A descriptor accepting only positive integers, stored on the instance under `_name`.
#[derive(PyType)]
#[bind(module = "protocols_demo")]
pub struct Positive {
    name: String,
}

#[methods]
impl Positive {
    #[new]
    fn new() -> Self {
        Positive {
            name: String::new(),
        }
    }

    /// Python tells the descriptor its attribute name.
    fn __set_name__(&mut self, _owner: Owned<'_, PyAny>, name: String) {
        self.name = format!("_{name}");
    }

    fn __get__<'py>(
        slf: PyRef<'py, Self>,
        instance: Option<Owned<'py, PyAny>>,
        _owner: Option<Owned<'py, PyAny>>,
    ) -> PyResult<Owned<'py, PyAny>> {
        match instance {
            None => Ok(slf.as_owned().clone().into_any()),
            Some(obj) => obj.getattr(slf.name.as_str()),
        }
    }

    fn __set__(&self, instance: Owned<'_, PyAny>, value: i64) -> PyResult<()> {
        if value <= 0 {
            return Err(PyValueError::new_err(format!(
                "{} must be positive, not {value}",
                &self.name[1..]
            )));
        }
        instance.setattr(self.name.as_str(), value)
    }

    fn __delete__(&self, instance: Owned<'_, PyAny>) -> PyResult<()> {
        instance.delattr(self.name.as_str())
    }
}

/// A label compared by value and therefore unhashable, like a Python class that defines
/// `__eq__` and sets `__hash__ = None`.
#[derive(PyType)]
#[bind(module = "protocols_demo")]
pub struct Tag {
    #[bind(get)]
    label: String,
}

#[methods(unhashable)]
impl Tag {
    #[new]
    fn new(label: String) -> Self {
        Tag { label }
    }

    fn __eq__(&self, other: PyRef<'_, Tag>) -> bool {
        self.label == other.label
    }
}
