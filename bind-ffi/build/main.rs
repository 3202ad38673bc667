//! Build script of bind-ffi: finds the target interpreter, validates it, and emits the
//! cfgs (`Py_3_9`…, `Py_LIMITED_API`, `py_debug`, `Py_GIL_DISABLED`) and link flags.
//!
//! Interpreter lookup: `BIND_CONFIG_FILE` (a saved configuration), else `BIND_PYTHON`,
//! else `PYO3_PYTHON` (set by setuptools-rust to the interpreter running the build),
//! else `python3` on `PATH`. `BIND_ABI3=cp38` (or the `abi3-py3X` features) selects a
//! stable-ABI build.

mod config;

use config::InterpreterConfig;
use std::env;
use std::path::PathBuf;
use std::process::Command;

fn fail(message: &str) -> ! {
    eprintln!("error: bind-ffi: {message}");
    std::process::exit(1);
}

fn probe(python: &str) -> InterpreterConfig {
    let output = Command::new(python)
        .arg("-c")
        .arg(config::PROBE_SCRIPT)
        .output()
        .unwrap_or_else(|e| {
            fail(&format!(
                "could not run the Python interpreter `{python}` ({e}); \
                 install CPython 3.8+ or set BIND_PYTHON=/path/to/python3"
            ))
        });
    if !output.status.success() {
        fail(&format!(
            "`{python}` failed to report its configuration: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    InterpreterConfig::from_text(&text)
        .unwrap_or_else(|e| fail(&format!("`{python}` gave an unreadable configuration: {e}")))
}

/// The abi3 minimum from the features (highest enabled) or `BIND_ABI3`.
fn abi3_minimum() -> Option<u8> {
    let from_features = (8..=12u8)
        .rev()
        .find(|m| env::var_os(format!("CARGO_FEATURE_ABI3_PY3{m}")).is_some())
        .or_else(|| env::var_os("CARGO_FEATURE_ABI3").map(|_| 8));
    let from_env = env::var("BIND_ABI3").ok().and_then(|value| {
        let digits = value
            .trim()
            .trim_start_matches("cp")
            .trim_start_matches("py");
        match digits {
            "" | "0" | "no" | "none" => None,
            d => Some(
                d.strip_prefix('3')
                    .and_then(|m| m.parse().ok())
                    .unwrap_or_else(|| {
                        fail(&format!("BIND_ABI3 must look like `cp38`, found `{value}`"))
                    }),
            ),
        }
    });
    from_features.max(from_env)
}

fn main() {
    // Rerun only when what decides the configuration changes: the variables read below
    // and, when the interpreter is looked up on `PATH`, `PATH` itself (an isolated
    // `pip install` changes `PATH` on every run, but sets `PYO3_PYTHON`).
    for var in [
        "BIND_CONFIG_FILE",
        "BIND_PYTHON",
        "PYO3_PYTHON",
        "BIND_ABI3",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    println!("cargo:rerun-if-changed=build/config.rs");
    println!("cargo:rerun-if-changed=build/main.rs");

    let mut cfg = if let Ok(path) = env::var("BIND_CONFIG_FILE") {
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| fail(&format!("cannot read BIND_CONFIG_FILE `{path}`: {e}")));
        InterpreterConfig::from_text(&text)
            .unwrap_or_else(|e| fail(&format!("BIND_CONFIG_FILE `{path}`: {e}")))
    } else {
        let python = env::var("BIND_PYTHON")
            .or_else(|_| env::var("PYO3_PYTHON"))
            .unwrap_or_else(|_| {
                println!("cargo:rerun-if-env-changed=PATH");
                "python3".to_owned()
            });
        probe(&python)
    };
    if let Some(min) = abi3_minimum() {
        cfg.abi3 = Some(cfg.abi3.map_or(min, |saved| saved.max(min)));
    }
    if let Err(e) = cfg.validate() {
        fail(&e.0);
    }

    for name in InterpreterConfig::all_cfg_names() {
        println!("cargo:rustc-check-cfg=cfg({name})");
    }
    for name in cfg.cfgs() {
        println!("cargo:rustc-cfg={name}");
    }

    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let saved = out_dir.join("bind-python-config.txt");
    std::fs::write(&saved, cfg.to_text())
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", saved.display())));

    // Metadata for dependents' build scripts (DEP_PYTHON_*): used to set an rpath on
    // binaries that embed Python.
    println!("cargo:libdir={}", cfg.libdir);
    println!("cargo:config={}", saved.display());
    println!(
        "cargo:embed={}",
        env::var_os("CARGO_FEATURE_EMBED").is_some()
    );

    // Extension modules never link libpython: the interpreter that loads them provides
    // the symbols. Only binaries that embed Python (feature `embed`) link it.
    if env::var_os("CARGO_FEATURE_EMBED").is_some() {
        if cfg.libdir.is_empty() {
            fail("the interpreter reports no LIBDIR, so libpython cannot be linked for `embed`");
        }
        println!("cargo:rustc-link-search=native={}", cfg.libdir);
        println!("cargo:rustc-link-lib={}", cfg.lib_name);
    }
}
