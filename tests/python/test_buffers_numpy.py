"""numpy and bind buffers: `numpy.asarray`/`frombuffer` share memory with bind classes,
record dtypes from `#[derive(Element)]` structs, writes visible both ways, the exporter
kept alive by the array, typed views of numpy arrays (strided ones without a copy).
numpy is a test dependency installed by ./test where the interpreter has wheels."""
import gc

import pytest

np = pytest.importorskip("numpy")

import arrays  # noqa: E402
import bind_bench  # noqa: E402

DTYPES = [
    (arrays.I8Vector, np.int8, [-128, 127]),
    (arrays.U8Vector, np.uint8, [0, 255]),
    (arrays.I16Vector, np.int16, [-(2**15), 2**15 - 1]),
    (arrays.U16Vector, np.uint16, [0, 2**16 - 1]),
    (arrays.I32Vector, np.int32, [-(2**31), 2**31 - 1]),
    (arrays.U32Vector, np.uint32, [0, 2**32 - 1]),
    (arrays.I64Vector, np.int64, [-(2**63), 2**63 - 1]),
    (arrays.U64Vector, np.uint64, [0, 2**64 - 1]),
    (arrays.F32Vector, np.float32, [0.5, -2.0]),
    (arrays.F64Vector, np.float64, [0.1, 1e300]),
    (arrays.BoolVector, np.bool_, [True, False]),
]


@pytest.mark.parametrize("cls, dtype, values", DTYPES, ids=[d[1].__name__ for d in DTYPES])
def test_asarray_dtype_and_values(cls, dtype, values):
    obj = cls(values)
    a = np.asarray(obj)
    assert a.dtype == np.dtype(dtype)
    assert a.shape == (len(values),)
    assert a.tolist() == np.array(values, dtype=dtype).tolist()
    assert np.frombuffer(obj, dtype=dtype).tolist() == a.tolist()
    assert a.flags.writeable == (cls is not arrays.BoolVector)


def test_asarray_shares_memory_both_ways():
    v = arrays.Growable([0.0, 0.0, 0.0])
    a = np.asarray(v)
    a[0] = 4.0
    assert memoryview(v).tolist()[0] == 4.0
    v.fill(7.0)
    assert a.tolist() == [7.0, 7.0, 7.0]
    assert np.shares_memory(a, np.asarray(v))


def test_array_keeps_the_exporter_alive_and_locks_resizing():
    v = arrays.Growable([1.0, 2.0])
    a = np.asarray(v)
    with pytest.raises(BufferError):
        v.push(3.0)
    del v
    gc.collect()
    assert a.tolist() == [1.0, 2.0]
    owner = a.base.obj if isinstance(a.base, memoryview) else a.base
    assert isinstance(owner, arrays.Growable)
    owner_ref = owner
    del a, owner
    gc.collect()
    owner_ref.push(3.0)  # the array was the last view


def test_matrix_and_image_round_trip():
    m = arrays.Matrix(2, 3)
    a = np.asarray(m)
    assert a.shape == (2, 3) and a.dtype == np.float32 and a.strides == (12, 4)
    a[1, 2] = 6.0
    assert m.get(1, 2) == 6.0
    m.scale(0.5)
    assert a[1, 2] == 3.0
    copy = arrays.Matrix.from_buffer(np.ascontiguousarray(a.T))
    assert copy.shape == (3, 2) and copy.get(2, 1) == 3.0
    from_strided = arrays.Matrix.from_buffer(a.T)  # strided, copied in C order
    assert np.asarray(from_strided).tolist() == a.T.tolist()

    img = arrays.Image(3, 4)
    px = np.asarray(img)
    assert px.shape == (3, 4, 3) and px.dtype == np.uint8
    img.fill(10, 20, 30)
    assert px[2, 3].tolist() == [10, 20, 30]
    px[..., 0] = 200
    assert img.mean() == (200.0, 20.0, 30.0)
    img.invert()
    assert px[0, 0].tolist() == [55, 235, 225]


