//! `arrays`: zero-copy arrays shared with numpy.
//!
//! - [`Matrix`]: a 2-D `float32` matrix (`numpy.asarray(m)` has shape `(rows, cols)`).
//! - [`Image`]: an RGB image of `uint8`, `H×W×3`.
//! - [`Particles`]: a record array of `#[repr(C)]` particles (a numpy record dtype).
//! - Functions taking typed views of any buffer: slices, strided N-D views, records.
//! - `typed`: one small vector class per element format, for the tests of every format.
use bind::prelude::*;

mod image;
mod matrix;
mod particles;
mod typed;
mod views;

/// The module.
#[module]
fn arrays(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_class::<matrix::Matrix>()?;
    m.add_class::<image::Image>()?;
    m.add_class::<particles::Particles>()?;
    views::register(m)?;
    typed::register(m)?;
    Ok(())
}
