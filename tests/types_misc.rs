//! Modules, type objects, capsules, weak references, memoryviews and bytearrays.
use bind::exceptions::{
    PyAttributeError, PyBufferError, PyImportError, PyModuleNotFoundError, PyTypeError,
    PyValueError,
};
use bind::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[test]
fn modules() {
    Gil::with(|gil| {
        let math = PyModule::import(gil, "math").unwrap();
        assert_eq!(math.name().unwrap(), "math");
        let pi: f64 = math.getattr("pi").unwrap().extract().unwrap();
        assert_eq!(pi, std::f64::consts::PI);
        assert!(math.dict().contains("sqrt").unwrap());
        let r: f64 = math
            .call_method1("sqrt", (16.0,))
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(r, 4.0);
        assert!(gil.import("os.path").is_ok());

        let err = PyModule::import(gil, "no_such_module_bind").unwrap_err();
        assert!(err.is_instance_of::<PyModuleNotFoundError>(gil));
        assert!(err.is_instance_of::<PyImportError>(gil));
        assert_eq!(
            err.to_string(),
            "ModuleNotFoundError: No module named 'no_such_module_bind'"
        );
        let err = math.getattr("nope").unwrap_err();
        assert!(err.is_instance_of::<PyAttributeError>(gil));
        assert!(err
            .to_string()
            .contains("module 'math' has no attribute 'nope'"));

        let m = PyModule::new(gil, "bind_misc_new").unwrap();
        assert_eq!(m.name().unwrap(), "bind_misc_new");
        m.add("answer", 42).unwrap();
        m.add("greeting", "hi").unwrap();
        assert_eq!(m.getattr("answer").unwrap().extract::<i64>().unwrap(), 42);
        let all: Vec<String> = m.index().unwrap().extract().unwrap();
        assert_eq!(all, ["answer", "greeting"]);
        m.add_type::<PyInt>().unwrap();
        assert!(m.getattr("int").unwrap().is(&gil.eval("int").unwrap()));

        let code = PyModule::from_code(
            gil,
            "def double(x):\n    return 2 * x\nVALUE = double(21)\n",
            "bind_misc_code.py",
            "bind_misc_code",
        )
        .unwrap();
        assert_eq!(code.getattr("VALUE").unwrap().extract::<i64>().unwrap(), 42);
        let again = gil.import("bind_misc_code").unwrap();
        assert!(again.is(&code));
        let err = PyModule::from_code(gil, "1 +", "bad.py", "bind_misc_bad").unwrap_err();
        assert!(err.to_string().starts_with("SyntaxError"));
        let err = PyModule::from_code(
            gil,
            "raise ValueError('boom')",
            "raise.py",
            "bind_misc_raise",
        )
        .unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));

        let parent = PyModule::new(gil, "bind_misc_pkg").unwrap();
        let child = PyModule::new(gil, "child").unwrap();
        child.add("x", 1).unwrap();
        parent.add_submodule(&child).unwrap();
        let x: i64 = gil
            .eval("__import__('sys').modules['bind_misc_pkg.child'].x")
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(x, 1);

        let err = gil.eval("1").unwrap().downcast::<PyModule>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'int' object cannot be converted to 'module'"
        );
    });
}

