//! Strings: immutable text that knows its length in characters, so that `len(s)` and
//! `s[i]` cost what they cost in Python rather than a walk from the start.
//!
//! Python indexes strings by character. Text here is UTF-8, so a string remembers how many
//! characters it has (counted the first time it is asked); when that equals its length in
//! bytes the text is ASCII and a character index is a byte index. Non-ASCII text that is
//! indexed gets a table of where every 64th character starts, built once, so `s[i]` walks
//! at most 63 characters: a loop over a 200,000-character string is linear, not quadratic.

use std::cell::{Cell, OnceCell};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// Characters between two entries of a string's index.
const STRIDE: usize = 64;

/// Not counted yet.
const UNKNOWN: usize = usize::MAX;

/// A script's string: shared, immutable, cheap to clone (one reference count).
#[derive(Clone)]
pub struct Str(Rc<StrObj>);

struct StrObj {
    text: Box<str>,
    /// The length in characters, or `UNKNOWN`.
    chars: Cell<usize>,
    /// For non-ASCII text that was indexed: the byte offset of characters 0, 64, 128...
    marks: OnceCell<Box<[usize]>>,
}

impl Str {
    /// The length in characters, as Python's `len`.
    pub fn char_len(&self) -> usize {
        let n = self.0.chars.get();
        if n != UNKNOWN {
            return n;
        }
        let text = &self.0.text;
        let n = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        self.0.chars.set(n);
        n
    }

    /// Whether every character is ASCII (one byte each).
    pub fn is_ascii(&self) -> bool {
        self.char_len() == self.0.text.len()
    }

    /// Where character `i` starts, in bytes; the text's length for `i == char_len()`.
    /// Amortised O(1): ASCII directly, other text through the index of every 64th
    /// character, built the first time.
    pub fn byte_offset(&self, i: usize) -> usize {
        let text = &*self.0.text;
        if self.is_ascii() || i == 0 {
            return i.min(text.len());
        }
        if i >= self.char_len() {
            return text.len();
        }
        let marks = self.0.marks.get_or_init(|| {
            let mut marks = Vec::with_capacity(self.char_len() / STRIDE + 1);
            for (n, (at, _)) in text.char_indices().enumerate() {
                if n % STRIDE == 0 {
                    marks.push(at);
                }
            }
            marks.into_boxed_slice()
        });
        let start = marks[i / STRIDE];
        let skip = i % STRIDE;
        text[start..]
            .char_indices()
            .nth(skip)
            .map_or(text.len(), |(at, _)| start + at)
    }

    /// Character `i`, for `i < char_len()`.
    pub fn char_at(&self, i: usize) -> Option<char> {
        if i >= self.char_len() {
            return None;
        }
        self.0.text[self.byte_offset(i)..].chars().next()
    }

    /// Characters `from..to` (clamped to the string), without copying.
    pub fn chars_between(&self, from: usize, to: usize) -> &str {
        let start = self.byte_offset(from);
        let end = self.byte_offset(to.max(from));
        &self.0.text[start..end]
    }

    /// The address of the text, for identity (`is`) and identity hashing.
    pub fn as_ptr(&self) -> *const u8 {
        self.0.text.as_ptr()
    }

    /// The text as a shared `Rc<str>` (a copy), for the places that keep names.
    pub fn to_rc(&self) -> Rc<str> {
        Rc::from(&*self.0.text)
    }

    fn new(text: Box<str>) -> Str {
        // ASCII is common and cheap to tell for short text: count it now.
        let chars = if text.len() <= 64 && text.is_ascii() {
            text.len()
        } else {
            UNKNOWN
        };
        Str(Rc::new(StrObj {
            text,
            chars: Cell::new(chars),
            marks: OnceCell::new(),
        }))
    }
}

impl std::ops::Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0.text
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        &self.0.text
    }
}

impl std::borrow::Borrow<str> for Str {
    fn borrow(&self) -> &str {
        &self.0.text
    }
}

impl From<&str> for Str {
    fn from(text: &str) -> Str {
        Str::new(Box::from(text))
    }
}

impl From<String> for Str {
    fn from(text: String) -> Str {
        Str::new(text.into_boxed_str())
    }
}

impl From<&String> for Str {
    fn from(text: &String) -> Str {
        Str::from(text.as_str())
    }
}

impl From<Rc<str>> for Str {
    fn from(text: Rc<str>) -> Str {
        Str::from(&*text)
    }
}

impl From<&Rc<str>> for Str {
    fn from(text: &Rc<str>) -> Str {
        Str::from(&**text)
    }
}

impl From<char> for Str {
    fn from(c: char) -> Str {
        Str::from(c.encode_utf8(&mut [0; 4]) as &str)
    }
}

impl From<std::borrow::Cow<'_, str>> for Str {
    fn from(text: std::borrow::Cow<'_, str>) -> Str {
        Str::from(text.into_owned())
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.0.text == other.0.text
    }
}

impl Eq for Str {}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        &*self.0.text == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        &*self.0.text == *other
    }
}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Str {
    fn cmp(&self, other: &Str) -> std::cmp::Ordering {
        self.0.text.cmp(&other.0.text)
    }
}

impl Hash for Str {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.text.hash(state);
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.text)
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0.text, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_by_character() {
        let ascii = Str::from("hello world");
        assert!(ascii.is_ascii());
        assert_eq!(ascii.char_at(4), Some('o'));
        assert_eq!(ascii.chars_between(6, 100), "world");
        let text: String = (0..1000)
            .map(|i| if i % 3 == 0 { 'é' } else { 'a' })
            .collect();
        let s = Str::from(text.as_str());
        assert!(!s.is_ascii());
        assert_eq!(s.char_len(), 1000);
        for i in [0, 1, 63, 64, 65, 127, 128, 500, 998, 999] {
            assert_eq!(s.char_at(i), text.chars().nth(i), "{i}");
        }
        assert_eq!(s.char_at(1000), None);
        let want: String = text.chars().skip(100).take(70).collect();
        assert_eq!(s.chars_between(100, 170), want);
        assert_eq!(s.chars_between(990, 2000).chars().count(), 10);
        assert_eq!(s.chars_between(5, 3), "");
    }
}
