//! A sequence of words (integer indices, negative ones adjusted by Python, `reversed()`,
//! `+` and `*` as sequence concatenation and repetition) and a mapping of names to
//! counts.
use bind::exceptions::{PyIndexError, PyKeyError};
use bind::prelude::*;
use std::collections::BTreeMap;

/// Words, as a mutable sequence.
#[derive(PyType, Clone, Default)]
#[bind(module = "protocols_demo")]
pub struct Sentence {
    words: Vec<String>,
}

impl Sentence {
    fn checked(&self, index: isize) -> PyResult<usize> {
        usize::try_from(index)
            .ok()
            .filter(|i| *i < self.words.len())
            .ok_or_else(|| PyIndexError::new_err("Sentence index out of range"))
    }
}

#[methods(sequence)]
impl Sentence {
    #[new]
    fn new(text: String) -> Self {
        Sentence {
            words: text.split_whitespace().map(str::to_owned).collect(),
        }
    }

    fn __repr__(&self) -> String {
        format!("Sentence({:?})", self.words.join(" "))
    }

    fn __len__(&self) -> usize {
        self.words.len()
    }

    /// `s[i]`: Python adds `len(s)` to negative indices before calling.
    fn __getitem__(&self, index: isize) -> PyResult<String> {
        Ok(self.words[self.checked(index)?].clone())
    }

    fn __setitem__(&mut self, index: isize, word: String) -> PyResult<()> {
        let i = self.checked(index)?;
        self.words[i] = word;
        Ok(())
    }

    fn __delitem__(&mut self, index: isize) -> PyResult<()> {
        let i = self.checked(index)?;
        self.words.remove(i);
        Ok(())
    }

    fn __contains__(&self, word: String) -> bool {
        self.words.contains(&word)
    }

    /// `s + t`.
    fn __concat__(&self, other: PyRef<'_, Sentence>) -> Sentence {
        let mut words = self.words.clone();
        words.extend(other.words.iter().cloned());
        Sentence { words }
    }

    /// `s * n`.
    fn __repeat__(&self, count: isize) -> Sentence {
        let n = usize::try_from(count).unwrap_or(0);
        Sentence {
            words: (0..n).flat_map(|_| self.words.iter().cloned()).collect(),
        }
    }
}

/// Counts by name, as a mapping (`match` sees a mapping).
#[derive(PyType, Clone, Default)]
#[bind(module = "protocols_demo")]
pub struct Registry {
    counts: BTreeMap<String, i64>,
}

#[methods(mapping)]
impl Registry {
    #[new]
    fn new() -> Self {
        Registry::default()
    }

    fn __len__(&self) -> usize {
        self.counts.len()
    }

    fn __getitem__(&self, name: String) -> PyResult<i64> {
        self.counts
            .get(&name)
            .copied()
            .ok_or_else(|| PyKeyError::new_err(name.clone()))
    }

    fn __setitem__(&mut self, name: String, count: i64) {
        self.counts.insert(name, count);
    }

    fn __delitem__(&mut self, name: String) -> PyResult<()> {
        self.counts
            .remove(&name)
            .map(|_| ())
            .ok_or_else(|| PyKeyError::new_err(name.clone()))
    }

    fn __contains__(&self, name: String) -> bool {
        self.counts.contains_key(&name)
    }

    /// Iterates over the names, like a dict.
    fn __iter__<'py>(&self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        let names: Vec<String> = self.counts.keys().cloned().collect();
        names.into_py(gil)?.into_any().iter().map(Owned::into_any)
    }

    /// `get(name, default=None)`, as dicts have it (`match` uses it for mapping patterns).
    #[bind(signature = (name, default = None))]
    fn get<'py>(
        &self,
        gil: Gil<'py>,
        name: String,
        default: Option<Owned<'py, PyAny>>,
    ) -> PyResult<Owned<'py, PyAny>> {
        match (self.counts.get(&name), default) {
            (Some(count), _) => Ok(count.into_py(gil)?.into_any()),
            (None, Some(default)) => Ok(default),
            (None, None) => Ok(gil.none().into_any()),
        }
    }

    fn keys(&self) -> Vec<String> {
        self.counts.keys().cloned().collect()
    }
}
