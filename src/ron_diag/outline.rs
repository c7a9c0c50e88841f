//! A light outline of a RON text: where each field is, and which field a position lies in.
//!
//! ron reports a line and column but not the field path, and our range checks know the field
//! path but not the line. This scanner bridges the two without a second parser: it knows
//! comments, strings, brackets, `name:` keys, list elements and commas, and nothing of values.

use core::ops::Range;

use super::path;
use super::position::{Position, position_of_offset};

/// One value found in the text: a `name: value` pair, or an element of a `[...]` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// Path of the value, e.g. `difficulty.bed.apples` or `session.playlist[2]`.
    pub path: String,
    /// The field name's first character (for a list element, the element's first character).
    pub position: Position,
    /// Byte range of the value, when there is one.
    pub value: Option<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ident,
    Colon,
    Comma,
    Open,
    Close,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
    position: Position,
}

/// The keys of a RON text, in order, and what is needed to place a position among them.
///
/// Why: it never fails, so even a file ron rejects gets its error placed in a field; and it
/// knows nothing of any one format, so every RON file we read shares it.
///
/// # Examples
/// ```
/// use wigglewoods::ron_diag::{Outline, Position};
/// let text = "(\n    audio: (\n        cap: 1.5,\n    ),\n    games: [frog_hop, paint],\n)";
/// let outline = Outline::new(text);
/// assert_eq!(outline.position_of("audio.cap"), Some(Position { line: 3, column: 9 }));
/// assert_eq!(outline.value_text("games[1]").as_deref(), Some("paint"));
/// ```
#[derive(Debug, Clone)]
pub struct Outline<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    keys: Vec<Key>,
}

/// An open bracket: the path of the value it opens, the key whose value is being read at this
/// depth, and, for a `[` list, the index of the element being read.
#[derive(Debug, Clone)]
struct Frame {
    path: String,
    pending: Option<usize>,
    list: Option<usize>,
}

impl Frame {
    fn root() -> Frame {
        Frame {
            path: String::new(),
            pending: None,
            list: None,
        }
    }
}

impl<'a> Outline<'a> {
    /// Outlines `text`. Never fails: broken text gives a partial outline.
    pub fn new(text: &'a str) -> Self {
        let tokens = tokenize(text);
        let mut outline = Outline {
            text,
            tokens,
            keys: Vec::new(),
        };
        outline.walk(usize::MAX);
        outline
    }

    /// The text outlined.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Every key, in the order they appear.
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// The first key with this exact path.
    pub fn key(&self, path: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.path == path)
    }

    /// The position of a field, or of its nearest written ancestor when the field itself is
    /// not written (a defaulted field, an element past the end of a list).
    pub fn position_of(&self, path: &str) -> Option<Position> {
        let mut path = path;
        loop {
            if let Some(key) = self.key(path) {
                return Some(key.position);
            }
            path = path::parent(path)?;
        }
    }

    /// Where a field's value starts, when it is a single token (not a bracketed block).
    pub fn scalar_value_start(&self, path: &str) -> Option<Position> {
        let range = self.key(path)?.value.clone()?;
        let value = &self.text[range.clone()];
        (!value.starts_with(['(', '[', '{'])).then(|| position_of_offset(self.text, range.start))
    }

    /// The text of a field's value, trimmed, shortened to a readable length.
    pub fn value_text(&self, path: &str) -> Option<String> {
        let range = self.key(path)?.value.clone()?;
        Some(shorten(self.text[range].trim()))
    }

    /// The field path that the byte `offset` lies in: inside a value, that value's field; on a
    /// key, that key; at a list element, that element; elsewhere, the enclosing block.
    pub fn path_at(&self, offset: usize) -> String {
        let mut scratch = Outline {
            text: self.text,
            tokens: self.tokens.clone(),
            keys: Vec::new(),
        };
        let stack = scratch.walk(offset);
        let top = stack.last().cloned().unwrap_or_else(Frame::root);
        if let Some(pending) = top.pending {
            return scratch.keys[pending].path.clone();
        }
        let next = self.tokens.iter().position(|t| t.start >= offset);
        // At the start of a list element (or in the space before it): that element.
        if let (Some(index), Some(i)) = (top.list, next)
            && !matches!(self.tokens[i].kind, Kind::Comma | Kind::Close)
        {
            return path::element(&top.path, index);
        }
        // On a key itself (an unknown or repeated field): that key.
        if let Some(i) = next
            && self.tokens[i].start == offset
            && self.tokens[i].kind == Kind::Ident
            && self.tokens.get(i + 1).map(|t| t.kind) == Some(Kind::Colon)
        {
            return path::join(
                &top.path,
                &self.text[self.tokens[i].start..self.tokens[i].end],
            );
        }
        top.path
    }

    /// Processes the tokens that start before `stop`, recording keys; returns the open frames.
    fn walk(&mut self, stop: usize) -> Vec<Frame> {
        let mut stack = vec![Frame::root()];
        let mut i = 0;
        while i < self.tokens.len() && self.tokens[i].start < stop {
            let token = self.tokens[i];
            let next = self.tokens.get(i + 1).map(|t| t.kind);
            // A list element starts at its first token.
            if let Some(top) = stack.last_mut()
                && let Some(index) = top.list
                && top.pending.is_none()
                && !matches!(token.kind, Kind::Comma | Kind::Close)
            {
                self.keys.push(Key {
                    path: path::element(&top.path, index),
                    position: token.position,
                    value: None,
                });
                top.pending = Some(self.keys.len() - 1);
            }
            match token.kind {
                Kind::Ident if next == Some(Kind::Colon) => {
                    if let Some(top) = stack.last_mut() {
                        let name = &self.text[token.start..token.end];
                        self.keys.push(Key {
                            path: path::join(&top.path, name),
                            position: token.position,
                            value: None,
                        });
                        top.pending = Some(self.keys.len() - 1);
                    }
                    i += 2;
                    continue;
                }
                Kind::Comma => {
                    if let Some(top) = stack.last_mut() {
                        top.pending = None;
                        top.list = top.list.map(|index| index + 1);
                    }
                }
                Kind::Open => {
                    let path = match stack.last() {
                        Some(Frame {
                            pending: Some(k), ..
                        }) => self.keys[*k].path.clone(),
                        Some(top) => top.path.clone(),
                        None => String::new(),
                    };
                    self.extend_value(&stack, token);
                    let list = self.text[token.start..].starts_with('[').then_some(0);
                    stack.push(Frame {
                        path,
                        pending: None,
                        list,
                    });
                }
                Kind::Close => {
                    if stack.len() > 1 {
                        stack.pop();
                    }
                    self.extend_value(&stack, token);
                }
                Kind::Ident | Kind::Colon | Kind::Other => {
                    self.extend_value(&stack, token);
                }
            }
            i += 1;
        }
        stack
    }

    /// Widens the value of the key being read at the top frame to cover `token`.
    fn extend_value(&mut self, stack: &[Frame], token: Token) {
        if let Some(k) = stack.last().and_then(|f| f.pending) {
            let value = &mut self.keys[k].value;
            match value {
                Some(range) => range.end = token.end,
                None => *value = Some(token.start..token.end),
            }
        }
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    let one_line = text.lines().next().unwrap_or("").trim();
    if one_line.chars().count() > MAX || one_line.len() < text.len() {
        let cut: String = one_line.chars().take(MAX).collect();
        format!("{cut}...")
    } else {
        one_line.to_owned()
    }
}

fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    // Line and column are tracked incrementally from the last token start.
    let mut mark = 0;
    let mut position = Position { line: 1, column: 1 };
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let kind = match c {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(bytes, i);
                continue;
            }
            b'"' => {
                i = skip_string(bytes, i + 1);
                Kind::Other
            }
            b'\'' => {
                i = skip_char(bytes, i + 1);
                Kind::Other
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"') | Some(b'#')) => {
                i = skip_raw_string(bytes, i + 1);
                Kind::Other
            }
            b':' => {
                i += 1;
                Kind::Colon
            }
            b',' => {
                i += 1;
                Kind::Comma
            }
            b'(' | b'[' | b'{' => {
                i += 1;
                Kind::Open
            }
            b')' | b']' | b'}' => {
                i += 1;
                Kind::Close
            }
            c if c == b'_' || c.is_ascii_alphabetic() => {
                while i < bytes.len() && (bytes[i] == b'_' || bytes[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                Kind::Ident
            }
            c if c.is_ascii_digit() || c == b'-' || c == b'+' || c == b'.' => {
                i += 1;
                while i < bytes.len() {
                    let b = bytes[i];
                    let exponent_sign =
                        (b == b'-' || b == b'+') && matches!(bytes[i - 1], b'e' | b'E');
                    if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign {
                        i += 1;
                    } else {
                        break;
                    }
                }
                Kind::Other
            }
            _ => {
                // Any other character (non-ASCII included) is one opaque token.
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                Kind::Other
            }
        };
        // Skipped strings may stop inside a character; keep the end on a boundary.
        let mut end = i.min(bytes.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        i = end;
        for c in text[mark..start].chars() {
            if c == '\n' {
                position.line += 1;
                position.column = 1;
            } else {
                position.column += 1;
            }
        }
        mark = start;
        tokens.push(Token {
            kind,
            start,
            end,
            position,
        });
    }
    tokens
}

