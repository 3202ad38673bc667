use bind::conversion::Depth;
use bind::prelude::*;

// A nesting budget holds this thread's stack floor: it cannot move to another thread.
fn main() {
    Gil::with(|gil| {
        let depth = Depth::current(gil);
        std::thread::spawn(move || {
            let _ = depth.deeper();
        });
    });
}
