//! A realistic set of data classes: products and a stock list.
use bind::exceptions::{PyIndexError, PyValueError};
use bind::prelude::*;

/// A product: a name, a unit price in cents and a quantity.
#[derive(PyType, Clone, Debug, PartialEq)]
#[bind(module = "classes_demo")]
pub struct Product {
    /// The product name.
    #[bind(get, set)]
    pub name: String,
    /// Unit price, in cents.
    #[bind(get, set)]
    pub price: u32,
    /// Units in stock.
    #[bind(get, set)]
    pub quantity: u32,
}

#[methods]
impl Product {
    #[new]
    fn new(name: String, price: u32, quantity: Option<u32>) -> PyResult<Self> {
        if name.is_empty() {
            return Err(PyValueError::new_err("a product needs a name"));
        }
        Ok(Product {
            name,
            price,
            quantity: quantity.unwrap_or(0),
        })
    }

    /// The value of the units in stock, in cents.
    #[getter]
    fn total(&self) -> u64 {
        u64::from(self.price) * u64::from(self.quantity)
    }

    /// Takes `n` units out of stock.
    fn take(&mut self, n: u32) -> PyResult<u32> {
        if n > self.quantity {
            return Err(PyValueError::new_err(format!(
                "only {} of {} left",
                self.quantity, self.name
            )));
        }
        self.quantity -= n;
        Ok(self.quantity)
    }

    /// Moves the units of `other` (a product of the same name) into this one.
    fn merge(&mut self, mut other: PyRefMut<'_, Product>) -> PyResult<()> {
        if other.name != self.name {
            return Err(PyValueError::new_err("cannot merge different products"));
        }
        self.quantity += other.quantity;
        other.quantity = 0;
        Ok(())
    }

    fn __repr__(&self) -> String {
        format!(
            "Product(name={:?}, price={}, quantity={})",
            self.name, self.price, self.quantity
        )
    }

    fn __eq__(&self, other: PyRef<'_, Product>) -> bool {
        *self == *other
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&self.name, self.price, self.quantity).hash(&mut h);
        h.finish()
    }
}

/// An ordered list of products.
#[derive(PyType, Default)]
#[bind(module = "classes_demo")]
pub struct Stock {
    items: Vec<Product>,
}

#[methods]
impl Stock {
    #[new]
    fn new() -> Self {
        Stock::default()
    }

    /// Adds a product (a copy of it).
    fn add(&mut self, product: Product) {
        self.items.push(product);
    }

    /// The products whose price is at most `max_price`.
    fn cheaper_than(&self, max_price: u32) -> Vec<Product> {
        self.items
            .iter()
            .filter(|p| p.price <= max_price)
            .cloned()
            .collect()
    }

    fn __len__(&self) -> usize {
        self.items.len()
    }

    fn __getitem__(&self, index: isize) -> PyResult<Product> {
        let len = self.items.len() as isize;
        let i = if index < 0 { index + len } else { index };
        if i < 0 || i >= len {
            return Err(PyIndexError::new_err("Stock index out of range"));
        }
        Ok(self.items[i as usize].clone())
    }

    fn __contains__(&self, name: String) -> bool {
        self.items.iter().any(|p| p.name == name)
    }

    fn __iter__(&self) -> StockIter {
        StockIter {
            items: self.items.clone(),
            next: 0,
        }
    }
}

/// An iterator over a snapshot of a [`Stock`].
#[derive(PyType)]
#[bind(module = "classes_demo")]
pub struct StockIter {
    items: Vec<Product>,
    next: usize,
}

#[methods]
impl StockIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self) -> Option<Product> {
        let item = self.items.get(self.next).cloned();
        self.next += 1;
        item
    }
}

/// A row read from a price list: plain Rust data, handed to Python as a [`Product`]
/// instance (`derive(IntoPyObject)` with `into = Product`).
#[derive(IntoPyObject)]
#[bind(into = Product)]
pub struct PriceRow {
    /// The product name.
    pub name: String,
    /// Unit price, in cents.
    pub cents: u32,
}

impl From<PriceRow> for Product {
    fn from(row: PriceRow) -> Product {
        Product {
            name: row.name,
            price: row.cents,
            quantity: 0,
        }
    }
}

/// Parses `"name=cents"` lines into products (as `Product` instances).
#[function]
pub fn parse_price_list(text: String) -> PyResult<Vec<PriceRow>> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let (name, cents) = line.split_once('=').ok_or_else(|| {
                PyValueError::new_err(format!("expected 'name=cents', got {line:?}"))
            })?;
            let cents = cents.trim().parse::<u32>()?;
            Ok(PriceRow {
                name: name.trim().to_owned(),
                cents,
            })
        })
        .collect()
}
