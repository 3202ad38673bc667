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
    fn __getattr__(&self, name: String) -> PyResult<i64> {
        self.fields.get(&name).copied().ok_or_else(|| {
            PyAttributeError::new_err(format!("'Record' object has no attribute '{name}'"))
        })
    }

    fn __setattr__(&mut self, name: String, value: i64) {
        self.fields.insert(name, value);
    }

    fn __delattr__(&mut self, name: String) -> PyResult<()> {
        self.fields
            .remove(&name)
            .map(|_| ())
            .ok_or_else(|| PyAttributeError::new_err(name.clone()))
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

/// A finalizer: `__del__` appends the guard's name to `log` — once, even when it stores
/// the guard somewhere (`keep`) and so brings it back to life.
#[derive(PyType)]
#[bind(module = "protocols_demo", gc)]
pub struct Guard {
    #[bind(get)]
    name: String,
    log: Handle<PyAny>,
    keep: Option<Handle<PyAny>>,
}

#[methods]
impl Guard {
    #[new]
    #[bind(signature = (name, log, keep = None))]
    fn new(name: String, log: Handle<PyAny>, keep: Option<Handle<PyAny>>) -> Self {
        Guard { name, log, keep }
    }

    fn __del__(slf: PyRef<'_, Self>) -> PyResult<()> {
        let gil = slf.gil();
        slf.log
            .bind(gil)
            .call_method1("append", (slf.name.clone(),))?;
        if let Some(keep) = &slf.keep {
            keep.bind(gil)
                .call_method1("append", (slf.as_owned().clone(),))?;
        }
        Ok(())
    }
}

/// A bag of Python objects kept in a `Vec`: `__traverse__` shows them to the cycle
/// collector and `__clear__` lets them go, so a bag that (indirectly) holds itself is
/// freed.
#[derive(PyType, Default)]
#[bind(module = "protocols_demo")]
pub struct Bag {
    items: Vec<Handle<PyAny>>,
}

#[methods]
impl Bag {
    #[new]
    fn new() -> Self {
        Bag::default()
    }

    fn add(&mut self, item: Handle<PyAny>) {
        self.items.push(item);
    }

    fn __len__(&self) -> usize {
        self.items.len()
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), TraverseError> {
        for item in &self.items {
            visit.call(item)?;
        }
        Ok(())
    }

    fn __clear__(&mut self) {
        self.items.clear();
    }
}
