//! Numbers: `int`, `float`, `bool`, `complex`, and their conversions.
use bind::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use bind::prelude::*;

#[test]
fn ints() {
    Gil::with(|gil| {
        let n = PyInt::new(gil, -42);
        assert_eq!(n.to_i64().unwrap(), -42);
        assert_eq!(n.signum().unwrap(), -1);
        assert_eq!(PyInt::new(gil, 0).signum().unwrap(), 0);
        assert_eq!(PyInt::new(gil, 9).signum().unwrap(), 1);
        assert_eq!(n.to_f64().unwrap(), -42.0);
        let big = PyInt::new_unsigned(gil, u64::MAX);
        assert_eq!(big.to_u64().unwrap(), u64::MAX);
        assert_eq!(big.str().unwrap().to_str().unwrap(), "18446744073709551615");
        let err = big.to_i64().unwrap_err();
        assert!(err.is_instance_of::<PyOverflowError>(gil));
        let err = n.to_u64().unwrap_err();
        assert!(err.is_instance_of::<PyOverflowError>(gil));
        assert_eq!(PyInt::new(gil, i64::MIN).to_i64().unwrap(), i64::MIN);
        assert_eq!(PyInt::new(gil, -1).to_i64().unwrap(), -1);

        // Overflow by a flag, not an exception: no error indicator is left set.
        use bind::types::Overflow;
        assert_eq!(n.to_i64_or_overflow().unwrap(), Ok(-42));
        assert_eq!(PyInt::new(gil, -1).to_i64_or_overflow().unwrap(), Ok(-1));
        assert_eq!(big.to_i64_or_overflow().unwrap(), Err(Overflow::Above));
        let below = gil.eval("-2 ** 63 - 1").unwrap();
        let below = below.downcast::<PyInt>().unwrap();
        assert_eq!(below.to_i64_or_overflow().unwrap(), Err(Overflow::Below));
        assert!(PyErr::take(gil).is_none());

        assert_eq!(PyInt::parse(gil, "ff", 16).unwrap().to_i64().unwrap(), 255);
        assert_eq!(
            PyInt::parse(gil, " -0b101 ", 0).unwrap().to_i64().unwrap(),
            -5
        );
        let err = PyInt::parse(gil, "xyz", 10).unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));
        assert!(err.to_string().contains("invalid literal for int()"));

        let huge = gil
            .eval("10 ** 400")
            .unwrap()
            .downcast_into::<PyInt>()
            .unwrap();
        assert!(huge
            .to_f64()
            .unwrap_err()
            .is_instance_of::<PyOverflowError>(gil));
        assert!(huge
            .to_u64()
            .unwrap_err()
            .is_instance_of::<PyOverflowError>(gil));
    });
}

#[test]
fn int_conversions() {
    Gil::with(|gil| {
        for (src, v) in [("0", 0i64), ("-1", -1), ("2**62", 1 << 62)] {
            assert_eq!(gil.eval(src).unwrap().extract::<i64>().unwrap(), v);
        }
        assert_eq!(gil.eval("255").unwrap().extract::<u8>().unwrap(), 255);
        let err = gil.eval("256").unwrap().extract::<u8>().unwrap_err();
        assert!(err.is_instance_of::<PyOverflowError>(gil));
        let err = gil.eval("-1").unwrap().extract::<u32>().unwrap_err();
        assert!(err.is_instance_of::<PyOverflowError>(gil));
        let err = gil.eval("2**64").unwrap().extract::<u64>().unwrap_err();
        assert!(err.is_instance_of::<PyOverflowError>(gil));
        assert_eq!(
            gil.eval("2**64 - 1").unwrap().extract::<u64>().unwrap(),
            u64::MAX
        );
        assert_eq!(
            gil.eval("-2**63").unwrap().extract::<i64>().unwrap(),
            i64::MIN
        );
        // Floats and strings are not ints.
        let err = gil.eval("1.5").unwrap().extract::<i64>().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        let err = gil.eval("'1'").unwrap().extract::<i32>().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        // __index__ is honoured.
        let idx = gil
            .eval("type('I', (), {'__index__': lambda self: 7})()")
            .unwrap();
        assert_eq!(idx.extract::<i64>().unwrap(), 7);
        // Round trips.
        for v in [i64::MIN, -1, 0, 1, i64::MAX] {
            let obj = v.into_py(gil).unwrap();
            assert!(obj.is_exact_instance_of::<PyInt>());
            assert_eq!(obj.extract::<i64>().unwrap(), v);
        }
    });
}

