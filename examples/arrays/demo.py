"""arrays: Rust arrays shared with numpy without copying (run by ./demo)."""
import array

import arrays

try:
    import numpy as np
except ImportError:  # the demo still shows the buffer protocol with memoryview
    np = None

print("== a 2-D float32 matrix")
m = arrays.Matrix.identity(3)
mv = memoryview(m)
print("memoryview:", mv.format, mv.shape, mv.strides)
if np is not None:
    a = np.asarray(m)  # the same memory, no copy
    a[0, 2] = 5.0
    print("numpy wrote a[0, 2] = 5, Rust reads", m.get(0, 2))
    m.scale(2.0)  # a Rust method writing in place: numpy sees it
    print(a)
try:
    m.resize(4, 4)
except BufferError as err:
    print("resize while numpy and memoryview share it:", err)
mv.release()
if np is not None:
    del a
m.resize(4, 4)
print("after releasing the views:", m.shape)

print("\n== an RGB image, height x width x 3 uint8")
img = arrays.Image(2, 3)
img.fill(255, 128, 0)
if np is not None:
    px = np.asarray(img)
    print("shape", px.shape, "dtype", px.dtype, "pixel (1, 2):", px[1, 2].tolist())
    px[..., 2] = 64  # set the blue channel from numpy
print("channel means from Rust:", img.mean())

print("\n== a record array of #[repr(C)] particles")
p = arrays.Particles()
p.add(0.0, 0.0, 1.0, 0.5, mass=2.0)
p.add(4.0, 2.0, -1.0, 0.0, mass=1.0)
print("struct format:", memoryview(p).format)
if np is not None:
    rec = np.asarray(p)
    print("numpy record dtype:", rec.dtype)
    print("masses from numpy:", rec["mass"].tolist())
    try:
        p.add(1.0, 1.0)  # a Vec storage: locked while numpy holds it
    except BufferError as err:
        print("add while exported:", err)
    del rec
p.step(1.0)
print("after step(1.0): first particle at", p.position(0))
print("centre of mass (a typed view of the Particles):", arrays.center_of_mass(p))

print("\n== typed views of any buffer, read in place")
data = array.array("d", [1.0, 2.0, 3.0, 4.0])
print("sum_f64(array('d')):", arrays.sum_f64(data))
arrays.scale(data, 10.0)
print("scale(array('d'), 10):", data.tolist())
print("sum of every other element (strided, no copy):", arrays.sum_strided(memoryview(data)[::2]))
try:
    arrays.sum_f64(array.array("i", [1, 2]))
except TypeError as err:
    print("wrong format:", err)
if np is not None and hasattr(np, "from_dlpack"):
    print("\n== DLPack")
    g = arrays.Growable([1.0, 2.0])
    d = np.from_dlpack(g)
    g.fill(7.0)
    print("numpy.from_dlpack shares memory:", d.tolist())
