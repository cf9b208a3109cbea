//! Turns pest's "expected one of these rules" into a sentence in the language's own words.
//!
//! With `pest::set_error_detail(true)` a pest error knows the furthest position reached and
//! the literal tokens and rules that could have come there. We name those the way a user
//! thinks of them (`expected ')'`, `expected an expression`), never by grammar rule name.

use pest::error::{Error, InputLocation};

use super::Rule;
use super::error::ParseError;
use super::span::Span;

/// Converts a pest error on `text` (which starts at byte `offset` of the script) to ours.
pub fn from_pest(err: &Error<Rule>, text: &str, offset: usize) -> ParseError {
    let mut pos = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let mut wanted: Vec<String> = Vec::new();
    if let Some(attempts) = err.parse_attempts() {
        if attempts.max_position >= pos {
            pos = attempts.max_position;
        }
        // The token and call-stack types are not exported by pest; their Display and pub
        // fields are all we need.
        for token in attempts.expected_tokens() {
            let token = token.to_string();
            if token.contains("..") || token == "BUILTIN_RULE" {
                continue;
            }
            push_unique(&mut wanted, token_words(&token));
        }
        for stack in attempts.call_stacks() {
            // Only the rule that was attempted names what was expected; its parent is just
            // where that happened (a token tried inside `expr` is an operator, not "an
            // expression").
            let rule = stack.deepest.get_rule().copied();
            if let Some(words) = rule.and_then(rule_words) {
                push_unique(&mut wanted, words.to_owned());
            }
        }
    }
    if wanted.is_empty()
        && let pest::error::ErrorVariant::ParsingError { positives, .. } = &err.variant
    {
        for rule in positives {
            if let Some(words) = rule_words(*rule) {
                push_unique(&mut wanted, words.to_owned());
            }
        }
    }
    tidy(&mut wanted);
    if let Some(quote) = unterminated_string_before(text, pos) {
        return ParseError::Syntax {
            message: "this string is never closed".to_owned(),
            at: Span::new(offset + quote, offset + quote + 1).into(),
            label: "the string starts here".to_owned(),
            help: Some("end it with the same quote on this line; a string cannot span lines (write \\n for a newline)".to_owned()),
        };
    }
    let found = describe_found(text, pos);
    let message = if wanted.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("expected {}, found {found}", join_or(&wanted))
    };
    let label = if wanted.is_empty() {
        "not expected here".to_owned()
    } else {
        format!("expected {}", join_or(&wanted))
    };
    let at = found_span(text, pos, offset);
    ParseError::Syntax {
        help: super::hints::hint(text, pos, &wanted),
        message,
        at: at.into(),
        label,
    }
}

/// The opening quote of a string that starts on the error's line and never closes.
fn unterminated_string_before(text: &str, pos: usize) -> Option<usize> {
    let pos = pos.min(text.len());
    let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let line = &text[line_start..line_end];
    let mut open: Option<(usize, char)> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match open {
            None if c == '#' => break,
            None if c == '"' || c == '\'' => open = Some((i, c)),
            None => {}
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some((_, q)) if c == q => open = None,
            Some(_) => {}
        }
    }
    open.map(|(i, _)| line_start + i)
        .filter(|&q| q < pos || pos == line_end)
}

/// The next token's position: spaces and tabs say nothing about what was found.
fn skip_spaces(text: &str, pos: usize) -> usize {
    let pos = pos.min(text.len());
    pos + text[pos..].len() - text[pos..].trim_start_matches([' ', '\t']).len()
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !item.is_empty() && !list.contains(&item) {
        list.push(item);
    }
}

fn token_words(token: &str) -> String {
    match token {
        "\n" => "a new line".to_owned(),
        "\r" | "\t" | " " | "\u{feff}" | "\\" | "#" => String::new(),
        // Keyword tokens come with their lookahead; an operator's `!"="` is not interesting.
        t => format!("`{t}`"),
    }
}

/// The user's name for what a rule matches, or `None` when its tokens say it better.
fn rule_words(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::expr
        | Rule::op_expr
        | Rule::int
        | Rule::float
        | Rule::string
        | Rule::fstring
        | Rule::list
        | Rule::map
        | Rule::paren
        | Rule::true_lit
        | Rule::false_lit
        | Rule::none_lit
        | Rule::spawn_call
        | Rule::expr_list
        | Rule::slice_lo
        | Rule::slice_hi
        | Rule::slice_step
        | Rule::arg
        | Rule::map_entry => "an expression",
        Rule::ident | Rule::attr_name => "a name",
        Rule::block => "`{`",
        Rule::params => "`(`",
        Rule::param => "a parameter name",
        Rule::simple_stmt
        | Rule::stmt_alone
        | Rule::program
        | Rule::let_stmt
        | Rule::if_stmt
        | Rule::while_stmt
        | Rule::for_stmt
        | Rule::try_stmt
        | Rule::async_with_stmt
        | Rule::fn_decl
        | Rule::task_decl => "a statement",
        Rule::aug_op | Rule::assign_tail | Rule::aug_tail => "`=`",
        Rule::EOI => "the end of the file",
        _ => return None,
    })
}

