"""Typed use of records: std conversions with their annotations, passing `mypy --strict`."""
from typing import Dict, List, Optional

import records

small: int = records.rt_i8(-5) + records.rt_u128(2**100)
ratio: float = records.rt_f64(0.5)
maybe: Optional[int] = records.rt_option(None)
numbers: List[int] = records.rt_vec((1, 2, 3))
nested: List[Dict[str, List[str]]] = records.rt_nested([{"a": ["b"]}])
size: int = records.bytes_len(b"abc")
total: float = records.sum_f64([1.0, 2.5])
print(small, ratio, maybe, numbers, nested, size, total)
