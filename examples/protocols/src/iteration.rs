//! Iteration and async: an iterator whose end carries a value (`StopIteration.value`),
//! an awaitable, and an async iterator usable with `async for`.
use bind::prelude::*;

/// Counts down to zero, then returns `"liftoff"` in `StopIteration`.
#[derive(PyType)]
#[bind(module = "protocols_demo")]
pub struct Countdown {
    left: u32,
}

#[methods]
impl Countdown {
    #[new]
    fn new(start: u32) -> Self {
        Countdown { left: start }
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self) -> IterNextOutput<u32, &'static str> {
        if self.left == 0 {
            return IterNextOutput::Return("liftoff");
        }
        self.left -= 1;
        IterNextOutput::Yield(self.left + 1)
    }
}

/// An awaitable whose result is ready: `await Ready(3)` is 3.
#[derive(PyType, Clone)]
#[bind(module = "protocols_demo")]
pub struct Ready {
    value: i64,
}

#[methods]
impl Ready {
    #[new]
    fn new(value: i64) -> Self {
        Ready { value }
    }

    fn __await__(&self) -> ReadyIter {
        ReadyIter {
            value: Some(self.value),
        }
    }
}

/// The iterator `Ready.__await__` returns: ends at once with the value.
#[derive(PyType)]
#[bind(module = "protocols_demo")]
pub struct ReadyIter {
    value: Option<i64>,
}

#[methods]
impl ReadyIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self) -> IterNextOutput<(), Option<i64>> {
        IterNextOutput::Return(self.value.take())
    }
}

/// An async iterator over `0..n`: `async for i in Ticker(3)`.
#[derive(PyType)]
#[bind(module = "protocols_demo")]
pub struct Ticker {
    next: i64,
    end: i64,
}

#[methods]
impl Ticker {
    #[new]
    fn new(n: i64) -> Self {
        Ticker { next: 0, end: n }
    }

    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The next tick as an awaitable; `None` ends the `async for`.
    fn __anext__(&mut self) -> Option<Ready> {
        if self.next == self.end {
            return None;
        }
        self.next += 1;
        Some(Ready::new(self.next - 1))
    }
}
