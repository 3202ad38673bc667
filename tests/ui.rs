//! Compile-fail tests of the attribute macros: every misuse is a spanned error saying
//! what to do. One directory per macro under `tests/ui/`, with the expected compiler
//! output in `.stderr` files (`TRYBUILD=overwrite` regenerates them).
//!
//! The compiler's output does not depend on the interpreter, so the harness runs once
//! (`./test` step b sets `BIND_UI_TESTS=1`), not again for every interpreter.

#[test]
fn ui() {
    if std::env::var("BIND_UI_TESTS").as_deref() != Ok("1") {
        eprintln!("skipped: set BIND_UI_TESTS=1 to run the compile-fail tests");
        return;
    }
    let t = trybuild::TestCases::new();
    for kind in [
        "pytype",
        "methods",
        "function",
        "module",
        "soundness",
        "conversion",
    ] {
        t.compile_fail(format!("tests/ui/{kind}/*.rs"));
    }
}
