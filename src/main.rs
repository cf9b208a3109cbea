//! The `runner` binary: the command line over the library's `Engine`.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
