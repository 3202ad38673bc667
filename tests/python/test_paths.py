"""Paths (examples/completeness): PathBuf/&Path out as pathlib.Path, in from str,
os.PathLike and (on POSIX) bytes, compared with pathlib's own results."""

import os
import pathlib
import re
import sys

import pytest

import completeness as c

PATHS = ["/usr/lib", "relative/dir", "a", "/", "x/y.tar.gz", "/tmp/caf\u00e9", "dir/.hidden"]


def err(exc, text):
    return pytest.raises(exc, match="^" + re.escape(text) + "$")


@pytest.mark.parametrize("base", PATHS)
def test_join_matches_pathlib(base):
    out = c.join_path(base, "file.txt")
    assert type(out) is type(pathlib.Path())
    assert out == pathlib.Path(base) / "file.txt"
    assert c.join_path(pathlib.Path(base), pathlib.PurePath("sub")) == pathlib.Path(base) / "sub"


@pytest.mark.parametrize("path", PATHS)
def test_parent_and_parts_match_pathlib(path):
    p = pathlib.Path(path)
    if p.parent == p:  # pathlib's parent of "/" is "/"; Rust's is None
        assert c.parent_of(path) is None
    else:
        # Rust gives "" for a single relative component; pathlib gives ".".
        assert c.parent_of(path) == p.parent
    assert c.components_of(path) == list(p.parts)
    assert c.extension_of(path) == (p.suffix[1:] or None)


def test_path_out_from_a_borrowed_path():
    assert c.as_path("/etc/hosts") == pathlib.Path("/etc/hosts")
    assert isinstance(c.as_path("x"), pathlib.Path)


def test_os_pathlike_in():
    class Custom:
        def __fspath__(self):
            return "/from/fspath"

    assert c.join_path(Custom(), "x") == pathlib.Path("/from/fspath/x")


@pytest.mark.skipif(os.name != "posix", reason="bytes paths are POSIX-only")
def test_bytes_in_on_posix_keeps_non_utf8_bytes():
    out = c.join_path(b"/tmp", b"\xff\xfe")
    assert out == pathlib.Path(os.fsdecode(b"/tmp/\xff\xfe"))
    assert os.fsencode(out) == b"/tmp/\xff\xfe"


def test_bad_path_argument_names_the_argument():
    with err(TypeError, "argument 'base': 'int' object cannot be converted to 'os.PathLike'"):
        c.join_path(3, "x")
    with err(TypeError, "argument 'name': 'NoneType' object cannot be converted to 'os.PathLike'"):
        c.join_path("/", None)
