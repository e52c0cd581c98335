//! Fitting columns to what is written into them, cheaply enough for a
//! million rows: widths are tracked per cell as the largest shown length;
//! headers wrap at word boundaries instead of widening their column; text is
//! clipped to Excel's cell limit.

/// Excel's limit on the characters of one cell.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Fitted widths stay within these bounds (characters).
pub const MIN_WIDTH: usize = 8;
pub const MAX_WIDTH: usize = 60;
/// A header wraps rather than widening its column past this.
pub const HEADER_WRAP: usize = 18;
/// Room for the autofilter's drop-down arrow.
pub const FILTER_ARROW: usize = 3;

/// The widest value seen in a column.
#[derive(Clone, Copy, Debug, Default)]
pub struct Width {
    pub chars: usize,
}

impl Width {
    pub fn see(&mut self, chars: usize) {
        self.chars = self.chars.max(chars);
    }
}

/// A header wrapped word by word at `HEADER_WRAP` characters (never
/// breaking a word): the longest line's length and the number of lines.
pub fn wrap_header(header: &str) -> (usize, usize) {
    wrap(header, HEADER_WRAP)
}

/// Lines a long text (Kind::Prose) takes in a column of the largest width,
/// which is the width its column gets once a text this long is in it.
/// A little narrower than the column, as Excel keeps a margin.
pub fn prose_lines(text: &str) -> usize {
    if text.chars().count() < MAX_WIDTH {
        return 1;
    }
    wrap(text, MAX_WIDTH - 4).1
}

/// `text` wrapped word by word at `width` characters (a longer word gets a
/// line of its own): the longest line's length and the number of lines.
fn wrap(text: &str, width: usize) -> (usize, usize) {
    let mut lines = 1;
    let mut used = 0;
    let mut longest = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if used == 0 {
            used = n;
        } else if used + 1 + n <= width {
            used += 1 + n;
        } else {
            lines += 1;
            longest = longest.max(used);
            used = n;
        }
    }
    (longest.max(used), lines)
}

/// Cut text to Excel's cell limit (on a character boundary).
pub fn clip(s: &str) -> &str {
    if s.len() <= MAX_CELL_CHARS {
        return s;
    }
    // Excel counts UTF-16 units; stay under the limit in those.
    let mut units = 0;
    for (i, ch) in s.char_indices() {
        units += ch.len_utf16();
        if units > MAX_CELL_CHARS {
            return &s[..i];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_wrap_at_word_boundaries() {
        // "Avg infrastructure cost reduction %" (35 chars) wraps at 18:
        // "Avg infrastructure" = 18 → line 1; "cost reduction %" = 16 → line 2.
        assert_eq!(wrap_header("Avg infrastructure cost reduction %"), (18, 2));
        // "Storage GB baseline" (19): "Storage GB" (10) / "baseline" (8).
        assert_eq!(wrap_header("Storage GB baseline"), (10, 2));
        assert_eq!(wrap_header("Period"), (6, 1));
        // A word longer than the limit stays whole on its own line.
        assert_eq!(
            wrap_header("Supercalifragilisticexpialidocious ok"),
            (34, 2)
        );
    }

    #[test]
    fn long_prose_takes_as_many_lines_as_it_wraps_to() {
        assert_eq!(prose_lines("short reason"), 1);
        // 30 words of 4 letters: 5 chars each with the space; 56 per line
        // fits 11 words (11 × 5 − 1 = 54), so 30 words take 3 lines.
        let text = vec!["abcd"; 30].join(" ");
        assert_eq!(prose_lines(&text), 3);
    }

    #[test]
    fn long_text_is_clipped_to_the_excel_limit() {
        let s = "é".repeat(40_000);
        assert_eq!(clip(&s).chars().count(), MAX_CELL_CHARS);
        assert_eq!(clip("short"), "short");
    }
}
