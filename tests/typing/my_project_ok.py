"""Typed use of the new-project template, passing `mypy --strict`."""
import my_project

hello: str = my_project.greet("world", times=2)
counter = my_project.Counter(10)
now: int = counter.step(1) + counter.value
print(hello, now)
