"""The realistic data classes of ``classes_demo``: products and a stock list."""

import pytest

import classes_demo as c


def test_product():
    p = c.Product("pen", 150, 4)
    assert (p.name, p.price, p.quantity, p.total) == ("pen", 150, 4, 600)
    assert repr(p) == 'Product(name="pen", price=150, quantity=4)'
    assert p == c.Product("pen", 150, 4) and p != c.Product("pen", 150, 5)
    assert hash(p) == hash(c.Product("pen", 150, 4))
    assert p.take(3) == 1
    with pytest.raises(ValueError, match="only 1 of pen left"):
        p.take(2)
    with pytest.raises(ValueError, match="needs a name"):
        c.Product("", 1)
    with pytest.raises(OverflowError):
        p.price = -1
    with pytest.raises(TypeError, match="attribute 'name' of 'Product' objects"):
        p.name = 3


def test_stock_protocols():
    s = c.Stock()
    for name, price in [("a", 1), ("b", 5), ("c", 10)]:
        s.add(c.Product(name, price))
    assert len(s) == 3
    assert s[0].name == "a" and s[-1].name == "c"
    with pytest.raises(IndexError):
        s[3]
    assert "b" in s and "z" not in s
    assert [p.name for p in s] == ["a", "b", "c"]
    assert [p.name for p in s.cheaper_than(5)] == ["a", "b"]
    with pytest.raises(TypeError, match="argument 'product'"):
        s.add("not a product")
    # The stock holds copies: changing one does not change the stock.
    first = s[0]
    first.price = 99
    assert s[0].price == 1


def test_derive_into_py_object_into_a_bind_class():
    products = c.parse_price_list("apple = 120\n\npear=95\n")
    assert [type(p) for p in products] == [c.Product, c.Product]
    assert [(p.name, p.price, p.quantity) for p in products] == [("apple", 120, 0), ("pear", 95, 0)]
    with pytest.raises(ValueError, match="expected 'name=cents'"):
        c.parse_price_list("apple")
    with pytest.raises(ValueError, match="invalid digit"):
        c.parse_price_list("apple=x")
