//! Arbitrary bytes through the whole front end: UTF-8 check, layout, parse, lower,
//! compile, lint, and the rendering of every error and warning. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let engine = runner::Engine::new();
    match engine.compile_bytes("fuzz.tasks", data) {
        Ok(script) => {
            for report in script.warnings() {
                let _ = report.render(false);
            }
        }
        Err(error) => {
            let _ = error.render(false);
        }
    }
});
