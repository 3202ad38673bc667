//! Compile-fail tests of the attribute macros: every misuse is a spanned error saying
//! what to do. One directory per macro under `tests/ui/`, with the expected compiler
//! output in `.stderr` files (`TRYBUILD=overwrite` regenerates them).
//!
//! The compiler's output does not depend on the interpreter, so the harness runs once
//! (`./test` step b: `cargo test --workspace -- --include-ignored`), not again for every
//! interpreter; elsewhere cargo reports it as ignored.

#[test]
#[ignore = "compile-fail tests: run once by ./test step b (cargo test -- --include-ignored)"]
fn ui() {
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
