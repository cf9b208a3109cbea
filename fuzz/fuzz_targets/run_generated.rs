//! Generated programs (`generate.rs`: an `arbitrary` syntax tree printed as source) compiled and
//! run under a budget: nearly every input reaches the VM, the runtime, the builtins and the
//! format-spec language, where byte-level inputs mostly stop at the parser. Limits as in
//! `run_budget`, and a memory limit. Must never panic, hang or exhaust memory.
#![no_main]

mod generate;

use std::time::Duration;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|program: generate::Program| {
    let source = program.to_source();
    let engine = runner::Engine::new()
        .with_budget(200_000)
        .with_env_access(false)
        .with_max_memory(Some(256 << 20))
        .with_seed(0);
    let script = match engine.compile("generated.tasks", &source) {
        Ok(script) => script,
        Err(error) => {
            let _ = error.render(false);
            return;
        }
    };
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