#[test]
fn type_objects() {
    Gil::with(|gil| {
        let globals = PyDict::new(gil);
        gil.run(
            "class Outer:\n    class Inner(ValueError):\n        pass\n",
            Some(&globals),
            None,
        )
        .unwrap();
        let inner = gil
            .eval_in("Outer.Inner", &globals)
            .downcast_into::<PyType>()
            .unwrap();
        assert_eq!(inner.name().unwrap().to_str().unwrap(), "Inner");
        assert_eq!(inner.qualname().unwrap().to_str().unwrap(), "Outer.Inner");
        assert_eq!(
            inner.module_name().unwrap().extract::<String>().unwrap(),
            "builtins"
        );
        let value_error = gil
            .eval("ValueError")
            .unwrap()
            .downcast_into::<PyType>()
            .unwrap();
        assert!(inner.is_subclass(&value_error).unwrap());
        assert!(!value_error.is_subclass(&inner).unwrap());
        assert!(inner.is_subclass_of::<bind::types::PyBaseException>());
        assert!(!inner.is_subclass_of::<PyInt>());

        let int_type = <PyInt as bind::types::PyTypeInfo>::type_object(gil);
        assert_eq!(int_type.name().unwrap().to_str().unwrap(), "int");
        assert!(int_type.is(&gil.eval("int").unwrap()));
        let bool_type = <PyBool as bind::types::PyTypeInfo>::type_object(gil);
        assert!(bool_type.is_subclass_of::<PyInt>());
        let instance = int_type.call1(("12",)).unwrap();
        assert_eq!(instance.extract::<i64>().unwrap(), 12);

        for (ty, name) in [
            (
                <PyByteArray as bind::types::PyTypeInfo>::type_object(gil),
                "bytearray",
            ),
            (<PySet as bind::types::PyTypeInfo>::type_object(gil), "set"),
            (
                <PyFrozenSet as bind::types::PyTypeInfo>::type_object(gil),
                "frozenset",
            ),
            (
                <PySlice as bind::types::PyTypeInfo>::type_object(gil),
                "slice",
            ),
            (
                <PyComplex as bind::types::PyTypeInfo>::type_object(gil),
                "complex",
            ),
            (
                <PyMemoryView as bind::types::PyTypeInfo>::type_object(gil),
                "memoryview",
            ),
            (
                <PyCapsule as bind::types::PyTypeInfo>::type_object(gil),
                "PyCapsule",
            ),
        ] {
            assert_eq!(ty.name().unwrap().to_str().unwrap(), name);
        }
        // `weakref` up to 3.8, `ReferenceType` since.
        let weakref_type = <PyWeakrefReference as bind::types::PyTypeInfo>::type_object(gil);
        assert!(weakref_type.is(&gil.eval("__import__('weakref').ref").unwrap()));

        let err = 1.into_py(gil).unwrap().downcast::<PyType>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'int' object cannot be converted to 'type'"
        );
        let err = int_type
            .is_subclass(&gil.eval("1").unwrap().get_type())
            .unwrap();
        assert!(err);
    });
}

trait EvalIn<'py> {
    fn eval_in(self, source: &str, globals: &Owned<'py, PyDict>) -> Owned<'py, PyAny>;
}

impl<'py> EvalIn<'py> for Gil<'py> {
    fn eval_in(self, source: &str, globals: &Owned<'py, PyDict>) -> Owned<'py, PyAny> {
        let builtins = self.import("builtins").unwrap();
        builtins
            .getattr("eval")
            .unwrap()
            .call1((source, globals))
            .unwrap()
    }
}

