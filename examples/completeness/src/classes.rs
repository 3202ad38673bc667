//! Class details: a class added to a module without a `module` option, class attributes
//! that are instances of the class itself, and exceptions with dotted names.
use bind::prelude::*;
use bind::types::PyTypeInfo;

/// A point in the plane, immutable. Declared without `module`: adding it to the module
/// gives it the module's name as `__module__`.
#[derive(PyType, Clone, Copy, Debug, PartialEq)]
#[bind(frozen)]
pub struct Point {
    #[bind(get)]
    x: f64,
    #[bind(get)]
    y: f64,
}

#[methods]
impl Point {
    /// The origin: a class attribute whose value is a `Point`.
    #[classattr]
    const ORIGIN: Point = Point { x: 0.0, y: 0.0 };

    #[new]
    fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }

    /// The unit vector along x, from a class attribute function returning `Self`.
    #[classattr]
    fn unit_x() -> Point {
        Point { x: 1.0, y: 0.0 }
    }

    fn __repr__(&self) -> String {
        format!("Point({}, {})", self.x, self.y)
    }

    /// The distance to `other`, another `Point` borrowed as `&Self`.
    fn distance(&self, other: &Self) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }

    /// The midpoint of two points (a static method taking `&Self` twice).
    #[staticmethod]
    fn midpoint(a: &Self, b: &Self) -> Point {
        Point {
            x: (a.x + b.x) / 2.0,
            y: (a.y + b.y) / 2.0,
        }
    }
}

/// A mutable counter, also without a `module` option.
#[derive(PyType, Default)]
pub struct Counter {
    #[bind(get, set)]
    count: u64,
}

#[methods]
impl Counter {
    /// A fresh counter shared as a class attribute.
    #[classattr]
    fn shared() -> Counter {
        Counter::default()
    }

    #[new]
    fn new() -> Self {
        Counter::default()
    }

    /// Moves `other`'s count into this counter (`&mut Self`: passing the counter itself
    /// raises, as it would need two mutable borrows of one object).
    fn absorb(&mut self, other: &mut Self) {
        self.count += std::mem::take(&mut other.count);
    }
}

bind::create_exception!(
    completeness.errors,
    ConfigError,
    bind::exceptions::PyValueError,
    "A configuration could not be read."
);
bind::create_exception!(completeness.errors.deep, DeepError, ConfigError);

/// Raises `ConfigError(message)`.
#[function]
fn raise_config_error(message: String) -> PyResult<()> {
    Err(ConfigError::new_err(message))
}

/// Raises `DeepError(message)`.
#[function]
fn raise_deep_error(message: String) -> PyResult<()> {
    Err(DeepError::new_err(message))
}

/// Adds this file's classes, exceptions and functions to the module.
pub fn add_to(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Point>()?;
    m.add_class::<Counter>()?;
    m.add_class::<Setting>()?;
    m.add_class::<Shape>()?;
    m.add_class::<Account>()?;
    // Exception types by their own name, and by a name given here.
    m.add_type::<ConfigError>()?;
    m.add("DeepError", DeepError::type_object(m.gil()))?;
    m.add_function(wrap!(raise_config_error))?;
    m.add_function(wrap!(raise_deep_error))?;
    Ok(())
}

/// A setting with a property that can be read, written and deleted (back to its
/// default), like a Python property with a deleter.
#[derive(PyType, Default)]
#[bind(module = "completeness")]
pub struct Setting {
    value: Option<String>,
    #[bind(get)]
    deletions: u32,
}

#[methods]
impl Setting {
    #[new]
    fn new() -> Self {
        Setting::default()
    }

    /// The value, `"default"` when unset.
    #[getter]
    fn get_value(&self) -> String {
        self.value.clone().unwrap_or_else(|| "default".to_owned())
    }

    #[setter]
    fn set_value(&mut self, value: String) {
        self.value = Some(value);
    }

    /// `del setting.value`: back to the default; deleting an unset value raises.
    #[deleter]
    fn del_value(&mut self) -> PyResult<()> {
        if self.value.take().is_none() {
            return Err(bind::exceptions::PyAttributeError::new_err(
                "value is not set",
            ));
        }
        self.deletions += 1;
        Ok(())
    }
}

/// A base class whose constructor receives the class it is called on: a Python subclass
/// builds an instance of itself, and the factory `triangle` returns `cls(3)`.
#[derive(PyType)]
#[bind(module = "completeness", subclass)]
pub struct Shape {
    /// The `__name__` of the class the constructor ran for.
    #[bind(get)]
    made_for: String,
    #[bind(get)]
    sides: u32,
}

#[methods]
impl Shape {
    #[new]
    fn new(cls: &Owned<'_, PyType>, sides: u32) -> PyResult<Self> {
        Ok(Shape {
            made_for: cls.name()?.to_str()?.into_owned(),
            sides,
        })
    }

    /// `cls(3)`: an instance of whichever class this is called on.
    #[classmethod]
    fn triangle<'py>(cls: &Owned<'py, PyType>) -> PyResult<Owned<'py, PyAny>> {
        cls.call1((3,))
    }
}

/// A class initialised by `__init__` after its constructor, as Python classes are: a
/// Python subclass may override `__init__` and call `super().__init__(...)`.
#[derive(PyType, Default)]
#[bind(module = "completeness", subclass)]
pub struct Account {
    #[bind(get)]
    owner: String,
    #[bind(get)]
    balance: i64,
    /// How many times `__init__` ran on this object.
    #[bind(get)]
    inits: u32,
}

#[methods]
impl Account {
    /// An empty account; `__init__` fills it in.
    #[new]
    #[bind(signature = (*_args, **_kwargs))]
    fn new(_args: Owned<'_, PyTuple>, _kwargs: Option<Owned<'_, PyDict>>) -> Self {
        Account::default()
    }

    #[bind(signature = (owner, balance = 0))]
    fn __init__(&mut self, owner: String, balance: i64) -> PyResult<()> {
        if balance < 0 {
            return Err(bind::exceptions::PyValueError::new_err(
                "an account cannot open with a negative balance",
            ));
        }
        self.owner = owner;
        self.balance = balance;
        self.inits += 1;
        Ok(())
    }
}
