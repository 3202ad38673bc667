"""Typed use of arrays (zero-copy buffers), passing `mypy --strict`."""
from typing import Optional, Tuple

import arrays

matrix = arrays.Matrix(2, 3)
matrix.set(0, 1, 2.5)
value: float = matrix.get(0, 1)
shape: Tuple[int, int] = matrix.shape
identity = arrays.Matrix.identity(3)
trace: float = identity.trace()
particles = arrays.Particles()
size: int = len(particles)
print(value, shape, trace, size)
