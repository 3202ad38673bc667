//! [`PyStr`]: Python's `str`.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::{Borrowed, Owned};
use std::borrow::Cow;

super::native_type!(
    /// Python's `str`.
    PyStr,
    "str",
    PyUnicode_Type,
    |op| ffi::PyUnicode_Check(op)
);

impl PyStr {
    /// A new `str` from UTF-8 text.
    #[inline]
    pub fn new<'py>(gil: Gil<'py>, text: &str) -> Owned<'py, PyStr> {
        PyStr::try_new(gil, text).expect("PyUnicode_FromStringAndSize failed")
    }

    /// A new `str` holding `text`; `MemoryError` when CPython cannot allocate it (for
    /// conversions of untrusted sizes, which must raise rather than panic).
    #[inline]
    pub fn try_new<'py>(gil: Gil<'py>, text: &str) -> PyResult<Owned<'py, PyStr>> {
        // ASCII text is copied straight into a new compact ASCII string, without
        // CPython's UTF-8 decoder: text of 2 to 16 bytes (names, tags, keys) as two
        // overlapping words, which tell ASCII and are the copy; one character keeps
        // CPython's cached single-character strings.
        #[cfg(not(Py_LIMITED_API))]
        if text.len() > 16 {
            if text.is_ascii() {
                let obj = new_ascii(gil, text.len())?;
                // SAFETY: `obj` is a fresh compact ASCII string of `text.len()`
                // characters; they are written, all below 128, before anyone sees it.
                unsafe {
                    std::ptr::copy_nonoverlapping(
                        text.as_ptr(),
                        ffi::PyUnicode_ASCII_DATA(obj),
                        text.len(),
                    );
                    return Ok(Owned::from_owned_ptr(gil, obj));
                }
            }
        } else if text.len() > 1 {
            let words = ShortText::read(text.as_bytes());
            if words.is_ascii() {
                let obj = new_ascii(gil, text.len())?;
                // SAFETY: `obj` is a fresh compact ASCII string of `text.len()`
                // characters, which `write` fills exactly, all below 128.
                unsafe { words.write(ffi::PyUnicode_ASCII_DATA(obj)) };
                // SAFETY: a new reference, filled.
                return Ok(unsafe { Owned::from_owned_ptr(gil, obj) });
            }
        }
        // SAFETY: `text` is valid UTF-8 of the given length; a new reference is returned.
        unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                ffi::PyUnicode_FromStringAndSize(
                    text.as_ptr().cast(),
                    text.len() as ffi::Py_ssize_t,
                ),
            )
        }
    }

    /// A new `str` from UTF-16 code units (`UnicodeDecodeError` for unpaired surrogates).
    pub fn from_utf16<'py>(gil: Gil<'py>, units: &[u16]) -> PyResult<Owned<'py, PyStr>> {
        let bytes: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
        let bytes = crate::types::PyBytes::new(gil, &bytes);
        // SAFETY: `bytes` is a bytes object; FromEncodedObject decodes it and returns a new
        // str or null with an exception.
        unsafe {
            Owned::from_owned_ptr_or_err(
                gil,
                ffi::PyUnicode_FromEncodedObject(
                    bytes.as_ptr(),
                    c"utf-16-le".as_ptr(),
                    c"strict".as_ptr(),
                ),
            )
        }
    }

    /// An interned `str` (one shared object per distinct text, compared by pointer fast).
    pub fn intern<'py>(gil: Gil<'py>, text: &str) -> Owned<'py, PyStr> {
        let s = PyStr::new(gil, text);
        let mut ptr = s.into_ptr();
        // SAFETY: InternInPlace takes a new reference to a str and may replace it.
        unsafe {
            ffi::PyUnicode_InternInPlace(&mut ptr);
            Owned::from_owned_ptr(gil, ptr)
        }
    }
}

/// A new compact ASCII string of `len` characters, to be filled before anyone sees it
/// (`PyUnicode_New(len, 127)`: NUL-terminated already); `MemoryError` when CPython cannot
/// allocate it.
#[cfg(not(Py_LIMITED_API))]
#[inline(always)]
fn new_ascii(gil: Gil<'_>, len: usize) -> PyResult<*mut ffi::PyObject> {
    // SAFETY: PyUnicode_New returns a new string, or null with an exception.
    let obj = unsafe { ffi::PyUnicode_New(len as ffi::Py_ssize_t, 127) };
    if obj.is_null() {
        return Err(PyErr::fetch(gil));
    }
    Ok(obj)
}

