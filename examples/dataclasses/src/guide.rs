//! Every class example of the "Python classes" chapter, translated to bind.
use bind::exceptions::{PyException, PyValueError};
use bind::prelude::*;
use std::rc::Rc;

/// The chapter's running example: a number and a debug flag.
#[derive(PyType)]
#[bind(module = "classes_demo")]
pub struct MyClass {
    #[bind(get, set)]
    num: i32,
    #[bind(get)]
    debug: bool,
}

#[methods]
impl MyClass {
    #[new]
    #[bind(signature = (num = -1, debug = true))]
    fn new(num: i32, debug: bool) -> Self {
        MyClass { num, debug }
    }

    fn method1(&self) -> PyResult<i32> {
        Ok(10)
    }

    fn set_method(&mut self, value: i32) -> PyResult<()> {
        self.num = value;
        Ok(())
    }

    /// Takes the GIL token: no Python parameter.
    fn method2(&self, _gil: Gil<'_>) -> PyResult<i32> {
        Ok(10)
    }

    #[bind(signature = (num = 10, debug = true, name = String::from("Hello"), *py_args, **py_kwargs))]
    fn method(
        &mut self,
        num: i32,
        debug: bool,
        name: String,
        py_args: Owned<'_, PyTuple>,
        py_kwargs: Option<Owned<'_, PyDict>>,
    ) -> PyResult<String> {
        self.debug = debug;
        self.num = num;
        let kwargs = match py_kwargs {
            Some(d) if !d.is_empty() => format!("Some({})", d.repr()?.to_str()?),
            _ => "None".to_owned(),
        };
        Ok(format!(
            "py_args={}, py_kwargs={kwargs}, name={name}, num={}, debug={}",
            py_args.repr()?.to_str()?,
            self.num,
            self.debug
        ))
    }

    fn make_change(&mut self, num: i32, debug: bool) -> PyResult<String> {
        self.num = num;
        self.debug = debug;
        Ok(format!("num={}, debug={}", self.num, self.debug))
    }

    #[classmethod]
    fn cls_method(cls: Owned<'_, PyType>) -> PyResult<String> {
        Ok(format!("{} says 10", cls.name()?.to_str()?))
    }

    #[staticmethod]
    fn static_method(param1: i32, param2: String) -> PyResult<String> {
        Ok(format!("{param1}:{param2}"))
    }

    #[classattr]
    fn my_attribute() -> String {
        "hello".to_string()
    }

    #[classattr]
    const MY_CONST_ATTRIBUTE: &'static str = "foobar";

    #[bind(signature = (*args))]
    fn __call__(&self, args: Owned<'_, PyTuple>) -> PyResult<i32> {
        Ok(self.num + args.len() as i32)
    }
}

/// A constructor that may fail.
#[derive(PyType)]
#[bind(module = "classes_demo")]
pub struct Positive {
    #[bind(get)]
    num: i32,
}

#[methods]
impl Positive {
    #[new]
    fn new(num: i32) -> PyResult<Self> {
        if num <= 0 {
            return Err(PyValueError::new_err("num must be positive"));
        }
        Ok(Positive { num })
    }
}

/// Properties from `#[getter]`/`#[setter]` with the `get_`/`set_` prefixes.
#[derive(PyType)]
#[bind(module = "classes_demo")]
pub struct Counter {
    num: i32,
}

#[methods]
impl Counter {
    #[new]
    fn new() -> Self {
        Counter { num: 0 }
    }
    #[getter]
    fn get_num(&self) -> PyResult<i32> {
        Ok(self.num)
    }
    #[setter]
    fn set_num(&mut self, value: i32) -> PyResult<()> {
        self.num = value;
        Ok(())
    }
    /// Read-only.
    #[getter(number)]
    fn num_alias(&self) -> i32 {
        self.num
    }
}

/// Three levels of inheritance: the base.
#[derive(PyType)]
#[bind(module = "classes_demo", subclass)]
pub struct BaseClass {
    #[bind(get)]
    val1: usize,
}

#[methods]
impl BaseClass {
    #[new]
    fn new() -> Self {
        BaseClass { val1: 10 }
    }
    pub fn method(&self) -> PyResult<usize> {
        Ok(self.val1)
    }
}

/// The middle class.
#[derive(PyType)]
#[bind(module = "classes_demo", extends = BaseClass, subclass)]
pub struct SubClass {
    #[bind(get)]
    val2: usize,
}

#[methods]
impl SubClass {
    #[new]
    fn new() -> (Self, BaseClass) {
        (SubClass { val2: 15 }, BaseClass::new())
    }
    fn method2(slf: PyRef<'_, Self>) -> PyResult<usize> {
        let base = slf.as_super()?;
        base.method().map(|x| x * slf.val2)
    }
}

/// The leaf class.
#[derive(PyType)]
#[bind(module = "classes_demo", extends = SubClass)]
pub struct SubSubClass {
    #[bind(get)]
    val3: usize,
}

#[methods]
impl SubSubClass {
    #[new]
    fn new() -> Initializer<Self> {
        Initializer::from(SubClass::new()).add_subclass(SubSubClass { val3: 20 })
    }
    fn method3(slf: PyRef<'_, Self>) -> PyResult<usize> {
        let v = slf.val3;
        let sup = slf.into_super()?;
        SubClass::method2(sup).map(|x| x * v)
    }
}

