//! Fuzzes buffer import (`SliceRef`, `SliceMut`, `ArrayRef`, `ArrayMut` of scalars and of
//! a `derive(Element)` record) against exporters of every shape Python offers: `bytes`,
//! `bytearray`, `memoryview` casts to any native format and shape, strided and reversed
//! `memoryview` slices, `array.array`, ctypes arrays (explicit-endian formats, nested
//! shapes) and ctypes structure arrays (`T{...}` formats), and NumPy arrays sliced,
//! transposed, broadcast (zero strides), byte-swapped, read-only, 0-d, empty or of
//! structured dtypes (when NumPy is importable: `./test` puts a venv's site-packages on
//! `PYTHONPATH`).
//!
//! Checked, for each import:
//! - a refusal is an ordinary `TypeError`/`ValueError`/`BufferError` (never
//!   `SystemError` or `PanicException`);
//! - an accepted view has `memoryview`'s shape, and its elements, read through bind
//!   (slice, `iter`, `get` and `to_vec` agree), are byte for byte what
//!   `memoryview.tobytes()` reads in C order;
//! - a writable view writes through: `memoryview` sees the new first element;
//! - while a non-empty writable view lives, a second view of its memory is refused, and a
//!   read-only view next to another read-only one is not.
//!
//! AddressSanitizer catches any read outside the exporter's memory.
#![no_main]

use bind::buffer::{ArrayMut, ArrayRef, SliceMut, SliceRef};
use bind::Element;
use bind::prelude::*;
use bind::types::{PyBytes, PyDict, PyTuple};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// A record element: `T{d:x:f:m:i:k:}`, 16 bytes without padding.
#[derive(Copy, Clone, Debug, bytemuck::Pod, bytemuck::Zeroable, Element)]
#[repr(C)]
struct Record {
    x: f64,
    m: f32,
    k: i32,
}

/// The exporters, built from (kind, raw bytes, parameters) by Python code.
const EXPORTERS: &str = r#"
import array, ctypes, struct
try:
    import numpy as np
except ImportError:  # the NumPy exporters are skipped
    np = None

FORMATS = "bBhHiIlLqQnNfd?e"
NP_TYPES = ["i1", "u1", "<i2", ">i2", "<u2", "<i4", ">i4", "<u4", "<i8", ">i8", "<u8",
            "<f4", ">f4", "<f8", ">f8", "<f2", "?", "<c8", "V4", "S3",
            [("x", "<f8"), ("m", "<f4"), ("k", "<i4")],
            [("x", "<f8"), ("k", "<i4"), ("m", "<f4")],
            [("x", "<f8"), ("m", "<f4")]]
CTYPES = [ctypes.c_int8, ctypes.c_uint8, ctypes.c_int16, ctypes.c_int32, ctypes.c_uint32,
          ctypes.c_int64, ctypes.c_double, ctypes.c_float, ctypes.c_bool, ctypes.c_char]

class Rec(ctypes.Structure):
    _fields_ = [("x", ctypes.c_double), ("m", ctypes.c_float), ("k", ctypes.c_int32)]

class Packed(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("x", ctypes.c_double), ("k", ctypes.c_int8)]

def dims(p, size):
    # a shape of 0-3 dimensions whose product divides size
    shape = [1 + b % 4 for b in p[:p[0] % 4 if p else 0]]
    return shape

