"""Type errors the stubs of classes_demo must let mypy find."""
import classes_demo

product = classes_demo.Product("pen", "cheap", 3)  # expect: Argument 2 to "Product" has incompatible type "str"; expected "int"
frozen = classes_demo.Frozen(1.0, "t")
frozen.x = 2.0  # expect: Property "x" defined in "Frozen" is read-only
classes_demo.Stock().add("pen")  # expect: Argument 1 to "add" of "Stock" has incompatible type "str"; expected "Product"
name: int = classes_demo.MyClass.cls_method()  # expect: Incompatible types in assignment (expression has type "str", variable has type "int")
