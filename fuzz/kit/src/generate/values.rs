//! Values of a shape: scalars across their range in every accepted form, containers,
//! derived structs from the sources of their fields, and recursive values along a chain.
use super::*;

impl<'py> Gen<'py, '_> {
    pub(super) fn valid(&mut self, shape: Shape) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil;
        match shape {
            Shape::Any => {
                self.uncertain = true;
                self.any()
            }
            Shape::Hint(hint) => {
                self.uncertain = true;
                self.hinted(hint)
            }
            Shape::None => Ok(gil.none().into_any()),
            Shape::Bool => self.input.flag().into_py(gil),
            Shape::Int {
                bits,
                signed,
                nonzero,
            } => self.int(bits, signed, nonzero),
            Shape::Float { bits } => self.float(bits),
            Shape::Str => {
                let text = self.text(6);
                self.string(text)
            }
            Shape::Char => {
                let c = self.character();
                self.string(c.to_string())
            }
            Shape::Optional(inner) => {
                if self.input.flag() {
                    self.optional = true;
                    self.value(*inner)
                } else {
                    Ok(gil.none().into_any())
                }
            }
            Shape::Seq(item) => {
                let n = self.length(if is_byte(*item) { 8 } else { 4 });
                self.sequence(*item, n)
            }
            Shape::Array(item, n) => self.sequence(*item, n),
            Shape::Tuple(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, s) in items.iter().enumerate() {
                    out.push(self.at(&format!("[{i}]"), |g| g.value(*s))?);
                }
                Ok(PyTuple::new(gil, out)?.into_any())
            }
            Shape::Map(k, v) => self.map(*k, *v, None),
            Shape::Set(item) => self.set(*item, None),
            Shape::Struct(f) => self.structure(f(), Tweak::None),
            Shape::Enum(f) => {
                let e = f();
                if e.variants.is_empty() {
                    self.uncertain = true;
                    return self.any();
                }
                let k = self.input.below(e.variants.len());
                self.enums += 1;
                let out = self.structure(&e.variants[k], Tweak::None);
                self.enums -= 1;
                out
            }
        }
    }

    /// A value in the range of the integer type: small, at a bound, or anywhere.
    pub(crate) fn int_value(
        &mut self,
        bits: u8,
        signed: bool,
        nonzero: bool,
    ) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil;
        let (min, max) = int_range(bits, signed);
        let value = match self.input.below(6) {
            0 => u128::from(self.input.byte() % 8).min(max).into_py(gil)?,
            1 => max.into_py(gil)?,
            2 => min.into_py(gil)?,
            3 if signed => (-1i128).into_py(gil)?,
            3 => max.saturating_sub(1).into_py(gil)?,
            _ => {
                let raw = self.input.uint(usize::from(bits / 8).max(1));
                let shift = 128 - u32::from(bits).clamp(1, 128);
                if signed {
                    (((raw << shift) as i128) >> shift).into_py(gil)?
                } else {
                    (raw & max).into_py(gil)?
                }
            }
        };
        if nonzero && value.eq(0)? {
            return 1.into_py(gil);
        }
        Ok(value)
    }

    /// An integer of the type's range as an `int`, an `int` subclass, `bool` or an object
    /// with `__index__`.
    pub(super) fn int(
        &mut self,
        bits: u8,
        signed: bool,
        nonzero: bool,
    ) -> PyResult<Owned<'py, PyAny>> {
        let value = self.int_value(bits, signed, nonzero)?;
        match self.input.below(8) {
            5 => self.call(&self.h.int_sub, (value,)),
            6 => self.call(&self.h.index, (value,)),
            7 if value.eq(0)? => Ok(self.gil.bool(false).into_any()),
            7 if value.eq(1)? => Ok(self.gil.bool(true).into_any()),
            _ => Ok(value),
        }
    }

    /// A float: special values, random bits (of an `f32` for `bits == 32`).
    pub(crate) fn float_value(&mut self, bits: u8) -> f64 {
        match self.input.below(10) {
            0 => 0.0,
            1 => -0.0,
            2 => 1.5,
            3 => f64::NAN,
            4 => f64::INFINITY,
            5 => f64::NEG_INFINITY,
            6 if bits == 32 => f64::from(f32::MAX),
            6 => f64::MAX,
            7 => f64::MIN_POSITIVE,
            8 => 5e-324,
            _ if bits == 32 => f64::from(f32::from_bits(self.input.uint(4) as u32)),
            _ => f64::from_bits(self.input.uint(8) as u64),
        }
    }

    /// A float as a `float`, a subclass, an object with `__float__`, or an `int`.
    pub(super) fn float(&mut self, bits: u8) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil;
        let v = self.float_value(bits);
        match self.input.below(8) {
            4 => self.call(&self.h.float_sub, (v,)),
            5 => self.call(&self.h.real, (v,)),
            6 if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 => (v as i64).into_py(gil),
            7 => {
                let e = 64 + i64::from(self.input.byte()) * 4 % 960;
                self.call(&self.h.pow2, (e, 0))
            }
            _ => v.into_py(gil),
        }
    }

    /// A character: ASCII mostly, also NUL, quotes, any scalar value, astral planes.
    pub(super) fn character(&mut self) -> char {
        match self.input.below(6) {
            0..=2 => char::from(b'a' + self.input.byte() % 26),
            3 => ['\0', '\'', '"', '\\', ' ', '\u{7f}'][self.input.below(6)],
            4 => char::from_u32(self.input.uint(3) as u32 % 0x11_0000).unwrap_or('\u{fffd}'),
            _ => char::from_u32(0x1_0000 + self.input.uint(3) as u32 % 0x10_0000).unwrap_or('😀'),
        }
    }

    /// Up to `max` characters.
    pub(crate) fn text(&mut self, max: usize) -> String {
        let n = self.input.below(max + 1);
        (0..n).map(|_| self.character()).collect()
    }

    /// `text` as a `str` or a `str` subclass.
    pub(super) fn string(&mut self, text: String) -> PyResult<Owned<'py, PyAny>> {
        if self.input.one_in(6) {
            self.call(&self.h.str_sub, (text,))
        } else {
            text.into_py(self.gil)
        }
    }

    /// A sequence of `n` items: `bytes`/`bytearray` for `u8`, a typed `array.array` for
    /// numbers, else a list, tuple, list subclass or custom sequence (whose `__len__` may
    /// lie: bind does not trust it).
    pub(super) fn sequence(&mut self, item: Shape, n: usize) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil;
        if is_byte(item) && self.input.flag() {
            let mut data = self.input.bytes(n).to_vec();
            data.resize(n, 0);
            return Ok(if self.input.flag() {
                PyByteArray::new(gil, &data).into_any()
            } else {
                PyBytes::new(gil, &data).into_any()
            });
        }
        if let Some(code) = typecode(item).filter(|_| self.input.one_in(4)) {
            let mut values = Vec::with_capacity(n);
            for _ in 0..n {
                values.push(match item {
                    Shape::Int { bits, signed, .. } => self.int_value(bits, signed, false)?,
                    Shape::Float { bits } => self.float_value(bits).into_py(gil)?,
                    _ => unreachable!("typecode() is for numbers"),
                });
            }
            return self.call(&self.h.typed_array, (code, values));
        }
        let mut items = Vec::with_capacity(n);
        for i in 0..n {
            items.push(self.at(&format!("[{i}]"), |g| g.value(item))?);
        }
        let list = PyList::new(gil, items)?;
        match self.input.below(8) {
            4 => Ok(list.to_tuple().into_any()),
            5 => self.call(&self.h.list_sub, (list,)),
            6 => self.call(&self.h.seq, (list,)),
            7 => {
                let lie = n + 1 + usize::from(self.input.byte());
                self.call(&self.h.seq, (list, lie))
            }
            _ => Ok(list.into_any()),
        }
    }

    /// A valid dict key or set item of `shape` (`hashable(shape)`).
    pub(super) fn key(&mut self, shape: Shape) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil;
        match shape {
            Shape::Str => {
                let text = self.text(4);
                text.into_py(gil)
            }
            Shape::Char => self.character().to_string().into_py(gil),
            Shape::Int {
                bits,
                signed,
                nonzero,
            } => self.int_value(bits, signed, nonzero),
            Shape::Bool => self.input.flag().into_py(gil),
            Shape::None => Ok(gil.none().into_any()),
            Shape::Tuple(items) => {
                let mut out = Vec::with_capacity(items.len());
                for s in items {
                    out.push(self.key(*s)?);
                }
                Ok(PyTuple::new(gil, out)?.into_any())
            }
            Shape::Optional(inner) if self.input.flag() => self.key(*inner),
            Shape::Optional(_) => Ok(gil.none().into_any()),
            Shape::Seq(_) => {
                let n = self.input.below(4);
                Ok(PyBytes::new(gil, self.input.bytes(n)).into_any())
            }
            Shape::Array(_, n) => {
                let mut data = self.input.bytes(n).to_vec();
                data.resize(n, 0);
                Ok(PyBytes::new(gil, &data).into_any())
            }
            _ => unreachable!("key() is for hashable shapes"),
        }
    }

    /// A dict (or dict subclass); `bad` puts an entry with a refused key at a random place.
    pub(super) fn map(
        &mut self,
        k: Shape,
        v: Shape,
        bad: Option<(Owned<'py, PyAny>, &'static str)>,
    ) -> PyResult<Owned<'py, PyAny>> {
        let dict = if self.input.one_in(4) {
            self.h.dict_sub.bind(self.gil).call0()?
        } else {
            PyDict::new(self.gil).into_any()
        };
        let n = if hashable(k) { self.length(3) } else { 0 };
        let bad_at = bad.as_ref().map(|_| self.input.below(n + 1));
        let mut bad = bad;
        for i in 0..=n {
            if bad_at == Some(i) {
                if let Some((key, what)) = bad.take() {
                    let repr = key.repr()?.to_string_lossy().into_owned();
                    self.at(&format!("[{}]", key_repr(&repr)), |g| {
                        g.record(ErrorKind::Conversion, what)
                    });
                    dict.set_item(key, self.gil.none())?;
                }
            }
            if i == n {
                break;
            }
            let key = self.key(k)?;
            if dict.contains(&key)? {
                continue;
            }
            let repr = key.repr()?.to_string_lossy().into_owned();
            let value = if self.injected.is_some() && bad_at.is_some() {
                // After the refused key: never read.
                self.ignored(|g| g.value(v))?
            } else {
                self.at(&format!("[{}]", key_repr(&repr)), |g| g.value(v))?
            };
            dict.set_item(key, value)?;
        }
        Ok(dict)
    }

    /// A set or frozenset; `bad` adds an item `shape` refuses.
    pub(super) fn set(
        &mut self,
        item: Shape,
        bad: Option<Owned<'py, PyAny>>,
    ) -> PyResult<Owned<'py, PyAny>> {
        let n = if hashable(item) { self.length(4) } else { 0 };
        let mut items = Vec::with_capacity(n + 1);
        for _ in 0..n {
            items.push(self.key(item)?);
        }
        items.extend(bad);
        let set = PySet::new(self.gil, items)?;
        if self.input.flag() {
            Ok(set.to_frozenset()?.into_any())
        } else {
            Ok(set.into_any())
        }
    }

    /// A value of a derived struct (or variant), as the sources of its fields want it: a
    /// sequence for tuple structs, an object with attributes, a dict or other mapping for
    /// keys, an object with both for mixed lookups; extra entries now and then.
    pub(super) fn structure(
        &mut self,
        s: &'static StructShape,
        tweak: Tweak<'_, 'py>,
    ) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil;
        let chain = |i: usize| match tweak {
            Tweak::Chain(j, steps, marker) if i == j => Some((steps, marker)),
            _ => None,
        };
        if is_transparent(s) {
            let shape = (s.fields[0].shape)();
            return match chain(0) {
                Some((steps, marker)) => self.chain_value(shape, steps, marker),
                None => self.value(shape),
            };
        }
        if let Some(n) = s.input.seq_len {
            let mut items = Vec::with_capacity(n);
            for i in 0..n {
                let shape = (s.fields[i].shape)();
                items.push(self.at(&format!("[{i}]"), |g| match chain(i) {
                    Some((steps, marker)) => g.chain_value(shape, steps, marker),
                    None => g.value(shape),
                })?);
            }
            let list = PyList::new(gil, items)?;
            if matches!(tweak, Tweak::Chain(..)) {
                return Ok(list.into_any());
            }
            return match self.input.below(6) {
                2 => Ok(list.to_tuple().into_any()),
                3 => self.call(&self.h.list_sub, (list,)),
                4 => self.call(&self.h.seq, (list,)),
                5 => {
                    // A mapping of the positions works too: `len()` and `obj[i]`.
                    let dict = PyDict::new(gil);
                    for (i, item) in list.iter().enumerate() {
                        dict.set_item(i, item)?;
                    }
                    Ok(dict.into_any())
                }
                _ => Ok(list.into_any()),
            };
        }
        let attrs = PyDict::new(gil);
        let items = PyDict::new(gil);
        let mut omitted_uncertain = None;
        for (i, field) in s.input.fields.iter().enumerate() {
            let seg = segment(gil, field.source)?;
            if let Tweak::Omit(j) = tweak {
                if i == j {
                    self.at(&seg, |g| g.record(ErrorKind::Conversion, "a missing field"));
                    // What follows is never read.
                    omitted_uncertain = Some(self.uncertain);
                    continue;
                }
            }
            let forced = chain(i);
            if forced.is_none() && has_default(s, i) && self.input.one_in(3) {
                continue;
            }
            let shape = (s.fields[i].shape)();
            let value = self.at(&seg, |g| match forced {
                Some((steps, marker)) => g.chain_value(shape, steps, marker),
                None => g.value(shape),
            })?;
            let (target, key) = match field.source {
                Source::Attr(name) if name.starts_with("__") => {
                    // A special attribute is the type's, whatever the object holds.
                    self.uncertain = true;
                    continue;
                }
                Source::Attr(name) => (&attrs, name.into_py(gil)?),
                Source::Item(key) => (&items, key.into_py(gil)?),
                Source::Key(key) => (&items, key.to_object(gil)?),
                Source::Index(_) | Source::Whole => {
                    unreachable!("named fields are read by attribute or key")
                }
            };
            if target.contains(&key)? {
                // Two fields read the same attribute or key: one value for both.
                self.uncertain = true;
            }
            target.set_item(key, value)?;
        }
        if let Some(uncertain) = omitted_uncertain {
            self.uncertain = uncertain;
        }
        let has_attr = s
            .input
            .fields
            .iter()
            .any(|f| matches!(f.source, Source::Attr(_)));
        let has_item = s
            .input
            .fields
            .iter()
            .any(|f| !matches!(f.source, Source::Attr(_)));
        if self.input.one_in(3) {
            let extra = EXTRA_NAMES[self.input.below(EXTRA_NAMES.len())];
            let target = if has_item { &items } else { &attrs };
            let taken = s.input.fields.iter().any(
                |f| matches!(f.source, Source::Attr(name) | Source::Item(name) if name == extra),
            );
            if !taken {
                target.set_item(extra, self.input.byte())?;
            }
        }
        let h = self.h;
        match (has_attr, has_item) {
            (true, true) => self.call(&h.record, (attrs, items)),
            (true, false) => match self.input.below(3) {
                0 => {
                    let ns = h.namespace.bind(gil).call0()?;
                    for (k, v) in attrs.iter() {
                        ns.setattr(k.downcast::<PyStr>()?, v)?;
                    }
                    Ok(ns)
                }
                1 => self.call(&h.attrs, (attrs,)),
                _ => self.call(&h.record, (attrs, items)),
            },
            (false, true) => match self.input.below(4) {
                1 => {
                    let sub = h.dict_sub.bind(gil).call0()?;
                    sub.call_method1("update", (items,))?;
                    Ok(sub)
                }
                2 => self.call(&h.record, (attrs, items)),
                _ => Ok(items.into_any()),
            },
            (false, false) => h.namespace.bind(gil).call0(),
        }
    }

    /// A value of `shape` that reaches `marker` by following `steps` (the rest as usual).
    pub(super) fn chain_value(
        &mut self,
        shape: Shape,
        steps: &[Step],
        marker: &Owned<'py, PyAny>,
    ) -> PyResult<Owned<'py, PyAny>> {
        let gil = self.gil;
        let Some((step, rest)) = steps.split_first() else {
            return Ok(marker.clone());
        };
        match (*step, shape) {
            (Step::Field(i), Shape::Struct(f)) => {
                self.structure(f(), Tweak::Chain(i, rest, marker))
            }
            (Step::Variant(k), Shape::Enum(f)) => match rest.split_first() {
                Some((Step::Field(i), rest)) => {
                    self.structure(&f().variants[k], Tweak::Chain(*i, rest, marker))
                }
                _ => unreachable!("a variant step is followed by a field step"),
            },
            (Step::Item, Shape::Seq(item)) | (Step::Item, Shape::Array(item, _)) => {
                let n = match shape {
                    Shape::Array(_, n) => n,
                    _ => 1,
                };
                let mut items = Vec::with_capacity(n);
                items.push(self.at("[0]", |g| g.chain_value(*item, rest, marker))?);
                for i in 1..n {
                    items.push(self.at(&format!("[{i}]"), |g| g.value(*item))?);
                }
                Ok(PyList::new(gil, items)?.into_any())
            }
            (Step::Some, Shape::Optional(inner)) => self.chain_value(*inner, rest, marker),
            (Step::Value, Shape::Map(k, v)) => {
                let key = self.key(*k)?;
                let repr = key.repr()?.to_string_lossy().into_owned();
                let value = self.at(&format!("[{}]", key_repr(&repr)), |g| {
                    g.chain_value(*v, rest, marker)
                })?;
                let dict = PyDict::new(gil);
                dict.set_item(key, value)?;
                Ok(dict.into_any())
            }
            _ => unreachable!("a chain follows its shape"),
        }
    }
}
