//! The layout pass: which newlines end statements, and how deep brackets nest.
//!
//! Inside `( )`, `[ ]` and a map literal's `{ }` a newline is only whitespace, as in Python;
//! inside a block's `{ }` it ends a statement. This pass rewrites the source so the grammar
//! never has to know the difference: newlines and comments inside brackets become spaces,
//! byte for byte, so every span still points into the original text.
//!
//! It also finds the brackets that are never closed or closed by the wrong bracket (so an
//! error can point back at the opener), and refuses nesting deeper than `MAX_NESTING` before
//! the recursive-descent parser could exhaust the stack.

use super::span::Span;

/// The deepest nesting of brackets and blocks a script may use (CPython allows 200 for
/// brackets alone).
pub const MAX_NESTING: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opener {
    Paren,
    Bracket,
    /// The braces of a map literal: newlines inside are whitespace.
    MapBrace,
    /// The braces of a block: newlines inside end statements.
    Block,
}

impl Opener {
    pub fn open_char(self) -> char {
        match self {
            Opener::Paren => '(',
            Opener::Bracket => '[',
            Opener::MapBrace | Opener::Block => '{',
        }
    }

    pub fn close_char(self) -> char {
        match self {
            Opener::Paren => ')',
            Opener::Bracket => ']',
            Opener::MapBrace | Opener::Block => '}',
        }
    }
}

/// A problem with the bracket structure, found before parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LayoutProblem {
    /// An opener with no closer before the end of the file.
    Unclosed { opener: Opener, at: Span },
    /// A closer that does not match the innermost opener.
    Mismatched {
        opener: Opener,
        opened_at: Span,
        closer: char,
        at: Span,
    },
    /// A closer with nothing open.
    Unopened { closer: char, at: Span },
    /// Brackets and blocks nested more than `MAX_NESTING` deep.
    TooDeep { at: Span },
}

/// The source as the grammar sees it, plus what the scan found.
pub struct Layout {
    pub text: String,
    pub problems: Vec<LayoutProblem>,
}

/// Scans `src` once; see the module documentation.
pub fn layout(src: &str) -> Layout {
    let mut scan = Scan {
        src: src.as_bytes(),
        out: src.as_bytes().to_vec(),
        stack: Vec::new(),
        problems: Vec::new(),
        prev: Prev::StatementStart,
    };
    scan.run();
    // Only ASCII bytes were replaced by ASCII spaces, and whole comments were blanked, so
    // the text is still UTF-8; fall back to the original if that ever failed.
    let text = String::from_utf8(scan.out).unwrap_or_else(|_| src.to_owned());
    Layout {
        text,
        problems: scan.problems,
    }
}

/// What came just before the current position, to tell a map's `{` from a block's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    StatementStart,
    /// An operator or punctuation that an expression may follow: `( [ , : =` and the like.
    Operator,
    /// A word that an expression may follow: `return`, `in`, `and`...
    ExprKeyword,
    /// Anything that can end an expression: a name, a literal, `)`, `]`, `}`.
    Operand,
}

struct Scan<'a> {
    src: &'a [u8],
    out: Vec<u8>,
    stack: Vec<(Opener, usize)>,
    problems: Vec<LayoutProblem>,
    prev: Prev,
}

const EXPR_KEYWORDS: &[&[u8]] = &[
    b"return", b"in", b"and", b"or", b"not", b"yield", b"await", b"spawn", b"is", b"assert",
    b"raise",
];

