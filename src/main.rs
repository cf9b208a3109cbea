//! The `runner` binary: the command line over the library's `Engine`.

mod cli;

/// Counts what each thread allocates, so `--max-memory` counts every byte a script uses.
#[global_allocator]
static ALLOC: runner::CountingAllocator = runner::CountingAllocator;

fn main() {
    std::process::exit(cli::main());
}
