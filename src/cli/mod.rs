//! The command line: `runner FILE [ARGS...]`, `runner -`, `runner check FILE`, and
//! `runner repl` (or no file on a terminal), which hands over to `crate::repl`.
//!
//! **Invariant:** only the CLI (and the REPL) touch the terminal: stdin, stdout, stderr,
//! signals and exit codes.

use std::ffi::OsString;
use std::io::{BufWriter, IsTerminal, LineWriter, Read, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use runner::{Engine, Error, ErrorKind, Report};

/// Exit status for usage errors and scripts that do not parse or compile.
const EXIT_USAGE: i32 = 2;

/// Exit status for a run that an exception, a deadlock or a lost exception failed.
const EXIT_FAILED: i32 = 1;

/// Exit status for a run stopped by Ctrl-C.
const EXIT_INTERRUPTED: i32 = 130;

#[derive(Parser)]
#[command(
    name = "runner",
    version,
    about = "Run .tasks scripts with the semantics of Python's asyncio",
    args_conflicts_with_subcommands = true,
    override_usage = "runner [OPTIONS] FILE [ARGS]...\n       runner [OPTIONS] - [ARGS]...\n       runner check FILE\n       runner repl",
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    run: RunArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and compile a script without running it; report every error and lint.
    Check {
        /// The script, or `-` for standard input.
        file: OsString,
    },
    /// Start the interactive REPL.
    Repl,
}

#[derive(clap::Args)]
struct RunArgs {
    /// Seed `random()` and `randint()`: the same numbers as Python's `random.seed(N)`.
    #[arg(long, value_name = "N")]
    seed: Option<u64>,

    /// How deeply calls and awaits may nest in one task before RecursionError.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    max_depth: usize,

    /// The largest response body `fetch` accepts, in bytes; a larger one raises FetchError.
    #[arg(long, value_name = "BYTES", default_value_t = runner::DEFAULT_MAX_BODY)]
    max_body: u64,

    /// The most memory the script may use (bytes, or with a K, M or G suffix); past it the
    /// script gets a MemoryError. Default: 3/4 of the machine's memory, at most half of
    /// `ulimit -v`.
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes)]
    max_memory: Option<usize>,

    /// When to use colour and Unicode in reports.
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    color: ColorWhen,

    /// Print the compiled bytecode instead of running.
    #[arg(long, hide = true)]
    dump: bool,

    /// The script to run (`-` reads it from standard input), then its own arguments:
    /// everything after the script's name is the script's, as with python and node, so
    /// runner's options go before it.
    #[arg(
        value_name = "FILE",
        trailing_var_arg = true,
        allow_hyphen_values = true,
        num_args = 0..
    )]
    script: Vec<OsString>,
}

impl RunArgs {
    /// The script's name, if one was given.
    fn file(&self) -> Option<&OsString> {
        self.script.first()
    }

    /// The script's arguments, as its `args` list. Arguments that are not UTF-8 are
    /// converted lossily (Python keeps them as surrogate escapes; a Rust string cannot).
    fn script_args(&self) -> Vec<String> {
        self.script
            .iter()
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

pub fn main() -> i32 {
    // A panic is a bug in runner, never the script's fault: say so plainly, without a
    // backtrace, and fail the run.
    std::panic::set_hook(Box::new(|info| {
        let _ = std::io::stdout().flush();
        eprintln!(
            "runner: internal error: {info}\nThis is a bug in runner; please report it with the script that caused it."
        );
    }));
    std::panic::catch_unwind(run_cli).unwrap_or(1)
}

fn run_cli() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { 0 };
        }
    };
    let fancy = match cli.run.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    };
    match cli.command {
        Some(Command::Check { file }) => check(&file, fancy),
        Some(Command::Repl) => repl(&cli.run, fancy),
        None => match cli.run.file().cloned() {
            Some(file) => run(&file, &cli.run, fancy),
            None if std::io::stdin().is_terminal() => repl(&cli.run, fancy),
            None => run(&OsString::from("-"), &cli.run, fancy),
        },
    }
}

/// A size in bytes: `1000000`, `512K`, `256M`, `2G` (powers of 1024; `KiB`, `MB` and the
/// like are read the same way).
fn parse_bytes(text: &str) -> Result<usize, String> {
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = &text[digits.len()..];
    let scale: usize = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        _ => return Err(format!("unknown unit '{unit}': use K, M or G")),
    };
    let n: usize = digits
        .parse()
        .map_err(|_| format!("'{text}' is not a size in bytes (like 512M)"))?;
    n.checked_mul(scale)
        .ok_or_else(|| format!("'{text}' is too large"))
}

/// Reads a script's bytes; `-` is standard input. A file is opened by its raw name,
/// which need not be UTF-8. Reading stops past `MAX_SCRIPT_BYTES`, so `/dev/zero` or an
/// endless pipe is refused instead of filling memory.
fn read_script(file: &OsString) -> Result<(String, Vec<u8>), String> {
    let limit = runner::MAX_SCRIPT_BYTES;
    let too_large = |what: &str| {
        format!(
            "{what} is larger than the {} MiB a script may be",
            limit >> 20
        )
    };
    if file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read the script from standard input: {e}"))?;
        if bytes.len() > limit {
            return Err(too_large("the script on standard input"));
        }
        return Ok(("<stdin>".to_owned(), bytes));
    }
    let shown = file.to_string_lossy().into_owned();
    let path = PathBuf::from(file);
    if path.is_dir() {
        return Err(format!("{shown} is a directory, not a script"));
    }
    let open = std::fs::File::open(&path)
        .map_err(|e| format!("cannot read {shown}: {}", describe_io(&e)))?;
    let mut bytes = Vec::new();
    open.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {shown}: {}", describe_io(&e)))?;
    if bytes.len() > limit {
        return Err(too_large(&shown));
    }
    Ok((shown, bytes))
}