def test_record_dtype_round_trip():
    p = arrays.Particles()
    p.add(1.0, 2.0, 0.5, -0.5, 3.0)
    p.add(-1.0, 0.0, mass=1.0)
    r = np.asarray(p)
    assert r.dtype.names == ("x", "y", "vx", "vy", "mass")
    assert r.dtype == np.dtype(
        [("x", "<f8"), ("y", "<f8"), ("vx", "<f4"), ("vy", "<f4"), ("mass", "<f8")]
    )
    assert r["mass"].sum() == 4.0
    r["x"] += 1.0
    assert p.position(0) == (2.0, 2.0)
    with pytest.raises(BufferError):
        p.add(0.0, 0.0)
    del r
    p.add(0.0, 0.0)

    # A numpy record array of the same dtype is read as particles in place.
    rec = np.zeros(3, dtype=np.asarray(arrays.Particles()).dtype)
    rec["mass"] = [1.0, 2.0, 3.0]
    rec["x"] = [0.0, 3.0, 0.0]
    assert arrays.total_mass(rec) == 6.0
    assert arrays.center_of_mass(rec) == (1.0, 0.0)
    wrong = np.zeros(2, dtype=[("x", "<f8"), ("y", "<f8"), ("vx", "<f8"), ("vy", "<f4"), ("mass", "<f4")])
    with pytest.raises(TypeError, match=r"^argument 'particles': expected a buffer of 'T\{d:x:d:y:f:vx:f:vy:d:mass:\}' \(Particle\), got 'T\{"):
        arrays.total_mass(wrong)


def test_numpy_views_strided_without_copy():
    x = np.arange(12.0).reshape(3, 4)
    assert arrays.sum_strided(x[:, ::2]) == x[:, ::2].sum()
    assert arrays.sum_strided(x.T) == x.sum()
    assert arrays.layout(x.T) == ([4, 3], [8, 32])
    assert arrays.to_list(x.T) == x.T.flatten().tolist()
    arrays.negate(x[::2, 1:3])  # writes through the strides into x itself
    assert x[0].tolist() == [0.0, -1.0, -2.0, 3.0] and x[1].tolist() == [4.0, 5.0, 6.0, 7.0]
    y = np.arange(4.0)
    arrays.scale(y, 2.0)
    assert y.tolist() == [0.0, 2.0, 4.0, 6.0]
    with pytest.raises(BufferError, match="^argument 'a': expected a writable buffer"):
        y.flags.writeable = False
        arrays.scale(y, 2.0)
    with pytest.raises(BufferError, match="^argument 'src'"):
        z = np.arange(4.0)
        arrays.add_into(z[:3], z[1:])
    with pytest.raises(TypeError, match=r"got 'l' \(int64\)|got 'q' \(int64\)"):
        arrays.sum_f64(np.arange(3))
    assert arrays.sum_i64(np.arange(4)) == 6


def test_bench_vec64_and_sum_buffer_with_numpy():
    if not hasattr(bind_bench, "Vec64"):
        pytest.skip("bind_bench built without buffers (an abi3 wheel below Python 3.11)")
    v = bind_bench.Vec64(5)
    a = np.asarray(v)
    v.fill(2.0)
    assert a.tolist() == [2.0] * 5
    a[4] = 1.0
    assert v[4] == 1.0
    assert bind_bench.sum_buffer(a) == 9.0
    big = np.ones(1_000_000)
    assert bind_bench.sum_buffer(big) == 1_000_000.0
    with pytest.raises(TypeError):
        bind_bench.sum_buffer(np.ones(3, dtype=np.float32))


# --------------------------------------------------------------------------------------
# DLPack, both ways.


class OnlyDLPack:
    """An object that offers only `__dlpack__` (no buffer protocol), like a tensor of
    another framework."""

    def __init__(self, source):
        self.source = source

    def __dlpack__(self, *args, **kwargs):
        return self.source.__dlpack__(*args, **kwargs)

    def __dlpack_device__(self):
        return self.source.__dlpack_device__()


def needs_from_dlpack():
    if not hasattr(np, "from_dlpack"):
        pytest.skip("numpy %s has no from_dlpack (1.22+)" % np.__version__)


def test_from_dlpack_shares_memory_and_counts_as_an_export():
    needs_from_dlpack()
    v = arrays.Growable([1.0, 2.0, 3.0])
    assert v.__dlpack_device__() == (1, 0)
    a = np.from_dlpack(v)
    assert a.tolist() == [1.0, 2.0, 3.0]
    if np.lib.NumpyVersion(np.__version__) >= "2.1.0":
        assert a.flags.writeable  # numpy before 2.1 marks every DLPack import read-only
        a[0] = 9.0
        assert memoryview(v).tolist()[0] == 9.0
    v.fill(4.0)
    assert a.tolist() == [4.0, 4.0, 4.0]
    assert v.exports() == 1
    with pytest.raises(BufferError):
        v.push(1.0)
    del a
    gc.collect()
    assert v.exports() == 0
    v.push(1.0)


