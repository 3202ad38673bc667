"""Buffer exports of bind classes (`#[bind(buffer)]`): every element format, every
`PyBUF_*` request kind, the export count and the resize guard, writes both ways, the
exporter kept alive by its views. Compared with CPython's own exporters (`array.array`,
`bytes`, `memoryview`) where CPython defines the behaviour.

The abi3 wheels below Python 3.11 have no buffer protocol: the `arrays` module is then the
full build of ./test's step c, and `bind_bench.Vec64` is absent (its tests skip).
"""
import array
import ctypes
import gc
import struct
import sys

import pytest

import arrays
import bind_bench

from conftest import assert_no_leak

# --------------------------------------------------------------------------------------
# Requesting a buffer with raw PyBUF_* flags (through ctypes, as a C consumer would).

PyBUF_SIMPLE = 0
PyBUF_WRITABLE = 0x0001
PyBUF_FORMAT = 0x0004
PyBUF_ND = 0x0008
PyBUF_STRIDES = 0x0010 | PyBUF_ND
PyBUF_C_CONTIGUOUS = 0x0020 | PyBUF_STRIDES
PyBUF_F_CONTIGUOUS = 0x0040 | PyBUF_STRIDES
PyBUF_ANY_CONTIGUOUS = 0x0080 | PyBUF_STRIDES
PyBUF_INDIRECT = 0x0100 | PyBUF_STRIDES
PyBUF_FULL = PyBUF_INDIRECT | PyBUF_WRITABLE | PyBUF_FORMAT
PyBUF_FULL_RO = PyBUF_INDIRECT | PyBUF_FORMAT
PyBUF_RECORDS_RO = PyBUF_STRIDES | PyBUF_FORMAT


class Py_buffer(ctypes.Structure):
    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.c_void_p),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.POINTER(ctypes.c_ssize_t)),
        ("strides", ctypes.POINTER(ctypes.c_ssize_t)),
        ("suboffsets", ctypes.POINTER(ctypes.c_ssize_t)),
        ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(Py_buffer), ctypes.c_int]
_get_buffer.restype = ctypes.c_int
_release = ctypes.pythonapi.PyBuffer_Release
_release.argtypes = [ctypes.POINTER(Py_buffer)]
_release.restype = None


def request(obj, flags):
    """What `PyObject_GetBuffer(obj, &view, flags)` fills in, as a dict (the view is
    released before returning)."""
    view = Py_buffer()
    _get_buffer(obj, ctypes.byref(view), flags)
    try:
        ndim = view.ndim
        return {
            "len": view.len,
            "itemsize": view.itemsize,
            "readonly": bool(view.readonly),
            "ndim": ndim,
            "format": view.format.decode() if view.format else None,
            "shape": [view.shape[i] for i in range(ndim)] if view.shape else None,
            "strides": [view.strides[i] for i in range(ndim)] if view.strides else None,
            "suboffsets": bool(view.suboffsets),
            "same_object": view.obj == id(obj),
        }
    finally:
        _release(ctypes.byref(view))


# --------------------------------------------------------------------------------------
# Every element format, against array.array (CPython's exporter of the same codes).

FORMATS = [
    (arrays.I8Vector, "b", [-128, -1, 0, 127]),
    (arrays.U8Vector, "B", [0, 1, 255]),
    (arrays.I16Vector, "h", [-(2**15), 2**15 - 1]),
    (arrays.U16Vector, "H", [0, 2**16 - 1]),
    (arrays.I32Vector, "i", [-(2**31), 2**31 - 1]),
    (arrays.U32Vector, "I", [0, 2**32 - 1]),
    (arrays.I64Vector, "q", [-(2**63), 2**63 - 1]),
    (arrays.U64Vector, "Q", [0, 2**64 - 1]),
    (arrays.F32Vector, "f", [0.5, -1.25, 3.0]),
    (arrays.F64Vector, "d", [0.1, -2.5, 1e300]),
]


@pytest.mark.parametrize("cls, code, values", FORMATS, ids=[f[1] for f in FORMATS])
def test_every_format_matches_array_module(cls, code, values):
    obj = cls(values)
    twin = array.array(code, values)
    mv, tv = memoryview(obj), memoryview(twin)
    assert (mv.format, mv.itemsize, mv.ndim, mv.shape, mv.strides, mv.readonly) == (
        tv.format,
        tv.itemsize,
        tv.ndim,
        tv.shape,
        tv.strides,
        tv.readonly,
    )
    assert mv.tolist() == tv.tolist()
    assert mv.tobytes() == tv.tobytes()
    assert struct.calcsize(mv.format) == mv.itemsize
    assert bytes(obj) == twin.tobytes()