/// Counts its drops.
struct DropCounter {
    drops: Arc<AtomicUsize>,
    value: u64,
}

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.drops.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn capsules() {
    Gil::with(|gil| {
        let drops = Arc::new(AtomicUsize::new(0));
        let name = c"bind_misc_caps.cap";
        let capsule = PyCapsule::new(
            gil,
            DropCounter {
                drops: drops.clone(),
                value: 77,
            },
            Some(name),
        )
        .unwrap();
        assert_eq!(capsule.name().unwrap(), Some(name));
        assert!(capsule.is_valid(Some(name)));
        assert!(!capsule.is_valid(Some(c"other")));
        assert!(!capsule.is_valid(None));
        // SAFETY: the capsule was made from a DropCounter.
        let value = unsafe { capsule.reference::<DropCounter>(Some(name)) }.unwrap();
        assert_eq!(value.value, 77);
        assert!(capsule.pointer(Some(name)).is_ok());

        // A wrong name is a ValueError, never a wrong-typed read.
        let err = capsule.pointer(Some(c"other")).unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));
        // SAFETY: the name check fails before any read.
        let err = unsafe { capsule.reference::<u8>(None) }.unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));

        // Context.
        assert!(capsule.context().unwrap().is_null());
        let mut ctx = 5u32;
        capsule.set_context((&mut ctx as *mut u32).cast()).unwrap();
        assert_eq!(capsule.context().unwrap(), (&mut ctx as *mut u32).cast());
        capsule.set_context(std::ptr::null_mut()).unwrap();

        // Import through a module attribute.
        let module = PyModule::new(gil, "bind_misc_caps").unwrap();
        module.add("cap", capsule.clone()).unwrap();
        gil.import("sys")
            .unwrap()
            .getattr("modules")
            .unwrap()
            .set_item("bind_misc_caps", &module)
            .unwrap();
        let ptr = PyCapsule::import(gil, name).unwrap();
        assert_eq!(ptr, capsule.pointer(Some(name)).unwrap());
        let err = PyCapsule::import(gil, c"bind_misc_caps.missing").unwrap_err();
        assert!(err.is_instance_of::<PyAttributeError>(gil));
        // (3.10+ AttributeError keeps the module alive through `.obj`.)
        drop(err);

        // The destructor drops the value exactly once, when the last reference goes.
        gil.import("sys")
            .unwrap()
            .getattr("modules")
            .unwrap()
            .del_item("bind_misc_caps")
            .unwrap();
        drop(module);
        assert_eq!(drops.load(Ordering::SeqCst), 0);
        drop(capsule);
        assert_eq!(drops.load(Ordering::SeqCst), 1);

        // Unnamed capsules.
        let unnamed = PyCapsule::new(gil, vec![1u8, 2, 3], None).unwrap();
        assert_eq!(unnamed.name().unwrap(), None);
        assert!(unnamed.is_valid(None));
        // SAFETY: made from a Vec<u8>.
        let contents = unsafe { unnamed.reference::<Vec<u8>>(None) };
        assert_eq!(contents.unwrap(), &[1, 2, 3]);
        assert!(unnamed.pointer(Some(name)).is_err());
        let err = 1.into_py(gil).unwrap().downcast::<PyCapsule>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'int' object cannot be converted to 'PyCapsule'"
        );
    });
}

#[test]
fn weak_references() {
    Gil::with(|gil| {
        let globals = PyDict::new(gil);
        gil.run(
            "class Obj:\n    pass\ncalls = []\ndef callback(ref):\n    calls.append(ref)\n",
            Some(&globals),
            None,
        )
        .unwrap();
        let class = globals.get_item("Obj").unwrap().unwrap();
        let callback = globals.get_item("callback").unwrap().unwrap();
        let calls = globals.get_item("calls").unwrap().unwrap();

        let obj = class.call0().unwrap();
        let weak = PyWeakrefReference::new(&obj).unwrap();
        let with_cb = PyWeakrefReference::new_with_callback(&obj, &callback).unwrap();
        let proxy = PyWeakrefProxy::new(&obj).unwrap();
        assert!(weak.upgrade().unwrap().is(&obj));
        assert!(with_cb.upgrade().unwrap().is(&obj));
        assert!(proxy.upgrade().unwrap().is(&obj));
        assert!(weak.as_weakref().upgrade().unwrap().is(&obj));
        assert!(proxy.as_weakref().upgrade().is_some());
        // Calling a reference gives the referent too.
        assert!(weak.call0().unwrap().is(&obj));
        // The proxy forwards attribute access.
        obj.setattr("field", 3).unwrap();
        assert_eq!(proxy.getattr("field").unwrap().extract::<i64>().unwrap(), 3);
        let any_weak: Owned<PyWeakref> = weak.as_any().extract().unwrap();
        assert!(any_weak.upgrade().is_some());
        assert!(proxy.as_any().downcast::<PyWeakref>().is_ok());
        assert!(proxy.as_any().downcast::<PyWeakrefReference>().is_err());
        assert!(weak.as_any().downcast::<PyWeakrefProxy>().is_err());

        // Once the object dies, upgrade gives None and the callback ran.
        assert_eq!(calls.len().unwrap(), 0);
        drop(obj);
        assert!(weak.upgrade().is_none());
        assert!(with_cb.upgrade().is_none());
        assert!(proxy.upgrade().is_none());
        assert!(any_weak.upgrade().is_none());
        assert_eq!(calls.len().unwrap(), 1);
        assert!(weak.call0().unwrap().is_none());
        let err = proxy.getattr("field").unwrap_err();
        assert!(err.is_instance_of::<bind::exceptions::PyReferenceError>(gil));

        // Objects without weakref support.
        let err = PyWeakrefReference::new(&1.into_py(gil).unwrap()).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        assert!(err
            .to_string()
            .contains("cannot create weak reference to 'int' object"));
        assert!(PyWeakrefProxy::new(&PyList::empty(gil)).is_err());
        let err = 1.into_py(gil).unwrap().downcast::<PyWeakref>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'int' object cannot be converted to 'weakref'"
        );
    });
}