/// Text of 2 to 16 bytes as its first and last `width` bytes (overlapping when shorter
/// than twice the width), read as two integers: one test tells ASCII, two stores copy it.
#[cfg(not(Py_LIMITED_API))]
#[derive(Clone, Copy)]
struct ShortText {
    head: u64,
    tail: u64,
    len: usize,
}

#[cfg(not(Py_LIMITED_API))]
impl ShortText {
    #[inline(always)]
    fn read(bytes: &[u8]) -> ShortText {
        let len = bytes.len();
        debug_assert!((2..=16).contains(&len));
        fn word<const N: usize>(bytes: &[u8]) -> u64 {
            let mut word = [0u8; 8];
            word[..N].copy_from_slice(&bytes[..N]);
            u64::from_le_bytes(word)
        }
        let (head, tail) = if len >= 8 {
            (word::<8>(bytes), word::<8>(&bytes[len - 8..]))
        } else if len >= 4 {
            (word::<4>(bytes), word::<4>(&bytes[len - 4..]))
        } else {
            (word::<2>(bytes), word::<2>(&bytes[len - 2..]))
        };
        ShortText { head, tail, len }
    }

    #[inline(always)]
    fn is_ascii(self) -> bool {
        (self.head | self.tail) & 0x8080_8080_8080_8080 == 0
    }

    /// Writes the `len` bytes at `dst`.
    ///
    /// # Safety
    /// `dst` is valid for writing `len` bytes.
    #[inline(always)]
    unsafe fn write(self, dst: *mut u8) {
        let len = self.len;
        // SAFETY: each store lies within `dst[..len]` (`len` is at least the width of
        // the words stored, by `read`).
        unsafe {
            if len >= 8 {
                dst.cast::<[u8; 8]>()
                    .write_unaligned(self.head.to_le_bytes());
                dst.add(len - 8)
                    .cast::<[u8; 8]>()
                    .write_unaligned(self.tail.to_le_bytes());
            } else if len >= 4 {
                dst.cast::<[u8; 4]>()
                    .write_unaligned((self.head as u32).to_le_bytes());
                dst.add(len - 4)
                    .cast::<[u8; 4]>()
                    .write_unaligned((self.tail as u32).to_le_bytes());
            } else {
                dst.cast::<[u8; 2]>()
                    .write_unaligned((self.head as u16).to_le_bytes());
                dst.add(len - 2)
                    .cast::<[u8; 2]>()
                    .write_unaligned((self.tail as u16).to_le_bytes());
            }
        }
    }
}