impl Scan<'_> {
    fn run(&mut self) {
        let mut i = 0;
        while i < self.src.len() {
            i = self.step(i);
            if matches!(self.problems.last(), Some(LayoutProblem::TooDeep { .. })) {
                return;
            }
        }
        for &(opener, at) in self.stack.iter().rev() {
            self.problems.push(LayoutProblem::Unclosed {
                opener,
                at: Span::new(at, at + 1),
            });
        }
    }

    fn in_brackets(&self) -> bool {
        matches!(
            self.stack.last(),
            Some((Opener::Paren | Opener::Bracket | Opener::MapBrace, _))
        )
    }

    /// Handles the token at `i` and returns where the next one starts.
    fn step(&mut self, i: usize) -> usize {
        let c = self.src[i];
        match c {
            b'\n' => {
                if self.in_brackets() {
                    self.out[i] = b' ';
                } else {
                    self.prev = Prev::StatementStart;
                }
                i + 1
            }
            b' ' | b'\t' | b'\r' => i + 1,
            b'\\' if self.src.get(i + 1) == Some(&b'\n') => i + 2,
            b'#' => {
                let end = self.line_end(i);
                if self.in_brackets() {
                    self.out[i..end].fill(b' ');
                }
                end
            }
            b'"' | b'\'' => {
                self.prev = Prev::Operand;
                self.string_end(i, false)
            }
            b'f' if matches!(self.src.get(i + 1), Some(b'"' | b'\'')) => {
                self.prev = Prev::Operand;
                self.string_end(i + 1, true)
            }
            b'(' | b'[' | b'{' => {
                let opener = match c {
                    b'(' => Opener::Paren,
                    b'[' => Opener::Bracket,
                    _ if matches!(self.prev, Prev::Operand) => Opener::Block,
                    _ => Opener::MapBrace,
                };
                self.push(opener, i);
                self.prev = if opener == Opener::Block {
                    Prev::StatementStart
                } else {
                    Prev::Operator
                };
                i + 1
            }
            b')' | b']' | b'}' => {
                self.close(c as char, i);
                self.prev = Prev::Operand;
                i + 1
            }
            b';' => {
                self.prev = Prev::StatementStart;
                i + 1
            }
            _ if c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80 => {
                let mut end = i + 1;
                while end < self.src.len()
                    && (self.src[end] == b'_'
                        || self.src[end].is_ascii_alphanumeric()
                        || self.src[end] >= 0x80)
                {
                    end += 1;
                }
                let word = &self.src[i..end];
                self.prev = if EXPR_KEYWORDS.contains(&word) {
                    Prev::ExprKeyword
                } else {
                    Prev::Operand
                };
                end
            }
            _ => {
                self.prev = Prev::Operator;
                i + 1
            }
        }
    }

    fn push(&mut self, opener: Opener, at: usize) {
        if self.stack.len() >= MAX_NESTING {
            self.problems.push(LayoutProblem::TooDeep {
                at: Span::new(at, at + 1),
            });
            return;
        }
        self.stack.push((opener, at));
    }

    fn close(&mut self, closer: char, at: usize) {
        let at_span = Span::new(at, at + 1);
        match self.stack.last() {
            Some(&(opener, _)) if opener.close_char() == closer => {
                self.stack.pop();
            }
            Some(&(opener, opened)) => {
                self.problems.push(LayoutProblem::Mismatched {
                    opener,
                    opened_at: Span::new(opened, opened + 1),
                    closer,
                    at: at_span,
                });
                // Assume the closer was meant for an enclosing opener if one matches, so a
                // single slip does not make every later bracket look wrong.
                if let Some(pos) = self
                    .stack
                    .iter()
                    .rposition(|(o, _)| o.close_char() == closer)
                {
                    self.stack.truncate(pos);
                }
            }
            None => self.problems.push(LayoutProblem::Unopened {
                closer,
                at: at_span,
            }),
        }
    }

    fn line_end(&self, i: usize) -> usize {
        self.src[i..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.src.len(), |n| i + n)
    }

    /// Skips a string literal whose opening quote is at `i`. An f-string's `{ }` holes are
    /// scanned as expressions, since they may hold strings and brackets of their own.
    /// An unterminated string stops at the end of its line; the parser reports it.
    fn string_end(&mut self, i: usize, is_format: bool) -> usize {
        let quote = self.src[i];
        if !is_format && self.src[i..].starts_with(&[quote; 3]) {
            // `"""..."""`: newlines inside are the string's, kept as they are.
            let mut j = i + 3;
            while j < self.src.len() {
                match self.src[j] {
                    b'\\' => j += 2,
                    b if b == quote && self.src[j..].starts_with(&[quote; 3]) => return j + 3,
                    _ => j += 1,
                }
            }
            return self.src.len();
        }
        let mut j = i + 1;
        while j < self.src.len() {
            match self.src[j] {
                b'\\' => j += 2,
                b'\n' => return j,
                b if b == quote => return j + 1,
                b'{' if is_format && self.src.get(j + 1) == Some(&b'{') => j += 2,
                b'{' if is_format => j = self.hole_end(j + 1),
                _ => j += 1,
            }
        }
        self.src.len()
    }

    /// Skips an f-string hole's expression; returns the index just past its closing `}`, or
    /// the end of the line if the hole is cut short.
    fn hole_end(&mut self, mut j: usize) -> usize {
        let mut depth = 0usize;
        while j < self.src.len() {
            match self.src[j] {
                b'\n' => return j,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' => depth = depth.saturating_sub(1),
                b'}' if depth == 0 => return j + 1,
                b'}' => depth -= 1,
                // A string inside a hole may use either quote, as in Python 3.12.
                b'"' | b'\'' => {
                    j = self.string_end(j, false);
                    continue;
                }
                _ => {}
            }
            j += 1;
        }
        j
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(src: &str) -> String {
        layout(src).text
    }

    #[test]
    fn newlines_inside_brackets_become_spaces() {
        assert_eq!(text("f(1,\n2)\nx"), "f(1, 2)\nx");
        assert_eq!(text("let m = {\n\"a\": 1\n}\n"), "let m = { \"a\": 1 }\n");
    }

    #[test]
    fn block_braces_keep_newlines() {
        assert_eq!(text("if x {\nf()\n}"), "if x {\nf()\n}");
        assert_eq!(text("if x == {} {\na\n}"), "if x == {} {\na\n}");
        assert_eq!(
            text("task f() {\nreturn {\n}\n}"),
            "task f() {\nreturn { }\n}"
        );
    }

    #[test]
    fn triple_quoted_strings_keep_their_newlines() {
        assert_eq!(text("f(\"\"\"a\n(b\"\"\",\n1)"), "f(\"\"\"a\n(b\"\"\", 1)");
        assert!(layout("x = '''\n)\n'''").problems.is_empty());
    }

    #[test]
    fn comments_inside_brackets_are_blanked() {
        assert_eq!(text("f(1, # one\n2)"), "f(1,       2)");
    }

    #[test]
    fn strings_hide_brackets() {
        assert!(layout("print(\"(\")").problems.is_empty());
        assert!(layout("print(f\"{x[\"]\"]}\")").problems.is_empty());
    }

    #[test]
    fn unclosed_opener_is_found() {
        let problems = layout("task f() {\n  print(1)\n").problems;
        assert_eq!(
            problems,
            vec![LayoutProblem::Unclosed {
                opener: Opener::Block,
                at: Span::new(9, 10)
            }]
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let src = "(".repeat(10_000);
        assert!(matches!(
            layout(&src).problems.last(),
            Some(LayoutProblem::TooDeep { .. })
        ));
    }
}
