"""Checks the examples' sdists, for ./test.

Usage: check_sdists.py SDIST_DIR EXAMPLE_DIR...

Each example must have one sdist holding what a build from it needs (pyproject.toml,
Cargo.toml, the Rust sources, the stub package when the example has one) and PKG-INFO
metadata matching pyproject.toml.
"""
import email.parser
import glob
import os
import re
import sys
import tarfile

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib

sdist_dir, examples = sys.argv[1], sys.argv[2:]
problems = []


def bad(message):
    problems.append(message)
    print("*** " + message)


for example in examples:
    with open(os.path.join(example, "pyproject.toml"), "rb") as f:
        project = tomllib.load(f)["project"]
    # setuptools >= 69 normalises the file name (PEP 625), older ones keep the name.
    found = []
    for name in {re.sub(r"[-_.]+", "_", project["name"]).lower(), project["name"]}:
        stem = "%s-%s" % (name, project["version"])
        found += glob.glob(os.path.join(sdist_dir, stem + ".tar.gz"))
    if not found:
        bad("%s: no sdist of %s in %s" % (example, project["name"], sdist_dir))
        continue
    with tarfile.open(found[0]) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
        top = archive.getnames()[0].split("/")[0]
        info = email.parser.Parser().parsestr(
            archive.extractfile("%s/PKG-INFO" % top).read().decode())
    wanted = ["pyproject.toml", "Cargo.toml"]
    for root, _, files in os.walk(os.path.join(example, "src")):
        wanted += [os.path.relpath(os.path.join(root, f), example) for f in files if f.endswith(".rs")]
    for stubs in glob.glob(os.path.join(example, "*-stubs")):
        wanted += [os.path.relpath(p, example) for p in glob.glob(os.path.join(stubs, "*"))]
    for name in wanted:
        if name not in names:
            bad("%s: %s is missing from the sdist" % (os.path.basename(found[0]), name))
    for field, value in [("Name", project["name"]), ("Version", project["version"]),
                         ("Requires-Python", project["requires-python"])]:
        if info.get(field) != value:
            bad("%s: PKG-INFO %s is %r, expected %r" % (found[0], field, info.get(field), value))
    print("%s: %d files, metadata ok" % (os.path.basename(found[0]), len(names)))

print("%d sdist(s) checked, %d problem(s)" % (len(examples), len(problems)))
sys.exit(1 if problems else 0)