impl<'py> Owned<'py, PyStr> {
    /// The text as UTF-8, borrowed from the object when CPython caches its UTF-8 form (no
    /// copy), otherwise copied. Lone surrogates cannot be UTF-8: they raise
    /// `UnicodeEncodeError` (use [`Self::to_string_lossy`] to replace them).
    #[inline]
    pub fn to_str(&self) -> PyResult<Cow<'_, str>> {
        #[cfg(any(not(Py_LIMITED_API), Py_3_10))]
        {
            self.as_utf8().map(Cow::Borrowed)
        }
        #[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
        {
            let bytes = self.encode_utf8()?;
            let text = std::str::from_utf8(bytes.as_bytes())
                .expect("CPython's UTF-8 encoder produced invalid UTF-8")
                .to_owned();
            Ok(Cow::Owned(text))
        }
    }

    /// The text as a `&str` borrowed from the object's cached UTF-8 form.
    #[cfg(any(not(Py_LIMITED_API), Py_3_10))]
    #[inline]
    pub fn as_utf8(&self) -> PyResult<&str> {
        #[cfg(not(any(Py_LIMITED_API, Py_GIL_DISABLED)))]
        if let Some(text) = self.compact_ascii() {
            return Ok(text);
        }
        let mut size: ffi::Py_ssize_t = 0;
        // SAFETY: `self` is a str; the returned buffer lives as long as the object.
        let data = unsafe { ffi::PyUnicode_AsUTF8AndSize(self.as_ptr(), &mut size) };
        if data.is_null() {
            return Err(PyErr::fetch(self.gil()));
        }
        // SAFETY: CPython guarantees valid UTF-8 of `size` bytes, owned by the object which
        // outlives the returned borrow of `self`.
        Ok(unsafe {
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(data.cast(), size as usize))
        })
    }

    /// The text of a compact ASCII string (almost every ASCII `str`) read in place: its
    /// characters are its UTF-8 form, so no call into CPython is needed.
    #[cfg(not(any(Py_LIMITED_API, Py_GIL_DISABLED)))]
    #[inline(always)]
    fn compact_ascii(&self) -> Option<&str> {
        /// The `compact` and `ascii` bits of `PyASCIIObject.state` (after `interned:2` and
        /// `kind:3`; the same in 3.8 to 3.13 with the GIL).
        const COMPACT_ASCII: u32 = 0b11 << 5;
        let op = self.as_ptr().cast::<ffi::PyASCIIObject>();
        // SAFETY: `self` is a str, whose head is a `PyASCIIObject`; a compact ASCII one
        // stores `length` ASCII bytes right after the head, immutable and alive as long
        // as the object (which outlives the borrow of `self`).
        unsafe {
            if (*op).state & COMPACT_ASCII != COMPACT_ASCII {
                return None;
            }
            let len = (*op).length as usize;
            let data = ffi::PyUnicode_ASCII_DATA(self.as_ptr());
            Some(std::str::from_utf8_unchecked(std::slice::from_raw_parts(
                data, len,
            )))
        }
    }

    /// The text as a new `String` of exactly its length (one allocation; the bytes of a
    /// short compact ASCII string are copied inline, without a `memcpy` call).
    #[inline]
    pub fn to_rust_string(&self) -> PyResult<String> {
        #[cfg(not(any(Py_LIMITED_API, Py_GIL_DISABLED)))]
        if let Some(text) = self.compact_ascii() {
            return Ok(copy_text(text));
        }
        self.to_str().map(Cow::into_owned)
    }

    /// `self.encode("utf-8")`.
    pub fn encode_utf8(&self) -> PyResult<Owned<'py, crate::types::PyBytes>> {
        // SAFETY: `self` is a str; returns a new bytes reference or null.
        unsafe {
            Owned::from_owned_ptr_or_err(self.gil(), ffi::PyUnicode_AsUTF8String(self.as_ptr()))
        }
    }

    /// The text, with lone surrogates replaced by U+FFFD.
    pub fn to_string_lossy(&self) -> Cow<'_, str> {
        match self.to_str() {
            Ok(s) => s,
            Err(_) => {
                let gil = self.gil();
                // SAFETY: the failed conversion left no exception behind (it was fetched);
                // encode with surrogatepass and decode lossily in Rust.
                let bytes = unsafe {
                    Owned::<crate::types::PyBytes>::from_owned_ptr_or_err(
                        gil,
                        ffi::PyUnicode_AsEncodedString(
                            self.as_ptr(),
                            c"utf-8".as_ptr(),
                            c"surrogatepass".as_ptr(),
                        ),
                    )
                };
                match bytes {
                    Ok(b) => Cow::Owned(replace_surrogates(b.as_bytes())),
                    Err(_) => Cow::Borrowed("<unencodable str>"),
                }
            }
        }
    }

    /// `sub in self`.
    pub fn contains_str(&self, sub: &str) -> PyResult<bool> {
        let sub = PyStr::new(self.gil(), sub);
        // SAFETY: both are str; Contains returns -1 with an exception on error.
        let r = unsafe { ffi::PyUnicode_Contains(self.as_ptr(), sub.as_ptr()) };
        if r == -1 {
            Err(PyErr::fetch(self.gil()))
        } else {
            Ok(r == 1)
        }
    }

    /// The number of code points (`len(s)`).
    pub fn char_len(&self) -> usize {
        // SAFETY: `self` is a str; GetLength cannot fail for a str.
        unsafe { ffi::PyUnicode_GetLength(self.as_ptr()) as usize }
    }
}

/// Decodes UTF-8 produced by the `surrogatepass` encoder, replacing each encoded lone
/// surrogate (always 3 bytes) with one U+FFFD.
fn replace_surrogates(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                out.push_str(text);
                return out;
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                out.push('\u{FFFD}');
                bytes = &rest[rest.len().min(3)..];
            }
        }
    }
}

/// An interned `str` created once per process and then reused: the cell behind
/// [`intern!`](crate::intern).
pub struct Interned {
    text: &'static str,
    cell: std::sync::OnceLock<crate::Handle<PyStr>>,
}

impl Interned {
    /// A cell for `text`, created on first use.
    pub const fn new(text: &'static str) -> Interned {
        Interned {
            text,
            cell: std::sync::OnceLock::new(),
        }
    }

    /// The interned string.
    #[inline]
    pub fn get<'py>(&'py self, gil: Gil<'py>) -> &'py Owned<'py, PyStr> {
        self.cell
            .get_or_init(|| PyStr::intern(gil, self.text).unbind())
            .bind(gil)
    }
}

