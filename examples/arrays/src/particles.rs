//! A record array: `#[repr(C)]` particles exported with a struct format that numpy reads
//! as the record dtype `[('x', '<f8'), ('y', '<f8'), ('vx', '<f4'), ('vy', '<f4'),
//! ('mass', '<f8')]`.
use bind::prelude::*;

/// One particle: position, velocity and mass, without padding.
#[derive(Copy, Clone, Debug, Default, bytemuck::Pod, bytemuck::Zeroable, Element)]
#[repr(C)]
pub struct Particle {
    pub x: f64,
    pub y: f64,
    pub vx: f32,
    pub vy: f32,
    pub mass: f64,
}

/// A growable list of particles in a plain `Vec`. While a view is alive the whole object
/// is locked against modification (any `&mut` of a `Vec` could reallocate it): `add`
/// and `step` raise `BufferError` until the view is released.
#[derive(PyType)]
#[bind(module = "arrays")]
pub struct Particles {
    #[bind(buffer)]
    items: Vec<Particle>,
}

#[methods]
impl Particles {
    /// An empty list.
    #[new]
    fn new() -> Self {
        Particles { items: Vec::new() }
    }

    fn __len__(&self) -> usize {
        self.items.len()
    }

    /// Appends a particle.
    #[bind(signature = (x, y, vx = 0.0, vy = 0.0, mass = 1.0))]
    fn add(&mut self, x: f64, y: f64, vx: f32, vy: f32, mass: f64) {
        self.items.push(Particle { x, y, vx, vy, mass });
    }

    /// Moves every particle by its velocity times `dt`.
    fn step(&mut self, dt: f64) {
        for p in &mut self.items {
            p.x += f64::from(p.vx) * dt;
            p.y += f64::from(p.vy) * dt;
        }
    }

    /// The total mass.
    fn total_mass(&self) -> f64 {
        self.items.iter().map(|p| p.mass).sum()
    }

    /// `(x, y)` of particle `i`.
    fn position(&self, i: usize) -> Option<(f64, f64)> {
        self.items.get(i).map(|p| (p.x, p.y))
    }
}

/// The total mass of any buffer of particles (a numpy record array of the same dtype,
/// a `Particles` object, a memoryview of one).
#[function]
pub fn total_mass(particles: SliceRef<'_, Particle>) -> f64 {
    particles.iter().map(|p| p.mass).sum()
}

/// The centre of mass of any buffer of particles, `None` when empty.
#[function]
pub fn center_of_mass(particles: SliceRef<'_, Particle>) -> Option<(f64, f64)> {
    let mass: f64 = particles.iter().map(|p| p.mass).sum();
    if particles.is_empty() || mass == 0.0 {
        return None;
    }
    let x = particles.iter().map(|p| p.x * p.mass).sum::<f64>() / mass;
    let y = particles.iter().map(|p| p.y * p.mass).sum::<f64>() / mass;
    Some((x, y))
}
