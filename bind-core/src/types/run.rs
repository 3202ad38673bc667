//! Compiling, evaluating and running Python source code from Rust.
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::{PyAny, PyDict};
use std::ffi::CString;

/// Compiles `source` with the given start symbol (`Py_eval_input`, `Py_file_input`).
pub fn compile<'py>(
    gil: Gil<'py>,
    source: &str,
    file_name: &str,
    start: std::os::raw::c_int,
) -> PyResult<Owned<'py, PyAny>> {
    let source = CString::new(source)?;
    let file_name = CString::new(file_name)?;
    // SAFETY: valid C strings; returns a new code object or null.
    unsafe {
        Owned::from_owned_ptr_or_err(
            gil,
            ffi::Py_CompileString(source.as_ptr(), file_name.as_ptr(), start),
        )
    }
}

fn globals_with_builtins<'py>(
    gil: Gil<'py>,
    globals: Option<&Owned<'py, PyDict>>,
) -> PyResult<Owned<'py, PyDict>> {
    let globals = match globals {
        Some(g) => g.clone(),
        None => PyDict::new(gil),
    };
    if !globals.contains("__builtins__")? {
        let builtins = gil.import("builtins")?;
        globals.set_item("__builtins__", builtins)?;
    }
    Ok(globals)
}

fn exec<'py>(
    gil: Gil<'py>,
    source: &str,
    start: std::os::raw::c_int,
    globals: Option<&Owned<'py, PyDict>>,
    locals: Option<&Owned<'py, PyDict>>,
) -> PyResult<Owned<'py, PyAny>> {
    let code = compile(gil, source, "<string>", start)?;
    let globals = globals_with_builtins(gil, globals)?;
    let locals = locals.unwrap_or(&globals);
    // SAFETY: a code object and two dicts; returns a new reference or null.
    unsafe {
        Owned::from_owned_ptr_or_err(
            gil,
            ffi::PyEval_EvalCode(code.as_ptr(), globals.as_ptr(), locals.as_ptr()),
        )
    }
}

/// Evaluates one expression and returns its value. Names are looked up in `locals`, then
/// `globals` (a fresh dict when `None`), then the builtins.
///
/// ```
/// use bind_core::types::{run, PyDict};
/// use bind_core::Gil;
///
/// Gil::with(|gil| {
///     let globals = PyDict::new(gil);
///     globals.set_item("x", 6)?;
///     let v: i64 = run::eval(gil, "x * 7", Some(&globals), None)?.extract()?;
///     assert_eq!(v, 42);
///     Ok::<_, bind_core::PyErr>(())
/// })
/// .unwrap();
/// ```
pub fn eval<'py>(
    gil: Gil<'py>,
    source: &str,
    globals: Option<&Owned<'py, PyDict>>,
    locals: Option<&Owned<'py, PyDict>>,
) -> PyResult<Owned<'py, PyAny>> {
    exec(gil, source, ffi::Py_eval_input, globals, locals)
}

/// Runs statements; names they define land in `locals` (or `globals`).
///
/// ```
/// use bind_core::types::{run, PyDict};
/// use bind_core::Gil;
///
/// Gil::with(|gil| {
///     let globals = PyDict::new(gil);
///     let locals = PyDict::new(gil);
///     run::run(gil, "import math\nr = math.floor(2.5)", Some(&globals), Some(&locals))?;
///     assert_eq!(locals.get_item("r")?.unwrap().extract::<i64>()?, 2);
///     assert!(globals.get_item("r")?.is_none());
///     Ok::<_, bind_core::PyErr>(())
/// })
/// .unwrap();
/// ```
pub fn run<'py>(
    gil: Gil<'py>,
    source: &str,
    globals: Option<&Owned<'py, PyDict>>,
    locals: Option<&Owned<'py, PyDict>>,
) -> PyResult<()> {
    exec(gil, source, ffi::Py_file_input, globals, locals).map(drop)
}
