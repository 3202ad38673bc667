# The Python classes of a data-carrying Rust enum (run by engine/data_enum.rs): a base
# class, and one frozen dataclass subclass per variant holding the variant's fields,
# reachable as `Base.Variant` (so instances pickle by qualified name).
import dataclasses


def make(name, module, doc, variants):
    base = type(name, (), {"__module__": module, "__qualname__": name, "__doc__": doc,
                           "__slots__": ()})
    for variant, fields, variant_doc in variants:
        namespace = {
            "__module__": module,
            "__qualname__": name + "." + variant,
            "__annotations__": {field: object for field in fields},
            "__doc__": variant_doc or "The `%s` variant of %s." % (variant, name),
        }
        cls = dataclasses.dataclass(frozen=True)(type(variant, (base,), namespace))
        setattr(base, variant, cls)
    return base