#[test]
fn floats() {
    Gil::with(|gil| {
        let f = PyFloat::new(gil, 2.5);
        assert_eq!(f.value(), 2.5);
        assert!(f.is_exact_instance_of::<PyFloat>());
        assert_eq!(f.repr().unwrap().to_str().unwrap(), "2.5");
        assert_eq!(PyFloat::parse(gil, " 1e3 ").unwrap().value(), 1000.0);
        assert!(PyFloat::parse(gil, "nan").unwrap().value().is_nan());
        assert_eq!(
            PyFloat::parse(gil, "-inf").unwrap().value(),
            f64::NEG_INFINITY
        );
        let err = PyFloat::parse(gil, "one").unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));
        assert!(err
            .to_string()
            .contains("could not convert string to float"));

        assert_eq!(gil.eval("0.1").unwrap().extract::<f64>().unwrap(), 0.1);
        assert_eq!(gil.eval("3").unwrap().extract::<f64>().unwrap(), 3.0);
        assert_eq!(gil.eval("1.5").unwrap().extract::<f32>().unwrap(), 1.5f32);
        let err = gil.eval("'x'").unwrap().extract::<f64>().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        let err = gil.eval("10 ** 400").unwrap().extract::<f64>().unwrap_err();
        assert!(err.is_instance_of::<PyOverflowError>(gil));
        let obj = f64::INFINITY.into_py(gil).unwrap();
        assert_eq!(obj.repr().unwrap().to_str().unwrap(), "inf");
    });
}

#[test]
fn bools() {
    Gil::with(|gil| {
        assert!(PyBool::new(gil, true).is_true());
        assert!(!PyBool::new(gil, false).is_true());
        assert!(gil.bool(true).is(&gil.eval("True").unwrap()));
        assert!(gil.eval("True").unwrap().extract::<bool>().unwrap());
        assert!(!false.into_py(gil).unwrap().is_truthy().unwrap());
        // Strict: ints are not bools.
        let err = gil.eval("1").unwrap().extract::<bool>().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));
        let err = gil.eval("1").unwrap().downcast::<PyBool>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'int' object cannot be converted to 'bool'"
        );
    });
}

#[test]
fn complex_numbers() {
    Gil::with(|gil| {
        let z = PyComplex::new(gil, 3.0, -4.0);
        assert_eq!(z.real(), 3.0);
        assert_eq!(z.imag(), -4.0);
        assert_eq!(z.abs(), 5.0);
        assert_eq!(z.repr().unwrap().to_str().unwrap(), "(3-4j)");
        let w = gil
            .eval("1j * 1j")
            .unwrap()
            .downcast_into::<PyComplex>()
            .unwrap();
        assert_eq!((w.real(), w.imag()), (-1.0, 0.0));
        assert!(z.eq(gil.eval("3 - 4j").unwrap()).unwrap());

        let from_int = PyComplex::from_object(&2.into_py(gil).unwrap()).unwrap();
        assert_eq!((from_int.real(), from_int.imag()), (2.0, 0.0));
        let from_str = PyComplex::from_object(&"1+2j".into_py(gil).unwrap()).unwrap();
        assert_eq!((from_str.real(), from_str.imag()), (1.0, 2.0));
        let err = PyComplex::from_object(&"nope".into_py(gil).unwrap()).unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(gil));
        let err = PyComplex::from_object(&PyList::empty(gil)).unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(gil));

        let err = 1.5
            .into_py(gil)
            .unwrap()
            .downcast::<PyComplex>()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "'float' object cannot be converted to 'complex'"
        );
    });
}
