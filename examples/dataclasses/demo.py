"""A tour of classes_demo: data classes written as plain Rust structs."""
import classes_demo as c

pen = c.Product("pen", 150, quantity=4)
print(pen, "total:", pen.total)
pen.take(1)
stock = c.Stock()
stock.add(pen)
stock.add(c.Product("ink", 900, 2))
print(len(stock), "products;", [p.name for p in stock], "cheap:", stock.cheaper_than(200))

leaf = c.SubSubClass()
print("three levels of inheritance:", leaf.method(), leaf.method2(), leaf.method3())

try:
    c.NoNew()
except TypeError as e:
    print("TypeError:", e)

# Dataclass-grade classes: constructor, repr, ==, ordering, hash, match, pickling, copy
# and the dataclasses functions, all generated from the Rust fields.
import copy
import dataclasses
import pickle

config = c.ServerConfig("example.org", tags=["web"], debug=True)
print(config, "| signature:", __import__("inspect").signature(c.ServerConfig))
print("sorted versions:", sorted([c.Version(1, 10), c.Version(1, 2, 3), c.Version(0, 9)]))
inventory = c.Inventory("ann", [c.Item("pen", 3, color=c.Color.BLUE), c.Item("ink", 1, "black")])
for value in (config, inventory):
    assert pickle.loads(pickle.dumps(value)) == value
print("pickled and back:", pickle.loads(pickle.dumps(inventory)))
print("deepcopy:", copy.deepcopy(c.Point(1.0, 2.0)), "| asdict:", dataclasses.asdict(inventory))
print("replace:", dataclasses.replace(c.Version(1, 2), patch=7))
import sys

if sys.version_info >= (3, 10):
    exec("""
match c.Point(0.0, 5.0):
    case c.Point(0.0, y):
        print("match: on the y axis at", y)
""")
print("enum:", list(c.Color), "->", c.next_color(c.Color.BLUE), "| IntEnum:", c.Priority.HIGH + 0)
try:
    c.next_color("RED")
except TypeError as e:
    print("TypeError:", e)
shapes = [c.Shape.Circle(1.0), c.Shape.Rect(2.0, 3.0), c.Shape.Polygon([(0, 0), (4, 0), (0, 3)])]
print("shapes:", shapes, "areas:", [round(c.area(s), 3) for s in shapes])
try:
    pickle.dumps(c.open_session("bob"))
except TypeError as e:
    print("TypeError:", e)
