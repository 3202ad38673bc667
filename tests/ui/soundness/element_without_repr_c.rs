use bind::prelude::*;

// Without `#[repr(C)]` the fields may be reordered: the format would lie.
#[derive(Copy, Clone, bytemuck::Pod, bytemuck::Zeroable, Element)]
#[repr(transparent)]
struct Meters {
    value: f64,
}

fn main() {}
