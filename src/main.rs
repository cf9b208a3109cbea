//! The `runner` binary: the command line over the library's `Engine`.

mod cli;
mod repl;

/// Counts what each thread allocates, so `--max-memory` counts every byte a script uses.
#[global_allocator]
static ALLOC: runner::CountingAllocator = runner::CountingAllocator;

fn main() {
    let code = cli::main();
    // The session killed its children as it closed; this is for any it could not free.
    runner::kill_child_processes();
    std::process::exit(code);
}