def test_from_dlpack_n_d_and_read_only():
    needs_from_dlpack()
    m = arrays.Matrix(2, 3)
    m.set(1, 2, 5.0)
    b = np.from_dlpack(m)
    assert b.shape == (2, 3) and b.strides == (12, 4) and b.dtype == np.float32
    assert b[1, 2] == 5.0
    img = np.from_dlpack(arrays.Image(2, 2))
    assert img.shape == (2, 2, 3) and img.dtype == np.uint8
    frozen = np.from_dlpack(arrays.FrozenF64([1.0, 2.0]))
    assert frozen.tolist() == [1.0, 2.0]
    if np.lib.NumpyVersion(np.__version__) >= "2.1.0":
        assert not frozen.flags.writeable  # the versioned capsule says read-only


def test_dlpack_capsules_release_their_export():
    v = arrays.Growable([1.0])
    for kwargs in ({}, {"max_version": (1, 0)}, {"stream": None, "dl_device": (1, 0), "copy": False}):
        capsule = v.__dlpack__(**kwargs)
        assert v.exports() == 1
        del capsule  # never consumed: the capsule's destructor releases the export
        gc.collect()
        assert v.exports() == 0
    with pytest.raises(BufferError, match="copy=True"):
        v.__dlpack__(copy=True)
    with pytest.raises(BufferError, match="CPU"):
        v.__dlpack__(dl_device=(2, 0))
    with pytest.raises(BufferError, match="stream"):
        v.__dlpack__(stream=1)
    with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'"):
        v.__dlpack__(bogus=1)
    with pytest.raises(BufferError, match="no DLPack data type"):
        arrays.Particles().__dlpack__()
    assert v.exports() == 0


def test_views_from_any_dlpack_producer():
    x = np.arange(12.0).reshape(3, 4)
    if not hasattr(x, "__dlpack__"):
        pytest.skip("numpy %s arrays have no __dlpack__" % np.__version__)
    assert arrays.sum_strided(OnlyDLPack(x[:, ::2])) == x[:, ::2].sum()
    assert arrays.layout(OnlyDLPack(x.T)) == ([4, 3], [8, 32])
    assert arrays.sum_f64(OnlyDLPack(np.arange(5.0))) == 10.0
    y = np.arange(4.0)
    arrays.scale(OnlyDLPack(y), 3.0)
    assert y.tolist() == [0.0, 3.0, 6.0, 9.0]
    with pytest.raises(TypeError, match=r"^argument 'a': expected a buffer of 'd' \(float64\), got 'q' \(int64\)$"):
        arrays.sum_f64(OnlyDLPack(np.arange(5)))
    with pytest.raises(BufferError, match="^argument 'a': expected a C-contiguous buffer"):
        arrays.sum_f64(OnlyDLPack(np.arange(4.0)[::2]))
    # bind's own exports through DLPack only.
    assert arrays.sum_f64(OnlyDLPack(arrays.Growable([1.0, 2.0]))) == 3.0
    g = arrays.Growable([1.0])
    arrays.scale(OnlyDLPack(g), 2.0)
    assert g.exports() == 0 and memoryview(g).tolist() == [2.0]


def test_dlpack_view_of_a_read_only_array_is_refused_for_writing():
    ro = np.arange(3.0)
    if not hasattr(ro, "__dlpack__") or np.lib.NumpyVersion(np.__version__) < "2.1.0":
        pytest.skip("needs numpy 2.1+ (read-only flag in versioned DLPack capsules)")
    ro.flags.writeable = False
    with pytest.raises(BufferError, match="^argument 'a': expected a writable buffer"):
        arrays.scale(OnlyDLPack(ro), 2.0)
    assert arrays.sum_f64(OnlyDLPack(ro)) == 3.0


def test_no_leak_over_100000_dlpack_round_trips():
    from conftest import assert_no_leak

    v = arrays.Growable([1.0, 2.0])
    assert_no_leak(lambda: v.__dlpack__(), n=100000)
    x = np.arange(4.0)
    if hasattr(x, "__dlpack__"):
        assert_no_leak(lambda: arrays.sum_f64(OnlyDLPack(x)), n=100000)
    assert v.exports() == 0
