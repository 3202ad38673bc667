"""Type errors the stubs of records must let mypy find."""
import records

records.rt_i64("5")  # expect: Argument 1 to "rt_i64" has incompatible type "str"; expected "int"
records.sum_f64(["1.0"])  # expect: List item 0 has incompatible type "str"; expected "float"
value: int = records.rt_option(1)  # expect: Incompatible types in assignment (expression has type
