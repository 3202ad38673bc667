//! Soundness of the conversions against Python code that runs in the middle of them.
//!
//! Anything that allocates a tracked object (an exception, a tuple) can start a
//! collection, and a collection runs `gc.callbacks`, `__del__` and weakref callbacks:
//! arbitrary Python code that may clear the very list being converted. Each case runs in
//! a child process under CPython's debug allocator (`PYTHONMALLOC=debug`: freed memory is
//! overwritten at once), so a read of a freed item shows as a crash of the child.
//!
//! On 3.12+ a collection waits for the next bytecode boundary instead of running inside
//! the allocation, so the collection cases there check the outcome only.
use bind::exceptions::*;
use bind::prelude::*;
use bind::types::{PyDict, PyList};
use std::process::Command;

/// Marks the child process that runs a case's body.
const CHILD_VAR: &str = "BIND_SOUNDNESS_CHILD";

/// Runs `body` in a child process (this test binary, only the test `name`) under the debug
/// allocator, and requires the child to pass.
fn in_child_with_debug_allocator(name: &str, body: impl FnOnce()) {
    if std::env::var_os(CHILD_VAR).is_some() {
        body();
        return;
    }
    let out = Command::new(std::env::current_exe().expect("the test binary"))
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_VAR, "1")
        .env("PYTHONMALLOC", "debug")
        .output()
        .expect("the test binary runs");
    assert!(
        out.status.success(),
        "{name} failed in its child process ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("1 passed"),
        "{name} did not run in its child process:\n{stdout}"
    );
}

/// A list holding the only reference to an int beyond 64 bits, and a `gc.callbacks`
/// entry that empties the list on the next collection once `armed[0]` is true; every
/// allocation of a tracked object starts a collection.
const LIST_CLEARED_BY_COLLECTION: &str = r#"
import gc
victim = [int("1" * 30)]
armed = [False]
def clear_victim(phase, info):
    if armed[0]:
        victim.clear()
gc.callbacks.append(clear_victim)
gc.set_threshold(1)
"#;

/// Undoes `LIST_CLEARED_BY_COLLECTION`'s hooks.
const RESTORE_COLLECTION: &str = r#"
import gc
gc.callbacks.remove(clear_victim)
gc.set_threshold(700, 10, 10)
"#;

/// Hole: the list fast path read an out-of-range int without owning it, then built an
/// `OverflowError` (a collection ran, the callback freed the int) and compared the freed
/// int with 0 to word the message.
#[test]
fn list_item_freed_by_collection_during_overflow() {
    in_child_with_debug_allocator("list_item_freed_by_collection_during_overflow", || {
        Gil::with(|gil| {
            let globals = PyDict::new(gil);
            gil.run(LIST_CLEARED_BY_COLLECTION, Some(&globals), None)
                .unwrap();
            let victim = globals.get_item("victim").unwrap().unwrap();
            let armed = globals.get_item("armed").unwrap().unwrap();
            let armed = armed.downcast::<PyList>().unwrap();
            for (attempt, extract) in [
                (|v: &Owned<'_, PyAny>| v.extract::<Vec<i64>>().map(drop)) as fn(&_) -> _,
                |v| v.extract::<Vec<i32>>().map(drop),
                |v| v.extract::<Vec<u64>>().map(drop),
                |v| v.extract::<Vec<u8>>().map(drop),
                |v| v.extract::<Vec<Option<i16>>>().map(drop),
            ]
            .into_iter()
            .enumerate()
            {
                let list = victim.downcast::<PyList>().unwrap();
                if list.is_empty() {
                    list.append(gil.eval("int('1' * 30)").unwrap()).unwrap();
                }
                armed.set_item(0, true).unwrap();
                let err = extract(&victim).unwrap_err();
                armed.set_item(0, false).unwrap();
                assert!(
                    err.is_instance_of::<PyOverflowError>(gil),
                    "case {attempt}: {err}"
                );
                assert!(
                    err.to_string().contains("[0]: Python int too large"),
                    "case {attempt}: {err}"
                );
            }
            gil.run(RESTORE_COLLECTION, Some(&globals), None).unwrap();
        });
    });
}

/// A user's conversion that empties the list it is an item of, then reads its own
/// object: the container must hand it an owned item (a user impl cannot claim the
/// no-reference fast path; see the compile-fail case `tests/ui/conversion/`).
struct ClearsItsList(i64);

impl<'a, 'py> FromPyObject<'a, 'py> for ClearsItsList {
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        let main = obj.gil().import("__main__")?;
        main.getattr("victim")?.call_method0("clear")?;
        // Reads the object after the list let go of it.
        Ok(ClearsItsList(obj.extract::<i64>()? + obj.extract::<i64>()?))
    }
}

#[test]
fn user_conversion_that_clears_its_list_reads_an_owned_item() {
    in_child_with_debug_allocator(
        "user_conversion_that_clears_its_list_reads_an_owned_item",
        || {
            Gil::with(|gil| {
                let main = gil.import("__main__").unwrap();
                let victim = gil.eval("[int('12345678901'), 7]").unwrap();
                main.setattr("victim", &victim).unwrap();
                let out: Vec<ClearsItsList> = victim.extract().unwrap();
                assert_eq!(out.len(), 1, "the list was emptied after the first item");
                assert_eq!(out[0].0, 2 * 12_345_678_901);
                main.delattr("victim").unwrap();
            });
        },
    );
}
