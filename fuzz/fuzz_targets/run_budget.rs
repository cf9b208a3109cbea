//! Arbitrary bytes compiled and, if they compile, run with an instruction budget, no
//! access to the environment, and half a second of wall-clock time (a script may
//! `await sleep(1000)`; a run the timer beats is simply dropped, which exercises
//! dropping a live run too). Every report is rendered. Must never panic, hang or
//! exhaust memory.
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A fixed seed: random() and randint() would otherwise draw from the OS, and the same
    // input could take a different path on a rerun.
    let engine = runner::Engine::new()
        .with_budget(200_000)
        .with_env_access(false)
        .with_seed(0);
    let script = match engine.compile_bytes("fuzz.tasks", data) {
        Ok(script) => script,
        Err(error) => {
            let _ = error.render(false);
            return;
        }
    };
    for report in script.warnings() {
        let _ = report.render(false);
    }
    let out = runner::SharedBuffer::default();
    let mut session = engine.session(&script);
    session.set_output(out.clone());
    session.on_report(|report: runner::Report| {
        let _ = report.render(false);
    });
    let outcome = async_io::block_on(futures_lite::future::or(
        async { Some(session.run().await) },
        async {
            async_io::Timer::after(Duration::from_millis(500)).await;
            None
        },
    ));
    if let Some(Err(error)) = outcome {
        let _ = error.render(false);
    }
    let _ = out.text();
});