def test_bool_format_is_read_only():
    obj = arrays.BoolVector([True, False, True])
    mv = memoryview(obj)
    assert mv.format == "?" and mv.itemsize == 1
    assert mv.tolist() == [True, False, True]
    assert mv.readonly
    with pytest.raises(TypeError):
        mv[0] = False
    with pytest.raises(BufferError, match="read-only"):
        request(obj, PyBUF_WRITABLE)
    # CPython's own read-only exporter refuses the same request the same way.
    with pytest.raises(BufferError):
        request(b"abc", PyBUF_WRITABLE)


def test_frozen_class_exports_read_only():
    obj = arrays.FrozenF64([1.0, 2.0])
    assert memoryview(obj).readonly
    with pytest.raises(BufferError, match="read-only"):
        request(obj, PyBUF_FULL)
    assert request(obj, PyBUF_FULL_RO)["readonly"]


def test_empty_export():
    obj = arrays.F64Vector([])
    mv = memoryview(obj)
    assert mv.tolist() == [] and mv.shape == (0,) and mv.nbytes == 0
    assert mv.tobytes() == array.array("d").tobytes()


# --------------------------------------------------------------------------------------
# PyBUF_* requests, compared with array.array (1-D) and a memoryview cast (N-D).

REQUESTS = {
    "SIMPLE": PyBUF_SIMPLE,
    "WRITABLE": PyBUF_WRITABLE,
    "FORMAT": PyBUF_FORMAT,
    "ND": PyBUF_ND,
    "STRIDES": PyBUF_STRIDES,
    "C_CONTIGUOUS": PyBUF_C_CONTIGUOUS,
    "F_CONTIGUOUS": PyBUF_F_CONTIGUOUS,
    "ANY_CONTIGUOUS": PyBUF_ANY_CONTIGUOUS,
    "INDIRECT": PyBUF_INDIRECT,
    "FULL": PyBUF_FULL,
    "FULL_RO": PyBUF_FULL_RO,
    "RECORDS_RO": PyBUF_RECORDS_RO,
}


@pytest.mark.parametrize("flags", list(REQUESTS.values()), ids=list(REQUESTS))
def test_1d_requests_match_array_module(flags):
    obj = arrays.F64Vector([1.0, 2.0, 3.0])
    twin = array.array("d", [1.0, 2.0, 3.0])
    got, want = request(obj, flags), request(twin, flags)
    assert got == want
    assert got["same_object"]
    # The parts a request did not ask for are left out, as PEP 3118 says.
    assert (got["format"] is None) == (not flags & PyBUF_FORMAT)
    assert (got["shape"] is None) == (flags & PyBUF_ND != PyBUF_ND)
    assert (got["strides"] is None) == (flags & PyBUF_STRIDES != PyBUF_STRIDES)
    assert not got["suboffsets"]


def nd_twin(shape, code="f"):
    """A C-contiguous N-D memoryview of zeros: CPython's exporter of that layout."""
    n = 1
    for s in shape:
        n *= s
    return memoryview(bytearray(n * struct.calcsize(code))).cast(code, shape)


@pytest.mark.parametrize("flags", list(REQUESTS.values()), ids=list(REQUESTS))
def test_2d_requests_match_numpy(flags):
    np = pytest.importorskip("numpy")
    obj = arrays.Matrix(2, 3)
    twin = np.zeros((2, 3), dtype=np.float32)
    try:
        want = request(twin, flags)
    except ValueError:  # numpy's word for BufferError ("not Fortran contiguous")
        with pytest.raises(BufferError):
            request(obj, flags)
        return
    got = request(obj, flags)
    for key in ("len", "itemsize", "readonly", "format", "shape", "strides", "suboffsets"):
        assert got[key] == want[key], key
    # With ND the dimensions are the matrix's; without, flat memory (numpy says 0, CPython's
    # PyBuffer_FillInfo 1: a consumer that did not ask for the shape ignores it).
    assert got["ndim"] == (2 if flags & PyBUF_ND == PyBUF_ND else 1)


def test_2d_fortran_request_is_refused_unless_trivial():
    with pytest.raises(BufferError, match="Fortran"):
        request(arrays.Matrix(2, 3), PyBUF_F_CONTIGUOUS)
    with pytest.raises(BufferError):
        request(nd_twin((2, 3)), PyBUF_F_CONTIGUOUS)
    # One row is both C- and Fortran-contiguous.
    assert request(arrays.Matrix(1, 3), PyBUF_F_CONTIGUOUS)["shape"] == [1, 3]
    assert request(arrays.Matrix(2, 3), PyBUF_ANY_CONTIGUOUS)["strides"] == [12, 4]


