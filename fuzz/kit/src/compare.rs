//! The round-trip check: a value extracted from `input` and converted back must be
//! `input` read through its shape, in the form bind's conversions give it back — `list`
//! for any sequence, `bytes` for sequences of `u8`, `int`/`float`/`str` for their
//! subclasses and `__index__`/`__float__` objects, a `dict` keyed by the lookup names for
//! a derived struct (`derive(IntoPyObject)`), a `tuple` for a tuple struct, the field
//! itself for a newtype. Fields the input left out (defaults) are only required to be
//! present; `Any` and `Hint` parts are not compared.
use crate::generate::{is_byte, AtPath};
use crate::py::{helpers, short_repr};
use bind::prelude::*;
use bind::shape::{Shape, Source, StructShape};

/// Where and how the output differs from the input.
pub(crate) type Mismatch = String;

struct Compare<'py> {
    gil: Gil<'py>,
    path: String,
}

/// Compares `output` with `input` read through `shape`.
pub(crate) fn same<'py>(
    gil: Gil<'py>,
    shape: Shape,
    input: &Owned<'py, PyAny>,
    output: &Owned<'py, PyAny>,
) -> Result<(), Mismatch> {
    let mut c = Compare {
        gil,
        path: String::new(),
    };
    match c.value(shape, input, output) {
        Ok(result) => result,
        Err(err) => Err(format!("{}: comparing raised {err}", c.path)),
    }
}

impl AtPath for Compare<'_> {
    fn path(&mut self) -> &mut String {
        &mut self.path
    }
}

impl<'py> Compare<'py> {
    fn differ(
        &self,
        what: &str,
        input: &Owned<'py, PyAny>,
        output: &Owned<'py, PyAny>,
    ) -> Result<(), Mismatch> {
        Err(format!(
            "at '{}': {what}: input {}, output {}",
            self.path,
            short_repr(self.gil, input),
            short_repr(self.gil, output)
        ))
    }

    fn value(
        &mut self,
        shape: Shape,
        input: &Owned<'py, PyAny>,
        output: &Owned<'py, PyAny>,
    ) -> PyResult<Result<(), Mismatch>> {
        let gil = self.gil;
        let h = helpers(gil);
        Ok(match shape {
            Shape::Any | Shape::Hint(_) => Ok(()),
            Shape::None if output.is_none() => Ok(()),
            Shape::None => self.differ("not None", input, output),
            Shape::Bool if output.is(input) => Ok(()),
            Shape::Bool => self.differ("another bool", input, output),
            Shape::Int { .. } => {
                let expected = h.as_index.bind(gil).call1((input,))?;
                if !output.is_exact_instance_of::<PyInt>() {
                    self.differ("not an int", input, output)
                } else if !output.eq(&expected)? {
                    self.differ("another int", input, output)
                } else {
                    Ok(())
                }
            }
            Shape::Float { bits } => {
                let x: f64 = h.as_float.bind(gil).call1((input,))?.extract()?;
                let expected = if bits == 32 { f64::from(x as f32) } else { x };
                if !output.is_exact_instance_of::<PyFloat>() {
                    return Ok(self.differ("not a float", input, output));
                }
                let got: f64 = output.extract()?;
                if got.to_bits() == expected.to_bits() || (got.is_nan() && expected.is_nan()) {
                    Ok(())
                } else {
                    self.differ("another float", input, output)
                }
            }
            Shape::Str | Shape::Char => {
                if !output.is_exact_instance_of::<PyStr>() {
                    self.differ("not a str", input, output)
                } else if !output.eq(input)? {
                    self.differ("another str", input, output)
                } else {
                    Ok(())
                }
            }
            Shape::Optional(_) if input.is_none() => {
                if output.is_none() {
                    Ok(())
                } else {
                    self.differ("not None", input, output)
                }
            }
            Shape::Optional(inner) => self.value(*inner, input, output)?,
            Shape::Seq(item) | Shape::Array(item, _) if is_byte(*item) => {
                let mut expected = Vec::new();
                for v in input.iter()? {
                    expected.push(h.as_index.bind(gil).call1((v?,))?.extract::<u8>()?);
                }
                match output.downcast::<PyBytes>() {
                    Ok(bytes) if output.is_exact_instance_of::<PyBytes>() => {
                        if bytes.as_bytes() == expected.as_slice() {
                            Ok(())
                        } else {
                            self.differ("other bytes", input, output)
                        }
                    }
                    _ => self.differ("not bytes", input, output),
                }
            }
            Shape::Seq(item) | Shape::Array(item, _) => {
                if !output.is_exact_instance_of::<PyList>() {
                    return Ok(self.differ("not a list", input, output));
                }
                let out = output.downcast::<PyList>()?;
                let mut n = 0;
                for v in input.iter()? {
                    let v = v?;
                    if n >= out.len() {
                        return Ok(self.differ("a shorter list", input, output));
                    }
                    let o = out.get_item(n)?;
                    let r = self.at(&format!("[{n}]"), |c| c.value(*item, &v, &o))?;
                    if r.is_err() {
                        return Ok(r);
                    }
                    n += 1;
                }
                if n == out.len() {
                    Ok(())
                } else {
                    self.differ("a longer list", input, output)
                }
            }
            Shape::Tuple(items) => {
                if !output.is_exact_instance_of::<PyTuple>() || output.len()? != items.len() {
                    return Ok(self.differ("not a tuple of the same length", input, output));
                }
                for (i, s) in items.iter().enumerate() {
                    let (v, o) = (input.get_item(i)?, output.get_item(i)?);
                    let r = self.at(&format!("[{i}]"), |c| c.value(*s, &v, &o))?;
                    if r.is_err() {
                        return Ok(r);
                    }
                }
                Ok(())
            }
            Shape::Map(_, v) => {
                let Ok(out) = output.downcast::<PyDict>() else {
                    return Ok(self.differ("not a dict", input, output));
                };
                let dict = input.downcast::<PyDict>()?;
                if !output.is_exact_instance_of::<PyDict>() || out.len() != dict.len() {
                    return Ok(self.differ("not a dict of the same size", input, output));
                }
                for (key, value) in dict.iter() {
                    let Some(o) = out.get_item(&key)? else {
                        return Ok(self.differ("a key is missing", input, output));
                    };
                    let seg = format!("[{}]", short_repr(gil, &key));
                    let r = self.at(&seg, |c| c.value(*v, &value, &o))?;
                    if r.is_err() {
                        return Ok(r);
                    }
                }
                Ok(())
            }
            Shape::Set(_) => {
                if output.is_exact_instance_of::<PySet>() && output.eq(input)? {
                    Ok(())
                } else {
                    self.differ("not an equal set", input, output)
                }
            }
            Shape::Struct(f) => self.structure(f(), input, output)?,
            Shape::Enum(f) => {
                let mut reasons = Vec::new();
                for variant in f().variants {
                    match self.structure(variant, input, output) {
                        Ok(Ok(())) => return Ok(Ok(())),
                        Ok(Err(why)) => reasons.push(why),
                        Err(err) => reasons.push(err.to_string()),
                    }
                }
                Err(format!(
                    "at '{}': no variant matches: {}",
                    self.path,
                    reasons.join("; ")
                ))
            }
        })
    }

