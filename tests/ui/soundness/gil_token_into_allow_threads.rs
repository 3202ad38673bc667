use bind::prelude::*;

// The GIL token itself cannot enter a released-GIL section.
fn main() {
    Gil::with(|gil| {
        gil.allow_threads(|| {
            let _ = gil.none();
        });
    });
}
