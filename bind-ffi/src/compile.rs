//! `compile.h`: start symbols for compiling source code.
use libc::c_int;

/// Compile a single statement (interactive input).
pub const Py_single_input: c_int = 256;
/// Compile a module (a sequence of statements).
pub const Py_file_input: c_int = 257;
/// Compile one expression.
pub const Py_eval_input: c_int = 258;
/// Compile a function type signature (3.8+).
pub const Py_func_type_input: c_int = 345;
