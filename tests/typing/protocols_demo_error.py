"""Type errors the stubs of protocols_demo must let mypy find."""
import protocols_demo

protocols_demo.Vec2("1", 2.0)  # expect: Argument 1 to "Vec2" has incompatible type "str"; expected "float"
protocols_demo.Vec2(1.0, 2.0).x = 3.0  # expect: Property "x" defined in "Vec2" is read-only
protocols_demo.Number("7")  # expect: Argument 1 to "Number" has incompatible type "str"; expected "int"
