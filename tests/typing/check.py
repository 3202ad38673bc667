"""The typing checks of ./test, run with an interpreter where the examples are installed.

Usage: check.py WORK_DIR EXAMPLE_DIR...

1. the committed stubs are the ones bind generates now (`scripts/stubs.py --check`);
2. `python -m mypy.stubtest` finds no difference between each module (and submodule)
   and its stubs;
3. for each module, `tests/typing/<module>_ok.py` passes `mypy --strict`, and
   `tests/typing/<module>_error.py` fails it with every error its `# expect:` comments
   name (so the stubs provably carry type information).
Exits non-zero if any check fails, after running all of them.
"""
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import stubs  # noqa: E402  (scripts/stubs.py)

work, examples = sys.argv[1], sys.argv[2:]
failures = []


def run(*command):
    print("$ " + " ".join(command), flush=True)
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(done.stdout, flush=True)
    return done


def fail(message):
    failures.append(message)
    print("*** " + message, flush=True)


cache = ["--cache-dir", os.path.join(work, "mypy-cache-%d.%d" % sys.version_info[:2])]

if run(sys.executable, os.path.join(ROOT, "scripts", "stubs.py"), "--check", *examples).returncode:
    fail("committed stubs are out of date")

# stubtest checks each module's submodules itself.
modules = [stubs.extension_module(example) for example in examples]
# PEP 800's `@disjoint_base` (checked by recent stubtest) is left out of the stubs: the
# decorator is unknown to the mypy versions of older interpreters.
help_text = run(sys.executable, "-m", "mypy.stubtest", "--help").stdout
extra = ["--ignore-disjoint-bases"] if "--ignore-disjoint-bases" in help_text else []
done = run(sys.executable, "-m", "mypy.stubtest", *extra, *modules)
if done.returncode:
    fail("stubtest reports differences")

for example in examples:
    name = stubs.extension_module(example)
    ok = os.path.join(HERE, name + "_ok.py")
    bad = os.path.join(HERE, name + "_error.py")
    for path in (ok, bad):
        if not os.path.exists(path):
            fail("%s is missing" % os.path.relpath(path, ROOT))
    if not os.path.exists(ok) or not os.path.exists(bad):
        continue
    if run(sys.executable, "-m", "mypy", "--strict", *cache, ok).returncode:
        fail("%s does not pass mypy --strict" % os.path.basename(ok))
    with open(bad) as f:
        expected = [(i + 1, m.group(1).strip()) for i, line in enumerate(f)
                    for m in [re.search(r"# expect: (.*)$", line)] if m]
    if not expected:
        fail("%s names no expected error" % os.path.basename(bad))
    done = run(sys.executable, "-m", "mypy", "--strict", *cache, bad)
    if done.returncode != 1:
        fail("%s: mypy --strict exit status %d, expected 1" % (os.path.basename(bad), done.returncode))
    for line, text in expected:
        if not re.search(r":%d: error: .*%s" % (line, re.escape(text)), done.stdout):
            fail("%s:%d: mypy did not report %r" % (os.path.basename(bad), line, text))

print("%d typing check(s) failed" % len(failures))
sys.exit(1 if failures else 0)