/// Turns pest's raw alternatives into a short list a person can act on: the tokens that
/// carry structure (`)`, `{`, `,`) first, then words ("an expression", "an operator").
/// The inner tokens of literals (`0x`, the `e` of an exponent) and the many operators
/// that could continue an expression are never listed one by one.
fn tidy(wanted: &mut Vec<String>) {
    const LITERAL_INNARDS: &[&str] = &[
        "`E`", "`e`", "`_`", "`0B`", "`0O`", "`0X`", "`0b`", "`0o`", "`0x`", "`\"`", "`'`",
        "`f\"`", "`f'`",
    ];
    const EXPR_STARTS: &[&str] = &[
        "`-`", "`+`", "`not`", "`await`", "`spawn`", "`true`", "`false`", "`none`", "`(`", "`[`",
        "`{`", "`.`", "`~`", "`fn`", "`task`", "`\"\"\"`", "`'''`",
    ];
    // Tokens that only start an expression (never follow one).
    const ONLY_EXPR_STARTS: &[&str] = &["`~`", "`fn`", "`task`", "`\"\"\"`", "`'''`"];
    // Tried only after a complete expression: their presence tells where we are.
    const BINARY_ONLY: &[&str] = &[
        "`*`", "`/`", "`//`", "`%`", "`**`", "`==`", "`!=`", "`<`", "`<=`", "`>`", "`>=`", "`and`",
        "`or`", "`is`",
    ];
    const OPERATORS: &[&str] = &[
        "`+`", "`-`", "`*`", "`/`", "`//`", "`%`", "`**`", "`==`", "`!=`", "`<`", "`<=`", "`>`",
        "`>=`", "`and`", "`or`", "`in`", "`not`", "`is`", "`.`", "`[`", "`(`", "`if`", "`&`",
        "`|`", "`^`", "`<<`", "`>>`", "`for`",
    ];
    const ASSIGN: &[&str] = &[
        "`=`", "`+=`", "`-=`", "`*=`", "`/=`", "`//=`", "`%=`", "`**=`", "`&=`", "`|=`", "`^=`",
        "`<<=`", "`>>=`",
    ];
    let has = |x: &str| wanted.iter().any(|y| y == x);
    if has("`=>`") {
        // After an anonymous function's parameters: its body is what is missing.
        *wanted = vec!["`=> expression`".to_owned(), "a `{ }` body".to_owned()];
        return;
    }
    let after_expression = wanted.iter().any(|w| BINARY_ONLY.contains(&w.as_str()));
    let statement_may_end = has("a new line");
    let mut out: Vec<(u8, String)> = Vec::new();
    let mut add = |rank: u8, label: &str| {
        if !out.iter().any(|(_, l)| l == label) {
            out.push((rank, label.to_owned()));
        }
    };
    for w in wanted.iter().map(String::as_str) {
        if after_expression {
            match w {
                // The rest of a number, or the number rule itself: never what is meant.
                _ if LITERAL_INNARDS.contains(&w)
                    || w == "an expression"
                    || ONLY_EXPR_STARTS.contains(&w) => {}
                _ if OPERATORS.contains(&w) => add(2, "an operator"),
                _ if ASSIGN.contains(&w) => add(1, "`=`"),
                "`;`" | "`}`" | "`,`" | "a statement" if statement_may_end => {}
                "a new line" => add(4, "the end of the statement"),
                _ if w.starts_with('`') => add(0, w),
                _ => add(3, w),
            }
        } else {
            match w {
                "`_`" if has("a name") => {}
                _ if LITERAL_INNARDS.contains(&w) || EXPR_STARTS.contains(&w) => {
                    add(3, "an expression")
                }
                _ if ASSIGN.contains(&w) => add(1, "`=`"),
                "`;`" | "`}`" | "a statement" if statement_may_end => {}
                "a new line" => add(4, "the end of the statement"),
                _ if w.starts_with('`') => add(0, w),
                _ => add(3, w),
            }
        }
    }
    out.sort_by_key(|(rank, _)| *rank);
    out.truncate(6);
    *wanted = out.into_iter().map(|(_, l)| l).collect();
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Names what sits at `pos`: a token, the end of the line or of the file.
fn describe_found(text: &str, pos: usize) -> String {
    let pos = skip_spaces(text, pos);
    let rest = &text[pos.min(text.len())..];
    let Some(c) = rest.chars().next() else {
        return "the end of the file".to_owned();
    };
    if c == '\n' {
        return "the end of the line".to_owned();
    }
    let word: String = if c.is_alphanumeric() || c == '_' {
        rest.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .take(24)
            .collect()
    } else {
        let two: String = rest.chars().take(2).collect();
        if ["==", "!=", "<=", ">=", "**", "//", "+=", "-=", "*=", "/="].contains(&two.as_str()) {
            two
        } else {
            c.to_string()
        }
    };
    format!("`{word}`")
}

/// The span to underline: the token at `pos`, or the last character when the file ends
/// (miette drops zero-width labels at the very end).
fn found_span(text: &str, pos: usize, offset: usize) -> Span {
    let pos = skip_spaces(text, pos.min(text.len()));
    let rest = &text[pos..];
    match rest.chars().next() {
        Some('\n') | None => {
            // Point just after the last visible character of the line, one column wide.
            let before = text[..pos].trim_end_matches([' ', '\t', '\r']);
            let at = before.len();
            match text[..at].chars().next_back() {
                Some(c) if at > 0 && rest.is_empty() => {
                    Span::new(offset + at - c.len_utf8(), offset + at)
                }
                _ => Span::new(
                    offset + at,
                    offset + at + rest.chars().next().map_or(0, |_| 1),
                ),
            }
        }
        Some(c) => {
            let len = if c.is_alphanumeric() || c == '_' {
                rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len())
            } else {
                c.len_utf8()
            };
            Span::new(offset + pos, offset + pos + len)
        }
    }
}