def make(kind, raw, p):
    p = list(p) + [0] * 8
    if kind == 0:
        return bytes(raw)
    if kind == 1:
        return bytearray(raw)
    if kind == 2:
        fmt = FORMATS[p[0] % len(FORMATS)]
        mv = memoryview(bytearray(raw))
        size = struct.calcsize(fmt)
        mv = mv[: len(raw) // size * size].cast(fmt)
        shape = [1 + b % 4 for b in p[1:1 + p[2] % 3]]
        n = 1
        for s in shape:
            n *= s
        if shape and n <= len(mv):
            mv = mv[:n].cast("B").cast(fmt, shape)
        return mv
    if kind == 3:
        fmt = FORMATS[p[0] % len(FORMATS)]
        mv = memoryview(bytearray(raw))
        size = struct.calcsize(fmt)
        mv = mv[: len(raw) // size * size].cast(fmt)
        step = (p[1] % 7) - 3 or 1
        start = p[2] % (len(mv) + 1)
        view = mv[start::step]
        return view.toreadonly() if p[3] & 1 else view
    if kind == 4:
        code = "bBhHiIlLqQfd"[p[0] % 12]
        a = array.array(code)
        a.frombytes(raw[: len(raw) // a.itemsize * a.itemsize])
        return a
    if kind == 5:
        ct = CTYPES[p[0] % len(CTYPES)]
        n = max(len(raw) // ctypes.sizeof(ct), 0)
        rows = 1 + p[1] % 3
        typ = ct * (n // rows) * rows if p[2] & 1 else ct * n
        buf = bytearray(raw[: ctypes.sizeof(typ)] + bytes(ctypes.sizeof(typ)))
        return typ.from_buffer(buf)
    if kind == 6:
        st = Rec if p[0] & 1 else Packed
        n = len(raw) // ctypes.sizeof(st)
        typ = st * n
        return typ.from_buffer(bytearray(raw[: ctypes.sizeof(typ)]))
    if np is None:
        return None
    dt = np.dtype(NP_TYPES[p[0] % len(NP_TYPES)])
    n = len(raw) // dt.itemsize
    arr = np.frombuffer(bytearray(raw[: n * dt.itemsize]), dtype=dt)
    op = p[1] % 10
    if op == 1 and n >= 6:
        arr = arr[: n // 6 * 6].reshape(2, 3, n // 6)
    elif op == 2 and n >= 4:
        arr = arr[: n // 2 * 2].reshape(2, n // 2).T
    elif op == 3:
        arr = arr[:: (p[2] % 5) - 2 or 1]
    elif op == 4 and n >= 4:
        arr = arr[: n // 2 * 2].reshape(n // 2, 2)[::2, ::-1]
    elif op == 5 and n >= 1:
        arr = np.broadcast_to(arr[:1], (3, 1 + p[2] % 4))
    elif op == 6 and n >= 1:
        arr = arr[0, ...] if arr.ndim else arr
        arr = np.asarray(arr).reshape(())
    elif op == 7:
        arr = arr[:0]
    elif op == 8 and n >= 4:
        arr = np.asfortranarray(arr[: n // 2 * 2].reshape(2, n // 2))
    elif op == 9:
        arr = arr.copy()
        arr.flags.writeable = False
    if p[3] % 3 == 0 and arr.flags.writeable:
        arr = arr.copy()
    return arr

def expected(obj):
    # (shape, C-order bytes) as CPython's memoryview reads the exporter
    mv = memoryview(obj)
    return tuple(mv.shape), mv.tobytes()

def first_bytes(obj, size):
    return memoryview(obj).tobytes()[:size]
"#;

fn exporters(gil: Gil<'_>) -> &'static Handle<PyDict> {
    static GLOBALS: OnceLock<Handle<PyDict>> = OnceLock::new();
    GLOBALS.get_or_init(|| {
        let globals = PyDict::new(gil);
        gil.run(EXPORTERS, Some(&globals), None).expect("the exporters");
        globals.unbind()
    })
}

fn helper<'py>(gil: Gil<'py>, name: &str) -> Owned<'py, PyAny> {
    exporters(gil)
        .bind(gil)
        .get_item(name)
        .expect("lookup")
        .expect("defined")
}

/// A refusal must be an ordinary exception of the buffer protocol's kinds.
fn check_refusal(gil: Gil<'_>, err: &PyErr, what: &str) {
    use bind::exceptions::{PyBufferError, PyTypeError, PyValueError};
    assert!(
        err.is_instance_of::<PyTypeError>(gil)
            || err.is_instance_of::<PyValueError>(gil)
            || err.is_instance_of::<PyBufferError>(gil),
        "{what}: refused with {err}"
    );
}

/// What CPython's `memoryview` reads: (shape, C-order bytes).
fn expected(gil: Gil<'_>, obj: &Owned<'_, PyAny>) -> Option<(Vec<usize>, Vec<u8>)> {
    let out = helper(gil, "expected").call1((obj.clone(),)).ok()?;
    let (shape, bytes): (Vec<usize>, Vec<u8>) = out.extract().ok()?;
    Some((shape, bytes))
}

fn first_bytes(gil: Gil<'_>, obj: &Owned<'_, PyAny>, size: usize) -> Vec<u8> {
    helper(gil, "first_bytes")
        .call1((obj.clone(), size))
        .and_then(|b| b.extract::<Vec<u8>>())
        .expect("memoryview reads what bind read")
}

/// Imports `obj` as every view kind of `T`, checking each against NumPy.
fn check_views<T>(gil: Gil<'_>, obj: &Owned<'_, PyAny>, probe: u8)
where
    T: Element + bytemuck::Pod + std::fmt::Debug,
{
    let size = std::mem::size_of::<T>();
    // What `memoryview` reads now (each check reads afresh: the writable views write).
    // When it cannot read an exporter, AddressSanitizer alone checks the reads.
    let agrees = |shape: &[usize], data: &[T]| {
        let Some((want_shape, want_bytes)) = expected(gil, obj) else {
            return;
        };
        assert_eq!(shape, &want_shape[..], "shape of {}", T::TYPE_NAME);
        assert_eq!(
            bytemuck::cast_slice::<T, u8>(data),
            &want_bytes[..],
            "elements of {}",
            T::TYPE_NAME
        );
    };
    let readable = expected(gil, obj).is_some();

    match obj.extract::<SliceRef<'_, T>>() {
        Ok(view) => {
            agrees(&[view.len()], &view);
            // A second read-only view is fine.
            if let Err(err) = obj.extract::<SliceRef<'_, T>>() {
                panic!("a second read-only view was refused: {err}");
            }
        }
        Err(err) => check_refusal(gil, &err, "SliceRef"),
    }

    match obj.extract::<ArrayRef<'_, T>>() {
        Ok(view) => {
            let data = view.to_vec();
            assert_eq!(data.len(), view.len());
            assert_eq!(view.iter().count(), view.len());
            if let Some(slice) = view.as_slice() {
                assert_eq!(bytemuck::cast_slice::<T, u8>(slice), bytemuck::cast_slice::<T, u8>(&data));
            }
            if !view.is_empty() {
                let first = view.get(&vec![0; view.ndim()]).expect("index 0 is in bounds");
                assert_eq!(bytemuck::bytes_of(&first), bytemuck::cast_slice::<T, u8>(&data[..1]));
            }
            assert!(view.get(view.shape()).is_none() || view.shape().is_empty());
            agrees(view.shape(), &data);
        }
        Err(err) => check_refusal(gil, &err, "ArrayRef"),
    }

    match obj.extract::<SliceMut<'_, T>>() {
        Ok(mut view) => {
            agrees(&[view.len()], &view);
            // No other view of the same (non-empty) memory while a writable one lives.
            match obj.extract::<SliceRef<'_, T>>() {
                Ok(_) if !view.is_empty() => {
                    panic!("a read-only view next to a writable one was accepted")
                }
                Ok(_) => {}
                Err(err) => check_refusal(gil, &err, "SliceRef next to SliceMut"),
            }
            if let Some(first) = view.first_mut() {
                bytemuck::bytes_of_mut(first).fill(probe);
                drop(view);
                if readable {
                    assert_eq!(first_bytes(gil, obj, size), vec![probe; size], "write through SliceMut");
                }
            }
        }
        Err(err) => check_refusal(gil, &err, "SliceMut"),
    }

    match obj.extract::<ArrayMut<'_, T>>() {
        Ok(mut view) => {
            agrees(view.shape(), &view.to_vec());
            if !view.is_empty() {
                let index = vec![0; view.ndim()];
                let mut value = view.get(&index).expect("in bounds");
                bytemuck::bytes_of_mut(&mut value).fill(probe ^ 0x5a);
                assert!(view.set(&index, value));
                drop(view);
                if readable {
                    assert_eq!(
                        first_bytes(gil, obj, size),
                        vec![probe ^ 0x5a; size],
                        "write through ArrayMut"
                    );
                }
            }
        }
        Err(err) => check_refusal(gil, &err, "ArrayMut"),
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (head, rest) = data.split_at(3);
    let (params, raw) = rest.split_at(rest.len().min(8));
    let raw = &raw[..raw.len().min(512)];
    Gil::with(|gil| {
        let made = helper(gil, "make").call1((
            head[0] % 8,
            PyBytes::new(gil, raw),
            PyTuple::new(gil, params.iter().copied()).expect("a tuple"),
        ));
        // Some parameter sets describe no valid exporter (a cast Python refuses), and the
        // NumPy ones need NumPy on the interpreter's path.
        let Ok(obj) = made else { return };
        if obj.is_none() {
            return;
        }
        match head[1] % 11 {
            0 => check_views::<u8>(gil, &obj, head[2]),
            1 => check_views::<i8>(gil, &obj, head[2]),
            2 => check_views::<i16>(gil, &obj, head[2]),
            3 => check_views::<u16>(gil, &obj, head[2]),
            4 => check_views::<i32>(gil, &obj, head[2]),
            5 => check_views::<u32>(gil, &obj, head[2]),
            6 => check_views::<i64>(gil, &obj, head[2]),
            7 => check_views::<u64>(gil, &obj, head[2]),
            8 => check_views::<f32>(gil, &obj, head[2]),
            9 => check_views::<f64>(gil, &obj, head[2]),
            _ => check_views::<Record>(gil, &obj, head[2]),
        }
    });
});
