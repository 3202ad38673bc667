//! Threads that are still working when the interpreter exits: they must not bring the
//! process down.
use bind::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Sleeps `seconds` with the GIL released (call it from a daemon thread that the
/// interpreter leaves behind at exit).
#[function]
fn sleep_released(gil: Gil<'_>, seconds: f64) {
    gil.allow_threads(|| std::thread::sleep(Duration::from_secs_f64(seconds)));
}

/// Starts `count` Rust threads that take the GIL, sleep `seconds` with it released, then
/// run Python code.
#[function]
fn spawn_released_sleepers(count: usize, seconds: f64) {
    for _ in 0..count {
        std::thread::spawn(move || {
            Gil::with(|gil| {
                gil.allow_threads(|| std::thread::sleep(Duration::from_secs_f64(seconds)));
                gil.eval("sum(range(10))").map(|_| ())
            })
        });
    }
}

/// Starts `count` Rust threads that first ask for the GIL after `seconds`.
#[function]
fn spawn_late_gil_requests(count: usize, seconds: f64) {
    for _ in 0..count {
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs_f64(seconds));
            Gil::with(|gil| gil.eval("1 + 1").map(|_| ()))
        });
    }
}

/// How long the process-exit hook waits (in microseconds) before asking for the GIL.
static EXIT_WAIT_MICROS: AtomicU64 = AtomicU64::new(0);

extern "C" fn report_at_process_exit() {
    std::thread::sleep(Duration::from_micros(
        EXIT_WAIT_MICROS.load(Ordering::Relaxed),
    ));
    let answer = match Gil::try_with(|_gil| ()) {
        Ok(()) => "the GIL was taken".to_owned(),
        Err(unavailable) => unavailable.to_string(),
    };
    eprintln!("after exit: {answer}");
}

/// Registers a process-exit hook (C `atexit`, which runs after the interpreter finalized)
/// that waits `seconds`, asks for the GIL without blocking and prints the answer to
/// stderr as `after exit: <answer>`.
#[function]
fn report_gil_after_exit(seconds: f64) -> PyResult<()> {
    EXIT_WAIT_MICROS.store((seconds * 1e6) as u64, Ordering::Relaxed);
    // SAFETY: registers a function with the C runtime; it takes no arguments and never
    // unwinds (eprintln! and try_with do not panic here).
    if unsafe { libc::atexit(report_at_process_exit) } != 0 {
        return Err(bind::exceptions::PyRuntimeError::new_err(
            "atexit registration failed",
        ));
    }
    Ok(())
}

/// Asks for the GIL without blocking; returns `None` when taken, else why not.
#[function]
fn try_gil() -> Option<String> {
    Gil::try_with(|_gil| ()).err().map(|e| e.to_string())
}

/// Adds this file's functions to the module.
pub fn add_to(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap!(sleep_released))?;
    m.add_function(wrap!(spawn_released_sleepers))?;
    m.add_function(wrap!(spawn_late_gil_requests))?;
    m.add_function(wrap!(report_gil_after_exit))?;
    m.add_function(wrap!(try_gil))?;
    Ok(())
}
