//! The kit finds broken conversions (its own process: the panic hook is silenced while
//! looking).
use bind::prelude::*;
use bind::shape::{Shape, Shaped};
use bind_fuzz_kit::check_extraction;

mod common;

/// The inputs of these tests.
fn inputs(count: usize) -> impl Iterator<Item = Vec<u8>> {
    common::inputs(count, 0x2545_f491_4f6c_dd1d)
}

/// Claims `u8`'s shape but accepts any `i64`: near-misses out of range get through.
struct Loose(#[allow(dead_code)] i64);

impl<'a, 'py> FromPyObject<'a, 'py> for Loose {
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        obj.extract().map(Loose)
    }
}

impl Shaped for Loose {
    const SHAPE: Shape = Shape::Int {
        bits: 8,
        signed: false,
        nonzero: false,
    };
}

/// Claims a list of bytes but loses the path of its type errors.
struct Pathless;

impl<'a, 'py> FromPyObject<'a, 'py> for Pathless {
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let gil = obj.gil();
        let _: Vec<Vec<u8>> = obj.extract().map_err(|e| {
            if e.is_instance_of::<bind::exceptions::PyTypeError>(gil) {
                bind::exceptions::PyTypeError::new_err("bad")
            } else {
                e
            }
        })?;
        Ok(Pathless)
    }
}

impl Shaped for Pathless {
    const SHAPE: Shape = <Vec<Vec<u8>> as Shaped>::SHAPE;
}

/// The panic message of the first of `count` inputs that makes `check` panic.
fn first_finding(count: usize, check: fn(&[u8])) -> Option<String> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let found = inputs(count).find_map(|data| {
        std::panic::catch_unwind(|| check(&data))
            .err()
            .map(|payload| match payload.downcast::<String>() {
                Ok(text) => *text,
                Err(_) => "a panic".to_owned(),
            })
    });
    std::panic::set_hook(hook);
    found
}

#[test]
fn broken_conversions_are_found() {
    let loose = first_finding(2000, check_extraction::<Loose>).expect("a finding");
    assert!(loose.contains("accepted a near-miss"), "{loose}");
    let pathless = first_finding(2000, check_extraction::<Pathless>).expect("a finding");
    assert!(pathless.contains("does not name its path"), "{pathless}");
}
