//! The interpreter configuration a build targets: one plain struct, written to and read
//! from a `key=value` text file so that any build can be reproduced from that file
//! (`BIND_CONFIG_FILE=path`).
//!
//! This file is shared by the build script and the fuzz target; it depends on std only.

use std::fmt::Write as _;

/// Oldest CPython minor version (3.x) bind supports.
pub const MIN_MINOR: u8 = 8;
/// Newest CPython minor version (3.x) bind has been checked against.
pub const MAX_MINOR: u8 = 13;

/// Everything the build needs to know about the target interpreter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterpreterConfig {
    /// Major version of the interpreter found (3).
    pub major: u8,
    /// Minor version of the interpreter found.
    pub minor: u8,
    /// `Some(minor)` when building for the stable ABI with `3.minor` as the minimum.
    pub abi3: Option<u8>,
    /// The interpreter was built with `Py_DEBUG` (so `Py_REF_DEBUG`).
    pub debug: bool,
    /// The interpreter is a free-threaded build (`Py_GIL_DISABLED`).
    pub gil_disabled: bool,
    /// Directory holding the shared libpython.
    pub libdir: String,
    /// Name of the library to link, without `lib` and suffix (`python3.11`, `python3.11d`).
    pub lib_name: String,
    /// Filename suffix of extension modules (`.cpython-311-x86_64-linux-gnu.so`).
    pub ext_suffix: String,
    /// Path of the interpreter the configuration was read from.
    pub executable: String,
}

/// A configuration text that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The Python snippet that prints an interpreter's configuration in the text format.
pub const PROBE_SCRIPT: &str = r#"
import sys, sysconfig
v = sysconfig.get_config_var
print("major=%d" % sys.version_info[0])
print("minor=%d" % sys.version_info[1])
print("implementation=%s" % sys.implementation.name)
print("debug=%s" % bool(v("Py_DEBUG")))
print("gil_disabled=%s" % bool(v("Py_GIL_DISABLED")))
print("libdir=%s" % (v("LIBDIR") or ""))
print("lib_name=python%s" % (v("LDVERSION") or "%d.%d" % sys.version_info[:2]))
print("ext_suffix=%s" % (v("EXT_SUFFIX") or ""))
print("executable=%s" % sys.executable)
"#;

fn parse_bool(key: &str, value: &str) -> Result<bool, ConfigError> {
    match value {
        "True" | "true" | "1" => Ok(true),
        "False" | "false" | "0" => Ok(false),
        _ => Err(ConfigError(format!(
            "`{key}` must be true or false, found `{value}`"
        ))),
    }
}

fn parse_u8(key: &str, value: &str) -> Result<u8, ConfigError> {
    value
        .parse()
        .map_err(|_| ConfigError(format!("`{key}` must be a small integer, found `{value}`")))
}

