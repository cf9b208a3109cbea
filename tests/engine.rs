//! The embedding API as a host uses it: compile, start, drive the session as a future,
//! and read the outcome.

use std::time::Instant;

use runner::{Engine, MIN_PARK, SharedBuffer};

/// Runs `script` to the end on `futures_lite`'s executor (not the CLI's), returning the
/// result, how often the loop parked, what it printed and how long it took.
fn run(
    engine: &Engine,
    script: &str,
) -> (
    Result<runner::Value, runner::Error>,
    u64,
    String,
    std::time::Duration,
) {
    let script = engine
        .compile("host.tasks", script)
        .expect("the script compiles");
    let out = SharedBuffer::default();
    let mut session = engine.session(&script);
    session.set_output(out.clone());
    session.on_report(|_| {});
    let started = Instant::now();
    let result = futures_lite::future::block_on(session.run());
    (result, session.parks(), out.text(), started.elapsed())
}

/// 2,000 sleeps spread over 20 ms have 2,000 distinct deadlines, microseconds apart.
/// Waking the loop for each one kept a CPU busy for the whole wait; the loop waits at least
/// `MIN_PARK` each time instead, so it can park at most once per `MIN_PARK` of the run.
#[test]
fn timers_microseconds_apart_wake_the_loop_in_batches() {
    let script = "\
task sleeper(ms) {
    await sleep(ms / 1000)
    return ms
}
let tasks = []
for i in range(2000) {
    tasks.append(spawn sleeper(randint(0, 20)))
}
let slept = await gather(*tasks)
print(len(slept), max(slept))
";
    let (result, parks, printed, took) = run(&Engine::new().with_seed(7), script);
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(printed, "2000 20\n");
    let most = (took.as_micros() / MIN_PARK.as_micros()) as u64 + 1;
    assert!(
        parks >= 1 && parks <= most,
        "{} parks in {took:?}; at most {most} expected",
        parks
    );
}
