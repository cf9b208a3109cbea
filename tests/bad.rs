//! Every mistake in `tests/bad/` gets a clear report: each file runs through the real
//! binary, must end with the exit status its header names and print the key lines it
//! names, and the whole rendered report is a snapshot (`tests/snapshots/`), so a change
//! in wording is seen in review. Adding a case is adding a file; `INSTA_UPDATE=always
//! cargo test --test bad` records new snapshots.
//!
//! Header directives, in comments at the top of a case:
//! `# status: N` (required), `# stderr: text` (any number; each must appear in stderr),
//! `# args: check` (run `runner check FILE` instead of running it).

use std::process::Command;

fn directives<'a>(text: &'a str, key: &str) -> Vec<&'a str> {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .filter_map(|l| {
            l.strip_prefix('#')?
                .trim()
                .strip_prefix(key)?
                .strip_prefix(':')
        })
        .map(str::trim)
        .collect()
}

#[test]
fn every_mistake_gets_a_clear_report() {
    insta::glob!("bad/*.tasks", |path| {
        let text = std::fs::read_to_string(path).expect("the case is readable");
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a file name");
        let status: i32 = directives(&text, "status")
            .first()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{name}: no `# status:` line"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_runner"));
        if directives(&text, "args").contains(&"check") {
            cmd.arg("check");
        }
        let out = cmd
            .arg(name)
            .current_dir(path.parent().unwrap_or(std::path::Path::new(".")))
            .env("NO_COLOR", "1")
            .output()
            .expect("runner runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(status),
            "{name}: exit status\n{stderr}"
        );
        for key in directives(&text, "stderr") {
            assert!(
                stderr.contains(key),
                "{name}: stderr lacks {key:?}\n{stderr}"
            );
        }
        assert!(
            !stderr.contains("panicked"),
            "{name}: runner panicked\n{stderr}"
        );
        insta::assert_snapshot!(stderr);
    });
}
