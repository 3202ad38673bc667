"""Typed use of protocols_demo (magic methods), passing `mypy --strict`."""
import protocols_demo

v = protocols_demo.Vec2(1.0, 2.0)
x: float = v.x
w = v + protocols_demo.Vec2(0.5, 0.5)
same: bool = v == w
size: float = abs(v)
number = protocols_demo.Number(7)
sentence = protocols_demo.Sentence("a b c")
words: int = len(sentence)
print(x, w, same, size, number, words)