/// A `&Owned<PyStr>` for a string literal, interned once and cached in a `static`: use it
/// for attribute and method names on hot paths (`obj.getattr(intern!(gil, "name"))`).
#[macro_export]
macro_rules! intern {
    ($gil:expr, $text:expr) => {{
        static INTERNED: $crate::types::Interned = $crate::types::Interned::new($text);
        INTERNED.get($gil)
    }};
}

/// Interned Python strings for `'static` names (field and variant names), kept for the
/// life of the cache so that building 10 000 dicts with the same keys makes each key once.
///
/// Names of one type arrive in the same order value after value, so a lookup first tries
/// the entry after the one it handed out last: a list of records finds each key with one
/// comparison. The cache keeps [`KeyCache::CAPACITY`] names; past that a key is interned
/// for one use.
pub struct KeyCache<'py> {
    /// Only ever pushed to: an entry stays (and keeps its reference) while the cache lives,
    /// which is what lets [`KeyCache::get`] lend keys for the cache's borrow.
    keys: std::cell::RefCell<Vec<(&'static str, Owned<'py, PyStr>)>>,
    /// Where the next lookup looks first.
    next: std::cell::Cell<usize>,
}

/// A key from a [`KeyCache`]: lent by the cache, or interned for this use when it is full.
pub enum CachedKey<'c, 'py> {
    /// Kept alive by the cache.
    Cached(Borrowed<'c, 'py, PyStr>),
    /// Interned for this use only.
    Fresh(Owned<'py, PyStr>),
}

impl<'py> CachedKey<'_, 'py> {
    /// The key as a new reference.
    #[inline]
    pub fn into_owned(self) -> Owned<'py, PyStr> {
        match self {
            CachedKey::Cached(key) => key.to_owned(),
            CachedKey::Fresh(key) => key,
        }
    }
}

impl<'py> std::ops::Deref for CachedKey<'_, 'py> {
    type Target = Owned<'py, PyStr>;
    #[inline(always)]
    fn deref(&self) -> &Owned<'py, PyStr> {
        match self {
            CachedKey::Cached(key) => key,
            CachedKey::Fresh(key) => key,
        }
    }
}

/// `text.to_owned()`; a text of 2 to 16 bytes is copied as two overlapping words (each
/// read and written whole), not through a `memcpy` call.
#[cfg(any(test, not(any(Py_LIMITED_API, Py_GIL_DISABLED))))]
#[inline(always)]
fn copy_text(text: &str) -> String {
    /// Copies `len` bytes (`W::SIZE <= len <= 2 * W::SIZE`) as the first and the last word.
    ///
    /// # Safety
    /// `src` is readable and `dst` writable for `len` bytes.
    #[inline(always)]
    unsafe fn two_words<W: Copy>(src: *const u8, dst: *mut u8, len: usize) {
        let tail = len - std::mem::size_of::<W>();
        // SAFETY: both words lie within the `len` bytes (the caller's contract).
        unsafe {
            let first = src.cast::<W>().read_unaligned();
            let last = src.add(tail).cast::<W>().read_unaligned();
            dst.cast::<W>().write_unaligned(first);
            dst.add(tail).cast::<W>().write_unaligned(last);
        }
    }
    let len = text.len();
    if !(2..=16).contains(&len) {
        return text.to_owned();
    }
    let mut out = Vec::<u8>::with_capacity(len);
    let (src, dst) = (text.as_ptr(), out.as_mut_ptr());
    // SAFETY: `out` has room for `len` bytes, all written by the two words before the
    // length is set; they are a copy of `text`, so UTF-8.
    unsafe {
        match len {
            8.. => two_words::<u64>(src, dst, len),
            4.. => two_words::<u32>(src, dst, len),
            _ => two_words::<u16>(src, dst, len),
        }
        out.set_len(len);
        String::from_utf8_unchecked(out)
    }
}

/// The same `'static` name: same address and length (a shorter name may start at the same
/// address as a longer one).
#[inline(always)]
fn same_name(a: &'static str, b: &'static str) -> bool {
    a.as_ptr() == b.as_ptr() && a.len() == b.len()
}

impl<'py> KeyCache<'py> {
    /// How many distinct names a cache remembers.
    pub const CAPACITY: usize = 64;

    /// An empty cache.
    pub fn new() -> Self {
        KeyCache {
            keys: std::cell::RefCell::new(Vec::new()),
            next: std::cell::Cell::new(0),
        }
    }

