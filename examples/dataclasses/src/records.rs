//! Dataclass-grade classes: the constructor, `repr`, comparisons, hashing, `match`,
//! pickling, `copy` and the `dataclasses` functions come from the fields, without a
//! hand-written method.
use bind::prelude::*;

/// A point in the plane (`dataclass`: `init`, `repr`, `eq`, `match_args`, `pickle` and
/// the `dataclasses` interop).
#[derive(PyType, Clone)]
#[bind(module = "classes_demo", dataclass)]
pub struct Point {
    /// Horizontal coordinate.
    #[bind(set)]
    pub x: f64,
    /// Vertical coordinate.
    #[bind(set)]
    pub y: f64,
}

/// A release number: immutable, hashable and ordered as `(major, minor, patch)`.
#[derive(PyType, Clone)]
#[bind(module = "classes_demo", dataclass, frozen, order)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    #[bind(default = 0)]
    pub patch: u32,
}

/// A server's configuration: defaults, a default factory and a keyword-only flag.
#[derive(PyType, Clone)]
#[bind(module = "classes_demo", dataclass)]
pub struct ServerConfig {
    #[bind(set)]
    pub host: String,
    #[bind(set, default = 8080)]
    pub port: u16,
    #[bind(default_factory = Vec::new)]
    pub tags: Vec<String>,
    #[bind(kw_only, default = false)]
    pub debug: bool,
}

/// A colour: a Rust enum as an `enum.Enum` subclass.
#[derive(PyType, Clone, Copy, Debug, PartialEq, Eq)]
#[bind(module = "classes_demo")]
pub enum Color {
    #[bind(name = "RED")]
    Red = 1,
    #[bind(name = "GREEN")]
    Green = 2,
    #[bind(name = "BLUE")]
    Blue = 3,
}

/// A task priority: an `enum.IntEnum` subclass.
#[derive(PyType, Clone, Copy, Debug, PartialEq, Eq)]
#[bind(module = "classes_demo", int_enum)]
pub enum Priority {
    #[bind(name = "LOW")]
    Low = 10,
    #[bind(name = "NORMAL")]
    Normal = 20,
    #[bind(name = "HIGH")]
    High = 30,
}

/// The colour after `color` in the rainbow order of the enum.
#[function]
fn next_color(color: Color) -> Color {
    match color {
        Color::Red => Color::Green,
        Color::Green => Color::Blue,
        Color::Blue => Color::Red,
    }
}

/// Whether `priority` is at least `Priority.NORMAL`.
#[function]
fn is_urgent(priority: Priority) -> bool {
    priority != Priority::Low
}

/// A line of an inventory: a nested dataclass with an enum field.
#[derive(PyType, Clone)]
#[bind(module = "classes_demo", dataclass, frozen)]
pub struct Item {
    pub name: String,
    pub quantity: u32,
    #[bind(default = None)]
    pub note: Option<String>,
    #[bind(default = Color::Red)]
    pub color: Color,
}

/// An inventory: a name and a list of nested [`Item`]s, plus an arbitrary Python object.
#[derive(PyType)]
#[bind(module = "classes_demo", dataclass, gc)]
pub struct Inventory {
    pub owner: String,
    #[bind(default_factory = Vec::new)]
    pub items: Vec<Item>,
    #[bind(default = None)]
    pub extra: Option<Handle<PyAny>>,
}

/// Resource limits: a plain serde struct (no bind code), converted through serde.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    pub cpus: u32,
    pub memory_mb: u64,
    pub labels: std::collections::BTreeMap<String, String>,
}

/// A deployment: a dataclass whose `limits` field goes through serde (as a `dict`), so
/// it pickles, copies and compares through serde too.
#[derive(PyType, Clone)]
#[bind(module = "classes_demo", dataclass)]
pub struct Deployment {
    pub name: String,
    pub limits: Serde<Limits>,
    #[bind(default = 1)]
    pub replicas: u32,
}

