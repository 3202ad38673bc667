//! A 2-D vector and a 2×2 matrix: the operators a geometry type needs.
use bind::prelude::*;

/// A vector in the plane.
#[derive(PyType, Clone, Copy, PartialEq)]
#[bind(module = "protocols_demo")]
pub struct Vec2 {
    /// The x component.
    #[bind(get)]
    x: f64,
    /// The y component.
    #[bind(get)]
    y: f64,
}

#[methods]
impl Vec2 {
    #[new]
    fn new(x: f64, y: f64) -> Self {
        Vec2 { x, y }
    }

    fn __repr__(&self) -> String {
        format!("Vec2({:?}, {:?})", self.x, self.y)
    }

    fn __add__(&self, other: PyRef<'_, Vec2>) -> Vec2 {
        Vec2::new(self.x + other.x, self.y + other.y)
    }

    fn __sub__(&self, other: PyRef<'_, Vec2>) -> Vec2 {
        Vec2::new(self.x - other.x, self.y - other.y)
    }

    /// `v * 2.0`.
    fn __mul__(&self, k: f64) -> Vec2 {
        Vec2::new(self.x * k, self.y * k)
    }

    /// `2.0 * v`: the reflected form.
    fn __rmul__(&self, k: f64) -> Vec2 {
        self.__mul__(k)
    }

    fn __truediv__(&self, k: f64) -> PyResult<Vec2> {
        if k == 0.0 {
            return Err(bind::exceptions::PyZeroDivisionError::new_err(
                "division by zero",
            ));
        }
        Ok(Vec2::new(self.x / k, self.y / k))
    }

    /// `v @ w`: the dot product.
    fn __matmul__(&self, other: PyRef<'_, Vec2>) -> f64 {
        self.x * other.x + self.y * other.y
    }

    /// `v += w` changes `v` in place (same object).
    fn __iadd__(&mut self, other: PyRef<'_, Vec2>) {
        self.x += other.x;
        self.y += other.y;
    }

    fn __neg__(&self) -> Vec2 {
        Vec2::new(-self.x, -self.y)
    }

    fn __abs__(&self) -> f64 {
        self.x.hypot(self.y)
    }

    fn __bool__(&self) -> bool {
        self.x != 0.0 || self.y != 0.0
    }

    fn __eq__(&self, other: PyRef<'_, Vec2>) -> bool {
        *self == *other
    }

    fn __hash__(&self) -> u64 {
        self.x.to_bits().rotate_left(1) ^ self.y.to_bits()
    }
}

/// A 2×2 matrix, row-major.
#[derive(PyType, Clone, Copy, PartialEq)]
#[bind(module = "protocols_demo")]
pub struct Matrix {
    rows: [[f64; 2]; 2],
}

#[methods]
impl Matrix {
    #[new]
    fn new(a: f64, b: f64, c: f64, d: f64) -> Self {
        Matrix {
            rows: [[a, b], [c, d]],
        }
    }

    fn __repr__(&self) -> String {
        let [[a, b], [c, d]] = self.rows;
        format!("Matrix({a:?}, {b:?}, {c:?}, {d:?})")
    }

    /// `m @ n` for matrices.
    fn __matmul__(&self, other: PyRef<'_, Matrix>) -> Matrix {
        let (p, q) = (self.rows, other.rows);
        let cell = |i: usize, j: usize| p[i][0] * q[0][j] + p[i][1] * q[1][j];
        Matrix {
            rows: [[cell(0, 0), cell(0, 1)], [cell(1, 0), cell(1, 1)]],
        }
    }

    /// `v @ m` (a row vector times the matrix): reflected, since `Vec2.__matmul__` only
    /// takes vectors.
    fn __rmatmul__(&self, v: PyRef<'_, Vec2>) -> Vec2 {
        let m = self.rows;
        Vec2::new(v.x * m[0][0] + v.y * m[1][0], v.x * m[0][1] + v.y * m[1][1])
    }

    fn __eq__(&self, other: PyRef<'_, Matrix>) -> bool {
        *self == *other
    }

    /// `(i, j)` indexing.
    fn __getitem__(&self, index: (usize, usize)) -> PyResult<f64> {
        let (i, j) = index;
        if i > 1 || j > 1 {
            return Err(bind::exceptions::PyIndexError::new_err(
                "matrix index out of range",
            ));
        }
        Ok(self.rows[i][j])
    }
}
