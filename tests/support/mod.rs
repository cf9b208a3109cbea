//! Helpers shared by the integration tests.

#![allow(dead_code)]

pub mod http_server;

use std::path::{Path, PathBuf};

/// A `NAME.tasks` script and its Python twin `NAME.py` beside it.
pub struct Pair {
    pub name: String,
    pub tasks: PathBuf,
    pub python: PathBuf,
}

/// Every `NAME.tasks` in `dir` (relative to the crate's root) with its twin, by name.
pub fn pairs(dir: &str) -> Vec<Pair> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut pairs: Vec<Pair> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tasks"))
        .map(|tasks| Pair {
            name: tasks
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            python: tasks.with_extension("py"),
            tasks,
        })
        .collect();
    pairs.sort_by(|a, b| a.name.cmp(&b.name));
    pairs
}

/// The value of a `# key: value` directive among a script's leading comment lines.
pub fn directive(text: &str, key: &str) -> Option<String> {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| {
            l.strip_prefix('#')?
                .trim()
                .strip_prefix(key)?
                .strip_prefix(':')
                .map(|v| v.trim().to_owned())
        })
}