/// An amount of money: a `dataclass` whose hand-written `__repr__` wins over the
/// generated one (everything else is generated).
#[derive(PyType, Clone)]
#[bind(module = "classes_demo", dataclass, frozen)]
pub struct Money {
    pub cents: i64,
    pub currency: String,
}

#[methods]
impl Money {
    fn __repr__(&self) -> String {
        format!(
            "{}.{:02} {}",
            self.cents / 100,
            self.cents % 100,
            self.currency
        )
    }
}

/// Only some options: `repr` and `eq`, with a `#[new]` constructor.
#[derive(PyType, Clone)]
#[bind(module = "classes_demo", repr, eq)]
pub struct Pixel {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

#[methods]
impl Pixel {
    #[new]
    fn new(r: u8, g: u8, b: u8) -> Self {
        Pixel { r, g, b }
    }
}

/// A resource that cannot be built from Python: pickling names the field.
pub struct Connection(#[allow(dead_code)] u32);

impl<'py> IntoPyObject<'py> for Connection {
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        format!("<connection {}>", self.0).into_py(gil)
    }
}

impl Clone for Connection {
    fn clone(&self) -> Self {
        Connection(self.0)
    }
}

/// Holds a [`Connection`]: `repr` works, pickling raises `TypeError` naming `conn`.
#[derive(PyType)]
#[bind(module = "classes_demo", repr, pickle)]
pub struct Session {
    pub user: String,
    pub conn: Connection,
}

/// Opens a session (Rust builds it: `Connection` does not convert from Python).
#[function]
fn open_session(user: String) -> Session {
    Session {
        user,
        conn: Connection(7),
    }
}

pub fn register(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Point>()?;
    m.add_class::<Version>()?;
    m.add_class::<ServerConfig>()?;
    m.add_class::<Item>()?;
    m.add_class::<Inventory>()?;
    m.add_class::<Pixel>()?;
    m.add_class::<Session>()?;
    m.add_class::<Deployment>()?;
    m.add_class::<Money>()?;
    m.add_function(wrap!(open_session))?;
    m.add_enum::<Color>()?;
    m.add_enum::<Priority>()?;
    m.add_function(wrap!(next_color))?;
    m.add_function(wrap!(is_urgent))?;
    Ok(())
}

/// A shape: a data-carrying enum, one Python subclass per variant.
#[derive(PyType, Clone, Debug, PartialEq)]
#[bind(module = "classes_demo")]
pub enum Shape {
    /// A circle of a radius.
    Circle { radius: f64 },
    /// A rectangle.
    Rect { width: f64, height: f64 },
    /// A polygon by its corners.
    Polygon(Vec<(f64, f64)>),
    /// Nothing.
    Empty,
}

/// The area of a shape (the shoelace formula for polygons).
#[function]
fn area(shape: Shape) -> f64 {
    match shape {
        Shape::Circle { radius } => std::f64::consts::PI * radius * radius,
        Shape::Rect { width, height } => width * height,
        Shape::Polygon(points) => {
            let n = points.len();
            let twice: f64 = (0..n)
                .map(|i| {
                    let (x1, y1) = points[i];
                    let (x2, y2) = points[(i + 1) % n];
                    x1 * y2 - x2 * y1
                })
                .sum();
            twice.abs() / 2.0
        }
        Shape::Empty => 0.0,
    }
}

/// The shape scaled by `factor`.
#[function]
fn scale(shape: Shape, factor: f64) -> Shape {
    match shape {
        Shape::Circle { radius } => Shape::Circle {
            radius: radius * factor,
        },
        Shape::Rect { width, height } => Shape::Rect {
            width: width * factor,
            height: height * factor,
        },
        Shape::Polygon(points) => Shape::Polygon(
            points
                .into_iter()
                .map(|(x, y)| (x * factor, y * factor))
                .collect(),
        ),
        Shape::Empty => Shape::Empty,
    }
}

/// Registers the data-carrying enum and its functions.
pub fn register_shapes(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_enum::<Shape>()?;
    m.add_function(wrap!(area))?;
    m.add_function(wrap!(scale))?;
    Ok(())
}
