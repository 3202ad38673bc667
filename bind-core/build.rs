//! Re-emits bind-ffi's interpreter cfgs (`Py_3_9`…, `Py_LIMITED_API`, …) for this crate,
//! and an rpath to libpython for this crate's tests when they embed Python.
fn main() {
    println!("cargo:rerun-if-env-changed=DEP_PYTHON_CONFIG");
    let names = [
        "Py_3_9",
        "Py_3_10",
        "Py_3_11",
        "Py_3_12",
        "Py_3_13",
        "Py_LIMITED_API",
        "py_debug",
        "Py_GIL_DISABLED",
    ];
    for name in names {
        println!("cargo:rustc-check-cfg=cfg({name})");
    }
    let path = std::env::var("DEP_PYTHON_CONFIG").expect("bind-ffi publishes its configuration");
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(&path).expect("readable bind-ffi configuration");
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
            .unwrap_or("")
            .to_owned()
    };
    let minor: u32 = value("minor").parse().unwrap_or(8);
    let abi3 = value("abi3");
    let target = if abi3.is_empty() || abi3 == "none" {
        minor
    } else {
        abi3.parse().unwrap_or(8)
    };
    for m in 9..=13 {
        if target >= m {
            println!("cargo:rustc-cfg=Py_3_{m}");
        }
    }
    if !(abi3.is_empty() || abi3 == "none") {
        println!("cargo:rustc-cfg=Py_LIMITED_API");
    }
    if value("debug") == "true" {
        println!("cargo:rustc-cfg=py_debug");
    }
    if value("gil_disabled") == "true" {
        println!("cargo:rustc-cfg=Py_GIL_DISABLED");
    }
    // Binaries of this package that embed Python (its unit tests) find libpython
    // without LD_LIBRARY_PATH.
    let libdir = value("libdir");
    if std::env::var("DEP_PYTHON_EMBED").as_deref() == Ok("true") && !libdir.is_empty() {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{libdir}");
    }
}
