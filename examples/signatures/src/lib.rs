//! `signatures`: a small text-and-numbers toolbox that uses every signature form bind
//! supports — defaults, positional-only (`/`), keyword-only (`*`), `*args`, `**kwargs`,
//! implicit `None` for trailing `Option`s, the GIL token, the module, borrowed objects,
//! typed handles, `Result` with a user error type, and closures with captured state.
use bind::exceptions::PyValueError;
use bind::prelude::*;
use std::sync::atomic::{AtomicI64, Ordering};

/// Adds two integers.
#[function]
fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// Does nothing (a `METH_NOARGS` function).
#[function]
fn nothing() {}

/// Negates a number given by position only (a `METH_O` function).
#[function(signature = (x, /))]
fn negate(x: i64) -> i64 {
    x.wrapping_neg()
}

/// `base ** exp`, optionally modulo `modulus`; the first two are positional-only.
#[function(signature = (base, exp, /, modulus = None))]
fn power(base: i64, exp: u32, modulus: Option<i64>) -> PyResult<i64> {
    let value = base
        .checked_pow(exp)
        .ok_or_else(|| PyValueError::new_err("result does not fit in 64 bits"))?;
    match modulus {
        Some(0) => Err(PyValueError::new_err("modulus must not be zero")),
        Some(m) => Ok(value.rem_euclid(m)),
        None => Ok(value),
    }
}

/// A greeting; `punctuation` is keyword-only.
#[function(signature = (name, greeting = "Hello".to_owned(), *, punctuation = "!".to_owned()))]
fn greet(name: String, greeting: String, punctuation: String) -> String {
    format!("{greeting}, {name}{punctuation}")
}

/// Joins any number of strings with a keyword-only separator.
#[function(signature = (*parts, sep = " ".to_owned()))]
fn join(parts: Vec<String>, sep: String) -> String {
    parts.join(&sep)
}

/// A record: `id` and any keyword fields, as a dict.
#[function(signature = (id, **fields))]
fn record<'py>(id: i64, fields: &Owned<'py, PyDict>) -> PyResult<Owned<'py, PyDict>> {
    let out = fields.copy()?;
    out.set_item("id", id)?;
    Ok(out)
}

/// How many positional and which keyword arguments were passed.
#[function(signature = (*args, **kwargs))]
fn describe(
    args: &Owned<'_, PyTuple>,
    kwargs: &Owned<'_, PyDict>,
) -> PyResult<(usize, Vec<String>)> {
    let mut keys: Vec<String> = kwargs.keys().extract()?;
    keys.sort();
    Ok((args.len(), keys))
}

/// Every kind at once: `a` positional-only, `b` either way, `args`, keyword-only `c` (required)
/// and `d` (default), `kwargs`.
#[function(signature = (a, /, b = 2, *args, c, d = 4.5, **kwargs))]
fn everything<'py>(
    a: i64,
    b: i64,
    args: Vec<i64>,
    c: bool,
    d: f64,
    kwargs: Option<&Owned<'py, PyDict>>,
) -> PyResult<(i64, i64, Vec<i64>, bool, f64, usize)> {
    let extra = match kwargs {
        Some(k) => k.len(),
        None => 0,
    };
    Ok((a, b, args, c, d, extra))
}

/// Scales numbers; `factor` defaults to 2.0.
#[function(signature = (values, factor = 2.0))]
fn scale(values: Vec<f64>, factor: f64) -> Vec<f64> {
    values.into_iter().map(|v| v * factor).collect()
}

/// Clamps `x` into `[lo, hi]` (trailing `Option`s default to `None` without a signature).
#[function]
fn clamp(x: i64, lo: Option<i64>, hi: Option<i64>) -> i64 {
    let x = lo.map_or(x, |lo| x.max(lo));
    hi.map_or(x, |hi| x.min(hi))
}

/// The first word, or `None` for blank text.
#[function]
fn first_word(text: String) -> Option<String> {
    text.split_whitespace().next().map(str::to_owned)
}

/// An error type of the application, converted to `ValueError` through `From`.
#[derive(Debug)]
pub enum ParseError {
    /// The text was empty.
    Empty,
    /// Not a number.
    NotANumber(String),
}