/// An I/O error in words, without Rust's " (os error 28)" suffix.
fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = e.to_string();
            match text.rfind(" (os error ") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        }
    }
}

fn print_reports(reports: &[Report], fancy: bool) {
    let mut stderr = std::io::stderr().lock();
    for report in reports {
        let _ = write!(stderr, "{}", report.render(fancy));
    }
}

fn check(file: &OsString, fancy: bool) -> i32 {
    let (name, bytes) = match read_script(file) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("runner: {message}");
            return EXIT_USAGE;
        }
    };
    match Engine::new().compile_bytes(&name, &bytes) {
        Ok(script) => {
            print_reports(script.warnings(), fancy);
            0
        }
        Err(error) => {
            print_reports(error.reports(), fancy);
            let n = error.reports().len();
            eprintln!(
                "runner: {n} error{} in {name}",
                if n == 1 { "" } else { "s" }
            );
            EXIT_USAGE
        }
    }
}

/// The engine a run or the REPL uses, from the command line's options.
fn engine(args: &RunArgs) -> Engine {
    let mut engine = Engine::new()
        .with_args(args.script_args())
        .with_max_depth(args.max_depth)
        .with_max_body(args.max_body);
    if let Some(seed) = args.seed {
        engine = engine.with_seed(seed);
    }
    if let Some(bytes) = args.max_memory {
        engine = engine.with_max_memory(Some(bytes));
    }
    engine
}

/// `runner repl`, or `runner` on a terminal: prompts and editing when stdin is one.
fn repl(args: &RunArgs, fancy: bool) -> i32 {
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    // On a terminal the REPL colours its own input too; `fancy` follows stderr.
    crate::repl::main(engine(args), terminal, fancy)
}

fn run(file: &OsString, args: &RunArgs, fancy: bool) -> i32 {
    let (name, bytes) = match read_script(file) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("runner: {message}");
            return EXIT_USAGE;
        }
    };
    let engine = engine(args).with_skip_teardown(true);
    let script = match engine.compile_bytes(&name, &bytes) {
        Ok(script) => script,
        Err(error) => {
            print_reports(error.reports(), fancy);
            return EXIT_USAGE;
        }
    };
    if args.dump {
        print!("{}", script.disassemble());
        return 0;
    }
    print_reports(script.warnings(), fancy);

    let stdout: Box<dyn Write> = if std::io::stdout().is_terminal() {
        Box::new(LineWriter::new(std::io::stdout()))
    } else {
        Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout()))
    };
    let mut session = engine.session(&script);
    session.set_output(stdout);
    let handle = session.interrupt_handle();
    // The first Ctrl-C cancels every task, once, and lets their cleanup run to its end.
    // A second one stops the script at once: no more of its code runs, but what it
    // printed is still flushed. Should the run not end within a second (a builtin deep
    // in work that cannot be cut short), or at a third Ctrl-C, the process exits.
    let _ = ctrlc::set_handler(move || {
        // Exiting skips destructors: the children go first (`rt::process`'s invariant).
        if handle.is_terminated() {
            runner::kill_child_processes();
            std::process::exit(EXIT_INTERRUPTED);
        }
        if handle.is_interrupted() {
            handle.terminate();
            std::thread::sleep(std::time::Duration::from_secs(1));
            runner::kill_child_processes();
            std::process::exit(EXIT_INTERRUPTED);
        }
        handle.interrupt();
    });
    session.on_report(move |report: Report| {
        let _ = write!(std::io::stderr().lock(), "{}", report.render(fancy));
    });
    // The main body's value is dropped before the session closes: a task it holds must
    // report itself to the session's sink if it is freed with an exception.
    let result = session.run_blocking().map(drop);
    // Freeing what is left reports what it finds (a failed task a global kept), before
    // the run's own error, as Python's interpreter does at exit.
    let closed = session.close();
    let status = match &result {
        Ok(_) => 0,
        Err(error) => exit_status(error, fancy),
    };
    match closed {
        Err(error) if status == 0 || error.kind() == ErrorKind::Output => {
            exit_status(&error, fancy).max(status)
        }
        _ => status,
    }
}

/// The exit status a run's error gives, after printing what it has to say.
fn exit_status(error: &Error, fancy: bool) -> i32 {
    match error.kind() {
        ErrorKind::Interrupted | ErrorKind::Terminated => EXIT_INTERRUPTED,
        // Reported as they happened.
        ErrorKind::NeverRetrieved => EXIT_FAILED,
        ErrorKind::Output => {
            eprintln!("runner: cannot write to stdout: {}", error.message());
            EXIT_FAILED
        }
        _ => {
            let _ = write!(std::io::stderr().lock(), "{}", error.render(fancy));
            EXIT_FAILED
        }
    }
}
