//! Runs an untrusted script with every capability denied and every limit set, and
//! survives whatever it does: an infinite loop, a loop that swallows cancellation, memory
//! that doubles forever, deep recursion, a million spawns, a network request, a chain of
//! tasks spawning each other. Prints the script's output, then, as its last line, `ok` or
//! the error's kind and message; exits 0 whenever the host survived.
//!
//! ```sh
//! cargo run --release --example sandbox -- FILE
//! ```

use std::time::{Duration, Instant};

use runner::Engine;

/// Counts every byte, so the memory limit sees all the script allocates.
#[global_allocator]
static ALLOC: runner::CountingAllocator = runner::CountingAllocator;

/// The wall-clock limit of the script.
const TIME_LIMIT: Duration = Duration::from_secs(5);

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: sandbox FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("sandbox: cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let engine = Engine::new()
        .with_network(false)
        .with_env(false)
        .with_files(false)
        .with_processes(false)
        .with_budget(10_000_000)
        .with_max_memory(Some(256 << 20))
        .with_timeout(Some(TIME_LIMIT))
        .with_max_tasks(10_000);
    let started = Instant::now();
    let result = engine.compile(&path, &text).and_then(|script| {
        let mut session = engine.session(&script);
        // Reports go where the script's output goes, in order.
        session.on_report(|report| print!("{}", report.render(false)));
        session.run_blocking().map(drop)?;
        session.close()
    });
    match result {
        Ok(()) => println!("ok"),
        Err(error) => println!("{:?}: {}", error.kind(), error.message()),
    }
    let took = started.elapsed();
    if took > TIME_LIMIT + Duration::from_millis(500) {
        eprintln!("sandbox: the script ran {took:?}, past its limit");
        std::process::exit(1);
    }
}
