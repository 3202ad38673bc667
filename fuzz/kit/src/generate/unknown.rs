//! Values of unknown shape (`Any`), and values guided by an annotation (`Hint`).
use super::*;

impl<'py> Gen<'py, '_> {
    /// Anything: scalars, containers, objects, hostile values.
    pub(crate) fn any(&mut self) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil;
        let h = self.h;
        match self.input.below(14) {
            0 => Ok(gil.none().into_any()),
            1 => self.input.flag().into_py(gil),
            2 => (i64::from(self.input.byte() as i8)).into_py(gil),
            3 => (self.input.uint(16) as i128).into_py(gil),
            4 => self.float_value(64).into_py(gil),
            5 => {
                let text = self.text(6);
                text.into_py(gil)
            }
            6 => {
                let text = self.text(3);
                let at = self.input.below(4);
                self.call(&h.surrogate, (text, at))
            }
            7 => {
                let n = self.input.below(6);
                Ok(PyBytes::new(gil, self.input.bytes(n)).into_any())
            }
            8 | 9 => {
                let n = self.length(3);
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.any()?);
                }
                let list = PyList::new(gil, items)?;
                Ok(if self.input.flag() {
                    list.to_tuple().into_any()
                } else {
                    list.into_any()
                })
            }
            10 | 11 => {
                let n = self.length(3);
                let dict = PyDict::new(gil);
                for _ in 0..n {
                    let name = ANY_NAMES[self.input.below(ANY_NAMES.len())];
                    dict.set_item(name, self.any()?)?;
                }
                if self.input.flag() {
                    self.call(&h.attrs, (dict,))
                } else {
                    Ok(dict.into_any())
                }
            }
            12 => match self.input.below(5) {
                0 => h.raising_index.bind(gil).call0(),
                1 => h.raising_getattr.bind(gil).call0(),
                2 => h.raising_mapping.bind(gil).call0(),
                3 => self.call(&h.raising_len, (PyList::empty(gil),)),
                _ => h.raising_real.bind(gil).call0(),
            },
            _ => {
                if self.input.flag() {
                    let depth = self.input.below(2000);
                    self.call(&h.deep_list, (gil.none(), depth))
                } else {
                    self.call(&h.self_list, (1,))
                }
            }
        }
    }

    /// A value guided by a conversion's annotation (`list[int]`, `dict[str, float]`, …).
    pub(super) fn hinted(&mut self, hint: TypeHint) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil;
        if self.input.one_in(8) {
            return self.any();
        }
        match hint {
            TypeHint::Name("int") => (self.input.uint(9) as i128 - (1 << 63)).into_py(gil),
            TypeHint::Name("float") => self.float_value(64).into_py(gil),
            TypeHint::Name("str") => {
                let text = self.text(6);
                text.into_py(gil)
            }
            TypeHint::Name("bool") => self.input.flag().into_py(gil),
            TypeHint::Name("bytes") => {
                let n = self.input.below(6);
                Ok(PyBytes::new(gil, self.input.bytes(n)).into_any())
            }
            TypeHint::Name("None") => Ok(gil.none().into_any()),
            TypeHint::Optional(inner) => {
                if self.input.flag() {
                    self.hinted(*inner)
                } else {
                    Ok(gil.none().into_any())
                }
            }
            TypeHint::Generic { name, args } => match (name, args) {
                ("list" | "typing.Sequence", [item]) => {
                    let n = self.length(3);
                    let mut items = Vec::with_capacity(n);
                    for _ in 0..n {
                        items.push(self.hinted(*item)?);
                    }
                    Ok(PyList::new(gil, items)?.into_any())
                }
                ("tuple", items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for item in items.iter() {
                        out.push(self.hinted(*item)?);
                    }
                    Ok(PyTuple::new(gil, out)?.into_any())
                }
                ("dict" | "typing.Mapping", [TypeHint::Name("str" | "int" | "bool"), value]) => {
                    let n = self.length(3);
                    let dict = PyDict::new(gil);
                    for _ in 0..n {
                        let key = self.hinted(args[0])?;
                        dict.set_item(key, self.hinted(*value)?)?;
                    }
                    Ok(dict.into_any())
                }
                (
                    "set" | "frozenset" | "typing.AbstractSet",
                    [TypeHint::Name("str" | "int" | "bool")],
                ) => {
                    let n = self.length(3);
                    let set = PySet::empty(gil)?;
                    for _ in 0..n {
                        set.add(self.hinted(args[0])?)?;
                    }
                    Ok(set.into_any())
                }
                _ => self.any(),
            },
            _ => self.any(),
        }
    }
}
