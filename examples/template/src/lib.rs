//! A new bind project: one function and one class. Rename, then grow it.
use bind::prelude::*;

/// Greets `name`, `times` times.
#[function(signature = (name, times = 1))]
fn greet(name: String, times: usize) -> String {
    vec![format!("Hello, {name}!"); times].join(" ")
}

/// A counter that Python code can step.
#[derive(PyType)]
struct Counter {
    /// The current count.
    #[bind(get)]
    value: i64,
}

#[methods]
impl Counter {
    /// A counter starting at `start`.
    #[new]
    #[bind(signature = (start = 0))]
    fn new(start: i64) -> Self {
        Counter { value: start }
    }

    /// Adds `by` to the count and returns the new count.
    fn step(&mut self, by: i64) -> i64 {
        self.value += by;
        self.value
    }
}

/// The Python module `my_project`.
#[module]
fn my_project(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap!(greet))?;
    m.add_class::<Counter>()?;
    Ok(())
}
