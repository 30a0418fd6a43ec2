//! Byte offsets to line and column.
//!
//! Columns count Unicode scalar values (`"é"` is one column, `"😀"` is one
//! column), because that is what a person counts and what editors that speak
//! in code points (SARIF's `unicodeCodePoints`) expect. Lines end at `\n`; a
//! `\r` before it belongs to the line it ends. A UTF-8 byte order mark at the
//! start of the file is not counted: editors do not show it.

use crate::finding::{Position, Range, Span};

/// The start of every line of a text, for turning byte offsets into positions.
#[derive(Debug)]
pub struct LineIndex<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
    /// The last offset turned into a position, and its 0-based column: the
    /// next offset on the same line counts on from there, so that many
    /// findings on one long line, taken in order, cost time in proportion
    /// to the line, not to findings × line.
    last: std::cell::Cell<(usize, usize)>,
}

impl<'t> LineIndex<'t> {
    /// Indexes `text`.
    #[must_use]
    pub fn new(text: &'t str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self {
            text,
            line_starts,
            last: std::cell::Cell::new((0, 0)),
        }
    }

    /// Moves a span inside the text and onto character boundaries: the start
    /// back to the character it falls in, the end forward.
    #[must_use]
    pub fn clamp(&self, span: Span) -> Span {
        let len = self.text.len();
        let mut start = span.start.min(len);
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = span.end.clamp(start, len);
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        Span::new(start, end)
    }

    /// The position of a byte offset (clamped to the text, moved back to a
    /// character boundary).
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line];
        let column = self.column(line_start, offset) + 1;
        Position {
            line: line + 1,
            column,
            offset,
        }
    }

    /// The 0-based column of `offset` on the line that starts at
    /// `line_start`, counted on from the last offset when it is on the same
    /// line and not after `offset` (see [`column`]).
    fn column(&self, line_start: usize, offset: usize) -> usize {
        let (last, last_column) = self.last.get();
        let bom = last == 0 && self.text.starts_with('\u{feff}');
        let column = if line_start <= last && last <= offset && !bom {
            last_column + self.text.get(last..offset).map_or(0, |s| s.chars().count())
        } else {
            column(self.text, line_start, offset)
        };
        self.last.set((offset, column));
        column
    }

    /// The range of a span.
    #[must_use]
    pub fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start),
            end: self.position(span.end),
        }
    }
}

/// The 0-based column of `offset` on the line that starts at `line_start`:
/// the characters between them, not counting a byte order mark at the start
/// of the file.
#[must_use]
pub fn column(text: &str, line_start: usize, offset: usize) -> usize {
    let from = if line_start == 0 && text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8().min(offset)
    } else {
        line_start
    };
    text.get(from..offset).map_or(0, |s| s.chars().count())
}

/// `1 file`, `2 files`.
#[must_use]
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\n  \"d\": \"café 😀\", \"x\": 1\n}";
        let index = LineIndex::new(text);
        let x = text.find("\"x\"").unwrap();
        let pos = index.position(x);
        assert_eq!((pos.line, pos.column, pos.offset), (2, 18, x));
    }

    #[test]
    fn offsets_inside_a_character_move_to_its_start() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.position(1).offset, 0);
        assert_eq!(index.clamp(Span::new(1, 1)), Span::new(0, 2));
        assert_eq!(index.clamp(Span::new(5, 9)), Span::new(2, 2));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}{\"a\": 1}";
        let index = LineIndex::new(text);
        assert_eq!(index.position(3).column, 1);
        assert_eq!(index.position(text.find('1').unwrap()).column, 7);
        assert_eq!(index.position(0).column, 1);
    }

    #[test]
    fn positions_taken_in_any_order_agree_with_counting_from_the_line_start() {
        let text = "\u{feff}{\"é\": 1, \"😀\": 2,\n \"ü\": [3, 4]}";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let expected = |offset: usize| {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            column(text, line_start, offset) + 1
        };
        let index = LineIndex::new(text);
        for &offset in offsets.iter().chain(offsets.iter().rev()).chain(&offsets) {
            assert_eq!(index.position(offset).column, expected(offset), "{offset}");
        }
    }

    #[test]
    fn the_line_after_a_newline_starts_at_column_one() {
        let index = LineIndex::new("a\r\nb");
        let pos = index.position(3);
        assert_eq!((pos.line, pos.column), (2, 1));
        assert_eq!(index.position(1).column, 2);
    }
}
