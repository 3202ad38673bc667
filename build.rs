//! Sets an rpath to libpython on this package's tests and examples when they embed
//! Python (dev builds enable bind-ffi's `embed`), so they run without LD_LIBRARY_PATH.
fn main() {
    println!("cargo:rerun-if-env-changed=DEP_PYTHON_LIBDIR");
    println!("cargo:rerun-if-env-changed=DEP_PYTHON_EMBED");
    let embed = std::env::var("DEP_PYTHON_EMBED").as_deref() == Ok("true");
    match std::env::var("DEP_PYTHON_LIBDIR") {
        Ok(libdir) if embed && !libdir.is_empty() => {
            println!("cargo:rustc-link-arg=-Wl,-rpath,{libdir}");
        }
        _ => {}
    }
}
