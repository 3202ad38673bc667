"""Checks built wheels the way the ecosystem does, for ./test.

Usage: check_wheels.py WHEEL_DIR REPAIR_DIR EXAMPLE_DIR...

For every wheel: the typed stub package is inside, `abi3audit --strict` (abi3 wheels),
`auditwheel show` must name a manylinux tag, `auditwheel repair` must write a manylinux
wheel, and the metadata (name, version, requires-python, license) must match the
example's pyproject.toml. Exits non-zero on any problem, after checking everything.
"""
import email.parser
import glob
import os
import re
import subprocess
import sys
import zipfile

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib

wheel_dir, repair_dir, examples = sys.argv[1], sys.argv[2], sys.argv[3:]
bin_dir = os.path.dirname(sys.executable)
problems = []


def bad(message):
    problems.append(message)
    print("*** " + message, flush=True)


def run(*command):
    print("$ " + " ".join(command), flush=True)
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(done.stdout, flush=True)
    return done


def normalize(name):
    return re.sub(r"[-_.]+", "_", name).lower()


projects = {}
projects_of = {}
for example in examples:
    with open(os.path.join(example, "pyproject.toml"), "rb") as f:
        project = tomllib.load(f)["project"]
    projects[normalize(project["name"])] = project
    projects_of[example] = project

wheels = sorted(glob.glob(os.path.join(wheel_dir, "*.whl")))
if len(wheels) != len(examples):
    bad("expected %d wheels in %s, found %d" % (len(examples), wheel_dir, len(wheels)))

for wheel in wheels:
    name = os.path.basename(wheel)
    distribution, version = name.split("-")[:2]
    project = projects.get(normalize(distribution))
    if project is None:
        bad("%s: no example project named %s" % (name, distribution))
        continue

    # Metadata.
    with zipfile.ZipFile(wheel) as archive:
        metadata_name = "%s-%s.dist-info/METADATA" % (distribution, version)
        metadata = email.parser.Parser().parsestr(archive.read(metadata_name).decode())
    expected = {
        "Name": project["name"],
        "Version": project["version"],
        "Requires-Python": project["requires-python"],
        "License": project.get("license", {}).get("text"),
    }
    for field, value in expected.items():
        found = metadata.get(field)
        if field == "License" and found is None:
            found = metadata.get("License-Expression")
        if value is None or found != value:
            bad("%s: METADATA %s is %r, pyproject.toml says %r" % (name, field, found, value))
    print("%s: metadata %s" % (name, ", ".join("%s=%s" % kv for kv in expected.items())))

    # The typed stub package (PEP 561) generated from the module's descriptors.
    with open(os.path.join(next(e for e in examples if projects_of[e] is project), "pyproject.toml"), "rb") as f:
        module = tomllib.load(f)["tool"]["setuptools-rust"]["ext-modules"][0]["target"]
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for stub in ("%s-stubs/__init__.pyi" % module, "%s-stubs/py.typed" % module):
        if stub not in names:
            bad("%s: %s is missing" % (name, stub))

    # The stable ABI.
    if "-abi3-" in name:
        done = run(os.path.join(bin_dir, "abi3audit"), "--strict", "--verbose", wheel)
        if done.returncode != 0:
            bad("%s: abi3audit reports violations" % name)

    # manylinux.
    done = run(os.path.join(bin_dir, "auditwheel"), "show", wheel)
    if done.returncode != 0 or not re.search(r'"manylinux_\d+_\d+_\w+"', done.stdout):
        bad("%s: auditwheel show names no manylinux tag" % name)
    before = set(glob.glob(os.path.join(repair_dir, "*.whl")))
    done = run(os.path.join(bin_dir, "auditwheel"), "repair", "-w", repair_dir, wheel)
    repaired = set(glob.glob(os.path.join(repair_dir, "*.whl"))) - before
    if done.returncode != 0 or not any("manylinux" in os.path.basename(w) for w in repaired):
        bad("%s: auditwheel repair wrote no manylinux wheel" % name)
    for w in repaired:
        print("repaired: %s" % os.path.basename(w))

print("%d wheel(s) checked, %d problem(s)" % (len(wheels), len(problems)))
sys.exit(1 if problems else 0)
