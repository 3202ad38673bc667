# Python helpers of bind-fuzz-kit: the objects generated values are made of, hostile ones
# included. Run once per process; the kit keeps references to these names.
import array
import operator
import sys
import types


class KitError(Exception):
    """Raised by the kit's hostile objects: a conversion must let it through unchanged."""


class IntSub(int):
    pass


class FloatSub(float):
    pass


class StrSub(str):
    pass


class ListSub(list):
    pass


class DictSub(dict):
    pass


class Holder:
    """Holds a value for a protocol method of a subclass."""

    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return f"{type(self).__name__}({self.v!r})"


class Bare:
    def __repr__(self):
        return f"{type(self).__name__}()"


class Index(Holder):
    """An integer through `__index__` only."""

    def __index__(self):
        return self.v


class LyingIndex(Bare):
    def __index__(self):
        return 1.5


class RaisingIndex(Bare):
    def __index__(self):
        raise KitError("from __index__")


class Real(Holder):
    """A float through `__float__` only."""

    def __float__(self):
        return self.v


class LyingReal(Bare):
    def __float__(self):
        return "1.5"


class RaisingReal(Bare):
    def __float__(self):
        raise KitError("from __float__")


class Attrs:
    """A plain object with attributes."""

    def __init__(self, attrs):
        self.__dict__.update(attrs)

    def __repr__(self):
        return f"Attrs({self.__dict__!r})"


Namespace = types.SimpleNamespace


class Record:
    """Attributes and items on one object (`__getitem__` raises `KeyError` when absent)."""

    def __init__(self, attrs, items):
        self.__dict__.update(attrs)
        self.__dict__["_kit_items"] = items

    def __getitem__(self, key):
        return self._kit_items[key]

    def __repr__(self):
        attrs = {k: v for k, v in self.__dict__.items() if k != "_kit_items"}
        return f"Record({attrs!r}, {self._kit_items!r})"


class Seq:
    """A sequence that is neither a list nor a tuple; `__len__` may lie."""

    def __init__(self, items, length=None):
        self._kit_items = items
        self._kit_len = len(items) if length is None else length

    def __len__(self):
        return self._kit_len

    def __getitem__(self, i):
        return self._kit_items[i]

    def __repr__(self):
        return f"Seq({self._kit_items!r}, len={self._kit_len})"


class RaisingLen(Seq):
    def __len__(self):
        raise KitError("from __len__")


class RaisingItems(Seq):
    def __getitem__(self, i):
        raise KitError("from __getitem__")


class RaisingGetattr(Bare):
    def __getattr__(self, name):
        raise KitError("from __getattr__(" + repr(name) + ")")


class RaisingMapping(Bare):
    def __getitem__(self, key):
        raise KitError("from __getitem__(" + repr(key) + ")")

    def __len__(self):
        return 1


class Opaque(Bare):
    """An object no conversion accepts."""


def as_index(v):
    return operator.index(v)


def as_float(v):
    return float(v)


def mapping_proxy(d):
    return types.MappingProxyType(d)


def pow2(e, delta):
    """`2**e + delta` (`-(2**e) + delta` for a negative `e`)."""
    return (-(2 ** -e) if e < 0 else 2**e) + delta


def surrogate(s, at):
    """`s` with a lone surrogate inserted at `at`: not encodable as UTF-8."""
    at = min(at, len(s))
    return s[:at] + chr(0xD800 + at % 0x800) + s[at:]


def deep_list(v, n):
    for _ in range(n):
        v = [v]
    return v


def self_list(n):
    items = [0] * n
    items.append(items)
    return items


def typed_array(code, items):
    return array.array(code, items)


def recursion_limit():
    return sys.getrecursionlimit()


def plug(v, marker, new, depth=0):
    """Replaces `marker` by `new` inside `v`'s mutable containers (in place); whether found."""
    if depth > 64:
        return False
    if isinstance(v, list):
        slots = list(enumerate(v))
        target = v
    elif isinstance(v, dict):
        slots = list(v.items())
        target = v
    elif hasattr(v, "__dict__") and not isinstance(v, type):
        slots = list(vars(v).items())
        target = vars(v)
    else:
        return False
    found = False
    for key, item in slots:
        if item is marker:
            target[key] = new
            found = True
        elif plug(item, marker, new, depth + 1):
            found = True
    return found


def short_repr(v, limit=1200):
    """`repr(v)` cut to `limit` characters, or why there is none."""
    try:
        text = repr(v)
    except BaseException as e:  # deep values, hostile objects
        text = f"<no repr: {type(e).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"
