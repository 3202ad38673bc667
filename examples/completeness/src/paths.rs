//! Paths: `PathBuf`/`&Path` come out as `pathlib.Path`; `str`, any `os.PathLike` and (on
//! POSIX) `bytes` go in.
use bind::prelude::*;
use std::path::{Path, PathBuf};

/// `base / name`, joined by Rust.
#[function]
fn join_path(base: PathBuf, name: PathBuf) -> PathBuf {
    base.join(name)
}

/// The parent directory, borrowed from the path (`&Path` out).
#[function]
fn parent_of(path: PathBuf) -> Option<PathBuf> {
    path.parent().map(Path::to_path_buf)
}

/// The extension of a path as Rust sees it (`None` without one).
#[function]
fn extension_of(path: PathBuf) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().into_owned())
}

/// The path's components as Rust splits them.
#[function]
fn components_of(path: PathBuf) -> Vec<String> {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

/// A `&Path` returned as-is from a borrowed string.
#[function]
fn as_path(gil: Gil<'_>, text: String) -> PyResult<Owned<'_, PyAny>> {
    Path::new(&text).into_py(gil)
}

/// Adds this file's functions to the module.
pub fn add_to(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap!(join_path))?;
    m.add_function(wrap!(parent_of))?;
    m.add_function(wrap!(extension_of))?;
    m.add_function(wrap!(components_of))?;
    m.add_function(wrap!(as_path))?;
    Ok(())
}
