"""A tour of protocols_demo: Python's magic methods implemented in Rust."""
import asyncio
import sys

import protocols_demo as p

v, w = p.Vec2(1, 2), p.Vec2(3, 4)
print("v + w =", v + w, "| 2 * v =", 2 * v, "| v @ w =", v @ w, "| abs(w) =", abs(w))
alias = v
v += w
print("v += w changes v in place:", v, "(same object:", alias is v, ")")
try:
    v + "s"
except TypeError as e:
    print("v + 's' -> TypeError:", e)
m = p.Matrix(1, 2, 3, 4)
print("m @ m =", m @ m, "| Vec2(1, 1) @ m =", p.Vec2(1, 1) @ m)

n = p.Number(7)
print("Number:", n + 1, 1 + n, divmod(20, n), pow(n, 2, 5), 2 ** p.Number(3), -n, ~n)
print("comparisons through __richcmp__:", n < 8, n == 7, n >= 9, "| hash(Number(-1)) =",
      hash(p.Number(-1)))

s = p.Sentence("the quick brown fox")
print("Sentence:", len(s), s[-1], list(reversed(s)), s + p.Sentence("jumps"), 2 * s)
r = p.Registry()
r["pens"] = 4
print("Registry:", dict(r), "'pens' in r:", "pens" in r)
if sys.version_info >= (3, 10):
    exec("match s:\n    case [first, *rest]: print('match sees a sequence:', first, rest)")

it = p.Countdown(3)
print("Countdown:", list(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration carries:", e.value)


async def main():
    ticks = [t async for t in p.Ticker(3)]
    return await p.Ready(42), ticks


print("asyncio:", asyncio.run(main()))

rec = p.Record()
rec.width = 3
print("Record:", rec.width, rec.names())


class Account:
    balance = p.Positive()


a = Account()
a.balance = 10
try:
    a.balance = -5
except ValueError as e:
    print("descriptor:", a.balance, "| ValueError:", e)
try:
    hash(p.Tag("x"))
except TypeError as e:
    print("unhashable:", e)