def test_3d_image_shape_and_strides():
    img = arrays.Image(4, 5)
    mv = memoryview(img)
    assert mv.format == "B" and mv.shape == (4, 5, 3) and mv.strides == (15, 3, 1)
    img.fill(1, 2, 3)
    assert mv[3, 4, 0] == 1 and mv[3, 4, 2] == 3
    assert mv.tobytes() == bytes([1, 2, 3]) * 20


def test_record_format():
    p = arrays.Particles()
    p.add(1.0, 2.0, 0.5, -0.5, 3.0)
    mv = memoryview(p)
    assert mv.format == "T{d:x:d:y:f:vx:f:vy:d:mass:}"
    assert mv.itemsize == struct.calcsize("ddffd") == 32
    assert struct.unpack("ddffd", mv.tobytes()) == (1.0, 2.0, 0.5, -0.5, 3.0)


# --------------------------------------------------------------------------------------
# Writes both ways.


def test_writes_are_visible_both_ways():
    obj = arrays.Growable([0.0, 0.0, 0.0])
    mv = memoryview(obj)
    mv[1] = 5.0
    assert bytes(obj) == array.array("d", [0.0, 5.0, 0.0]).tobytes()
    obj.fill(2.0)  # a &mut method writing in place while the view is alive
    assert mv.tolist() == [2.0, 2.0, 2.0]


def test_matrix_in_place_methods_while_exported():
    m = arrays.Matrix(2, 2)
    mv = memoryview(m)
    m.set(0, 1, 4.0)
    m.scale(2.0)
    assert mv.tolist() == [[0.0, 8.0], [0.0, 0.0]]
    mv[1, 0] = 3.0
    assert m.get(1, 0) == 3.0


# --------------------------------------------------------------------------------------
# The export count and the resize guard.


def test_resize_while_exported_raises_buffer_error_then_works_after_release():
    obj = arrays.Growable([1.0, 2.0])
    mv = memoryview(obj)
    assert obj.exports() == 1
    with pytest.raises(BufferError, match="while 1 buffer export of it is alive"):
        obj.push(3.0)
    with pytest.raises(BufferError):
        obj.resize(10)
    assert len(obj) == 2 and mv.tolist() == [1.0, 2.0]
    mv.release()
    assert obj.exports() == 0
    obj.push(3.0)
    obj.resize(5)
    assert memoryview(obj).tolist() == [1.0, 2.0, 3.0, 0.0, 0.0]


def test_bytearray_twin_of_the_resize_guard():
    # CPython's own resizable exporter behaves the same way.
    ba = bytearray(b"ab")
    mv = memoryview(ba)
    with pytest.raises(BufferError):
        ba.append(1)
    mv.release()
    ba.append(1)


def test_every_export_counts():
    obj = arrays.Growable([1.0])
    first, second = memoryview(obj), memoryview(obj)
    assert obj.exports() == 2
    with pytest.raises(BufferError, match="while 2 buffer exports of it are alive"):
        obj.push(0.0)
    first.release()
    with pytest.raises(BufferError):
        obj.push(0.0)
    second.release()
    obj.push(0.0)
    assert len(obj) == 2


def test_slices_of_a_memoryview_share_one_export():
    obj = arrays.Growable([1.0, 2.0, 3.0])
    with memoryview(obj) as mv:
        part = mv[1:]
        assert part.tolist() == [2.0, 3.0]
        with pytest.raises(BufferError):
            obj.push(1.0)
    # The slice still holds the export: the object stays locked until it goes too.
    with pytest.raises(BufferError):
        obj.push(1.0)
    part.release()
    obj.push(1.0)


def test_vec_storage_locks_every_mutation_while_exported():
    p = arrays.Particles()
    p.add(0.0, 0.0, 1.0, 1.0)
    mv = memoryview(p)
    with pytest.raises(BufferError, match="cannot modify 'Particles' while 1 buffer export"):
        p.add(1.0, 1.0)
    with pytest.raises(BufferError):
        p.step(1.0)  # even in-place &mut: a Vec's &mut could reallocate
    assert p.total_mass() == 1.0  # &self still works
    mv.release()
    p.step(1.0)
    p.add(1.0, 1.0)
    assert len(p) == 2 and p.position(0) == (1.0, 1.0)


@pytest.mark.parametrize("cls", [arrays.I32Vector, arrays.F64Vector])
def test_append_guard_on_plain_vectors(cls):
    v = cls([1, 2])
    mv = memoryview(v)
    with pytest.raises(BufferError):
        v.append(3)
    mv.release()
    v.append(3)
    assert v.tolist() == [1, 2, 3]


