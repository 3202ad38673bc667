//! Text and bytes: `str` (including lone surrogates), `bytes`, and their conversions.
use bind::exceptions::{PyTypeError, PyUnicodeDecodeError, PyUnicodeEncodeError, PyValueError};
use bind::prelude::*;
use std::borrow::Cow;

/// Extracts a borrowed `&str` where the build supports it (not on abi3 before 3.10, where
/// CPython has no cached UTF-8 to borrow), else `None`. Autoref dispatch stands in for a
/// cfg, which this test crate does not see.
#[allow(dead_code)] // unused on abi3 before 3.10
struct Probe<'a, 'py>(&'a Owned<'py, PyAny>);

#[allow(dead_code)] // unused on abi3 before 3.10
trait Borrowing<'a> {
    fn borrowed(&self) -> Option<PyResult<&'a str>>;
}

impl<'a, 'py> Borrowing<'a> for Probe<'a, 'py>
where
    &'a str: FromPyObject<'a, 'py>,
{
    fn borrowed(&self) -> Option<PyResult<&'a str>> {
        Some(self.0.extract())
    }
}

#[allow(dead_code)] // unused where `&str` extraction exists
trait NotBorrowing<'a> {
    fn borrowed(&self) -> Option<PyResult<&'a str>>;
}

impl<'a> NotBorrowing<'a> for &Probe<'a, '_> {
    fn borrowed(&self) -> Option<PyResult<&'a str>> {
        None
    }
}

/// Whether `&str` extraction is available in this build.
fn borrowed_str<'a>(obj: &'a Owned<'_, PyAny>) -> Option<PyResult<&'a str>> {
    #[allow(clippy::needless_borrow)] // the borrow selects the fallback impl on abi3
    (&Probe(obj)).borrowed()
}

#[test]
fn str_basics() {
    Gil::with(|gil| {
        let s = PyStr::new(gil, "héllo, wörld ✓");
        assert_eq!(s.to_str().unwrap(), "héllo, wörld ✓");
        assert_eq!(s.char_len(), 14);
        assert_eq!(s.len().unwrap(), 14);
        assert_eq!(
            s.encode_utf8().unwrap().as_bytes(),
            "héllo, wörld ✓".as_bytes()
        );
        assert!(s.contains_str("wörld").unwrap());
        assert!(!s.contains_str("xyz").unwrap());
        assert_eq!(s.to_string(), "héllo, wörld ✓");
        let empty = PyStr::new(gil, "");
        assert_eq!(empty.to_str().unwrap(), "");
        assert_eq!(empty.char_len(), 0);
        // Embedded NUL survives.
        let nul = PyStr::new(gil, "a\0b");
        assert_eq!(nul.char_len(), 3);
        assert_eq!(nul.to_str().unwrap(), "a\0b");
        // Astral characters.
        let emoji = PyStr::new(gil, "🦀");
        assert_eq!(emoji.char_len(), 1);
        assert_eq!(emoji.to_str().unwrap(), "🦀");
    });
}

#[test]
fn interned_strings() {
    Gil::with(|gil| {
        let a = PyStr::intern(gil, "bind_interned_name");
        let b = PyStr::intern(gil, "bind_interned_name");
        assert!(a.is(&b));
        assert!(a.eq(PyStr::new(gil, "bind_interned_name")).unwrap());
    });
}

/// Every length around the short-text path of `PyStr::new` (2 to 16 bytes, read as two
/// overlapping words), ASCII or with one non-ASCII character at each place, gives the
/// same `str` as CPython's own decoder, and an ASCII one exactly when the text is ASCII.
#[test]
fn str_of_every_short_length() {
    Gil::with(|gil| {
        for len in 0..=40usize {
            let ascii: String = (0..len)
                .map(|i| (b'a' + (i * 7 % 26) as u8) as char)
                .collect();
            let mut texts = vec![ascii.clone(), ascii.replace('a', "\x7f")];
            for at in 0..len {
                let mut chars: Vec<char> = ascii.chars().collect();
                chars[at] = 'é';
                texts.push(chars.iter().collect());
                chars[at] = '\u{80}';
                texts.push(chars.iter().collect());
            }
            for text in texts {
                let s = PyStr::new(gil, &text);
                let units: Vec<u16> = text.encode_utf16().collect();
                let decoded = PyStr::from_utf16(gil, &units).unwrap();
                assert!(s.eq(&decoded).unwrap(), "{text:?}");
                assert_eq!(s.to_str().unwrap(), text);
                let is_ascii: bool = s.call_method0("isascii").unwrap().extract().unwrap();
                assert_eq!(is_ascii, text.is_ascii(), "{text:?}");
            }
        }
    });
}

#[test]
fn from_utf16() {
    Gil::with(|gil| {
        let units: Vec<u16> = "añ🦀".encode_utf16().collect();
        let s = PyStr::from_utf16(gil, &units).unwrap();
        assert_eq!(s.to_str().unwrap(), "añ🦀");
        assert_eq!(PyStr::from_utf16(gil, &[]).unwrap().to_str().unwrap(), "");
        let err = PyStr::from_utf16(gil, &[0x61, 0xD800]).unwrap_err();
        assert!(err.is_instance_of::<PyUnicodeDecodeError>(gil));
    });
}

