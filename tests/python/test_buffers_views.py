"""Typed views as function arguments (`SliceRef`, `SliceMut`, `ArrayRef`, `ArrayMut`):
any exporter is read in place, every mismatch raises an error naming the argument, views
are released after the call, mutable views never alias."""
import array

import pytest

import arrays

from conftest import assert_no_leak


def test_any_exporter_is_read_in_place():
    values = [1.0, 2.5, -4.0]
    expected = sum(values)
    assert arrays.sum_f64(array.array("d", values)) == expected
    assert arrays.sum_f64(memoryview(array.array("d", values))) == expected
    assert arrays.sum_f64(arrays.F64Vector(values)) == expected
    assert arrays.sum_f64(memoryview(bytes(array.array("d", values))).cast("d")) == expected
    assert arrays.sum_f64(array.array("d")) == 0.0
    assert arrays.count_byte(b"abca", ord("a")) == 2
    assert arrays.count_byte(bytearray(b"\x00\x01\x01"), 1) == 2
    assert arrays.count_byte(memoryview(arrays.Image(2, 2)).cast("B"), 0) == 12


def test_int64_accepts_both_format_codes():
    assert arrays.sum_i64(array.array("q", [1, 2, 3])) == 6
    if array.array("l").itemsize == 8:
        assert arrays.sum_i64(array.array("l", [4, 5])) == 9


@pytest.mark.parametrize(
    "value, found",
    [
        (array.array("i", [1]), "'i' (int32)"),
        (array.array("f", [1.0]), "'f' (float32)"),
        (array.array("q", [1]), "'q' (int64)"),
        (b"12345678", "'B' (uint8)"),
    ],
)
def test_format_mismatch_names_argument_and_formats(value, found):
    with pytest.raises(TypeError) as info:
        arrays.sum_f64(value)
    assert str(info.value) == "argument 'a': expected a buffer of 'd' (float64), got " + found


@pytest.mark.parametrize("value, name", [([1.0], "list"), (1.0, "float"), ("abc", "str"), (None, "NoneType")])
def test_non_buffers_are_type_errors(value, name):
    with pytest.raises(TypeError) as info:
        arrays.sum_f64(value)
    assert str(info.value) == (
        "argument 'a': expected a buffer of 'd' (float64), got a '%s' object" % name
    )


def test_dimension_mismatch():
    two_d = memoryview(bytes(32)).cast("d", (2, 2))
    with pytest.raises(TypeError, match=r"^argument 'a': expected a buffer of 'd' \(float64\), got a 2-dimensional buffer \(expected 1 dimension\)$"):
        arrays.sum_f64(two_d)
    assert arrays.sum_strided(two_d) == 0.0


def test_non_contiguous_slice_is_refused_but_strided_view_reads_it():
    data = array.array("d", [1.0, 2.0, 3.0, 4.0, 5.0])
    every_other = memoryview(data)[::2]
    with pytest.raises(BufferError, match=r"^argument 'a': expected a C-contiguous buffer, got strides \(16,\) for item size 8$"):
        arrays.sum_f64(every_other)
    assert arrays.sum_strided(every_other) == 9.0
    assert arrays.to_list(every_other) == [1.0, 3.0, 5.0]
    assert arrays.layout(every_other) == ([3], [16])
    reversed_view = memoryview(data)[::-1]
    assert arrays.to_list(reversed_view) == [5.0, 4.0, 3.0, 2.0, 1.0]
    assert arrays.layout(reversed_view) == ([5], [-8])


def test_zero_dimensional_buffer_is_a_scalar():
    # PEP 3118: a 0-d buffer has no shape (NULL); it holds one item, not a 1-D array.
    scalar = memoryview(array.array("d", [2.5])).cast("B").cast("d", shape=[])
    assert arrays.layout(scalar) == ([], [])
    assert arrays.sum_strided(scalar) == 2.5
    assert arrays.to_list(scalar) == [2.5]
    with pytest.raises(TypeError, match=r"^argument 'a': .*0-dimensional buffer \(expected 1 dimension\)"):
        arrays.sum_f64(scalar)


def test_read_only_buffer_is_refused_for_a_mutable_view():
    ro = memoryview(bytes(16)).cast("d")
    with pytest.raises(BufferError, match=r"^argument 'a': expected a writable buffer, got a read-only one$"):
        arrays.scale(ro, 2.0)
    with pytest.raises(BufferError, match="^argument 'a': expected a writable buffer"):
        arrays.negate(arrays.FrozenF64([1.0]))


def test_unaligned_buffer_is_refused():
    raw = bytearray(17)
    unaligned = memoryview(raw)[1:].cast("d")
    with pytest.raises(BufferError, match=r"^argument 'a': expected a buffer aligned to 8 bytes for 'float64'$"):
        arrays.sum_f64(unaligned)


def test_mutable_views_write_in_place():
    data = array.array("d", [1.0, 2.0, 3.0])
    arrays.scale(data, 2.0)
    assert data.tolist() == [2.0, 4.0, 6.0]
    v = arrays.Growable([1.0, 1.0])
    arrays.scale(v, 3.0)
    assert memoryview(v).tolist() == [3.0, 3.0]
    strided = array.array("d", range(6))
    arrays.negate(memoryview(strided)[1::2])
    assert strided.tolist() == [0.0, -1.0, 2.0, -3.0, 4.0, -5.0]


