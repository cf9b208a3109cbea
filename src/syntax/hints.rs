//! Help lines for the mistakes a Python or asyncio user is likely to make.

/// Whether the string starting at `at` (with its quote) lacks a closing quote on its line.
fn unterminated(at: &str) -> bool {
    let quote = at.chars().next().unwrap_or('"');
    let mut escaped = false;
    for c in at.chars().skip(1) {
        match c {
            '\\' if !escaped => escaped = true,
            '\n' => return true,
            c if c == quote && !escaped => return false,
            _ => escaped = false,
        }
    }
    true
}

/// A help line for a parse error at byte `pos` of `text`, given what the parser wanted there.
pub fn hint(text: &str, pos: usize, wanted: &[String]) -> Option<String> {
    let pos = pos.min(text.len());
    let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let line = text[line_start..line_end].trim_start();
    let at = &text[pos..line_end];
    let word_at: String = at
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let wants = |w: &str| wanted.iter().any(|x| x == w);

    let first_word: String = line
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let help = match first_word.as_str() {
        "async" if line.contains("def") => {
            "an `async def` is written `task name(params) { ... }`: calling it makes a coroutine"
        }
        "async" if line.contains("for") => {
            "iterate an async generator with `for await x in gen() { ... }`"
        }
        "async" if line.contains("with") => {
            "write it `async with manager as name { ... }`, the name optional: `async with lock { ... }`"
        }
        "def" => {
            "a plain function is written `fn name(params) { ... }`, an async one `task name(params) { ... }`"
        }
        "except" => "`except` is spelled `catch` here: `catch ValueError as e { ... }`",
        "import" | "from" => {
            "scripts need no imports: sleep, spawn, gather, fetch and the rest are builtins"
        }
        "class" => "there are no classes; use maps (`{\"name\": value}`) and functions",
        "with" => {
            "a lock, semaphore, task group or timeout is entered with `async with lock { ... }`; other clean-up is `try { ... } finally { ... }`"
        }
        "pass" => "an empty block is just `{ }`",
        "global" | "nonlocal" => "functions can read and assign top-level `let` bindings directly",
        _ => "",
    };
    if !help.is_empty() {
        return Some(help.to_owned());
    }
    let has_word = |w: &str| {
        line.split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|x| x == w)
    };
    if has_word("except") {
        return Some(
            "`except` is spelled `catch` here: `catch ValueError as e { ... }`".to_owned(),
        );
    }
    if line.contains("else if") {
        return Some("write `elif`, not `else if`".to_owned());
    }
    let opens_block = ["if ", "elif ", "while "]
        .iter()
        .any(|k| line.starts_with(k));
    if at.starts_with('=') && !at.starts_with("==") && opens_block {
        return Some("to compare, write `==`; `=` assigns".to_owned());
    }
    if matches!(at.chars().next(), Some('"' | '\'')) && unterminated(at) {
        return Some(
            "this string is never closed: end it with the same quote on this line".to_owned(),
        );
    }
    if at.starts_with(':') && !wants("`:`") {
        return Some("blocks are written with braces, `if x { ... }`, not with a colon".to_owned());
    }
    if at.starts_with('=') && !at.starts_with("==") && wants("`{`") {
        return Some("to compare, write `==`; `=` assigns".to_owned());
    }
    match word_at.as_str() {
        "if" if line.starts_with('}') || line.starts_with("else") => {
            return Some("write `elif`, not `else if`".to_owned());
        }
        "lambda" => {
            return Some("there are no lambdas; declare a `fn` at the top level".to_owned());
        }
        "then" | "do" => return Some("blocks are written with braces: `if x { ... }`".to_owned()),
        _ => {}
    }
    if wants("`{`") && (at.is_empty() || at.starts_with('\n')) {
        return Some("a block starts with `{` on the same line".to_owned());
    }
    None
}
