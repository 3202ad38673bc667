//! Starting the embedded interpreter from many threads at once: every thread gets the GIL,
//! none deadlocks with the thread that starts the interpreter.
//!
//! Each round is a fresh process (this test binary re-run on its ignored child test), since
//! the interpreter starts once per process.
use bind::prelude::*;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const THREADS: usize = 8;
const PROCESSES: usize = 40;
const ROUND_LIMIT: Duration = Duration::from_secs(60);

/// The child: `THREADS` threads, none of which finds a running interpreter, all ask for the
/// GIL at the same moment.
#[test]
#[ignore = "run by `first_use_from_many_threads_never_deadlocks` in a fresh process"]
fn child_threads_race_to_start_the_interpreter() {
    let start = std::sync::Arc::new(std::sync::Barrier::new(THREADS));
    let threads: Vec<_> = (0..THREADS as i64)
        .map(|t| {
            let start = start.clone();
            std::thread::spawn(move || {
                start.wait();
                (0..20)
                    .map(|i| {
                        Gil::with(|gil| {
                            gil.eval(&format!("{t} * 100 + {i}"))
                                .unwrap()
                                .extract::<i64>()
                                .unwrap()
                        })
                    })
                    .sum::<i64>()
            })
        })
        .collect();
    for (t, thread) in threads.into_iter().enumerate() {
        let expected: i64 = (0..20).map(|i| t as i64 * 100 + i).sum();
        assert_eq!(thread.join().unwrap(), expected);
    }
}

#[test]
fn first_use_from_many_threads_never_deadlocks() {
    let exe = std::env::current_exe().unwrap();
    for round in 0..PROCESSES {
        let mut child = Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "child_threads_race_to_start_the_interpreter",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + ROUND_LIMIT;
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                child.kill().unwrap();
                child.wait().unwrap();
                panic!(
                    "round {round}: {THREADS} threads starting the interpreter at once did \
                     not finish in {ROUND_LIMIT:?} (deadlock)"
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        assert!(
            status.success(),
            "round {round}: the child failed: {status}"
        );
    }
}
