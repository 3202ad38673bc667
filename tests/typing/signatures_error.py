"""Type errors the stubs of signatures must let mypy find."""
import signatures

signatures.negate(x=1)  # expect: Unexpected keyword argument "x" for "negate"
signatures.greet("Ada", "Hi", "?")  # expect: Too many positional arguments for "greet"
word: str = signatures.first_word("hello")  # expect: Incompatible types in assignment (expression has type
signatures.scale(["1.0"])  # expect: List item 0 has incompatible type "str"; expected "float"
