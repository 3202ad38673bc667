//! Serde types have no shape, so their values are generated around samples: a sample
//! value is serialized through bind's serde bridge, and one node of the Python tree is
//! mutated (a value of the same kind, a value of another kind, a key dropped or added, an
//! item dropped or repeated, a list for a tuple, an object for a dict, a hostile, deep or
//! self-containing value). Whether a mutant is accepted is not known (`Expect::Either`);
//! the checks are that failures are ordinary exceptions and that what is accepted is a
//! fixed point: converted back, read again and converted again, it is the same.
use crate::generate::{Case, Expect, Gen};
use crate::input::Input;
use crate::py::short_repr;
use bind::prelude::*;
use bind::shape::Shape;

impl<'py> Case<'py> {
    /// A value around one of `samples` (picked by `data`): the sample serialized through
    /// bind's serde bridge, with one node mutated when `data` says so.
    pub fn around<T: serde::Serialize>(
        gil: Gil<'py>,
        samples: &[T],
        data: &[u8],
    ) -> PyResult<Case<'py>> {
        assert!(!samples.is_empty(), "bind-fuzz-kit: at least one sample");
        let mut input = Input::new(data);
        let sample = &samples[input.below(samples.len())];
        let value = bind::serde_bridge::to_py(gil, sample)?;
        let countdown = input.flag().then(|| input.below(12) as u32);
        let mut g = Gen::new(gil, input, countdown);
        let value = g.mutate(value)?;
        let expect = if g.uncertain {
            Expect::Either
        } else {
            Expect::Accept
        };
        Ok(Case {
            value,
            expect,
            shape: Shape::Any,
        })
    }
}

