//! bind-fuzz-kit: fuzz your own `FromPyObject` types with values generated from their
//! shape.
//!
//! `derive(FromPyObject)` describes what a type accepts ([`Shaped`]: each field's source —
//! attribute, key, position — its default and its own shape; bind's std conversions have
//! shapes too). From the fuzzer's bytes the kit builds a Python value of that shape, or a
//! near-miss: a wrong type somewhere, a missing attribute or key, an integer just out of
//! the Rust type's range, a lone surrogate, an object whose `__getattr__`, `__getitem__`,
//! `__len__` or `__index__` raises or lies, deep nesting, a value containing itself. It
//! extracts the value and checks:
//!
//! - a value of the shape extracts, and converting it back gives the input in the form
//!   bind's conversions produce ([`check_conversion`]);
//! - a near-miss raises an ordinary exception — a conversion error whose message starts
//!   with the path of the bad part (`['rows'][2].x: …`), the hostile object's own
//!   exception unchanged, or `RecursionError` — never a panic, `SystemError` or a crash.
//!
//! A failed check panics, which the fuzzer reports with the input. A cargo-fuzz target:
//!
//! ```text
//! #![no_main]
//! libfuzzer_sys::fuzz_target!(|data: &[u8]| {
//!     bind_fuzz_kit::check_conversion::<my_crate::Config>(data);
//!     bind_fuzz_kit::check_extraction::<my_crate::Query>(data); // no IntoPyObject
//! });
//! ```
//!
//! The fuzz crate enables bind's `auto-initialize` feature, so the target embeds Python.
//! The round-trip comparison assumes the output forms of `derive(IntoPyObject)` (a dict
//! keyed by the lookup names, a tuple for tuple structs); for a type converted back any
//! other way, call [`check_extraction`] or build the check from [`Case`].
#![forbid(unsafe_code)]

mod compare;
mod generate;
mod input;
mod py;
mod sample;

pub use bind::shape::{Shape, Shaped};
pub use generate::{Case, ErrorKind, Expect, Mode, Rejection};
pub use input::Input;

use bind::exceptions::{
    PyOverflowError, PyRecursionError, PySystemError, PyTypeError, PyUnicodeDecodeError,
    PyUnicodeEncodeError, PyValueError,
};
use bind::panic::PanicException;
use bind::prelude::*;

/// Generates a value of `T`'s shape (or a near-miss) from `data`, extracts `T` and, on
/// success, converts it back and compares; panics when a check fails.
pub fn check_conversion<T>(data: &[u8])
where
    T: Shaped + for<'a, 'py> FromPyObject<'a, 'py> + for<'py> IntoPyObject<'py>,
{
    Gil::with(|gil| {
        let case = generate::<T>(gil, data, Mode::Mixed);
        if let Some(value) = case.check_extract::<T>() {
            match value.into_py(gil) {
                Ok(output) => case.check_round_trip(&output),
                Err(err) => case.fail(&format!("converting the value back raised {err}")),
            }
        }
        check_clean(gil);
    });
}

/// Generates a value of `T`'s shape (or a near-miss) from `data` and extracts `T`; panics
/// when a check fails (no round trip: for types without `IntoPyObject`).
pub fn check_extraction<T>(data: &[u8])
where
    T: Shaped + for<'a, 'py> FromPyObject<'a, 'py>,
{
    Gil::with(|gil| {
        let case = generate::<T>(gil, data, Mode::Mixed);
        let _ = case.check_extract::<T>();
        check_clean(gil);
    });
}

/// Mutates one of `samples` (serialized through bind's serde bridge, as `Serde<T>` and
/// `#[bind(serde)]` convert) into a value picked by `data`, reads `T` from it and checks
/// that failures are ordinary exceptions and that what is read is a fixed point: converted
/// back, read again and converted again gives the same value (and an unmutated sample
/// comes back as it went in). For serde types, which have no shape.
pub fn check_serde<T>(data: &[u8], samples: &[T])
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    use bind::serde_bridge::{from_py, to_py};
    Gil::with(|gil| {
        let case = Case::around(gil, samples, data).unwrap_or_else(|err| {
            panic!(
                "bind-fuzz-kit: a sample of {} does not serialize: {err}",
                std::any::type_name::<T>()
            )
        });
        if let Some(value) = case.check_result(from_py::<T>(&case.value)) {
            let out = to_py(gil, &value).unwrap_or_else(|err| {
                case.fail(&format!("converting the value back raised {err}"))
            });
            let again: T = from_py(&out).unwrap_or_else(|err| {
                case.fail(&format!("the converted value does not read back: {err}"))
            });
            let out_again = to_py(gil, &again)
                .unwrap_or_else(|err| case.fail(&format!("converting it again raised {err}")));
            let before = if case.expect == Expect::Accept {
                &case.value
            } else {
                &out
            };
            match sample::same_output(before, &out_again) {
                Ok(Ok(())) => {}
                Ok(Err(why)) => case.fail(&format!("the round trip is not a fixed point: {why}")),
                Err(err) => case.fail(&format!("comparing the outputs raised {err}")),
            }
        }
        check_clean(gil);
    });
}

