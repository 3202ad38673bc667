"""Typed use of classes_demo: classes, fields, properties, methods, passing `mypy --strict`."""
from typing import List

import classes_demo
from classes_demo import native

product = classes_demo.Product("pen", 150, 3)
product.quantity = 2
left: int = product.take(1)
stock = classes_demo.Stock()
stock.add(product)
cheap: List[classes_demo.Product] = stock.cheaper_than(200)
size: int = len(stock)
obj = classes_demo.MyClass(num=1)
obj.num = 5
flag: bool = obj.debug
label: str = classes_demo.MyClass.cls_method() + classes_demo.MyClass.static_method(1, "a")
sub = classes_demo.SubSubClass()
base: classes_demo.BaseClass = sub
value: int = sub.method() + sub.method3()
counter = native.DictWithCounter()
counter.set("a", 1)
print(left, cheap, size, flag, label, base, value, counter.count)
