//! Every runnable example in the docs runs: each ```tasks block of README.md and
//! docs/language.md is run by the real binary and must succeed. A ```tasks,no_run block
//! (one that needs the internet) must pass `runner check`.

use std::path::Path;
use std::process::Command;

fn blocks(doc: &str) -> Vec<(usize, bool, String)> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc))
        .expect("the doc exists");
    let mut blocks = Vec::new();
    let mut current: Option<(usize, bool, String)> = None;
    for (i, line) in text.lines().enumerate() {
        match (&mut current, line.trim_start()) {
            (None, "```tasks") => current = Some((i + 1, true, String::new())),
            (None, "```tasks,no_run") => current = Some((i + 1, false, String::new())),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some((_, _, body)), _) => {
                body.push_str(line);
                body.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

fn run_blocks(doc: &str) {
    let blocks = blocks(doc);
    assert!(!blocks.is_empty(), "{doc} has no ```tasks examples");
    for (line, runs, body) in blocks {
        let dir = std::env::temp_dir().join(format!("runner-docs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(format!("{}-{line}.tasks", doc.replace('/', "-")));
        std::fs::write(&path, &body).expect("write example");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_runner"));
        if !runs {
            cmd.arg("check");
        }
        let out = cmd
            .arg(&path)
            .env("NO_COLOR", "1")
            .output()
            .expect("runner runs");
        assert!(
            out.status.success(),
            "the example at {doc}:{line} fails:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "the example at {doc}:{line} warns:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn readme_examples_run() {
    run_blocks("README.md");
}

#[test]
fn language_reference_examples_run() {
    run_blocks("docs/language.md");
}
