# What the `dataclasses` and `inspect` modules read of a bind class with dataclass
# options, computed from its field descriptors (run by engine/class/dataclass.rs when the
# class is created). A throwaway `@dataclass` twin with the same fields and options is
# built, and its `__dataclass_fields__`, `__dataclass_params__` and constructor signature
# are copied onto the bind class, so every Python version sees exactly what it expects.
import copy
import dataclasses
import functools
import inspect
import sys


def describe(cls, fields, options, interop):
    annotations = {}
    # The twin lives in `builtins`: `dataclasses` looks the annotations (Rust type names,
    # as strings) up in the module of the class, which need not be imported yet.
    namespace = {"__annotations__": annotations, "__module__": "builtins",
                 "__qualname__": cls.__qualname__}
    keyword_only = {spec["name"] for spec in fields if spec["kw_only"]}
    if sys.version_info < (3, 10):
        # No `kw_only` in `dataclasses` yet: keyword-only fields go last in the twin.
        fields = [s for s in fields if not s["kw_only"]] + [s for s in fields if s["kw_only"]]
    for spec in fields:
        annotations[spec["name"]] = spec["type"]
        kwargs = {}
        if spec["has_default"]:
            default = spec["default"]
            if spec["factory"] or type(default).__hash__ is None:
                kwargs["default_factory"] = functools.partial(copy.deepcopy, default)
            else:
                kwargs["default"] = default
        if spec["kw_only"] and sys.version_info >= (3, 10):
            kwargs["kw_only"] = True
        namespace[spec["name"]] = dataclasses.field(**kwargs)
    twin = dataclasses.dataclass(type(cls.__name__, (), namespace), **options)
    attrs = {}
    if interop:
        attrs["__dataclass_fields__"] = twin.__dataclass_fields__
        attrs["__dataclass_params__"] = twin.__dataclass_params__
    if options["init"]:
        sig = inspect.signature(twin)
        params = [p.replace(annotation=p.empty) for p in sig.parameters.values()]
        params = [p for p in params if p.name not in keyword_only] + [
            p.replace(kind=p.KEYWORD_ONLY) for p in params if p.name in keyword_only]
        attrs["__signature__"] = sig.replace(parameters=params,
                                             return_annotation=sig.empty)
    return attrs
