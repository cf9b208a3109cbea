//! What `Session::call` costs: a host calling a script's task 10,000 times on one session
//! (the task awaits nothing, so this is the cost of the call itself: argument conversion,
//! a new task, one drive of the loop, the result back), and a plain `fn` the same way.
//!
//! ```sh
//! cargo bench --bench session_call
//! ```
//!
//! Prints ns per call, the median of five rounds of 10,000 calls (after one warm-up round).

use std::time::Instant;

use runner::Engine;

const CALLS: usize = 10_000;
const ROUNDS: usize = 5;

fn main() {
    let engine = Engine::new();
    let script = engine
        .compile(
            "calls.tasks",
            "let total = 0\ntask add(n) {\n    total += n\n    return total\n}\nfn double(n) { return n * 2 }\n",
        )
        .expect("compiles");
    let mut session = engine.session(&script);
    session.run_blocking().expect("runs");
    for (name, arg) in [("add", 1i64), ("double", 21)] {
        let mut per_call = Vec::new();
        for round in 0..=ROUNDS {
            let started = Instant::now();
            for _ in 0..CALLS {
                session.call_blocking(name, (arg,)).expect("calls");
            }
            if round > 0 {
                per_call.push(started.elapsed().as_nanos() as f64 / CALLS as f64);
            }
        }
        per_call.sort_by(|a, b| a.total_cmp(b));
        println!(
            "session.call(\"{name}\", ...) x {CALLS}: {:.0} ns per call (median of {ROUNDS} rounds)",
            per_call[ROUNDS / 2]
        );
    }
    let total: i64 = session.get("total").expect("total");
    assert_eq!(total, ((ROUNDS + 1) * CALLS) as i64);
}
