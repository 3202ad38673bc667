//! Unit tests of the build script's interpreter configuration (`build/config.rs`): the
//! text round trip, parsing errors and validation.

#[allow(dead_code)]
#[path = "../build/config.rs"]
mod config;

use config::{ConfigError, InterpreterConfig};

/// A valid non-abi3 configuration of CPython 3.`minor`.
fn sample(minor: u8) -> InterpreterConfig {
    InterpreterConfig {
        major: 3,
        minor,
        abi3: None,
        debug: false,
        gil_disabled: false,
        libdir: "/opt/python/lib".into(),
        lib_name: format!("python3.{minor}"),
        ext_suffix: format!(".cpython-3{minor}-x86_64-linux-gnu.so"),
        executable: format!("/opt/python/bin/python3.{minor}"),
    }
}

fn error_of(result: Result<(), ConfigError>) -> String {
    result.expect_err("validation should fail").0
}

#[test]
fn text_round_trip() {
    let mut configs = vec![sample(8), sample(13)];
    configs.push(InterpreterConfig {
        abi3: Some(8),
        ..sample(11)
    });
    configs.push(InterpreterConfig {
        debug: true,
        lib_name: "python3.11d".into(),
        ..sample(11)
    });
    configs.push(InterpreterConfig {
        gil_disabled: true,
        lib_name: "python3.13t".into(),
        ..sample(13)
    });
    configs.push(InterpreterConfig {
        libdir: String::new(),
        ext_suffix: String::new(),
        ..sample(9)
    });
    for cfg in configs {
        let text = cfg.to_text();
        let back = InterpreterConfig::from_text(&text)
            .unwrap_or_else(|e| panic!("cannot read back\n{text}: {e}"));
        assert_eq!(back, cfg, "round trip through\n{text}");
        assert_eq!(back.to_text(), text);
    }
}

#[test]
fn reads_probe_output_with_comments_blank_lines_and_spaces() {
    let text = "# saved by hand\n\nmajor=3\nminor=10\nimplementation=cpython\ndebug=False\n\
                gil_disabled=False\n libdir = /usr/lib \nlib_name=python3.10\n\
                ext_suffix=.cpython-310-x86_64-linux-gnu.so\nexecutable=/usr/bin/python3.10\n";
    let cfg = InterpreterConfig::from_text(text).expect("valid probe output");
    assert_eq!((cfg.major, cfg.minor, cfg.abi3), (3, 10, None));
    assert_eq!(cfg.libdir, "/usr/lib");
    assert!(cfg.validate().is_ok());
}

#[test]
fn rejects_unknown_key() {
    let text = format!("{}colour=blue\n", sample(12).to_text());
    let err = InterpreterConfig::from_text(&text).expect_err("unknown key accepted");
    assert!(err.0.contains("unknown key `colour`"), "{err}");
    assert!(
        err.0.starts_with("line 11:"),
        "the message should give the line: {err}"
    );
}

#[test]
fn rejects_malformed_input() {
    for (text, needle) in [
        ("major=3\nminor\n", "expected `key=value`"),
        ("major=3\nminor=x\n", "`minor` must be a small integer"),
        (
            "major=3\nminor=9\ndebug=maybe\n",
            "`debug` must be true or false",
        ),
        ("minor=9\n", "missing `major`"),
        ("major=3\n", "missing `minor`"),
        ("major=3\nminor=10\nimplementation=pypy\n", "CPython only"),
    ] {
        let err = InterpreterConfig::from_text(text).expect_err(text);
        assert!(
            err.0.contains(needle),
            "for {text:?}: `{err}` lacks `{needle}`"
        );
    }
}

#[test]
fn rejects_python_3_7() {
    let err = error_of(sample(7).validate());
    assert!(err.contains("needs CPython 3.8 or newer"), "{err}");
    assert!(
        err.contains("Python 3.7 at `/opt/python/bin/python3.7`"),
        "{err}"
    );
    assert!(
        err.contains("BIND_PYTHON"),
        "the message should say what to change: {err}"
    );
    let err = error_of(
        InterpreterConfig {
            major: 2,
            ..sample(8)
        }
        .validate(),
    );
    assert!(err.contains("3.8 or newer"), "{err}");
}

#[test]
fn rejects_abi3_newer_than_interpreter() {
    let err = error_of(
        InterpreterConfig {
            abi3: Some(11),
            ..sample(9)
        }
        .validate(),
    );
    assert!(err.contains("minimum 3.11"), "{err}");
    assert!(err.contains("Python 3.9"), "{err}");
    assert!(err.contains("older"), "{err}");
    // Equal is fine.
    assert!(InterpreterConfig {
        abi3: Some(9),
        ..sample(9)
    }
    .validate()
    .is_ok());
}

#[test]
fn rejects_other_unsupported_combinations() {
    let err = error_of(
        InterpreterConfig {
            abi3: Some(7),
            ..sample(11)
        }
        .validate(),
    );
    assert!(err.contains("outside"), "{err}");
    let err = error_of(
        InterpreterConfig {
            abi3: Some(8),
            gil_disabled: true,
            ..sample(13)
        }
        .validate(),
    );
    assert!(err.contains("free-threaded"), "{err}");
    let err = error_of(sample(14).validate());
    assert!(err.contains("up to 3.13"), "{err}");
    // A newer interpreter is accepted for the stable ABI.
    assert!(InterpreterConfig {
        abi3: Some(8),
        ..sample(14)
    }
    .validate()
    .is_ok());
}

#[test]
fn cfgs_follow_the_target_version() {
    assert_eq!(sample(8).cfgs(), Vec::<String>::new());
    assert_eq!(sample(11).cfgs(), ["Py_3_9", "Py_3_10", "Py_3_11"]);
    let abi3 = InterpreterConfig {
        abi3: Some(9),
        ..sample(12)
    };
    assert_eq!(abi3.target_minor(), 9);
    assert_eq!(abi3.cfgs(), ["Py_3_9", "Py_LIMITED_API"]);
    let ft = InterpreterConfig {
        gil_disabled: true,
        debug: true,
        ..sample(13)
    };
    assert_eq!(
        ft.cfgs(),
        [
            "Py_3_9",
            "Py_3_10",
            "Py_3_11",
            "Py_3_12",
            "Py_3_13",
            "py_debug",
            "Py_GIL_DISABLED"
        ]
    );
    // Interpreters newer than bind knows only enable the known cfgs.
    let newer = InterpreterConfig {
        abi3: Some(13),
        ..sample(14)
    };
    assert!(newer
        .cfgs()
        .iter()
        .all(|c| InterpreterConfig::all_cfg_names().contains(c)));
}
