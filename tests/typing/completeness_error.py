"""Type errors the stubs of completeness must let mypy find."""
import completeness

completeness.Point("3", 4.0)  # expect: Argument 1 to "Point" has incompatible type "str"; expected "float"
completeness.join_path(1, "x")  # expect: Argument 1 to "join_path" has incompatible type "int"
name: int = completeness.FixedZone(60, "CET").name  # expect: Incompatible types in assignment (expression has type "str", variable has type "int")
