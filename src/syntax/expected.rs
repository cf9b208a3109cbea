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
            let rule = stack.deepest.get_rule().copied().or(stack.parent);
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
        | Rule::fn_decl
        | Rule::task_decl => "a statement",
        Rule::aug_op | Rule::assign_tail | Rule::aug_tail => "`=`",
        Rule::EOI => "the end of the file",
        _ => return None,
    })
}

/// Collapses long lists: many operators become "an operator"; "a statement" with specific
/// tokens is noise.
fn tidy(wanted: &mut Vec<String>) {
    const OPERATORS: &[&str] = &[
        "`+`", "`-`", "`*`", "`/`", "`//`", "`%`", "`**`", "`==`", "`!=`", "`<`", "`<=`", "`>`",
        "`>=`", "`and`", "`or`", "`in`", "`not`", "`is`", "`.`", "`[`",
    ];
    let n_ops = wanted
        .iter()
        .filter(|w| OPERATORS.contains(&w.as_str()))
        .count();
    if n_ops >= 3 {
        wanted.retain(|w| !OPERATORS.contains(&w.as_str()));
        wanted.push("an operator".to_owned());
    }
    // The first tokens of literals mean "an expression"; so do keywords that start one.
    const EXPR_STARTS: &[&str] = &["`\"`", "`'`", "`0x`", "`0o`", "`0b`", "`f\"`", "`f'`"];
    if wanted.iter().any(|w| EXPR_STARTS.contains(&w.as_str())) {
        wanted.retain(|w| !EXPR_STARTS.contains(&w.as_str()));
        push_unique(wanted, "an expression".to_owned());
    }
    if wanted.iter().any(|w| w == "a name") {
        wanted.retain(|w| w != "`_`");
    }
    if wanted.iter().any(|w| w == "an expression") {
        wanted.retain(|w| {
            !matches!(
                w.as_str(),
                "`-`"
                    | "`+`"
                    | "`not`"
                    | "`await`"
                    | "`spawn`"
                    | "`true`"
                    | "`false`"
                    | "`none`"
                    | "`f\"`"
                    | "`f'`"
                    | "`(`"
                    | "`[`"
                    | "`{`"
            )
        });
    }
    // A statement-level "expected a new line" next to `;` says the same thing twice.
    if wanted.iter().any(|w| w == "a new line") {
        wanted.retain(|w| w != "`;`");
        let short = wanted.len() <= 2;
        wanted.retain(|w| w != "`}`" || short);
    }
    // Put the most useful alternatives first: punctuation, then words.
    wanted.sort_by_key(|w| if w.starts_with('`') { 0 } else { 1 });
    wanted.truncate(5);
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
    let pos = pos.min(text.len());
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
