//! A call from Python into a `#[function]` with one to eight arguments performs no Rust
//! heap allocation: positional calls, keyword calls, defaults, borrowed objects.
//!
//! A counting global allocator counts this thread's allocations while a Python loop makes
//! the calls; the loop runs `n` and `n + 1000` times and the counts must be equal (so the
//! harness's own allocations, if any, cancel out).
use bind::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; the bookkeeping only touches thread-locals
// with const initialisers (no allocation, no re-entrancy).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: forwarded.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        // SAFETY: forwarded.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn note() {
    let _ = COUNTING.try_with(|on| {
        if on.get() {
            let _ = COUNT.try_with(|c| c.set(c.get() + 1));
        }
    });
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Rust allocations made on this thread while `f` runs.
fn allocations(f: impl FnOnce()) -> usize {
    COUNT.with(|c| c.set(0));
    COUNTING.with(|on| on.set(true));
    f();
    COUNTING.with(|on| on.set(false));
    COUNT.with(|c| c.get())
}

#[function]
fn one(a: i64) -> i64 {
    a
}

#[function]
fn two(a: i64, b: i64) -> i64 {
    a + b
}

#[function]
fn three(a: i64, b: f64, c: bool) -> f64 {
    a as f64 + b + f64::from(u8::from(c))
}

#[function]
fn four(a: i64, b: i64, c: i64, d: Option<i64>) -> i64 {
    a + b + c + d.unwrap_or(0)
}

#[function(signature = (a, b, c, d, e = 5))]
fn five(a: i64, b: i64, c: i64, d: i64, e: i64) -> i64 {
    a + b + c + d + e
}

#[function(signature = (a, b, /, c, *, d, e, f))]
fn six(a: i64, b: i64, c: i64, d: i64, e: i64, f: i64) -> i64 {
    a + b + c + d + e + f
}

#[function]
fn seven(
    a: &Owned<'_, PyAny>,
    b: &Owned<'_, PyAny>,
    c: i64,
    d: i64,
    e: i64,
    f: i64,
    g: i64,
) -> bool {
    a.is(b) && c + d + e + f + g > 0
}

#[function]
#[allow(clippy::too_many_arguments)]
fn eight(a: i64, b: i64, c: i64, d: i64, e: i64, f: i64, g: i64, h: i64) -> i64 {
    a + b + c + d + e + f + g + h
}

#[function]
fn nothing() {}

const LOOP: &str = r#"
def run(n):
    for _ in range(n):
        nothing()
        one(1)
        one(a=1)
        two(1, 2)
        two(a=1, b=2)
        two(1, b=2)
        three(1, 2.5, True)
        three(c=False, b=1.0, a=2)
        four(1, 2, 3)
        four(1, 2, 3, 4)
        four(1, 2, c=3, d=None)
        five(1, 2, 3, 4)
        five(1, 2, 3, d=4, e=6)
        six(1, 2, 3, d=4, e=5, f=6)
        six(1, 2, c=3, f=6, e=5, d=4)
        seven("ab", "cd", 1, 2, 3, 4, 5)
        seven("ab", b="cd", c=1, d=2, e=3, f=4, g=5)
        eight(1, 2, 3, 4, 5, 6, 7, 8)
        eight(1, 2, 3, 4, h=8, g=7, f=6, e=5)
"#;

#[test]
fn calls_with_one_to_eight_arguments_do_not_allocate() {
    Gil::with(|gil| -> PyResult<()> {
        let module = PyModule::new(gil, "alloc_test")?;
        for def in [
            wrap!(nothing),
            wrap!(one),
            wrap!(two),
            wrap!(three),
            wrap!(four),
            wrap!(five),
            wrap!(six),
            wrap!(seven),
            wrap!(eight),
        ] {
            module.add_function(def)?;
        }
        let globals = module.dict();
        gil.run(LOOP, Some(&globals), None)?;
        let run = globals.get_item("run")?.expect("run is defined");
        // Warm up: interned names, caches, the first keyword call of each function.
        run.call1((10,))?;

        let short = allocations(|| {
            run.call1((10,)).unwrap();
        });
        let long = allocations(|| {
            run.call1((1010,)).unwrap();
        });
        assert_eq!(
            short,
            long,
            "1000 more rounds of calls made {} more Rust allocations",
            long as isize - short as isize
        );
        Ok(())
    })
    .unwrap();
}

#[test]
fn the_counter_sees_allocations() {
    // Guards the test above against a counter that never counts.
    let n = allocations(|| {
        let v: Vec<u64> = std::hint::black_box(vec![1, 2, 3]);
        drop(v);
    });
    assert!(n >= 1);
    // And a function whose body allocates is seen through the same harness.
    Gil::with(|gil| -> PyResult<()> {
        let module = PyModule::new(gil, "alloc_test2")?;
        module.add_function(wrap!(allocates))?;
        let f = module.getattr("allocates")?;
        f.call1((5,))?;
        let calls = allocations(|| {
            for _ in 0..100 {
                f.call1((5,)).unwrap();
            }
        });
        assert!(calls >= 100, "{calls} allocations for 100 allocating calls");
        Ok(())
    })
    .unwrap();
}

#[function]
fn allocates(n: usize) -> usize {
    std::hint::black_box(vec![0u8; n + 1]).len()
}
