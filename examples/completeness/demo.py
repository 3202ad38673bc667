"""completeness: what a module moved from PyO3 reaches for."""
import subprocess
import sys
import textwrap

import completeness

print("GIL request while running:", completeness.try_gil() or "taken")

# Threads still sleeping without the GIL when the interpreter exits: the process exits
# normally, and a GIL request after the exit answers that Python is gone.
script = textwrap.dedent(
    """
    import threading, completeness as c
    threading.Thread(target=c.sleep_released, args=(0.2,), daemon=True).start()
    c.spawn_released_sleepers(2, 0.2)
    c.report_gil_after_exit(0.5)
    """
)
proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
print("exit status with threads outliving the interpreter:", proc.returncode)
print(proc.stderr.strip())
