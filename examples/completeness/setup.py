"""The typed stub package `completeness-stubs` (PEP 561), beside the Rust extension module that
pyproject.toml builds. Its `.pyi` files are generated from the module's descriptors:
`python scripts/stubs.py examples/completeness` in the bind repository. (A setup.py because
pyproject.toml's `packages` only accepts importable names, and stub packages end in
`-stubs`.)"""
from setuptools import setup

setup(
    packages=["completeness-stubs"],
    package_data={"completeness-stubs": ["*.pyi", "py.typed"]},
)