impl From<ParseError> for PyErr {
    fn from(err: ParseError) -> PyErr {
        match err {
            ParseError::Empty => PyValueError::new_err("empty text"),
            ParseError::NotANumber(t) => PyValueError::new_err(format!("not a number: {t:?}")),
        }
    }
}

/// Parses a decimal integer, reporting the application's own error type.
#[function]
fn parse_number(text: String) -> Result<i64, ParseError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ParseError::Empty);
    }
    text.parse()
        .map_err(|_| ParseError::NotANumber(text.to_owned()))
}

/// The name of the module this function belongs to.
#[function(pass_module)]
fn module_name(module: &Owned<'_, PyModule>) -> PyResult<String> {
    module.getattr("__name__")?.extract()
}

/// The type name of any object (borrowed, not converted; annotated `object` in the stub).
#[function(hint(obj = "object"))]
fn type_name(obj: &Owned<'_, PyAny>) -> String {
    obj.type_name().to_string()
}

/// The length of a list (a typed handle: other types raise `TypeError`).
#[function]
fn list_len(xs: &Owned<'_, PyList>) -> usize {
    xs.len()
}

/// `n` Python integers built with the GIL token (the stub says `list[int]`: the
/// annotation of a `PyList` handle alone would be `list[typing.Any]`).
#[function(hint(returns = "list[int]"))]
fn range_list(gil: Gil<'_>, n: usize) -> PyResult<Owned<'_, PyList>> {
    PyList::new(gil, (0..n).map(|i| i as i64))
}

/// A parameter named with a Rust keyword.
#[function]
fn kind(r#type: String) -> String {
    format!("kind={type}")
}

/// Sums nine integers (more parameters than the parser's stack array).
#[function(signature = (a, b, c, d, e, f, g, h, i = 0))]
#[allow(clippy::too_many_arguments)]
fn nine(a: i64, b: i64, c: i64, d: i64, e: i64, f: i64, g: i64, h: i64, i: i64) -> i64 {
    a + b + c + d + e + f + g + h + i
}

/// The Python name differs from the Rust one.
#[function(name = "total")]
fn sum_all(values: Vec<i64>) -> i64 {
    values.iter().sum()
}

/// Panics (a `PanicException`, not a crash).
#[function]
fn panics() {
    panic!("deliberate panic");
}

/// A counter closure starting at `start`, counting by `step`.
#[function(signature = (start = 0, *, step = 1))]
fn make_counter(gil: Gil<'_>, start: i64, step: i64) -> PyResult<Owned<'_, PyAny>> {
    let count = AtomicI64::new(start);
    bind::new_closure(
        gil,
        "counter",
        Some("Returns the next value."),
        move |_args, _kwargs| Ok(count.fetch_add(step, Ordering::Relaxed)),
    )
}

/// A closure adding `n` to its argument (`x` by position or keyword).
#[function]
fn make_adder(gil: Gil<'_>, n: i64) -> PyResult<Owned<'_, PyAny>> {
    bind::new_closure(gil, "adder", None, move |args, kwargs| {
        let x: i64 = match kwargs.map(|k| k.get_item("x")).transpose()?.flatten() {
            Some(x) => x.extract()?,
            None => args.get_item(0)?.extract()?,
        };
        Ok(x + n)
    })
}

/// The module.
#[module]
fn signatures(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap!(add))?;
    m.add_function(wrap!(nothing))?;
    m.add_function(wrap!(negate))?;
    m.add_function(wrap!(power))?;
    m.add_function(wrap!(greet))?;
    m.add_function(wrap!(join))?;
    m.add_function(wrap!(record))?;
    m.add_function(wrap!(describe))?;
    m.add_function(wrap!(everything))?;
    m.add_function(wrap!(scale))?;
    m.add_function(wrap!(clamp))?;
    m.add_function(wrap!(first_word))?;
    m.add_function(wrap!(parse_number))?;
    m.add_function(wrap!(module_name))?;
    m.add_function(wrap!(type_name))?;
    m.add_function(wrap!(list_len))?;
    m.add_function(wrap!(range_list))?;
    m.add_function(wrap!(kind))?;
    m.add_function(wrap!(nine))?;
    m.add_function(wrap!(sum_all))?;
    m.add_function(wrap!(panics))?;
    m.add_function(wrap!(make_counter))?;
    m.add_function(wrap!(make_adder))?;
    Ok(())
}