    /// A derived struct: the output of `derive(IntoPyObject)` against the input's fields.
    fn structure(
        &mut self,
        s: &StructShape,
        input: &Owned<'py, PyAny>,
        output: &Owned<'py, PyAny>,
    ) -> PyResult<Result<(), Mismatch>> {
        let gil = self.gil;
        let fields = s.input.fields;
        if fields.len() == 1 && matches!(fields[0].source, Source::Whole) {
            return self.value((s.fields[0].shape)(), input, output);
        }
        if let Some(n) = s.input.seq_len {
            if !output.is_exact_instance_of::<PyTuple>() || output.len()? != n {
                return Ok(self.differ("not a tuple of the struct's length", input, output));
            }
            for i in 0..n {
                let (v, o) = (input.get_item(i)?, output.get_item(i)?);
                let r = self.at(&format!("[{i}]"), |c| {
                    c.value((s.fields[i].shape)(), &v, &o)
                })?;
                if r.is_err() {
                    return Ok(r);
                }
            }
            return Ok(Ok(()));
        }
        let Ok(out) = output.downcast::<PyDict>() else {
            return Ok(self.differ("not a dict", input, output));
        };
        if out.len() != fields.len() {
            return Ok(self.differ("not one entry per field", input, output));
        }
        for (field, shape) in fields.iter().zip(s.fields) {
            let key = match field.source {
                Source::Attr(name) | Source::Item(name) => name,
                _ => shape.name,
            };
            let Some(o) = out.get_item(key)? else {
                return Ok(self.differ(&format!("no entry '{key}'"), input, output));
            };
            let (seg, v) = match field.source {
                Source::Attr(name) => (format!(".{name}"), input.getattr_opt(name)?),
                Source::Item(name) => (format!("[{name:?}]"), lookup(input, name.into_py(gil)?)?),
                Source::Key(k) => (format!("[{k:?}]"), lookup(input, k.to_object(gil)?)?),
                Source::Index(_) | Source::Whole => unreachable!("named fields"),
            };
            // A field the input left out took its default: only its presence is checked.
            let Some(v) = v else { continue };
            let r = self.at(&seg, |c| c.value((shape.shape)(), &v, &o))?;
            if r.is_err() {
                return Ok(r);
            }
        }
        Ok(Ok(()))
    }
}

/// `obj[key]`, `None` when absent (as the derive reads it).
fn lookup<'py>(
    obj: &Owned<'py, PyAny>,
    key: Owned<'py, PyAny>,
) -> PyResult<Option<Owned<'py, PyAny>>> {
    if let Ok(dict) = obj.downcast::<PyDict>() {
        return dict.get_item(key);
    }
    match obj.get_item(&key) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_instance_of::<bind::exceptions::PyLookupError>(obj.gil()) => Ok(None),
        Err(e) => Err(e),
    }
}
