"""Type errors the stubs of arrays must let mypy find."""
import arrays

arrays.Matrix("2", 3)  # expect: Argument 1 to "Matrix" has incompatible type "str"; expected "int"
label: str = arrays.Matrix(2, 2).trace()  # expect: Incompatible types in assignment (expression has type "float", variable has type "str")
arrays.Matrix(2, 2).scale("big")  # expect: Argument 1 to "scale" of "Matrix" has incompatible type "str"; expected "float"
