"""quickstart: a Rust function called from Python (run by ./demo)."""

import quickstart

print("module:", quickstart.__file__)
print(">>> quickstart.sum_as_string(1, 2)")
print(repr(quickstart.sum_as_string(1, 2)))

# Arguments are converted, and checked: a wrong type raises a TypeError that says why.
print('>>> quickstart.sum_as_string("1", 2)')
try:
    quickstart.sum_as_string("1", 2)
except TypeError as e:
    print("TypeError:", e)
else:
    raise SystemExit("expected a TypeError")