def test_boxed_slice_replacement_is_locked():
    b = arrays.BoxedI32([1, 2, 3])
    mv = memoryview(b)
    with pytest.raises(BufferError):
        b.replace([9])
    mv.release()
    b.replace([9])
    assert memoryview(b).tolist() == [9]


def test_inline_array_stays_mutable_while_exported():
    q = arrays.Quad()
    mv = memoryview(q)
    q.set(2, 7.5)
    assert mv.tolist() == [0.0, 0.0, 7.5, 0.0]
    with pytest.raises(IndexError):
        q.set(4, 1.0)


def test_replacing_an_exported_array_keeps_the_views_valid():
    obj = arrays.Growable([1.0, 2.0, 3.0])
    mv = memoryview(obj)
    old = obj.replace_storage(1)  # moves the exported storage out of the object
    assert old == [1.0, 2.0, 3.0]
    gc.collect()
    assert mv.tolist() == [1.0, 2.0, 3.0]  # the old memory is still alive for the view
    assert obj.exports() == 0  # the new storage is not exported
    obj.push(4.0)
    assert len(obj) == 2
    mv[0] = 9.0  # writing to the old storage touches nothing of the new one
    assert memoryview(obj).tolist() == [0.0, 4.0]
    mv.release()


# --------------------------------------------------------------------------------------
# Lifetime: views keep the exporter alive; no reference leaks.


def test_views_keep_the_exporter_alive():
    obj = arrays.F64Vector([1.5, 2.5])
    before = sys.getrefcount(obj)
    mv = memoryview(obj)
    assert sys.getrefcount(obj) == before + 1
    del obj
    gc.collect()
    assert mv.tolist() == [1.5, 2.5]
    assert mv.obj.tolist() == [1.5, 2.5]
    mv.release()


def test_views_release_their_reference():
    obj = arrays.Matrix(3, 3)
    before = sys.getrefcount(obj)
    for _ in range(100):
        memoryview(obj).release()
        with memoryview(obj) as mv:
            mv[0, 0] = 1.0
    assert sys.getrefcount(obj) == before


@pytest.mark.parametrize(
    "make",
    [
        lambda: arrays.F64Vector([1.0, 2.0]),
        lambda: arrays.Growable([1.0, 2.0]),
        lambda: arrays.Image(2, 2),
        lambda: arrays.Quad(),
    ],
    ids=["vec", "array", "image", "inline"],
)
def test_no_leak_over_100000_views(make):
    obj = make()

    def cycle():
        mv = memoryview(obj)
        mv.tobytes()
        mv.release()

    assert_no_leak(cycle, n=100000)
    assert_no_leak(lambda: bytes(obj), n=100000)


# --------------------------------------------------------------------------------------
# The benchmark module's Vec64 (shared spec).

needs_vec64 = pytest.mark.skipif(
    not hasattr(bind_bench, "Vec64"),
    reason="bind_bench built without buffers (an abi3 wheel below Python 3.11)",
)


@needs_vec64
def test_vec64_spec():
    v = bind_bench.Vec64(4)
    assert len(v) == 4 and v[0] == 0.0 and v[-1] == 0.0
    with pytest.raises(IndexError):
        v[4]
    with pytest.raises(IndexError):
        v[-5]
    v.fill(1.5)
    assert [v[i] for i in range(4)] == [1.5] * 4
    mv = memoryview(v)
    assert (mv.format, mv.ndim, mv.shape, mv.readonly) == ("d", 1, (4,), False)
    mv[2] = 3.0
    assert v[2] == 3.0
    v.fill(0.25)  # allowed while exported: in place
    assert mv.tolist() == [0.25] * 4
    with pytest.raises(ValueError):
        bind_bench.Vec64(-1)


@needs_vec64
def test_sum_buffer_spec():
    assert bind_bench.sum_buffer(array.array("d", [1.0, 2.5])) == 3.5
    assert bind_bench.sum_buffer(array.array("d")) == 0.0
    assert bind_bench.sum_buffer(memoryview(array.array("d", [4.0]))) == 4.0
    v = bind_bench.Vec64(3)
    v.fill(2.0)
    assert bind_bench.sum_buffer(v) == 6.0
    with pytest.raises(TypeError, match=r"^argument 'a': expected a buffer of 'd' \(float64\), got 'i' \(int32\)$"):
        bind_bench.sum_buffer(array.array("i", [1]))
    with pytest.raises(TypeError, match=r"^argument 'a': expected a buffer of 'd' \(float64\), got a 'list' object$"):
        bind_bench.sum_buffer([1.0])
