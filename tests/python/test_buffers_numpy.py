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