impl InterpreterConfig {
    /// Reads the `key=value` text produced by [`PROBE_SCRIPT`] or [`Self::to_text`].
    pub fn from_text(text: &str) -> Result<Self, ConfigError> {
        let mut major = None;
        let mut minor = None;
        let mut cfg = InterpreterConfig {
            major: 0,
            minor: 0,
            abi3: None,
            debug: false,
            gil_disabled: false,
            libdir: String::new(),
            lib_name: String::new(),
            ext_suffix: String::new(),
            executable: String::new(),
        };
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(ConfigError(format!(
                    "line {}: expected `key=value`, found `{line}`",
                    number + 1
                )));
            };
            let (key, value) = (key.trim(), value.trim());
            match key {
                "major" => major = Some(parse_u8(key, value)?),
                "minor" => minor = Some(parse_u8(key, value)?),
                "implementation" if value != "cpython" => {
                    return Err(ConfigError(format!(
                        "bind supports CPython only, found the `{value}` implementation"
                    )))
                }
                "implementation" => {}
                "abi3" if value.is_empty() || value == "none" => cfg.abi3 = None,
                "abi3" => cfg.abi3 = Some(parse_u8(key, value)?),
                "debug" => cfg.debug = parse_bool(key, value)?,
                "gil_disabled" => cfg.gil_disabled = parse_bool(key, value)?,
                "libdir" => cfg.libdir = value.to_owned(),
                "lib_name" => cfg.lib_name = value.to_owned(),
                "ext_suffix" => cfg.ext_suffix = value.to_owned(),
                "executable" => cfg.executable = value.to_owned(),
                _ => {
                    return Err(ConfigError(format!(
                        "line {}: unknown key `{key}`",
                        number + 1
                    )))
                }
            }
        }
        cfg.major = major.ok_or_else(|| ConfigError("missing `major`".into()))?;
        cfg.minor = minor.ok_or_else(|| ConfigError("missing `minor`".into()))?;
        Ok(cfg)
    }

    /// Writes the configuration in the format [`Self::from_text`] reads.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "major={}", self.major);
        let _ = writeln!(out, "minor={}", self.minor);
        let _ = writeln!(out, "implementation=cpython");
        match self.abi3 {
            Some(min) => {
                let _ = writeln!(out, "abi3={min}");
            }
            None => {
                let _ = writeln!(out, "abi3=none");
            }
        }
        let _ = writeln!(out, "debug={}", self.debug);
        let _ = writeln!(out, "gil_disabled={}", self.gil_disabled);
        let _ = writeln!(out, "libdir={}", self.libdir);
        let _ = writeln!(out, "lib_name={}", self.lib_name);
        let _ = writeln!(out, "ext_suffix={}", self.ext_suffix);
        let _ = writeln!(out, "executable={}", self.executable);
        out
    }

    /// Checks that bind can target this interpreter; the message says what was found and
    /// what to change.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let found = format!(
            "Python {}.{} at `{}`",
            self.major, self.minor, self.executable
        );
        if self.major != 3 || self.minor < MIN_MINOR {
            return Err(ConfigError(format!(
                "bind needs CPython 3.{MIN_MINOR} or newer, but found {found}; \
                 set BIND_PYTHON to a supported interpreter"
            )));
        }
        if self.minor > MAX_MINOR && self.abi3.is_none() {
            return Err(ConfigError(format!(
                "bind supports CPython up to 3.{MAX_MINOR}, but found {found}; set BIND_PYTHON \
                 to an older interpreter or build for the stable ABI (feature `abi3-py38`)"
            )));
        }
        if let Some(min) = self.abi3 {
            if !(MIN_MINOR..=MAX_MINOR).contains(&min) {
                return Err(ConfigError(format!(
                    "abi3 minimum 3.{min} is outside 3.{MIN_MINOR}..=3.{MAX_MINOR}"
                )));
            }
            if min > self.minor {
                return Err(ConfigError(format!(
                    "building for abi3 with minimum 3.{min}, but found {found}, which is older"
                )));
            }
            if self.gil_disabled {
                return Err(ConfigError(format!(
                    "free-threaded CPython has no stable ABI: {found}; drop the abi3 feature"
                )));
            }
        }
        Ok(())
    }

    /// The lowest minor version the compiled code may assume at run time.
    pub fn target_minor(&self) -> u8 {
        self.abi3.unwrap_or(self.minor)
    }

    /// The `--cfg` names this configuration turns on (`Py_3_9`, `Py_LIMITED_API`, …).
    pub fn cfgs(&self) -> Vec<String> {
        let mut cfgs: Vec<String> = (9..=self.target_minor().min(MAX_MINOR))
            .map(|minor| format!("Py_3_{minor}"))
            .collect();
        if self.abi3.is_some() {
            cfgs.push("Py_LIMITED_API".into());
        }
        if self.debug {
            cfgs.push("py_debug".into());
        }
        if self.gil_disabled {
            cfgs.push("Py_GIL_DISABLED".into());
        }
        cfgs
    }

    /// Every cfg name the build may emit, for `cargo:rustc-check-cfg`.
    pub fn all_cfg_names() -> Vec<String> {
        let mut names: Vec<String> = (9..=MAX_MINOR).map(|m| format!("Py_3_{m}")).collect();
        names.extend(["Py_LIMITED_API", "py_debug", "Py_GIL_DISABLED"].map(String::from));
        names
    }
}