impl<'py> Gen<'py, '_> {
    /// `value` (a tree of dicts, lists, tuples and scalars) with one node mutated, if the
    /// countdown reaches a node.
    pub(crate) fn mutate(&mut self, value: Owned<'py, PyAny>) -> PyResult<Owned<'py, PyAny>> {
        match self.countdown {
            Some(0) => {
                self.countdown = None;
                self.uncertain = true;
                return self.mutation(value);
            }
            Some(n) => self.countdown = Some(n - 1),
            None => return Ok(value),
        }
        if let Ok(list) = value.downcast::<PyList>() {
            for i in 0..list.len() {
                let item = self.mutate(list.get_item(i)?)?;
                list.set_item(i, item)?;
            }
        } else if let Ok(dict) = value.downcast::<PyDict>() {
            for key in dict.keys().iter() {
                let item = dict.get_item(&key)?.expect("a key of the dict");
                let item = self.mutate(item)?;
                dict.set_item(key, item)?;
            }
        } else if let Ok(tuple) = value.downcast::<PyTuple>() {
            let mut items = Vec::with_capacity(tuple.len());
            for item in tuple.iter() {
                items.push(self.mutate(item)?);
            }
            return Ok(PyTuple::new(self.gil, items)?.into_any());
        }
        Ok(value)
    }

    /// A replacement for `value`.
    fn mutation(&mut self, value: Owned<'py, PyAny>) -> PyResult<Owned<'py, PyAny>> {
        match self.input.below(6) {
            0 => self.any(),
            1 => self.same_kind(value),
            2 => self.restructure(value),
            _ => {
                if let Ok(list) = value.downcast::<PyList>() {
                    let list = list.clone();
                    if !list.is_empty() {
                        let i = self.input.below(list.len());
                        if self.input.flag() {
                            list.del_item(i)?;
                        } else {
                            list.append(list.get_item(i)?)?;
                        }
                    }
                    Ok(list.into_any())
                } else if let Ok(dict) = value.downcast::<PyDict>() {
                    let dict = dict.clone();
                    let keys = dict.keys();
                    if !keys.is_empty() && self.input.flag() {
                        dict.del_item(keys.get_item(self.input.below(keys.len()))?)?;
                    } else {
                        let name = ["extra", "type", "value", "0"][self.input.below(4)];
                        dict.set_item(name, self.any()?)?;
                    }
                    Ok(dict.into_any())
                } else {
                    self.same_kind(value)
                }
            }
        }
    }

    /// Another value of the same Python kind (ints at and beyond the 64-bit bounds).
    fn same_kind(&mut self, value: Owned<'py, PyAny>) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil;
        if value.is_instance_of::<PyBool>() {
            return (!value.is_truthy()?).into_py(gil);
        }
        if value.is_instance_of::<PyInt>() {
            let signed = self.input.flag();
            let e = 63 + i64::from(self.input.byte() % 3);
            return match self.input.below(4) {
                0 => self.int_value(64, signed, false),
                1 => self.call(&self.h.pow2, (e, -1)),
                2 => self.call(&self.h.pow2, (-e, 0)),
                _ => (-1).into_py(gil),
            };
        }
        if value.is_instance_of::<PyFloat>() {
            return self.float_value(64).into_py(gil);
        }
        if value.is_instance_of::<PyStr>() {
            let text = self.text(6);
            if self.input.one_in(4) {
                let at = self.input.below(4);
                return self.call(&self.h.surrogate, (text, at));
            }
            return text.into_py(gil);
        }
        if value.is_instance_of::<PyBytes>() {
            let n = self.input.below(8);
            return Ok(PyBytes::new(gil, self.input.bytes(n)).into_any());
        }
        self.any()
    }

    /// The same content in another container: a list for a tuple and back, an object
    /// with attributes or a list of pairs for a dict, a deep or self-containing list.
    fn restructure(&mut self, value: Owned<'py, PyAny>) -> PyResult<Owned<'py, PyAny>> {
        if let Ok(tuple) = value.downcast::<PyTuple>() {
            return Ok(tuple.to_list()?.into_any());
        }
        if let Ok(list) = value.downcast::<PyList>() {
            return Ok(list.to_tuple().into_any());
        }
        if let Ok(dict) = value.downcast::<PyDict>() {
            return match self.input.below(3) {
                0 => self.call(&self.h.attrs, (dict,)),
                1 => Ok(dict.items().into_any()),
                _ => self.call(&self.h.mapping_proxy, (dict,)),
            };
        }
        if self.input.flag() {
            let depth = self.input.below(3000);
            self.call(&self.h.deep_list, (value, depth))
        } else {
            self.call(&self.h.self_list, (1,))
        }
    }
}

/// Compares two conversions' outputs: equal, with NaN equal to NaN.
pub(crate) fn same_output(
    a: &Owned<'_, PyAny>,
    b: &Owned<'_, PyAny>,
) -> PyResult<Result<(), String>> {
    let differ = || {
        let gil = a.gil();
        Ok(Err(format!(
            "{} then {}",
            short_repr(gil, a),
            short_repr(gil, b)
        )))
    };
    if !a.get_type().is(&b.get_type()) {
        return differ();
    }
    if let (Ok(x), Ok(y)) = (a.downcast::<PyFloat>(), b.downcast::<PyFloat>()) {
        let (x, y): (f64, f64) = (x.extract()?, y.extract()?);
        return if x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()) {
            Ok(Ok(()))
        } else {
            differ()
        };
    }
    if a.is_instance_of::<PyList>() || a.is_instance_of::<PyTuple>() {
        if a.len()? != b.len()? {
            return differ();
        }
        for (x, y) in a.iter()?.zip(b.iter()?) {
            if let Err(why) = same_output(&x?, &y?)? {
                return Ok(Err(why));
            }
        }
        return Ok(Ok(()));
    }
    if let (Ok(x), Ok(y)) = (a.downcast::<PyDict>(), b.downcast::<PyDict>()) {
        if x.len() != y.len() {
            return differ();
        }
        for (key, value) in x.iter() {
            let Some(other) = y.get_item(&key)? else {
                return differ();
            };
            if let Err(why) = same_output(&value, &other)? {
                return Ok(Err(why));
            }
        }
        return Ok(Ok(()));
    }
    if a.eq(b)? {
        Ok(Ok(()))
    } else {
        differ()
    }
}