#[test]
fn lone_surrogates() {
    Gil::with(|gil| {
        let s = gil
            .eval("'a\\ud800b'")
            .unwrap()
            .downcast_into::<PyStr>()
            .unwrap();
        assert_eq!(s.char_len(), 3);
        let err = s.to_str().unwrap_err();
        assert!(err.is_instance_of::<PyUnicodeEncodeError>(gil));
        assert!(err.to_string().contains("surrogates not allowed"));
        let err = s.encode_utf8().unwrap_err();
        assert!(err.is_instance_of::<PyUnicodeEncodeError>(gil));
        assert_eq!(s.to_string_lossy(), "a\u{FFFD}b");
        // No exception is left behind by the failed conversions.
        assert!(PyErr::take(gil).is_none());
        let err = s.extract::<String>().unwrap_err();
        assert!(err.is_instance_of::<PyUnicodeEncodeError>(gil));
        if let Some(result) = borrowed_str(&s) {
            assert!(result
                .unwrap_err()
                .is_instance_of::<PyUnicodeEncodeError>(gil));
        }
        // Two lone surrogates that would form a pair in UTF-16 stay two replacements.
        let pair = gil
            .eval("'\\ud83e\\udd80!'")
            .unwrap()
            .downcast_into::<PyStr>()
            .unwrap();
        assert_eq!(pair.to_string_lossy(), "\u{FFFD}\u{FFFD}!");
        // repr of the object still works.
        assert_eq!(s.repr().unwrap().to_str().unwrap(), "'a\\ud800b'");
    });
}

#[test]
fn str_extraction() {
    Gil::with(|gil| {
        // `&str` extraction is missing only on abi3 builds for Python below 3.10.
        let abi3_below_310 = bind::ffi::BUILD_CONFIG
            .lines()
            .find_map(|l| l.strip_prefix("abi3="))
            .and_then(|v| v.parse::<u32>().ok())
            .is_some_and(|minor| minor < 10);
        let probe = gil.eval("'x'").unwrap();
        assert_eq!(borrowed_str(&probe).is_some(), !abi3_below_310);
        let obj = gil.eval("'borrowed text'").unwrap();
        if let Some(borrowed) = borrowed_str(&obj) {
            let borrowed = borrowed.unwrap();
            assert_eq!(borrowed, "borrowed text");
            // It borrows the object's cached UTF-8: the same pointer each time.
            let again = borrowed_str(&obj).unwrap().unwrap();
            assert_eq!(borrowed.as_ptr(), again.as_ptr());
        }
        let owned: String = obj.extract().unwrap();
        assert_eq!(owned, "borrowed text");
        let cow: Cow<str> = obj.extract().unwrap();
        assert_eq!(cow, "borrowed text");
        let c: char = gil.eval("'ß'").unwrap().extract().unwrap();
        assert_eq!(c, 'ß');
        let err = gil.eval("'ab'").unwrap().extract::<char>().unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));
        let err = gil.eval("''").unwrap().extract::<char>().unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));

        let err = gil
            .eval("b'bytes'")
            .unwrap()
            .extract::<String>()
            .unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        let one = gil.eval("1").unwrap();
        if let Some(result) = borrowed_str(&one) {
            let err = result.unwrap_err();
            assert!(err.is_instance_of::<PyTypeError>(gil));
            assert_eq!(
                err.to_string(),
                "TypeError: 'int' object cannot be converted to 'str'"
            );
        }
        let err = one.extract::<String>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: 'int' object cannot be converted to 'str'"
        );

        // A str subclass is accepted.
        let sub = gil.eval("type('S', (str,), {})('sub')").unwrap();
        assert_eq!(sub.extract::<String>().unwrap(), "sub");

        // Into Python.
        for text in ["", "plain", "ünï©ødé", "🦀🐍"] {
            let obj = text.into_py(gil).unwrap();
            assert!(obj.is_exact_instance_of::<PyStr>());
            assert_eq!(obj.extract::<String>().unwrap(), text);
            let obj = text.to_owned().into_py(gil).unwrap();
            assert_eq!(obj.extract::<Cow<str>>().unwrap(), text);
            if let Some(borrowed) = borrowed_str(&obj) {
                assert_eq!(borrowed.unwrap(), text);
            }
        }
        let obj = 'x'.into_py(gil).unwrap();
        assert_eq!(obj.extract::<String>().unwrap(), "x");
    });
}

#[test]
fn bytes() {
    Gil::with(|gil| {
        let b = PyBytes::new(gil, b"ab\0\xffc");
        assert_eq!(b.as_bytes(), b"ab\0\xffc");
        assert_eq!(b.len().unwrap(), 5);
        assert_eq!(b.repr().unwrap().to_str().unwrap(), "b'ab\\x00\\xffc'");
        assert_eq!(PyBytes::new(gil, b"").as_bytes(), b"");
        let from_py = gil.eval("bytes(range(4))").unwrap();
        let typed = from_py.downcast::<PyBytes>().unwrap();
        assert_eq!(typed.as_bytes(), &[0, 1, 2, 3]);
        assert_eq!(typed.get_item(2).unwrap().extract::<u8>().unwrap(), 2);
        let err = gil
            .eval("'str'")
            .unwrap()
            .downcast_into::<PyBytes>()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "'str' object cannot be converted to 'bytes'"
        );
        // bytes → str decoding error surfaces as UnicodeDecodeError.
        let err = b.call_method1("decode", ("utf-8",)).unwrap_err();
        assert!(err.is_instance_of::<PyUnicodeDecodeError>(gil));
    });
}
