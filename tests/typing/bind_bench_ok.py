"""Typed use of bind_bench, passing `mypy --strict`."""
from typing import List

import bind_bench

total: int = bind_bench.add(1, 2) + bind_bench.sum_list([1, 2, 3])
numbers: List[int] = bind_bench.make_list(3)
echoed: str = bind_bench.echo_str("x")
point = bind_bench.Point(1.0, 2.0)
point.x = 3.0
length: float = point.norm()
same: bool = point == bind_bench.Point(3.0, 2.0)
bind_bench.noop()
print(total, numbers, echoed, length, same, repr(point))
