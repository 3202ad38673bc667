//! A 2-D `float32` matrix exported with shape `(rows, cols)`.
use bind::exceptions::PyIndexError;
use bind::prelude::*;

/// A dense row-major matrix of `float32`; `numpy.asarray(m)` shares its memory.
#[derive(PyType)]
#[bind(module = "arrays")]
pub struct Matrix {
    #[bind(buffer)]
    data: Array<f32, 2>,
}

impl Matrix {
    fn check(&self, row: usize, col: usize) -> PyResult<()> {
        let [rows, cols] = self.data.shape();
        if row >= rows || col >= cols {
            return Err(PyIndexError::new_err(format!(
                "({row}, {col}) is outside a {rows}x{cols} matrix"
            )));
        }
        Ok(())
    }
}

#[methods]
impl Matrix {
    /// A `rows × cols` matrix of zeros.
    #[new]
    fn new(rows: usize, cols: usize) -> Self {
        Matrix {
            data: Array::zeros([rows, cols]),
        }
    }

    /// The identity matrix of size `n`.
    #[staticmethod]
    fn identity(n: usize) -> Self {
        let mut data = Array::zeros([n, n]);
        for i in 0..n {
            *data.at_mut([i, i]) = 1.0;
        }
        Matrix { data }
    }

    /// A copy of any 2-D `float32` buffer (numpy array, a strided slice of one, …).
    #[staticmethod]
    fn from_buffer(a: ArrayRef<'_, f32>) -> PyResult<Self> {
        let shape = match a.shape() {
            [rows, cols] => [*rows, *cols],
            other => {
                return Err(bind::exceptions::PyValueError::new_err(format!(
                    "expected a 2-D buffer, got {} dimensions",
                    other.len()
                )))
            }
        };
        Ok(Matrix {
            data: Array::from_vec(a.to_vec(), shape)?,
        })
    }

    /// `(rows, cols)`.
    #[getter]
    fn shape(&self) -> (usize, usize) {
        let [rows, cols] = self.data.shape();
        (rows, cols)
    }

    /// The element at `(row, col)`.
    fn get(&self, row: usize, col: usize) -> PyResult<f32> {
        self.check(row, col)?;
        Ok(*self.data.at([row, col]))
    }

    /// Sets the element at `(row, col)` (in place: views see it).
    fn set(&mut self, row: usize, col: usize, value: f32) -> PyResult<()> {
        self.check(row, col)?;
        *self.data.at_mut([row, col]) = value;
        Ok(())
    }

    /// Multiplies every element by `factor`, in place.
    fn scale(&mut self, factor: f32) {
        for x in self.data.iter_mut() {
            *x *= factor;
        }
    }

    /// The sum of the diagonal.
    fn trace(&self) -> f32 {
        let [rows, cols] = self.data.shape();
        (0..rows.min(cols)).map(|i| *self.data.at([i, i])).sum()
    }

    /// Changes the shape to `rows × cols`, keeping elements in row-major order and filling
    /// new ones with 0. `BufferError` while a view of the matrix is alive.
    fn resize(&mut self, rows: usize, cols: usize) -> PyResult<()> {
        self.data.resize([rows, cols], 0.0)
    }
}
