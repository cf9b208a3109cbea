//! Prints the programs `run_generated` builds: `gen_sample FILE...` prints the script each
//! input file (a fuzzer artifact) stands for, so a crash becomes a `.tasks` regression;
//! `gen_sample --stats N` builds N programs from pseudo-random bytes and says how many
//! compile, which is what makes the generator worth running.

mod generate;

use arbitrary::{Arbitrary, Unstructured};

fn program(bytes: &[u8]) -> Option<String> {
    generate::Program::arbitrary_take_rest(Unstructured::new(bytes))
        .ok()
        .map(|p| p.to_source())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--stats") {
        let n: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(1000);
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let (mut built, mut compiled) = (0, 0);
        let mut failures = std::collections::BTreeMap::<String, usize>::new();
        for _ in 0..n {
            let bytes: Vec<u8> = (0..4096)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 32) as u8
                })
                .collect();
            let Some(source) = program(&bytes) else {
                continue;
            };
            built += 1;
            match runner::Engine::new().compile("generated.tasks", &source) {
                Ok(_) => compiled += 1,
                Err(error) => {
                    for r in error.reports() {
                        *failures.entry(r.code().unwrap_or_default()).or_default() += 1;
                    }
                    if std::env::var_os("SHOW").is_some() {
                        eprintln!("----\n{source}");
                    }
                }
            }
        }
        println!("{built} programs built, {compiled} compiled");
        for (code, count) in failures {
            println!("  {count:6} {code}");
        }
        return;
    }
    for path in args {
        match std::fs::read(&path).ok().and_then(|b| program(&b)) {
            Some(source) => print!("# from {path}\n{source}"),
            None => eprintln!("{path}: not a program"),
        }
    }
}
