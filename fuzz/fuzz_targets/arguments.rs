//! Fuzzes the argument parser against pure-Python twins: the input bytes choose a function
//! (every parameter kind: positional-only, defaults, keyword-only, `*args`, `**kwargs`)
//! and a call shape (how many positional arguments, which keyword names — valid,
//! duplicated, unknown — and argument values of several types). The bind function and a
//! Python function of the same signature are called the same way: both must succeed with
//! the same bound values, or both raise the same exception type with the same message.
#![no_main]

use bind::prelude::*;
use libfuzzer_sys::fuzz_target;

/// Every kind of parameter; returns what was bound, as the twin does.
#[allow(clippy::too_many_arguments)] // one of each parameter kind is the point
#[function(signature = (a, b = 2, /, c = 3, *args, d, e = Some(5.0), **kwargs))]
fn full<'py>(
    gil: Gil<'py>,
    a: i64,
    b: i64,
    c: i64,
    args: Owned<'py, PyTuple>,
    d: String,
    e: Option<f64>,
    kwargs: Option<Owned<'py, PyDict>>,
) -> PyResult<Owned<'py, PyAny>> {
    let kwargs = match kwargs {
        Some(k) => k.into_any(),
        None => PyDict::new(gil).into_any(),
    };
    Ok(PyTuple::new(
        gil,
        [
            a.into_py(gil)?,
            b.into_py(gil)?,
            c.into_py(gil)?,
            args.into_any(),
            d.into_py(gil)?,
            e.into_py(gil)?,
            kwargs,
        ],
    )?
    .into_any())
}

/// Plain positional-or-keyword parameters with defaults.
#[function(signature = (x, y = 0, z = None))]
fn plain(x: i64, y: u8, z: Option<String>) -> (i64, u8, Option<String>) {
    (x, y, z)
}

/// Keyword-only parameters after `*`.
#[function(signature = (*, p, q = true))]
fn kwonly(p: i64, q: bool) -> (i64, bool) {
    (p, q)
}

/// The twins, as CPython would write them (the conversions of the Rust types included).
const TWINS: &str = r#"
def _int(name, v, lo=-2**63, hi=2**63 - 1, rust="i64"):
    if isinstance(v, bool) or not isinstance(v, int):
        import operator
        try:
            v = operator.index(v)
        except TypeError:
            raise TypeError("argument '%s': '%s' object cannot be interpreted as an integer" % (name, type(v).__name__)) from None
    if v < lo:
        raise OverflowError("argument '%s': Python int too small to convert to %s" % (name, rust))
    if v > hi:
        raise OverflowError("argument '%s': Python int too large to convert to %s" % (name, rust))
    return v

def full(a, b=2, /, c=3, *args, d, e=5.0, **kwargs):
    a = _int("a", a); b = _int("b", b); c = _int("c", c)
    if not isinstance(d, str):
        raise TypeError("argument 'd': '%s' object cannot be converted to 'str'" % type(d).__name__)
    if e is not None:
        if isinstance(e, (str, bytes, list, tuple, dict)) or e is None:
            raise TypeError("argument 'e': must be real number, not %s" % type(e).__name__)
        e = float(e)
    return (a, b, c, args, d, e, kwargs)

def plain(x, y=0, z=None):
    x = _int("x", x)
    y = _int("y", y, 0, 255, "u8")
    if z is not None and not isinstance(z, str):
        raise TypeError("argument 'z': '%s' object cannot be converted to 'str'" % type(z).__name__)
    return (x, y, z)

def kwonly(*, p, q=True):
    p = _int("p", p)
    if q is not True and q is not False:
        raise TypeError("argument 'q': '%s' object cannot be converted to 'bool'" % type(q).__name__)
    return (p, q)
"#;

const NAMES: [&str; 12] = [
    "a", "b", "c", "d", "e", "x", "y", "z", "p", "q", "args", "other",
];

/// An argument value chosen by one byte.
fn value<'py>(gil: Gil<'py>, b: u8) -> PyResult<Owned<'py, PyAny>> {
    Ok(match b % 10 {
        0 => gil.none().into_any(),
        1 => i64::from(b).into_py(gil)?,
        2 => (-i64::from(b)).into_py(gil)?,
        3 => (i128::from(b) << 64).into_py(gil)?,
        4 => (f64::from(b) / 3.0).into_py(gil)?,
        5 => format!("s{b}").into_py(gil)?,
        6 => (b & 1 == 1).into_py(gil)?,
        7 => PyTuple::new(gil, [i64::from(b).into_py(gil)?])?.into_any(),
        8 => PyBytes::new(gil, &[b]).into_any(),
        _ => 300i64.into_py(gil)?,
    })
}

/// The outcome of a call, comparable between bind and the twin.
fn outcome(result: PyResult<Owned<'_, PyAny>>) -> String {
    match result {
        Ok(v) => format!("ok {}", v.repr().map(|r| r.to_string()).unwrap_or_default()),
        Err(e) => e.to_string(),
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    Gil::with(|gil| {
        let module = PyModule::new(gil, "fuzz_args").unwrap();
        module.add_function(wrap!(full)).unwrap();
        module.add_function(wrap!(plain)).unwrap();
        module.add_function(wrap!(kwonly)).unwrap();
        let twins = PyDict::new(gil);
        gil.run(TWINS, Some(&twins), None).unwrap();
        let name = ["full", "plain", "kwonly"][usize::from(data[0] % 3)];
        let npos = usize::from(data[1] % 7);
        let mut rest = &data[2..];
        let mut positional = Vec::new();
        for _ in 0..npos {
            let (b, r) = rest.split_first().map(|(b, r)| (*b, r)).unwrap_or((1, &[]));
            rest = r;
            positional.push(value(gil, b).unwrap());
        }
        let kwargs = PyDict::new(gil);
        for pair in rest.chunks(2).take(6) {
            let key = NAMES[usize::from(pair[0]) % NAMES.len()];
            let v = value(gil, *pair.get(1).unwrap_or(&1)).unwrap();
            kwargs.set_item(key, v).unwrap();
        }
        let args = PyTuple::new(gil, positional).unwrap();
        let ours = module
            .getattr(name)
            .unwrap()
            .call(args.clone(), Some(&kwargs));
        let twin = twins
            .get_item(name)
            .unwrap()
            .unwrap()
            .call(args, Some(&kwargs));
        let (ours, twin) = (outcome(ours), outcome(twin));
        assert_eq!(ours, twin, "{name}: bind and the Python twin disagree");
    });
});
