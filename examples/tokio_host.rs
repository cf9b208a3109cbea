//! runner inside a tokio program: a session is a future that a `LocalSet` drives, beside a
//! tokio task that keeps ticking while the script runs a loop that never awaits (the
//! session gives the thread back every slice), and the script prints what `runner FILE`
//! prints.
//!
//! ```sh
//! cargo run --example tokio_host [FILE]
//! ```

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use runner::Engine;

const SCRIPT: &str = r#"
task count_to(n) {
    let total = 0
    for i in range(n) { total += i }      # no await: it would hold asyncio's thread
    return total
}
task ticker(name) {
    for i in range(3) {
        print(name, "tick", i)
        await sleep(0.01)
    }
}
let t = spawn ticker("script")
print("sum:", await count_to(3000000))
await t
"#;

fn main() {
    let file = std::env::args().nth(1);
    let text = match &file {
        Some(path) => std::fs::read_to_string(path).expect("the script is readable"),
        None => SCRIPT.to_owned(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a tokio runtime");
    let local = tokio::task::LocalSet::new();
    let ticks = Rc::new(Cell::new(0u32));
    local.block_on(&runtime, async {
        // A tokio task of the host's own, on the same thread as the script.
        let counter = ticks.clone();
        let ticker = tokio::task::spawn_local(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(2)).await;
                counter.set(counter.get() + 1);
            }
        });
        let engine = Engine::new();
        let script = match engine.compile(file.as_deref().unwrap_or("tokio_host.tasks"), &text) {
            Ok(script) => script,
            Err(error) => {
                eprint!("{}", error.render(false));
                std::process::exit(2);
            }
        };
        let mut session = engine.session(&script);
        let started = Instant::now();
        let result = session.run().await;
        let took = started.elapsed();
        ticker.abort();
        if let Err(error) = result {
            eprint!("{}", error.render(false));
        }
        eprintln!(
            "host: the tokio ticker ticked {} times during the {} ms run",
            ticks.get(),
            took.as_millis()
        );
    });
}
