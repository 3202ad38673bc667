use bind::prelude::*;

// A record element must be plain data without padding (bytemuck's NoUninit or Pod).
#[derive(Copy, Clone, Element)]
#[repr(C)]
struct Padded {
    tag: u8,
    value: f64,
}

fn main() {}