/// Skips a (nestable) block comment starting at `i` (on the `/`); returns the index after it.
fn skip_block_comment(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 0;
    while i < bytes.len() {
        if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// Skips the rest of a string whose opening quote came just before `i`.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Skips the rest of a char literal whose opening quote came just before `i`.
fn skip_char(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\'' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Skips a raw string `r#"..."#` from just after the `r`.
fn skip_raw_string(bytes: &[u8], mut i: usize) -> usize {
    let mut hashes = 0;
    while bytes.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    if bytes.get(i) != Some(&b'"') {
        return i;
    }
    i += 1;
    while i < bytes.len() {
        if bytes[i] == b'"'
            && bytes[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::super::position::offset_of;
    use super::*;

    const TEXT: &str = "// a comment: with (brackets), and commas\n(\n    game: apple_shake,\n    seconds: 75, /* note: ( */\n    difficulty: (\n        bed: Difficulty(\n            apples: 3,\n            dance_seconds: (4.0, 9.0),\n        ),\n    ),\n)\n";

    #[test]
    fn keys_have_paths_and_positions() {
        let outline = Outline::new(TEXT);
        let paths: Vec<&str> = outline.keys().iter().map(|k| k.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "game",
                "seconds",
                "difficulty",
                "difficulty.bed",
                "difficulty.bed.apples",
                "difficulty.bed.dance_seconds"
            ]
        );
        assert_eq!(
            outline.key("difficulty.bed.apples").unwrap().position,
            Position {
                line: 7,
                column: 13
            }
        );
        assert_eq!(outline.value_text("seconds").as_deref(), Some("75"));
        assert_eq!(
            outline
                .value_text("difficulty.bed.dance_seconds")
                .as_deref(),
            Some("(4.0, 9.0)")
        );
        assert_eq!(outline.value_text("game").as_deref(), Some("apple_shake"));
    }

    #[test]
    fn path_at_finds_the_enclosing_field() {
        let outline = Outline::new(TEXT);
        let at = |line, column| outline.path_at(offset_of(TEXT, Position { line, column }));
        assert_eq!(at(7, 21), "difficulty.bed.apples"); // on the value 3
        assert_eq!(at(7, 13), "difficulty.bed.apples"); // on the key
        assert_eq!(at(8, 29), "difficulty.bed.dance_seconds"); // inside the pair
        assert_eq!(at(9, 9), "difficulty.bed"); // the closing bracket of bed
        assert_eq!(at(11, 1), ""); // the closing bracket of the file
        assert_eq!(at(3, 11), "game");
    }

    #[test]
    fn position_of_falls_back_to_the_written_ancestor() {
        let outline = Outline::new(TEXT);
        assert_eq!(
            outline.position_of("difficulty.bed.brush"),
            Some(Position { line: 6, column: 9 })
        );
        assert_eq!(outline.position_of("nothing"), None);
    }

    const LISTS: &str = "(\n    playlist: [apple_shake, frog_hop,\n        paint],\n    ignore: [(x: 0.5, y: 0), (x: 1, y: [2, 3])],\n    empty: [],\n)";

    #[test]
    fn list_elements_have_indexed_paths() {
        let outline = Outline::new(LISTS);
        let paths: Vec<&str> = outline.keys().iter().map(|k| k.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "playlist",
                "playlist[0]",
                "playlist[1]",
                "playlist[2]",
                "ignore",
                "ignore[0]",
                "ignore[0].x",
                "ignore[0].y",
                "ignore[1]",
                "ignore[1].x",
                "ignore[1].y",
                "ignore[1].y[0]",
                "ignore[1].y[1]",
                "empty",
            ]
        );
        assert_eq!(
            outline.position_of("playlist[2]"),
            Some(Position { line: 3, column: 9 })
        );
        assert_eq!(
            outline.value_text("playlist[1]").as_deref(),
            Some("frog_hop")
        );
        assert_eq!(
            outline.value_text("ignore[1]").as_deref(),
            Some("(x: 1, y: [2, 3])")
        );
        assert_eq!(
            outline.position_of("ignore[1].y"),
            Some(Position {
                line: 4,
                column: 37
            })
        );
        // An element that is not written falls back to its list.
        assert_eq!(
            outline.position_of("playlist[7]"),
            outline.position_of("playlist")
        );
    }

    #[test]
    fn path_at_finds_list_elements() {
        let outline = Outline::new(LISTS);
        let at = |line, column| outline.path_at(offset_of(LISTS, Position { line, column }));
        assert_eq!(at(2, 29), "playlist[1]"); // on frog_hop
        assert_eq!(at(2, 28), "playlist[1]"); // the space before it
        assert_eq!(at(3, 9), "playlist[2]"); // paint, on the next line
        assert_eq!(at(4, 19), "ignore[0].x");
        assert_eq!(at(4, 42), "ignore[1].y[0]"); // the comma after 2
        assert_eq!(at(4, 44), "ignore[1].y[1]");
        assert_eq!(at(5, 13), "empty");
    }

    #[test]
    fn broken_text_never_panics() {
        for text in [
            "",
            ")",
            "]]]",
            "(a: [",
            "(a: \"unclosed",
            "(a: r#\"raw",
            "(a: 'é",
            "(a: /* é",
            "(é: 1, ü: [ä, ö])",
            "(a: \"é\\",
        ] {
            let outline = Outline::new(text);
            for offset in 0..=text.len() + 2 {
                let _ = outline.path_at(offset);
            }
            for key in outline.keys() {
                let _ = outline.value_text(&key.path);
                let _ = outline.scalar_value_start(&key.path);
            }
        }
    }
}
