"""Typed use of signatures: every signature form, passing `mypy --strict`."""
from typing import List, Optional

import signatures

total: int = signatures.add(1, 2) + signatures.negate(3)
modulus: int = signatures.power(2, 10, modulus=1000)
greeting: str = signatures.greet("Ada", "Hi", punctuation="?")
joined: str = signatures.join("a", "b", sep="-")
scaled: List[float] = signatures.scale([1.0, 2.0], factor=2.0)
word: Optional[str] = signatures.first_word("hello world")
clamped: int = signatures.clamp(5, hi=3)
signatures.nothing()
print(total, modulus, greeting, joined, scaled, word, clamped)