#[test]
fn memoryviews() {
    Gil::with(|gil| {
        let bytes = PyBytes::new(gil, b"hello");
        let view = PyMemoryView::from_object(&bytes).unwrap();
        assert_eq!(view.tobytes().unwrap().as_bytes(), b"hello");
        assert_eq!(view.nbytes().unwrap(), 5);
        assert!(view.readonly().unwrap());
        assert_eq!(view.len().unwrap(), 5);
        assert_eq!(view.get_item(1).unwrap().extract::<u8>().unwrap(), b'e');
        let sliced = view
            .get_item(PySlice::new(gil, 1, 4, 1))
            .unwrap()
            .downcast_into::<PyMemoryView>()
            .unwrap();
        assert_eq!(sliced.tobytes().unwrap().as_bytes(), b"ell");

        let array = PyByteArray::new(gil, b"abc");
        let view = PyMemoryView::from_object(&array).unwrap();
        assert!(!view.readonly().unwrap());
        view.set_item(0, b'X').unwrap();
        assert_eq!(array.to_vec(), b"Xbc");
        // A bytearray with an active export cannot be resized.
        let err = array.resize(10).unwrap_err();
        assert!(err.is_instance_of::<PyBufferError>(gil));
        assert_eq!(array.len(), 3);
        view.release().unwrap();
        array.resize(4).unwrap();
        let err = view.tobytes().unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));
        assert!(err.to_string().contains("released"));

        let err = PyMemoryView::from_object(&1.into_py(gil).unwrap()).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        let err = PyMemoryView::from_object(&"text".into_py(gil).unwrap()).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        let err = bytes.downcast::<PyMemoryView>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'bytes' object cannot be converted to 'memoryview'"
        );
    });
}

#[test]
fn bytearrays() {
    Gil::with(|gil| {
        let array = PyByteArray::new(gil, b"abc");
        assert_eq!(array.len(), 3);
        assert_eq!(array.to_vec(), b"abc");
        array.resize(5).unwrap();
        assert_eq!(array.to_vec(), b"abc\0\0");
        array.resize(2).unwrap();
        assert_eq!(array.to_vec(), b"ab");
        array.resize(0).unwrap();
        assert!(array.is_empty());
        assert_eq!(array.to_vec(), b"");
        // SAFETY: no Python code runs while the slices are alive.
        unsafe {
            assert_eq!(array.as_bytes(), b"");
            array.resize(3).unwrap();
            array.as_bytes_mut().copy_from_slice(b"xyz");
            assert_eq!(array.as_bytes(), b"xyz");
        }
        // Python sees the change.
        assert!(array.eq(gil.eval("bytearray(b'xyz')").unwrap()).unwrap());
        array
            .call_method1("extend", (PyBytes::new(gil, b"!!"),))
            .unwrap();
        assert_eq!(array.to_vec(), b"xyz!!");

        let zeroed = PyByteArray::zeroed(gil, 4).unwrap();
        assert_eq!(zeroed.to_vec(), [0, 0, 0, 0]);
        let copied = PyByteArray::from_object(&PyBytes::new(gil, b"qq")).unwrap();
        assert_eq!(copied.to_vec(), b"qq");
        let from_list = PyByteArray::from_object(&gil.eval("[1, 2, 255]").unwrap()).unwrap();
        assert_eq!(from_list.to_vec(), [1, 2, 255]);
        let err = PyByteArray::from_object(&gil.eval("[256]").unwrap()).unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));
        let err = PyByteArray::from_object(&1.5.into_py(gil).unwrap()).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        let err = PyBytes::new(gil, b"x")
            .downcast::<PyByteArray>()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "'bytes' object cannot be converted to 'bytearray'"
        );
    });
}
