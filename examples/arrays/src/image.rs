//! An RGB image, `height × width × 3` bytes, exported as a 3-D `uint8` buffer.
use bind::prelude::*;

/// An RGB image; `numpy.asarray(img)` has shape `(height, width, 3)` and dtype `uint8`.
#[derive(PyType)]
#[bind(module = "arrays")]
pub struct Image {
    #[bind(buffer)]
    pixels: Array<u8, 3>,
}

#[methods]
impl Image {
    /// A black image.
    #[new]
    fn new(height: usize, width: usize) -> Self {
        Image {
            pixels: Array::zeros([height, width, 3]),
        }
    }

    /// `(height, width)`.
    #[getter]
    fn size(&self) -> (usize, usize) {
        let [h, w, _] = self.pixels.shape();
        (h, w)
    }

    /// Paints every pixel `(r, g, b)`, in place.
    fn fill(&mut self, r: u8, g: u8, b: u8) {
        for px in self.pixels.chunks_exact_mut(3) {
            px.copy_from_slice(&[r, g, b]);
        }
    }

    /// Inverts every channel, in place.
    fn invert(&mut self) {
        for c in self.pixels.iter_mut() {
            *c = 255 - *c;
        }
    }

    /// The mean of each channel.
    fn mean(&self) -> (f64, f64, f64) {
        let n = (self.pixels.len() / 3).max(1) as f64;
        let mut sums = [0u64; 3];
        for px in self.pixels.chunks_exact(3) {
            for (s, &c) in sums.iter_mut().zip(px) {
                *s += u64::from(c);
            }
        }
        (sums[0] as f64 / n, sums[1] as f64 / n, sums[2] as f64 / n)
    }
}