/// `gc`: a node that may reference any object, cycles included.
#[derive(PyType)]
#[bind(module = "classes_demo", gc)]
pub struct Node {
    #[bind(get, set)]
    next: Option<Handle<PyAny>>,
}

#[methods]
impl Node {
    #[new]
    fn new(next: Option<Handle<PyAny>>) -> Self {
        Node { next }
    }
}

/// `weakref` only.
#[derive(PyType)]
#[bind(module = "classes_demo", weakref)]
pub struct Weakly {}

#[methods]
impl Weakly {
    #[new]
    fn new() -> Self {
        Weakly {}
    }
}

/// `dict`: instances take arbitrary attributes.
#[derive(PyType)]
#[bind(module = "classes_demo", dict)]
pub struct WithDict {
    #[bind(get)]
    fixed: i32,
}

#[methods]
impl WithDict {
    #[new]
    fn new() -> Self {
        WithDict { fixed: 1 }
    }
}

/// `freelist`: instances reused in bursts.
#[derive(PyType)]
#[bind(module = "classes_demo", freelist = 8)]
pub struct Pooled {
    #[bind(get)]
    value: String,
}

#[methods]
impl Pooled {
    #[new]
    fn new(value: String) -> Self {
        Pooled { value }
    }
}

/// `frozen`: immutable, no borrow flag.
#[derive(PyType, Clone)]
#[bind(module = "classes_demo", frozen)]
pub struct Frozen {
    #[bind(get)]
    x: f64,
    #[bind(get)]
    tag: String,
}

#[methods]
impl Frozen {
    #[new]
    fn new(x: f64, tag: String) -> Self {
        Frozen { x, tag }
    }
    fn __repr__(&self) -> String {
        format!("Frozen({}, {:?})", self.x, self.tag)
    }
}

/// `unsendable`: holds an `Rc`; touching it from another thread raises.
#[derive(PyType)]
#[bind(module = "classes_demo", unsendable)]
pub struct Unsendable {
    shared: Rc<String>,
}

#[methods]
impl Unsendable {
    #[new]
    fn new(text: String) -> Self {
        Unsendable {
            shared: Rc::new(text),
        }
    }
    fn text(&self) -> String {
        (*self.shared).clone()
    }
}

/// No `#[new]`: only Rust can create it.
#[derive(PyType)]
#[bind(module = "classes_demo")]
pub struct NoNew {
    #[bind(get)]
    id: u32,
}

/// A tuple struct with named fields for Python.
#[derive(PyType)]
#[bind(module = "classes_demo")]
pub struct Pair(
    #[bind(get, set, name = "first")] i64,
    #[bind(get, name = "second")] String,
);

#[methods]
impl Pair {
    #[new]
    fn new(first: i64, second: String) -> Self {
        Pair(first, second)
    }
}

/// A unit struct.
#[derive(PyType)]
#[bind(module = "classes_demo", name = "Marker")]
pub struct Unit;

#[methods]
impl Unit {
    #[new]
    fn new() -> Self {
        Unit
    }
}

/// Creates a `NoNew` (Rust can, Python cannot).
#[function]
fn make_no_new(id: u32) -> NoNew {
    NoNew { id }
}

pub fn register(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_class::<MyClass>()?;
    m.add_class::<Positive>()?;
    m.add_class::<Counter>()?;
    m.add_class::<BaseClass>()?;
    m.add_class::<SubClass>()?;
    m.add_class::<SubSubClass>()?;
    m.add_class::<Node>()?;
    m.add_class::<Frozen>()?;
    m.add_class::<Unsendable>()?;
    m.add_class::<NoNew>()?;
    m.add_class::<Pair>()?;
    m.add_class::<Unit>()?;
    m.add_class::<Pooled>()?;
    m.add_function(wrap!(make_no_new))?;
    // `dict`/`weakref` need Python 3.9+ in an abi3 build: skipped (with the reason) there.
    for result in [m.add_class::<Weakly>(), m.add_class::<WithDict>()] {
        if let Err(err) = result {
            m.add("DICT_WEAKREF_UNAVAILABLE", err.to_string())?;
        }
    }
    Ok(())
}

/// A `dict` subclass counting the keys set through `set`.
#[derive(PyType, Default)]
#[bind(module = "classes_demo.native", extends = PyDict)]
pub struct DictWithCounter {
    #[bind(get)]
    count: usize,
}

#[methods]
impl DictWithCounter {
    #[new]
    fn new() -> Self {
        Self::default()
    }
    fn set(mut slf: PyRefMut<'_, Self>, key: String, value: Owned<'_, PyAny>) -> PyResult<()> {
        slf.count += 1;
        slf.as_owned().set_item(key, value)
    }
}

/// An exception class with Rust data.
#[derive(PyType)]
#[bind(module = "classes_demo.native", extends = PyException, subclass)]
pub struct MyError {
    #[bind(get)]
    code: i32,
}

#[methods]
impl MyError {
    #[new]
    #[bind(signature = (*args))]
    fn new(args: Owned<'_, PyTuple>) -> Self {
        MyError {
            code: args.len() as i32,
        }
    }
}

pub fn register_native(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_class::<DictWithCounter>()?;
    m.add_class::<MyError>()?;
    Ok(())
}