def test_mutable_view_may_not_alias_another_view():
    data = array.array("d", [1.0, 2.0, 3.0, 4.0])
    with pytest.raises(BufferError, match="^argument 'src': the buffer overlaps memory already borrowed by a mutable view"):
        arrays.add_into(data, data)
    mv = memoryview(data)
    with pytest.raises(BufferError, match="^argument 'src'"):
        arrays.add_into(mv[:3], mv[1:])
    arrays.add_into(mv[:2], mv[2:])  # disjoint halves are fine
    assert data.tolist() == [4.0, 6.0, 3.0, 4.0]
    # Two shared views of the same memory are fine.
    assert arrays.sum_f64(data) == 17.0


def test_views_are_released_after_the_call():
    ba = bytearray(b"\x01\x02")
    assert arrays.count_byte(ba, 1) == 1
    ba.append(3)  # BufferError if the view had leaked
    data = array.array("d", [1.0])
    with pytest.raises(TypeError):
        arrays.add_into(data, [1.0])  # the first view is released on the error path
    data.append(2.0)
    v = arrays.Growable([1.0])
    arrays.scale(v, 2.0)
    v.push(5.0)  # no export left behind
    assert memoryview(v).tolist() == [2.0, 5.0]


def test_records_from_bind_classes_and_memoryviews():
    p = arrays.Particles()
    p.add(0.0, 0.0, mass=1.0)
    p.add(2.0, 4.0, mass=3.0)
    assert arrays.total_mass(p) == 4.0
    assert arrays.total_mass(memoryview(p)) == 4.0
    assert arrays.center_of_mass(p) == (1.5, 3.0)
    assert arrays.center_of_mass(arrays.Particles()) is None
    with pytest.raises(TypeError, match=r"^argument 'particles': expected a buffer of 'T\{d:x:d:y:f:vx:f:vy:d:mass:\}' \(Particle\), got 'd' \(float64\)$"):
        arrays.total_mass(array.array("d", [1.0] * 4))


def test_matrix_from_strided_2d_buffer():
    m = arrays.Matrix.identity(3)
    m.set(0, 2, 5.0)
    mv = memoryview(m)
    assert arrays.at_f32(m, 0, 2) == 5.0
    assert arrays.at_f32(m, 3, 0) is None
    copy = arrays.Matrix.from_buffer(mv)
    assert copy.shape == (3, 3) and copy.get(0, 2) == 5.0 and copy.trace() == 3.0
    with pytest.raises(ValueError, match="expected a 2-D buffer"):
        arrays.Matrix.from_buffer(array.array("f", [1.0]))


@pytest.mark.parametrize(
    "call",
    [
        lambda d: arrays.sum_f64(d),
        lambda d: arrays.scale(d, 1.0),
        lambda d: arrays.sum_strided(d),
        lambda d: arrays.negate(d),
    ],
    ids=["SliceRef", "SliceMut", "ArrayRef", "ArrayMut"],
)
def test_no_leak_over_100000_views(call):
    data = array.array("d", [1.0, 2.0])
    assert_no_leak(lambda: call(data), n=100000)
    bad = array.array("i", [1])

    def failing():
        with pytest.raises(TypeError):
            call(bad)

    assert_no_leak(failing, n=20000)


def _rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * __import__("os").sysconf("SC_PAGE_SIZE")


class _OnlyDLPack:
    def __init__(self, source):
        self.source = source

    def __dlpack__(self, *args, **kwargs):
        return self.source.__dlpack__(*args, **kwargs)

    def __dlpack_device__(self):
        return self.source.__dlpack_device__()


@pytest.mark.parametrize(
    "kind",
    ["memoryview of Vec", "memoryview of Array", "memoryview of image", "SliceRef", "ArrayMut", "__dlpack__", "view via __dlpack__"],
)
def test_no_memory_leak_over_100000_views(kind):
    """Memory the Rust side allocates (export contexts, DLPack tensors, view boxes) is
    not seen by tracemalloc: the process's resident size must not grow."""
    import os

    if not os.path.exists("/proc/self/statm"):
        pytest.skip("needs /proc/self/statm (Linux)")
    vec, grow, img = arrays.F64Vector([1.0] * 8), arrays.Growable([1.0] * 8), arrays.Image(2, 2)
    data = array.array("d", [1.0] * 8)
    actions = {
        "memoryview of Vec": lambda: memoryview(vec).release(),
        "memoryview of Array": lambda: memoryview(grow).release(),
        "memoryview of image": lambda: memoryview(img).release(),
        "SliceRef": lambda: arrays.sum_f64(data),
        "ArrayMut": lambda: arrays.negate(data),
        "__dlpack__": lambda: grow.__dlpack__(max_version=(1, 0)),
        "view via __dlpack__": lambda: arrays.sum_f64(_OnlyDLPack(grow)),
    }
    action = actions[kind]
    for _ in range(20000):  # warm up allocator pools and caches
        action()
    before = _rss_bytes()
    for _ in range(100000):
        action()
    grown = _rss_bytes() - before
    # 100,000 leaked allocations of even 16 bytes would be 1.6 MB (and more with headers).
    assert grown < 1_000_000, "resident size grew by %d bytes over 100,000 views" % grown
    assert grow.exports() == 0
