"""Type errors the stubs of quickstart must let mypy find."""
import quickstart

quickstart.sum_as_string("1", 2)  # expect: Argument 1 to "sum_as_string" has incompatible type "str"; expected "int"
number: int = quickstart.sum_as_string(1, 2)  # expect: Incompatible types in assignment (expression has type "str", variable has type "int")
quickstart.sum_as_string(1)  # expect: Missing positional argument "b" in call to "sum_as_string"
