//! Fuzzes the reader of saved interpreter configurations (`BIND_CONFIG_FILE`): any text
//! must be either rejected with an error or read into a configuration that writes back
//! to text and reads again unchanged; validation must never panic.
#![no_main]

#[path = "../../bind-ffi/build/config.rs"]
#[allow(dead_code)]
mod config;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(cfg) = config::InterpreterConfig::from_text(text) {
        let again = config::InterpreterConfig::from_text(&cfg.to_text())
            .expect("a written configuration reads back");
        assert_eq!(cfg, again);
        let _ = cfg.validate();
        let _ = cfg.cfgs();
    }
});
