"""Type errors the stubs of bind_bench must let mypy find."""
import bind_bench

bind_bench.sum_list(["1"])  # expect: List item 0 has incompatible type "str"; expected "int"
bind_bench.Point(1.0, 2.0).x = "far"  # expect: Incompatible types in assignment (expression has type "str", variable has type "float")
label: int = bind_bench.echo_str("x")  # expect: Incompatible types in assignment (expression has type "str", variable has type "int")
