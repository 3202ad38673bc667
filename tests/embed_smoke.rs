//! Embedding smoke test: the interpreter starts on first use and runs Python code.
use bind::prelude::*;

#[test]
fn evaluates_an_expression() {
    let n: i64 = Gil::with(|gil| gil.eval("6 * 7")?.extract()).unwrap();
    assert_eq!(n, 42);
}

#[test]
fn python_errors_come_back_as_pyerr() {
    Gil::with(|gil| {
        let err = gil.eval("1 / 0").unwrap_err();
        assert!(err.is_instance_of::<bind::exceptions::PyZeroDivisionError>(gil));
        assert_eq!(err.to_string(), "ZeroDivisionError: division by zero");
    });
}
