//! Every runnable example in the docs runs: each ```tasks block of README.md and
//! docs/language.md is run by the real binary and must succeed.

use std::path::Path;
use std::process::Command;

fn blocks(doc: &str) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc))
        .expect("the doc exists");
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        match (&mut current, line.trim_start()) {
            (None, "```tasks") => current = Some((i + 1, String::new())),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some((_, body)), _) => {
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
    for (line, body) in blocks {
        let dir = std::env::temp_dir().join(format!("runner-docs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(format!("{}-{line}.tasks", doc.replace('/', "-")));
        std::fs::write(&path, &body).expect("write example");
        let out = Command::new(env!("CARGO_BIN_EXE_runner"))
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
