//! Lines and columns as ron counts them, and the byte offsets they stand for.

/// A line and column, both counted from 1, columns in characters (as ron counts them).
///
/// Why its own type: ron's `Position` names its column `col` and is tied to ron's error type;
/// this one is what our diagnostics carry and compare (it orders by line, then column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl From<ron::error::Position> for Position {
    fn from(p: ron::error::Position) -> Self {
        Position {
            line: p.line,
            column: p.col,
        }
    }
}

/// The byte offset of a position (line and column from 1, columns in characters): where ron's
/// error positions point in the text. The end of the line if the column is past it, the end
/// of the text if the line is.
///
/// # Examples
/// ```
/// use wigglewoods::ron_diag::{Position, offset_of};
/// assert_eq!(offset_of("(\n  a: 1,\n)", Position { line: 2, column: 3 }), 4);
/// ```
pub fn offset_of(text: &str, position: Position) -> usize {
    let mut line = 1;
    let mut column = 1;
    for (offset, c) in text.char_indices() {
        if line == position.line && column == position.column {
            return offset;
        }
        if c == '\n' {
            if line == position.line {
                return offset;
            }
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    text.len()
}

/// The position of a byte offset: turns what the outline finds back into what staff read.
/// An offset past the end counts as the end; one inside a character counts as that character's
/// start.
///
/// # Examples
/// ```
/// use wigglewoods::ron_diag::{Position, position_of_offset};
/// assert_eq!(position_of_offset("(\n  a: 1,\n)", 4), Position { line: 2, column: 3 });
/// ```
pub fn position_of_offset(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = 1 + before.matches('\n').count();
    let column = 1 + before.rsplit('\n').next().unwrap_or("").chars().count();
    Position { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "// é comment\n(\n    game: apple_shake,\n)\n";

    #[test]
    fn positions_and_offsets_agree() {
        for offset in [0, 1, 5, 13, 14, 20, TEXT.len()] {
            if !TEXT.is_char_boundary(offset) {
                continue;
            }
            let p = position_of_offset(TEXT, offset);
            assert_eq!(offset_of(TEXT, p), offset, "{p:?}");
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        // `c` of "comment" is the 6th character but the 7th byte.
        assert_eq!(position_of_offset(TEXT, 6), Position { line: 1, column: 6 });
        assert_eq!(offset_of(TEXT, Position { line: 1, column: 6 }), 6);
    }

    #[test]
    fn out_of_range_inputs_do_not_panic() {
        assert_eq!(
            offset_of(
                TEXT,
                Position {
                    line: 99,
                    column: 1
                }
            ),
            TEXT.len()
        );
        assert_eq!(
            offset_of(
                TEXT,
                Position {
                    line: 1,
                    column: 99
                }
            ),
            13
        );
        // Inside the two bytes of `é`: the character's start.
        assert_eq!(position_of_offset(TEXT, 4), Position { line: 1, column: 4 });
        assert_eq!(position_of_offset(TEXT, 1000).line, 5);
    }

    #[test]
    fn ron_positions_convert() {
        let p: Position = ron::error::Position { line: 3, col: 7 }.into();
        assert_eq!(p, Position { line: 3, column: 7 });
    }
}
