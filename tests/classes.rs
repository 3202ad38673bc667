//! Classes from Rust structs: creation, members, methods, borrowing, inheritance.
use bind::prelude::*;

/// A point in the plane.
#[derive(PyType, Clone)]
#[bind(module = "geo", subclass)]
struct Point {
    #[bind(get, set)]
    x: f64,
    #[bind(get, set)]
    y: f64,
    /// A label.
    #[bind(get, set)]
    label: String,
}

#[methods]
impl Point {
    #[new]
    fn new(x: f64, y: f64, label: Option<String>) -> Self {
        Point {
            x,
            y,
            label: label.unwrap_or_default(),
        }
    }
    fn norm(&self) -> f64 {
        self.x.hypot(self.y)
    }
    fn scale(&mut self, k: f64) {
        self.x *= k;
        self.y *= k;
    }
    #[staticmethod]
    fn origin() -> Point {
        Point {
            x: 0.0,
            y: 0.0,
            label: String::new(),
        }
    }
    #[classmethod]
    fn kind(cls: Owned<'_, PyType>) -> PyResult<String> {
        Ok(cls.name()?.to_str()?.into_owned())
    }
    #[getter]
    fn get_double_x(&self) -> f64 {
        self.x * 2.0
    }
    #[setter]
    fn set_double_x(&mut self, v: f64) {
        self.x = v / 2.0;
    }
    #[classattr]
    const DIMENSIONS: u32 = 2;
    fn __repr__(&self) -> String {
        format!("Point(x={:?}, y={:?})", self.x, self.y)
    }
    fn __eq__(&self, other: PyRef<'_, Point>) -> bool {
        self.x == other.x && self.y == other.y
    }
    fn __add__(&self, other: PyRef<'_, Point>) -> Point {
        Point {
            x: self.x + other.x,
            y: self.y + other.y,
            label: String::new(),
        }
    }
}

#[test]
fn point_basics() {
    Gil::with(|gil| {
        let m = PyModule::new(gil, "geo")?;
        m.add_class::<Point>()?;
        let g = PyDict::new(gil);
        g.set_item("Point", m.getattr("Point")?)?;
        let run = |code: &str| -> PyResult<()> { gil.run(code, Some(&g), None) };
        run("p = Point(3.0, 4.0)")?;
        run("assert p.norm() == 5.0, p.norm()")?;
        run("assert p.x == 3.0 and p.y == 4.0")?;
        run("p.x = 6.0; assert p.x == 6.0")?;
        run("p.scale(0.5); assert (p.x, p.y) == (3.0, 2.0)")?;
        run("assert repr(p) == 'Point(x=3.0, y=2.0)', repr(p)")?;
        run("assert p == Point(3.0, 2.0) and p != Point(1.0, 2.0)")?;
        run("q = p + Point(1.0, 1.0); assert repr(q) == 'Point(x=4.0, y=3.0)'")?;
        run("assert Point.origin() == Point(0.0, 0.0)")?;
        run("assert Point.kind() == 'Point'")?;
        run("assert p.double_x == 6.0; p.double_x = 2.0; assert p.x == 1.0")?;
        run("assert Point.DIMENSIONS == 2")?;
        run("assert p.label == ''; p.label = 'a'; assert p.label == 'a'")?;
        run("assert Point.__module__ == 'geo' and Point.__doc__ == 'A point in the plane.'")?;
        run("
try:
    p.label = 3
except TypeError as e:
    assert 'label' in str(e), str(e)
else:
    raise AssertionError")?;
        let p: Point = g.get_item("p")?.unwrap().extract()?;
        assert_eq!(p.label, "a");
        let owned = Owned::<Point>::new(gil, Point::origin())?;
        assert_eq!(owned.borrow()?.x, 0.0);
        let b = owned.borrow_mut()?;
        assert!(owned.borrow().is_err());
        drop(b);
        Ok::<_, PyErr>(())
    })
    .unwrap();
}
