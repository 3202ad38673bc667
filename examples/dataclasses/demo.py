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