    /// The interned Python string for `name`, lent for as long as the cache is borrowed.
    #[inline]
    pub fn get<'c>(&'c self, gil: Gil<'py>, name: &'static str) -> CachedKey<'c, 'py> {
        match self.hinted(gil, name) {
            Some(key) => CachedKey::Cached(key),
            None => self.lookup(gil, name),
        }
    }

    /// `dict[name] = value`, the key the cached interned `name` (a struct's fields, one
    /// after another).
    #[inline]
    pub fn set_item(
        &self,
        dict: &Owned<'py, crate::types::PyDict>,
        name: &'static str,
        value: &Owned<'py, crate::types::PyAny>,
    ) -> PyResult<()> {
        match self.hinted(dict.gil(), name) {
            Some(key) => dict.set_item_obj(&key, value),
            None => self.set_item_looked_up(dict, name, value),
        }
    }

    /// [`set_item`](Self::set_item) when the hint missed.
    #[inline(never)]
    fn set_item_looked_up(
        &self,
        dict: &Owned<'py, crate::types::PyDict>,
        name: &'static str,
        value: &Owned<'py, crate::types::PyAny>,
    ) -> PyResult<()> {
        dict.set_item_obj(&self.lookup(dict.gil(), name), value)
    }

    /// The entry after the one handed out last (or the first one), if it is `name`.
    #[inline(always)]
    fn hinted<'c>(&'c self, gil: Gil<'py>, name: &'static str) -> Option<Borrowed<'c, 'py, PyStr>> {
        // SAFETY: the entries are read without counting a borrow: `try_borrow_unguarded`
        // refuses while `lookup` holds its mutable borrow, and the reference is dropped
        // before anything else runs (no call below), so no mutable borrow can overlap it.
        let keys = unsafe { self.keys.try_borrow_unguarded() }.ok()?;
        let mut hint = self.next.get();
        if hint >= keys.len() {
            // Past the last name: the next value of the same type starts over.
            hint = 0;
        }
        let (known, key) = keys.get(hint)?;
        if !same_name(known, name) {
            return None;
        }
        self.next.set(hint + 1);
        // SAFETY: an entry of this cache.
        Some(unsafe { self.lend(gil, key) })
    }

    /// [`get`](Self::get) when the hint missed: search, then intern and remember.
    #[inline(never)]
    fn lookup<'c>(&'c self, gil: Gil<'py>, name: &'static str) -> CachedKey<'c, 'py> {
        {
            let keys = self.keys.borrow();
            if let Some(at) = keys.iter().position(|(known, _)| same_name(known, name)) {
                self.next.set(at + 1);
                // SAFETY: an entry of this cache.
                return CachedKey::Cached(unsafe { self.lend(gil, &keys[at].1) });
            }
        }
        // Interning may run Python code (a collection): no borrow is held meanwhile.
        let key = PyStr::intern(gil, name);
        let mut keys = self.keys.borrow_mut();
        if keys.len() < Self::CAPACITY {
            // SAFETY: pushed as an entry of this cache on the next line.
            let lent = unsafe { self.lend(gil, &key) };
            keys.push((name, key));
            self.next.set(keys.len());
            return CachedKey::Cached(lent);
        }
        CachedKey::Fresh(key)
    }

    /// Lends `key` for the cache's whole borrow `'c` (not just the `RefCell` guard's).
    ///
    /// # Safety
    /// `key` is an entry of this cache, or becomes one before any other code runs.
    #[inline(always)]
    unsafe fn lend<'c>(
        &'c self,
        gil: Gil<'py>,
        key: &Owned<'py, PyStr>,
    ) -> Borrowed<'c, 'py, PyStr> {
        // SAFETY: entries are never removed or replaced while the cache lives (only
        // pushed; the `Vec` moving its buffer moves the pointer, not the object), so the
        // cache's reference keeps the object alive for as long as `self` is borrowed.
        unsafe { Borrowed::from_ptr(gil, key.as_ptr()) }
    }
}

impl Default for KeyCache<'_> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod copy_text_tests {
    /// Every length around the word sizes, ASCII and multi-byte text alike.
    #[test]
    fn copies_are_the_text() {
        let ascii: String = (0..40u8).map(|i| char::from(b'!' + i)).collect();
        let wide: String = "aé🐍".repeat(8);
        for text in [ascii.as_str(), wide.as_str()] {
            for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let copy = super::copy_text(&text[..end]);
                assert_eq!(copy, &text[..end]);
                assert_eq!(copy.capacity(), end);
            }
        }
    }
}
