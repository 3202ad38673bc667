//! Array elements: the plain-data types a buffer can hold, each with its struct-module
//! format (`b B h H i I q Q f d ?`, and `T{…}` for `#[repr(C)]` records).
use std::ffi::CStr;

/// A type that can be an element of an exported or imported buffer.
///
/// Implemented for `i8 u8 i16 u16 i32 u32 i64 u64 f32 f64 bool` and, through
/// `#[derive(Element)]`, for `#[repr(C)]` structs of elements without padding (numpy reads
/// their format as a record dtype). Exports need only [`bytemuck::NoUninit`] (no padding
/// bytes leak); writable exports and imports need [`bytemuck::Pod`] (any bytes Python
/// writes are a valid value), which rules out `bool` there.
///
/// # Safety
/// [`FORMAT`](Element::FORMAT) describes `Self`'s memory exactly as the `struct` module
/// reads it in native (`@`) mode, with a size of `size_of::<Self>()`.
pub unsafe trait Element: bytemuck::NoUninit + 'static {
    /// The struct-module format (`"d"`, `"T{d:x:d:y:}"`).
    const FORMAT: &'static CStr;
    /// The name shown in error messages (`"float64"`, the record's Rust name).
    const TYPE_NAME: &'static str;
}

macro_rules! elements {
    ($($ty:ty => $format:literal, $name:literal;)*) => {$(
        // SAFETY: the format code is the struct module's native code for this type.
        unsafe impl Element for $ty {
            const FORMAT: &'static CStr = $format;
            const TYPE_NAME: &'static str = $name;
        }
    )*};
}

elements! {
    i8 => c"b", "int8";
    u8 => c"B", "uint8";
    i16 => c"h", "int16";
    u16 => c"H", "uint16";
    i32 => c"i", "int32";
    u32 => c"I", "uint32";
    i64 => c"q", "int64";
    u64 => c"Q", "uint64";
    f32 => c"f", "float32";
    f64 => c"d", "float64";
    bool => c"?", "bool";
}

const _: () = assert!(std::mem::size_of::<bool>() == 1, "format '?' is one byte");

/// The longest record format `#[derive(Element)]` can build, NUL included.
pub const MAX_RECORD_FORMAT: usize = 256;

/// A record format built at compile time: `T{` + `code:name:` per field + `}`.
#[doc(hidden)]
pub struct RecordFormat {
    bytes: [u8; MAX_RECORD_FORMAT],
}

impl RecordFormat {
    /// The format of a record with these `(name, field format)` pairs, in field order.
    /// Fails to compile (a panic in const evaluation) when the text does not fit.
    pub const fn new(fields: &[(&str, &CStr)]) -> RecordFormat {
        let mut bytes = [0u8; MAX_RECORD_FORMAT];
        let mut len = 0;
        len = push(&mut bytes, len, b"T{");
        let mut i = 0;
        while i < fields.len() {
            len = push(&mut bytes, len, fields[i].1.to_bytes());
            len = push(&mut bytes, len, b":");
            len = push(&mut bytes, len, fields[i].0.as_bytes());
            len = push(&mut bytes, len, b":");
            i += 1;
        }
        len = push(&mut bytes, len, b"}");
        assert!(len < MAX_RECORD_FORMAT, "record format too long");
        RecordFormat { bytes }
    }

