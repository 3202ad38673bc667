"""Threads that outlive the interpreter: exit status 0, no fatal error, and a non-blocking
GIL request that answers "not running" once the interpreter is gone."""

import subprocess
import sys
import textwrap

import completeness

SCRIPT = textwrap.dedent(
    """
    import threading
    import completeness as c

    # Python daemon threads inside a released-GIL section when the interpreter exits.
    for _ in range(4):
        threading.Thread(target=c.sleep_released, args=(0.3,), daemon=True).start()
    # Rust threads holding the GIL that release it, and wake after the exit.
    c.spawn_released_sleepers(4, 0.3)
    # Rust threads that first ask for the GIL after the exit.
    c.spawn_late_gil_requests(4, 0.3)
    # A process-exit hook that keeps the process alive until they all woke, then asks.
    c.report_gil_after_exit(0.8)
    print("running:", c.try_gil())
    """
)


def run_script():
    return subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_threads_waking_after_the_interpreter_exits_do_not_abort():
    for _ in range(3):
        proc = run_script()
        assert "Fatal Python error" not in proc.stderr, proc.stderr
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip() == "running: None"


def test_non_blocking_gil_request_answers_gone_after_finalization():
    proc = run_script()
    assert proc.returncode == 0, proc.stderr
    assert "after exit: the Python interpreter is not running" in proc.stderr


def test_non_blocking_gil_request_succeeds_while_running():
    assert completeness.try_gil() is None