/// Samples for [`check_serde`] written as Python expressions (`"{'port': 80}"`), read
/// through bind's serde bridge; panics if one does not evaluate or read.
pub fn samples_from_python<T: serde::de::DeserializeOwned>(expressions: &[&str]) -> Vec<T> {
    Gil::with(|gil| {
        expressions
            .iter()
            .map(|text| {
                gil.eval(text)
                    .and_then(|value| bind::serde_bridge::from_py(&value))
                    .unwrap_or_else(|err| {
                        panic!("bind-fuzz-kit: the sample {text} does not read: {err}")
                    })
            })
            .collect()
    })
}

/// Builds the case of `T` (a failure to build one is a bug of the kit).
fn generate<'py, T: Shaped>(gil: Gil<'py>, data: &[u8], mode: Mode) -> Case<'py> {
    Case::generate(gil, T::SHAPE, data, mode).unwrap_or_else(|err| {
        panic!(
            "bind-fuzz-kit: could not build a value of {}: {err}",
            std::any::type_name::<T>()
        )
    })
}

/// Panics if an exception was left set.
fn check_clean(gil: Gil<'_>) {
    if let Some(err) = PyErr::take(gil) {
        panic!("bind-fuzz-kit: an exception was left set: {err}");
    }
}

impl<'py> Case<'py> {
    /// Extracts `T` from the value and checks the outcome against [`Case::expect`]
    /// ([`Case::check_result`]).
    pub fn check_extract<T>(&self) -> Option<T>
    where
        T: for<'a> FromPyObject<'a, 'py>,
    {
        self.check_result(T::extract(&self.value))
    }

    /// Checks an extraction result (however it was obtained) against [`Case::expect`]:
    /// a near-miss must fail with the expected error, a value of the shape must succeed;
    /// any failure must be an ordinary exception. The value on success.
    pub fn check_result<T>(&self, result: PyResult<T>) -> Option<T> {
        match result {
            Ok(value) => {
                if let Expect::Reject(r) = &self.expect {
                    self.fail(&format!(
                        "accepted a near-miss ({}) at '{}'",
                        r.what, r.path
                    ));
                }
                Some(value)
            }
            Err(err) => {
                self.check_error(&err);
                None
            }
        }
    }

    /// Checks a failed extraction: an ordinary exception (never `PanicException` or
    /// `SystemError`), and the expected one with the path for a near-miss.
    pub fn check_error(&self, err: &PyErr) {
        let gil = self.value.gil();
        if err.is_instance_of::<PanicException>(gil) {
            self.fail(&format!("the conversion panicked: {err}"));
        }
        if err.is_instance_of::<PySystemError>(gil) {
            self.fail(&format!("the conversion raised SystemError: {err}"));
        }
        let message = match err.value(gil).str() {
            Ok(text) => text.to_string_lossy().into_owned(),
            Err(e) => self.fail(&format!("the error's str() raised {e}")),
        };
        let r = match &self.expect {
            Expect::Accept => self.fail(&format!("refused a value of the shape: {err}")),
            Expect::Either => return,
            Expect::Reject(r) | Expect::RejectUnlessAccepted(r) => r,
        };
        let expected = format!("({}) at '{}'", r.what, r.path);
        match r.error {
            ErrorKind::Conversion => {
                let conversion = err.is_instance_of::<PyTypeError>(gil)
                    || err.is_instance_of::<PyValueError>(gil)
                    || err.is_instance_of::<PyOverflowError>(gil);
                if !conversion {
                    self.fail(&format!(
                        "a near-miss {expected} raised {err}, not a conversion error"
                    ));
                }
                let codec = err.is_instance_of::<PyUnicodeEncodeError>(gil)
                    || err.is_instance_of::<PyUnicodeDecodeError>(gil);
                let named = if codec {
                    message.contains(&r.path)
                } else {
                    message.starts_with(&r.path)
                };
                if !named {
                    self.fail(&format!(
                        "the error of a near-miss {expected} does not name its path: {err}"
                    ));
                }
            }
            ErrorKind::Raised => {
                let kit_error = py::helpers(gil).kit_error.bind(gil);
                if !err.matches(gil, kit_error) {
                    self.fail(&format!(
                        "a hostile object's exception {expected} did not come through: {err}"
                    ));
                }
            }
            ErrorKind::Recursion => {
                if !err.is_instance_of::<PyRecursionError>(gil) {
                    self.fail(&format!(
                        "a near-miss {expected} raised {err}, not RecursionError"
                    ));
                }
            }
        }
    }

    /// Checks that `output` (the extracted value converted back) is the input read through
    /// the shape (see the crate docs).
    pub fn check_round_trip(&self, output: &Owned<'py, PyAny>) {
        if let Err(mismatch) = compare::same(self.value.gil(), self.shape, &self.value, output) {
            self.fail(&format!("the round trip changed the value {mismatch}"));
        }
    }

    /// Panics with `problem` and the case.
    fn fail(&self, problem: &str) -> ! {
        panic!(
            "bind-fuzz-kit: {problem}\n  input: {}\n  expected: {:?}",
            self.describe(),
            self.expect
        )
    }
}
