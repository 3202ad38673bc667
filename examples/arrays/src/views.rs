//! Functions taking typed views of any buffer exporter: no copy, validated on entry.
use bind::prelude::*;

/// The sum of a 1-D contiguous float64 buffer.
#[function]
fn sum_f64(a: SliceRef<'_, f64>) -> f64 {
    a.iter().sum()
}

/// The sum of a 1-D contiguous int64 buffer (numpy's `int64` is `'l'`, `array('q')` is
/// `'q'`: both are accepted).
#[function]
fn sum_i64(a: SliceRef<'_, i64>) -> i64 {
    a.iter().fold(0i64, |s, x| s.wrapping_add(*x))
}

/// The number of bytes equal to `value` in a 1-D byte buffer.
#[function]
fn count_byte(a: SliceRef<'_, u8>, value: u8) -> usize {
    a.iter().filter(|&&b| b == value).count()
}

/// Multiplies a writable 1-D float64 buffer by `factor`, in place.
#[function]
fn scale(mut a: SliceMut<'_, f64>, factor: f64) {
    for x in a.iter_mut() {
        *x *= factor;
    }
}

/// Adds `src` into `dst` element-wise (a mutable and a shared view; they may not overlap).
#[function]
fn add_into(mut dst: SliceMut<'_, f64>, src: SliceRef<'_, f64>) -> PyResult<()> {
    if dst.len() != src.len() {
        return Err(bind::exceptions::PyValueError::new_err(format!(
            "lengths differ: {} and {}",
            dst.len(),
            src.len()
        )));
    }
    for (d, s) in dst.iter_mut().zip(src.iter()) {
        *d += s;
    }
    Ok(())
}

/// The sum of a float64 buffer of any shape and strides (read in place, no copy).
#[function]
fn sum_strided(a: ArrayRef<'_, f64>) -> f64 {
    a.iter().sum()
}

/// `(shape, strides)` of a float64 buffer as the view sees them.
#[function]
fn layout(a: ArrayRef<'_, f64>) -> (Vec<usize>, Vec<isize>) {
    (a.shape().to_vec(), a.strides().to_vec())
}

/// Negates every element of a writable float64 buffer of any shape and strides, in place.
#[function]
fn negate(mut a: ArrayMut<'_, f64>) {
    let shape = a.shape().to_vec();
    let mut index = vec![0usize; shape.len()];
    for _ in 0..a.len() {
        if let Some(x) = a.get_mut(&index) {
            *x = -*x;
        }
        for axis in (0..index.len()).rev() {
            index[axis] += 1;
            if index[axis] < shape[axis] {
                break;
            }
            index[axis] = 0;
        }
    }
}

/// The element at `(row, col)` of a 2-D float32 buffer (e.g. a transposed numpy matrix).
#[function]
fn at_f32(a: ArrayRef<'_, f32>, row: usize, col: usize) -> Option<f32> {
    a.get(&[row, col])
}

/// A copy of a float64 buffer of any layout, in C order (the only copying conversion).
#[function]
fn to_list(a: ArrayRef<'_, f64>) -> Vec<f64> {
    a.to_vec()
}

pub fn register(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap!(sum_f64))?;
    m.add_function(wrap!(sum_i64))?;
    m.add_function(wrap!(count_byte))?;
    m.add_function(wrap!(scale))?;
    m.add_function(wrap!(add_into))?;
    m.add_function(wrap!(sum_strided))?;
    m.add_function(wrap!(layout))?;
    m.add_function(wrap!(negate))?;
    m.add_function(wrap!(at_f32))?;
    m.add_function(wrap!(to_list))?;
    m.add_function(wrap!(super::particles::total_mass))?;
    m.add_function(wrap!(super::particles::center_of_mass))?;
    Ok(())
}
