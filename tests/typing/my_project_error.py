"""Type errors the stubs of the template must let mypy find."""
import my_project

my_project.greet(3)  # expect: Argument 1 to "greet" has incompatible type "int"; expected "str"
my_project.Counter(1).value = 3  # expect: Property "value" defined in "Counter" is read-only
