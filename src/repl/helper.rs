//! What rustyline asks the REPL about the line being typed: completions (names in scope,
//! builtins, keywords, methods after a `.`, meta commands) and colours (keywords,
//! strings, numbers, comments; none with `NO_COLOR` or `--color never`).

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use rustyline::completion::Completer;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

/// The words of the language a name can never be.
pub const KEYWORDS: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "catch", "continue", "elif", "else", "false",
    "finally", "fn", "for", "if", "in", "is", "let", "none", "not", "or", "raise", "return",
    "spawn", "task", "true", "try", "while", "with", "yield",
];

/// The meta commands, as `:help` lists them.
pub const META: &[&str] = &[
    ":help", ":tasks", ":cancel", ":load", ":dump", ":time", ":quit",
];

/// Method names offered after a `.`: those of strings, lists, maps, tasks, the
/// synchronisation primitives, processes and responses.
const METHODS: &[&str] = &[
    // str
    "split",
    "rsplit",
    "lines",
    "strip",
    "lstrip",
    "rstrip",
    "upper",
    "lower",
    "title",
    "capitalize",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "count",
    "replace",
    "join",
    "format",
    "zfill",
    "center",
    "ljust",
    "rjust",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "islower",
    "isupper",
    "removeprefix",
    "removesuffix",
    "partition",
    // list and map
    "append",
    "extend",
    "insert",
    "pop",
    "remove",
    "clear",
    "copy",
    "reverse",
    "sort",
    "keys",
    "values",
    "items",
    "get",
    "setdefault",
    "update",
    // tasks and futures
    "cancel",
    "cancelled",
    "done",
    "result",
    "exception",
    "get_name",
    "set_name",
    "add_done_callback",
    // primitives
    "put",
    "put_nowait",
    "get_nowait",
    "qsize",
    "empty",
    "full",
    "task_done",
    "set",
    "is_set",
    "wait",
    "acquire",
    "release",
    "locked",
    "notify",
    "notify_all",
    "spawn",
    "create_task",
    "reschedule",
    "when",
    "expired",
    // processes, responses, exceptions
    "stderr_lines",
    "write",
    "close_stdin",
    "kill",
    "pid",
    "code",
    "stdout",
    "stderr",
    "status",
    "text",
    "json",
    "headers",
    "url",
    "message",
    "exceptions",
    "errno",
];

/// The REPL's helper; `names` is refreshed after each entry (the session's globals).
pub struct ReplHelper {
    pub names: Arc<Mutex<Vec<String>>>,
    pub builtins: Vec<String>,
    pub colour: bool,
}

impl Completer for ReplHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let before = &line[..pos];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
            .last()
            .map_or(pos, |(i, _)| i);
        let word = &before[start..];
        let mut found: Vec<String> = Vec::new();
        if before.trim_start().starts_with(':') && !before.trim_start().contains(' ') {
            let start = before.len() - before.trim_start().len();
            let typed = before.trim_start();
            let metas = META.iter().filter(|m| m.starts_with(typed));
            return Ok((start, metas.map(|m| (*m).to_owned()).collect()));
        }
        if before[..start].ends_with('.') {
            found.extend(
                METHODS
                    .iter()
                    .filter(|m| m.starts_with(word))
                    .map(|m| (*m).to_owned()),
            );
        } else if !word.is_empty() {
            let names = self.names.lock().map(|n| n.clone()).unwrap_or_default();
            let all = names
                .iter()
                .map(String::as_str)
                .chain(self.builtins.iter().map(String::as_str))
                .chain(KEYWORDS.iter().copied());
            found.extend(all.filter(|n| n.starts_with(word)).map(str::to_owned));
        }
        found.sort();
        found.dedup();
        Ok((start, found))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Validator for ReplHelper {}

impl Helper for ReplHelper {}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if !self.colour {
            return Cow::Borrowed(line);
        }
        Cow::Owned(colourise(line))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.colour
    }
}

const KEYWORD: &str = "\x1b[35m";
const STRING: &str = "\x1b[32m";
const NUMBER: &str = "\x1b[33m";
const COMMENT: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// `line` with ANSI colours around its keywords, strings, numbers and comment.
pub fn colourise(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == '#' {
            out.push_str(COMMENT);
            out.push_str(&line[at..]);
            out.push_str(RESET);
            break;
        }
        if c == '"' || c == '\'' {
            let mut j = i + 1;
            while j < chars.len() && chars[j].1 != c {
                if chars[j].1 == '\\' {
                    j += 1;
                }
                j += 1;
            }
            let end = chars.get(j + 1).map_or(line.len(), |&(e, _)| e);
            out.push_str(STRING);
            out.push_str(&line[at..end]);
            out.push_str(RESET);
            i = j + 1;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let mut j = i;
            while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '_') {
                j += 1;
            }
            let end = chars.get(j).map_or(line.len(), |&(e, _)| e);
            let word = &line[at..end];
            let is_fstring =
                (word == "f") && chars.get(j).is_some_and(|&(_, q)| q == '"' || q == '\'');
            if KEYWORDS.contains(&word) {
                out.push_str(KEYWORD);
                out.push_str(word);
                out.push_str(RESET);
            } else if is_fstring {
                out.push_str(STRING);
                out.push_str(word);
                out.push_str(RESET);
            } else {
                out.push_str(word);
            }
            i = j;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i;
            while j < chars.len()
                && (chars[j].1.is_ascii_alphanumeric() || chars[j].1 == '.' || chars[j].1 == '_')
            {
                j += 1;
            }
            let end = chars.get(j).map_or(line.len(), |&(e, _)| e);
            out.push_str(NUMBER);
            out.push_str(&line[at..end]);
            out.push_str(RESET);
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}
