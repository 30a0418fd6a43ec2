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
    /// The characters before every multiple of [`BLOCK`] bytes, so that a
    /// column on a long line is counted from the nearest block, not from
    /// the start of the line (a minified request with a finding at each of
    /// 100,000 keys has them all on line 1).
    blocks: Vec<usize>,
}

/// Bytes between two counts of [`LineIndex::blocks`].
const BLOCK: usize = 256;

/// The characters in `bytes` that start there: every byte that does not
/// continue a character.
fn starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
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
        let mut blocks = vec![0];
        for block in text.as_bytes().chunks_exact(BLOCK) {
            let before = blocks.last().copied().unwrap_or_default();
            blocks.push(before + starts(block));
        }
        Self {
            text,
            line_starts,
            blocks,
        }
    }

    /// The characters before `offset`, a character boundary.
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        let from = block * BLOCK;
        self.blocks.get(block).copied().unwrap_or_default()
            + self.text.as_bytes().get(from..offset).map_or(0, starts)
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
        let from = bom_end(self.text, line_start, offset);
        // On a long line, counted from the nearest block.
        let column = if offset - from > BLOCK {
            self.chars_before(offset) - self.chars_before(from)
        } else {
            self.text.get(from..offset).map_or(0, |s| s.chars().count())
        } + 1;
        Position {
            line: line + 1,
            column,
            offset,
        }
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
    let from = bom_end(text, line_start, offset);
    text.get(from..offset).map_or(0, |s| s.chars().count())
}

/// Where the characters of a line are counted from: its start, or after a
/// byte order mark at the start of the file.
fn bom_end(text: &str, line_start: usize, offset: usize) -> usize {
    if line_start == 0 && text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8().min(offset)
    } else {
        line_start
    }
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
    fn columns_on_long_lines_are_counted_from_the_blocks() {
        let line = "{\"é\": \"😀\", \"k\": 1}".repeat(2000);
        for text in [
            line.clone(),
            format!("\u{feff}{line}"),
            format!("{line}\n{line}"),
        ] {
            let index = LineIndex::new(&text);
            for (offset, _) in text.char_indices().step_by(97).chain([(text.len(), ' ')]) {
                let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                let pos = index.position(offset);
                assert_eq!(
                    pos.column,
                    column(&text, line_start, offset) + 1,
                    "{offset}"
                );
            }
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
