//! The macros' output names everything by absolute path: it compiles in a module without
//! the implicit prelude, beside user items that shadow prelude names.
#![allow(dead_code)]

mod hygienic {
    #![no_implicit_prelude]

    // Shadow prelude and std names the generated code must not pick up.
    struct Option;
    struct Result;
    struct Ok;
    struct Err;
    struct Some;
    struct None;
    struct Vec;
    struct String;
    struct Box;

    /// A class with every kind of item.
    #[derive(::bind::PyType)]
    #[bind(module = "hygiene", freelist = 4, gc)]
    pub struct Counter {
        /// A member field.
        #[bind(get, set)]
        pub n: f64,
        /// An accessor field.
        #[bind(get, set)]
        pub label: ::std::string::String,
        /// A gc-traversed field.
        #[bind(get)]
        pub other: ::std::option::Option<::bind::Handle<::bind::types::PyAny>>,
    }

    #[::bind::methods]
    impl Counter {
        #[classattr]
        const ZERO: i64 = 0;

        #[new]
        #[bind(signature = (n = 0.0, label = ::std::string::String::new()))]
        fn new(n: f64, label: ::std::string::String) -> Self {
            Counter {
                n,
                label,
                other: ::std::option::Option::None,
            }
        }

        fn add(&mut self, by: f64) -> f64 {
            self.n += by;
            self.n
        }

        #[getter]
        fn double(&self) -> f64 {
            self.n * 2.0
        }

        #[setter]
        fn set_double(&mut self, v: f64) {
            self.n = v / 2.0;
        }

        #[staticmethod]
        fn zero() -> ::bind::PyResult<i64> {
            ::std::result::Result::Ok(0)
        }

        #[classmethod]
        fn kind(
            cls: ::bind::Owned<'_, ::bind::types::PyType>,
        ) -> ::bind::PyResult<::std::string::String> {
            ::std::result::Result::Ok(::std::string::ToString::to_string(&cls.name()?.to_str()?))
        }

        fn __repr__(&self) -> ::std::string::String {
            ::std::format!("Counter({})", self.n)
        }

        fn __add__(&self, other: f64) -> f64 {
            self.n + other
        }

        fn __eq__(&self, other: f64) -> bool {
            self.n == other
        }

        fn __len__(&self) -> usize {
            0
        }
    }

    /// A function with a signature option.
    #[::bind::function]
    #[bind(signature = (a, b = 2, *args, c = 3, **kwargs))]
    pub fn total(
        a: i64,
        b: i64,
        args: ::bind::Owned<'_, ::bind::types::PyTuple>,
        c: i64,
        kwargs: ::std::option::Option<::bind::Owned<'_, ::bind::types::PyDict>>,
    ) -> i64 {
        let _ = (args, kwargs);
        a + b + c
    }

    /// Every kind of derive(FromPyObject)/derive(IntoPyObject) field.
    #[derive(::bind::FromPyObject, ::bind::IntoPyObject)]
    pub struct Record {
        pub id: i64,
        #[bind(item("label"))]
        pub name: ::std::string::String,
        #[bind(default)]
        pub tags: ::std::vec::Vec<::std::string::String>,
        #[bind(from_py_with = double)]
        pub twice: i64,
        #[bind(serde)]
        pub extra: ::std::option::Option<i64>,
    }

    fn double(obj: &::bind::Owned<'_, ::bind::types::PyAny>) -> ::bind::PyResult<i64> {
        ::std::result::Result::Ok(obj.extract::<i64>()? * 2)
    }

    /// Variants of each shape.
    #[derive(::bind::FromPyObject, ::bind::IntoPyObject)]
    pub enum Value {
        Pair(i64, i64),
        #[bind(transparent)]
        Text(::std::string::String),
        Named {
            #[bind(item(0))]
            first: i64,
        },
    }

    /// A module.
    #[::bind::module]
    pub fn hygiene(m: &::bind::Owned<'_, ::bind::types::PyModule>) -> ::bind::PyResult<()> {
        m.add_class::<Counter>()?;
        m.add_function(::bind::wrap!(total))
    }
}

#[test]
fn macros_work_without_the_implicit_prelude() {
    use bind::prelude::*;
    Gil::with(|gil| {
        let m = PyModule::new(gil, "hygiene").unwrap();
        hygienic::hygiene(&m).unwrap();
        let counter = m.getattr("Counter").unwrap();
        let c = counter.call1((1.5, "x")).unwrap();
        assert_eq!(
            c.call_method1("add", (1.0,))
                .unwrap()
                .extract::<f64>()
                .unwrap(),
            2.5
        );
        assert_eq!(c.getattr("double").unwrap().extract::<f64>().unwrap(), 5.0);
        assert_eq!(
            m.getattr("total")
                .unwrap()
                .call1((1,))
                .unwrap()
                .extract::<i64>()
                .unwrap(),
            6
        );

        let ns = gil
            .eval("__import__('types').SimpleNamespace(id=1, label='a', twice=4, extra=None)")
            .unwrap();
        // `label` is looked up as an item: a namespace is not a mapping.
        assert!(ns.extract::<hygienic::Record>().is_err());
        let d = gil
            .eval("{'id': 1, 'label': 'a', 'twice': 4, 'extra': 7}")
            .unwrap();
        let Err(err) = d.extract::<hygienic::Record>() else {
            panic!("a dict has no attribute `id`")
        };
        assert!(err.to_string().contains("missing attribute"), "{err}");
        let obj = gil
            .eval("type('R', (dict,), {'id': 1, 'twice': 4, 'extra': 7})({'label': 'a'})")
            .unwrap();
        let r: hygienic::Record = obj.extract().unwrap();
        assert_eq!(
            (r.id, r.name.as_str(), r.twice, r.extra),
            (1, "a", 8, Some(7))
        );
        assert!(r.tags.is_empty());
        let back = r.into_py(gil).unwrap();
        assert_eq!(
            back.repr().unwrap().to_str().unwrap(),
            "{'id': 1, 'label': 'a', 'tags': [], 'twice': 8, 'extra': 7}"
        );

        for (src, repr) in [
            ("(1, 2)", "(1, 2)"),
            ("'x'", "'x'"),
            ("{0: 5}", "{'first': 5}"),
        ] {
            let v: hygienic::Value = gil.eval(src).unwrap().extract().unwrap();
            assert_eq!(
                v.into_py(gil).unwrap().repr().unwrap().to_str().unwrap(),
                repr
            );
        }
    });
}
