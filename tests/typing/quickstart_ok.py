"""Typed use of quickstart: passes `mypy --strict` with the generated stubs."""
import quickstart

text: str = quickstart.sum_as_string(1, 2)
also: str = quickstart.sum_as_string(a=40, b=2)
print(text.upper(), also)
