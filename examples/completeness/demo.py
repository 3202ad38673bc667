"""completeness: what a module moved from PyO3 reaches for."""
import datetime as dt
import pathlib
import subprocess
import sys
import textwrap

import completeness as c

# datetime built and read from Rust, and a tzinfo written in Rust.
zone = c.FixedZone(330, "IST")
moment = c.make_datetime((2024, 2, 29), (12, 30, 0, 0, False), zone)
print("datetime from Rust:", moment, moment.tzname(), "=", moment.astimezone(dt.timezone.utc))
print("fields read by Rust:", c.datetime_fields(moment)[:2])
print("SystemTime out:", c.system_time(1_700_000_000_000_000))
print("chrono TimeDelta round trip:", c.time_delta_round_trip(dt.timedelta(days=-1, microseconds=5)))

# Paths come back as pathlib.Path.
print("joined by Rust:", repr(c.join_path(pathlib.Path("/usr"), "lib")))

# Class details.
print("Point.ORIGIN:", c.Point.ORIGIN, "module:", c.Point.__module__)
print("distance(&Self):", c.Point(0, 0).distance(c.Point(3, 4)))


class Savings(c.Account):
    def __init__(self, owner, rate):
        super().__init__(owner, 100)
        self.rate = rate


print("super().__init__:", vars(Savings("ann", 0.02)), Savings("ann", 0.02).balance)
print("dotted exception:", c.ConfigError)

print("GIL request while running:", c.try_gil() or "taken")
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
