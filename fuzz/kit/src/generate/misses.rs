//! Near-misses: one bad part per value, recorded with the path and the error it must
//! cause.
use super::*;

impl<'py> Gen<'py, '_> {
    /// A key `shape` refuses, if there is one that is hashable.
    pub(super) fn bad_key(
        &mut self,
        shape: Shape,
    ) -> PyResult<Option<(Owned<'py, PyAny>, &'static str)>> {
        let gil = self.gil;
        Ok(Some(match shape {
            Shape::Str => (5.into_py(gil)?, "an int key for str"),
            Shape::Char => ("ab".into_py(gil)?, "a two-character key for char"),
            Shape::Int { bits, signed, .. } => {
                if self.input.flag() {
                    ("k".into_py(gil)?, "a str key for an int")
                } else {
                    let e = i64::from(bits) - i64::from(signed);
                    (self.call(&self.h.pow2, (e, 0))?, "an int key out of range")
                }
            }
            // Not `0`: it equals `False`, and would merge with a valid key.
            Shape::Bool => ("t".into_py(gil)?, "a str key for bool"),
            Shape::None => (0.into_py(gil)?, "an int key for None"),
            Shape::Tuple(_) => ("t".into_py(gil)?, "a str key for a tuple"),
            Shape::Optional(inner) => return self.bad_key(*inner),
            Shape::Seq(_) | Shape::Array(..) => ("s".into_py(gil)?, "a str key for bytes"),
            _ => return Ok(None),
        }))
    }

    /// A near-miss of `shape` at the current node (recorded), or `None` when the shape
    /// refuses nothing the kit can build (`Any`, `Hint`, a struct whose fields all have
    /// defaults and come from attributes).
    pub(super) fn near_miss(&mut self, shape: Shape) -> PyResult<Option<Owned<'py, PyAny>>> {
        let gil = self.gil;
        let conv = ErrorKind::Conversion;
        match shape {
            Shape::Any | Shape::Hint(_) => Ok(None),
            Shape::None => match self.input.below(3) {
                0 => self.miss(conv, "0 for None", 0.into_py(gil)?),
                1 => self.miss(conv, "False for None", false.into_py(gil)?),
                _ => self.miss(conv, "'' for None", "".into_py(gil)?),
            },
            Shape::Bool => match self.input.below(4) {
                0 => self.miss(conv, "1 for bool", 1.into_py(gil)?),
                1 => self.miss(conv, "None for bool", gil.none().into_any()),
                2 => self.miss(conv, "'True' for bool", "True".into_py(gil)?),
                _ => self.miss(conv, "0.0 for bool", 0.0.into_py(gil)?),
            },
            Shape::Int {
                bits,
                signed,
                nonzero,
            } => self.int_miss(bits, signed, nonzero),
            Shape::Float { .. } => self.float_miss(),
            Shape::Str => self.str_miss(false),
            Shape::Char => self.str_miss(true),
            Shape::Optional(inner) => {
                let v = self.near_miss(*inner)?;
                if let Some(v) = &v {
                    self.undo_none(v);
                }
                Ok(v)
            }
            Shape::Seq(item) => self.seq_miss(*item, None),
            Shape::Array(item, n) => self.seq_miss(*item, Some(n)),
            Shape::Tuple(items) => self.tuple_miss(items),
            Shape::Map(k, v) => self.map_miss(k, v),
            Shape::Set(item) => self.set_miss(item),
            Shape::Struct(f) => self.struct_miss(f()),
            Shape::Enum(f) => {
                let e = f();
                if e.variants.is_empty() {
                    return Ok(None);
                }
                let k = self.input.below(e.variants.len());
                self.enums += 1;
                let out = self.struct_miss(&e.variants[k]);
                self.enums -= 1;
                out
            }
        }
    }

    /// `None` is no near-miss inside an `Option`: it stays as a valid value, and the next
    /// node gets the near-miss.
    pub(super) fn undo_none(&mut self, v: &Owned<'py, PyAny>) {
        if v.is_none() {
            self.injected = None;
            self.countdown = Some(0);
        }
    }

    /// A list nested deeply, or containing itself, where lists (of lists) are refused.
    pub(super) fn list_miss(&mut self, refused: bool) -> PyResult<Option<Owned<'py, PyAny>>> {
        if !refused {
            return Ok(None);
        }
        let conv = ErrorKind::Conversion;
        if self.input.flag() {
            // An object no shape accepts at the bottom: `[[…[obj]…]]` is refused at
            // every depth.
            let depth = 1 + self.input.below(3000);
            let bottom = self.h.opaque.bind(self.gil).call0()?;
            let v = self.call(&self.h.deep_list, (bottom, depth))?;
            self.miss(conv, "a deeply nested list", v)
        } else {
            let n = self.input.below(3);
            let v = self.call(&self.h.self_list, (n,))?;
            self.miss(conv, "a list containing itself", v)
        }
    }

    pub(super) fn int_miss(
        &mut self,
        bits: u8,
        signed: bool,
        nonzero: bool,
    ) -> PyResult<Option<Owned<'py, PyAny>>> {
        let gil = self.gil;
        let conv = ErrorKind::Conversion;
        let bits = i64::from(bits);
        let out_of_range = |g: &mut Self, v: Owned<'py, PyAny>, what: &str| {
            let v = if g.input.one_in(3) {
                g.call(&g.h.index, (v,))?
            } else {
                v
            };
            g.miss(conv, what, v)
        };
        match self.input.below(8) {
            0 => {
                let (v, what) = match self.input.below(5) {
                    0 => ("1".into_py(gil)?, "a str for an int"),
                    1 => (1.0.into_py(gil)?, "a float for an int"),
                    2 => (gil.none().into_any(), "None for an int"),
                    3 => (PyList::empty(gil).into_any(), "a list for an int"),
                    _ => (PyBytes::new(gil, b"1").into_any(), "bytes for an int"),
                };
                self.miss(conv, what, v)
            }
            1 => {
                let v = self.call(&self.h.pow2, (bits - i64::from(signed), 0))?;
                out_of_range(self, v, "the largest value plus one")
            }
            2 => {
                let v = if signed {
                    self.call(&self.h.pow2, (-(bits - 1), -1))?
                } else {
                    (-1).into_py(gil)?
                };
                out_of_range(self, v, "the smallest value minus one")
            }
            3 => {
                let e = bits + 1 + i64::from(self.input.byte() % 64);
                let e = if self.input.flag() { -e } else { e };
                let v = self.call(&self.h.pow2, (e, 0))?;
                out_of_range(self, v, "a value far out of range")
            }
            4 if nonzero => self.miss(conv, "zero for a non-zero int", 0.into_py(gil)?),
            4 => {
                let v = self.h.lying_index.bind(gil).call0()?;
                self.miss(conv, "__index__ returning a float", v)
            }
            5 => {
                let v = self.h.raising_index.bind(gil).call0()?;
                self.miss(ErrorKind::Raised, "__index__ raising", v)
            }
            _ => self.list_miss(true),
        }
    }

    pub(super) fn float_miss(&mut self) -> PyResult<Option<Owned<'py, PyAny>>> {
        let gil = self.gil;
        let conv = ErrorKind::Conversion;
        match self.input.below(6) {
            0 => {
                let (v, what) = match self.input.below(5) {
                    0 => ("1.5".into_py(gil)?, "a str for a float"),
                    1 => (gil.none().into_any(), "None for a float"),
                    2 => (PyList::empty(gil).into_any(), "a list for a float"),
                    3 => (PyBytes::new(gil, b"").into_any(), "bytes for a float"),
                    _ => (gil.eval("1j")?, "a complex for a float"),
                };
                self.miss(conv, what, v)
            }
            1 => {
                let e = 1024 + i64::from(self.input.byte());
                let e = if self.input.flag() { -e } else { e };
                let v = self.call(&self.h.pow2, (e, 0))?;
                self.miss(conv, "an int too large for a float", v)
            }
            2 => {
                let v = self.h.raising_real.bind(gil).call0()?;
                self.miss(ErrorKind::Raised, "__float__ raising", v)
            }
            3 => {
                let v = self.h.lying_real.bind(gil).call0()?;
                self.miss(conv, "__float__ returning a str", v)
            }
            _ => self.list_miss(true),
        }
    }

    pub(super) fn str_miss(&mut self, char_only: bool) -> PyResult<Option<Owned<'py, PyAny>>> {
        let gil = self.gil;
        let conv = ErrorKind::Conversion;
        match self.input.below(5) {
            0 => {
                let (v, what) = match self.input.below(4) {
                    0 => (5.into_py(gil)?, "an int for a str"),
                    1 => (PyBytes::new(gil, b"x").into_any(), "bytes for a str"),
                    2 => (gil.none().into_any(), "None for a str"),
                    _ => (PyList::new(gil, ["a"])?.into_any(), "a list for a str"),
                };
                self.miss(conv, what, v)
            }
            1 => {
                let text = if char_only {
                    String::new()
                } else {
                    self.text(3)
                };
                let at = self.input.below(4);
                let v = self.call(&self.h.surrogate, (text, at))?;
                self.miss(conv, "a lone surrogate", v)
            }
            2 if char_only => {
                let n = if self.input.flag() {
                    0
                } else {
                    2 + self.input.below(3)
                };
                let text: String = (0..n).map(|_| self.character()).collect();
                self.miss(conv, "not one character", text.into_py(gil)?)
            }
            _ => self.list_miss(true),
        }
    }

    /// A value that is no sequence at all (or a `str`).
    pub(super) fn not_a_sequence(&mut self) -> PyResult<(Owned<'py, PyAny>, &'static str)> {
        let gil = self.gil;
        Ok(match self.input.below(5) {
            0 => (5.into_py(gil)?, "an int for a sequence"),
            1 => (gil.none().into_any(), "None for a sequence"),
            2 => (PyDict::new(gil).into_any(), "a dict for a sequence"),
            3 => (PySet::empty(gil)?.into_any(), "a set for a sequence"),
            _ => ("ab".into_py(gil)?, "a str for a sequence"),
        })
    }

    pub(super) fn seq_miss(
        &mut self,
        item: Shape,
        fixed: Option<usize>,
    ) -> PyResult<Option<Owned<'py, PyAny>>> {
        let gil = self.gil;
        let conv = ErrorKind::Conversion;
        match self.input.below(4) {
            1 => {
                let n = 1 + self.input.below(3);
                let list = PyList::new(gil, (0..n).map(|_| gil.none()))?;
                let v = self.call(&self.h.raising_items, (list,))?;
                self.miss(ErrorKind::Raised, "a sequence whose __getitem__ raises", v)
            }
            2 if fixed.is_some() => {
                let want = fixed.unwrap_or(0);
                let n = if want > 0 && self.input.flag() {
                    want - 1
                } else {
                    want + 1
                };
                self.countdown = None;
                // Items are read before the length is checked.
                let mut items = Vec::with_capacity(n);
                for i in 0..n {
                    items.push(self.at(&format!("[{i}]"), |g| g.value(item))?);
                }
                self.record(conv, "a sequence of the wrong length");
                Ok(Some(PyList::new(gil, items)?.into_any()))
            }
            3 => self.list_miss(rejects_lists(item)),
            _ => {
                let (v, what) = self.not_a_sequence()?;
                self.miss(conv, what, v)
            }
        }
    }

    pub(super) fn tuple_miss(
        &mut self,
        items: &'static [Shape],
    ) -> PyResult<Option<Owned<'py, PyAny>>> {
        let gil = self.gil;
        let conv = ErrorKind::Conversion;
        let kind = self.input.below(3);
        // The type and length are checked before any item is read.
        self.record(conv, "");
        let mut values = Vec::with_capacity(items.len() + 1);
        for (i, s) in items.iter().enumerate() {
            values.push(self.ignored(|g| g.at(&format!("[{i}]"), |g| g.value(*s)))?);
        }
        let (value, what) = match kind {
            0 => (PyList::new(gil, values)?.into_any(), "a list for a tuple"),
            1 => {
                if values.is_empty() || self.input.flag() {
                    values.push(gil.none().into_any());
                } else {
                    values.pop();
                }
                (
                    PyTuple::new(gil, values)?.into_any(),
                    "a tuple of the wrong length",
                )
            }
            _ => {
                let (v, what) = self.not_a_sequence()?;
                if what.contains("str") {
                    (v, "a str for a tuple")
                } else {
                    (v, what)
                }
            }
        };
        self.set_what(what);
        Ok(Some(value))
    }

    /// Names the near-miss just recorded.
    pub(super) fn set_what(&mut self, what: &str) {
        if let Some((rejection, _)) = &mut self.injected {
            rejection.what = what.to_owned();
        }
    }

    pub(super) fn map_miss(
        &mut self,
        k: &'static Shape,
        v: &'static Shape,
    ) -> PyResult<Option<Owned<'py, PyAny>>> {
        let gil = self.gil;
        let conv = ErrorKind::Conversion;
        if self.input.flag() {
            if let Some(bad) = self.bad_key(*k)? {
                self.countdown = None;
                return Ok(Some(self.map(*k, *v, Some(bad))?));
            }
        }
        let (value, what) = match self.input.below(4) {
            0 => (PyList::empty(gil).into_any(), "a list for a dict"),
            1 => (gil.none().into_any(), "None for a dict"),
            2 => {
                let proxy = self.call(&self.h.mapping_proxy, (PyDict::new(gil),))?;
                (proxy, "a mapping that is not a dict")
            }
            _ => (5.into_py(gil)?, "an int for a dict"),
        };
        self.miss(conv, what, value)
    }

    pub(super) fn set_miss(&mut self, item: &'static Shape) -> PyResult<Option<Owned<'py, PyAny>>> {
        let gil = self.gil;
        let conv = ErrorKind::Conversion;
        if self.input.flag() {
            if let Some((bad, what)) = self.bad_key(*item)? {
                // Set items carry no path segment: the error is at the set.
                self.record(conv, what);
                return Ok(Some(self.set(*item, Some(bad))?));
            }
        }
        let (value, what) = match self.input.below(4) {
            0 => (PyList::empty(gil).into_any(), "a list for a set"),
            1 => (PyDict::new(gil).into_any(), "a dict for a set"),
            2 => ("ab".into_py(gil)?, "a str for a set"),
            _ => (5.into_py(gil)?, "an int for a set"),
        };
        self.miss(conv, what, value)
    }

    pub(super) fn struct_miss(
        &mut self,
        s: &'static StructShape,
    ) -> PyResult<Option<Owned<'py, PyAny>>> {
        let gil = self.gil;
        let conv = ErrorKind::Conversion;
        if is_transparent(s) {
            return self.near_miss((s.fields[0].shape)());
        }
        let kind = self.input.below(5);
        if kind == 4 {
            let mut visited = Vec::new();
            if let Some(chain) = fields_chain(s, s, &mut visited) {
                return self.recursion_miss(s, &chain).map(Some);
            }
        }
        if let Some(n) = s.input.seq_len {
            self.record(conv, "");
            let h = self.h;
            let (value, what) = match kind % 4 {
                0 => match self.input.below(3) {
                    0 => (5.into_py(gil)?, "an int for a tuple struct"),
                    1 => (gil.none().into_any(), "None for a tuple struct"),
                    _ => ("ab".into_py(gil)?, "a str for a tuple struct"),
                },
                1 => {
                    let len = if n > 0 && self.input.flag() {
                        n - 1
                    } else {
                        n + 1
                    };
                    let items = PyList::new(gil, (0..len).map(|_| gil.none()))?;
                    (items.into_any(), "a sequence of the wrong length")
                }
                2 => {
                    let items = PyList::new(gil, (0..n).map(|_| gil.none()))?;
                    let lie = n + 1 + usize::from(self.input.byte());
                    (
                        self.call(&h.seq, (items, lie))?,
                        "a sequence whose __len__ lies",
                    )
                }
                _ => {
                    let items = PyList::new(gil, (0..n).map(|_| gil.none()))?;
                    self.injected.as_mut().expect("recorded").0.error = ErrorKind::Raised;
                    (
                        self.call(&h.raising_len, (items,))?,
                        "a sequence whose __len__ raises",
                    )
                }
            };
            self.set_what(what);
            return Ok(Some(value));
        }
        let fields = s.input.fields;
        if fields.is_empty() {
            return Ok(None);
        }
        let required: Vec<usize> = (0..fields.len()).filter(|&i| !has_default(s, i)).collect();
        match kind % 4 {
            0 if !required.is_empty() => {
                let i = required[self.input.below(required.len())];
                self.countdown = None;
                self.structure(s, Tweak::Omit(i)).map(Some)
            }
            2 => {
                let (ty, what) = match fields[0].source {
                    Source::Attr(_) => (&self.h.raising_getattr, "__getattr__ raising"),
                    _ => (&self.h.raising_mapping, "__getitem__ raising"),
                };
                let v = ty.bind(gil).call0()?;
                self.miss(ErrorKind::Raised, what, v)
            }
            _ => {
                // A lookup that cannot be a mapping fails; attributes only fail if one
                // is required.
                let refused = fields
                    .iter()
                    .any(|f| !matches!(f.source, Source::Attr(_)) || f.default.is_none());
                if !refused {
                    return Ok(None);
                }
                // No int or float: they have attributes (`real`, `imag`, …).
                let (v, what) = if self.input.flag() {
                    (
                        self.h.opaque.bind(gil).call0()?,
                        "an object without the fields",
                    )
                } else {
                    (gil.none().into_any(), "None for a struct")
                };
                self.miss(conv, what, v)
            }
        }
    }

    /// A recursive struct nested deeper than the recursion limit, or containing itself.
    pub(super) fn recursion_miss(
        &mut self,
        s: &'static StructShape,
        chain: &[Step],
    ) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil;
        self.countdown = None;
        let marker = PyDict::new(gil).into_any();
        let through_enum = chain.iter().any(|step| matches!(step, Step::Variant(_)));
        let value = if self.input.flag() {
            let top = self.structure(s, Tweak::Chain(field_of(chain), &chain[1..], &marker))?;
            let found: bool = self.call(&self.h.plug, (&top, &marker, &top))?.extract()?;
            assert!(found, "bind-fuzz-kit: the recursive value holds its marker");
            self.record_recursion(through_enum, "a value containing itself");
            top
        } else {
            let limit: usize = self.h.recursion_limit.bind(gil).call0()?.extract()?;
            let levels = limit + 1 + self.input.below(64);
            let budget = std::mem::replace(&mut self.budget, 0);
            let mut inner = self.ignored(|g| g.structure(s, Tweak::None))?;
            for _ in 0..levels {
                let level =
                    self.structure(s, Tweak::Chain(field_of(chain), &chain[1..], &marker))?;
                let found: bool = self
                    .call(&self.h.plug, (&level, &marker, &inner))?
                    .extract()?;
                assert!(found, "bind-fuzz-kit: the recursive value holds its marker");
                inner = level;
            }
            self.budget = budget;
            self.record_recursion(
                through_enum,
                &format!("a value nested {levels} levels deep"),
            );
            inner
        };
        Ok(value)
    }

    pub(super) fn record_recursion(&mut self, through_enum: bool, what: &str) {
        if through_enum {
            self.enums += 1;
        }
        self.record(ErrorKind::Recursion, what);
        if through_enum {
            self.enums -= 1;
        }
    }
}