    /// The format as a C string.
    pub const fn as_c_str(&'static self) -> &'static CStr {
        match CStr::from_bytes_until_nul(&self.bytes) {
            Ok(s) => s,
            Err(_) => panic!("a record format ends with NUL"),
        }
    }
}

const fn push(bytes: &mut [u8; MAX_RECORD_FORMAT], mut len: usize, text: &[u8]) -> usize {
    let mut i = 0;
    while i < text.len() {
        assert!(len + 1 < MAX_RECORD_FORMAT, "record format too long");
        bytes[len] = text[i];
        len += 1;
        i += 1;
    }
    len
}

/// What kind of scalar a one-character format code is (for matching imports).
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub(crate) enum ScalarKind {
    Signed,
    Unsigned,
    Float,
    Bool,
}

/// The kind of a native format code, ignoring its size (the item size is compared apart:
/// numpy writes `l` for int64, `array.array('q')` writes `q`).
pub(crate) fn scalar_kind(code: u8) -> Option<ScalarKind> {
    match code {
        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => Some(ScalarKind::Signed),
        b'B' | b'H' | b'I' | b'L' | b'Q' | b'N' => Some(ScalarKind::Unsigned),
        b'e' | b'f' | b'd' => Some(ScalarKind::Float),
        b'?' => Some(ScalarKind::Bool),
        _ => None,
    }
}

/// A format with native-order prefixes removed (`@`, `=`, and `<` on little-endian
/// machines), so that numpy's `<d` and `T{<d:x:}` compare equal to `d` and `T{d:x:}`.
pub(crate) fn normalized_format(format: &[u8]) -> Vec<u8> {
    format
        .iter()
        .copied()
        .filter(|&c| !(c == b'@' || c == b'=' || (c == b'<' && cfg!(target_endian = "little"))))
        .collect()
}

/// Whether a buffer `format` (with item size `itemsize`) holds elements of type `T`.
#[cfg(test)]
fn format_matches_of<T: Element>(format: &[u8], itemsize: usize) -> bool {
    format_matches(T::FORMAT, std::mem::size_of::<T>(), format, itemsize)
}

/// Whether a buffer's `format` and `itemsize` describe the element of format `element`
/// and size `size`.
pub(crate) fn format_matches(element: &CStr, size: usize, format: &[u8], itemsize: usize) -> bool {
    if itemsize != size {
        return false;
    }
    let found = normalized_format(format);
    let wanted = element.to_bytes();
    if found == wanted {
        return true;
    }
    match (found.as_slice(), wanted) {
        ([f], [w]) => scalar_kind(*f).is_some() && scalar_kind(*f) == scalar_kind(*w),
        _ => false,
    }
}

/// A readable name of a buffer format for error messages: `'i' (int32)`.
pub(crate) fn describe_format(format: &[u8], itemsize: usize) -> String {
    let text = String::from_utf8_lossy(format);
    let kind = match normalized_format(format).as_slice() {
        [c] => scalar_kind(*c).map(|k| match k {
            ScalarKind::Signed => format!("int{}", itemsize * 8),
            ScalarKind::Unsigned => format!("uint{}", itemsize * 8),
            ScalarKind::Float => format!("float{}", itemsize * 8),
            ScalarKind::Bool => "bool".to_owned(),
        }),
        _ => None,
    };
    match kind {
        Some(k) => format!("'{text}' ({k})"),
        None => format!("'{text}' (item size {itemsize})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Copy, Clone)]
    #[repr(C)]
    struct P {
        x: f64,
        m: f32,
        k: i32,
    }
    // SAFETY: plain old data without padding (8 + 4 + 4 bytes).
    unsafe impl bytemuck::Zeroable for P {}
    // SAFETY: as above.
    unsafe impl bytemuck::Pod for P {}
    // SAFETY: the format lists the fields in order without padding.
    unsafe impl Element for P {
        const FORMAT: &'static CStr = {
            const RECORD: &RecordFormat =
                &RecordFormat::new(&[("x", f64::FORMAT), ("m", f32::FORMAT), ("k", i32::FORMAT)]);
            RECORD.as_c_str()
        };
        const TYPE_NAME: &'static str = "P";
    }

    #[test]
    fn record_format_lists_fields() {
        assert_eq!(P::FORMAT.to_bytes(), b"T{d:x:f:m:i:k:}");
        assert!(format_matches_of::<P>(b"T{<d:x:<f:m:<i:k:}", 16));
        assert!(!format_matches_of::<P>(b"T{<d:x:<f:m:<f:k:}", 16));
    }

    #[test]
    fn scalar_formats_match_by_kind_and_size() {
        assert!(format_matches_of::<i64>(b"l", 8));
        assert!(format_matches_of::<i64>(b"<q", 8));
        assert!(!format_matches_of::<i64>(b"d", 8));
        assert!(!format_matches_of::<i32>(b"l", 8));
        assert!(format_matches_of::<f64>(b"@d", 8));
        assert!(!format_matches_of::<f64>(b">d", 8) || cfg!(target_endian = "big"));
        assert_eq!(describe_format(b"i", 4), "'i' (int32)");
    }
}
