//! Byte spans into one source file, and the one place they become miette's `SourceSpan`.

use std::fmt;

/// A byte range `start..end` in one source file.
///
/// Line and column are computed only when a report is rendered; the pipeline carries bytes.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        // Sources are limited to `MAX_SOURCE_LEN` bytes when they are loaded, so this fits.
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.end == self.start
    }

    /// A zero-width span just after this one, where a missing token belongs.
    pub fn after(self) -> Span {
        Span {
            start: self.end,
            end: self.end,
        }
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> miette::SourceSpan {
        (span.start as usize, span.len()).into()
    }
}

/// The largest script runner accepts: spans are `u32` byte offsets.
pub const MAX_SOURCE_LEN: usize = 256 * 1024 * 1024;
