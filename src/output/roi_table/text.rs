//! Plain-text building blocks for the ROI tables: number formats (grouped
//! thousands, only the decimals that matter, cents for money) and column
//! alignment that counts characters, not bytes.

/// `1234.5` → `1,234.5`: at most `decimals` decimals, trailing zeros dropped.
pub(super) fn number(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let sign = if v < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        "-"
    } else {
        ""
    };
    let dot = if frac.is_empty() { "" } else { "." };
    format!("{sign}{}{dot}{frac}", group(int))
}

/// `$1,234.50`, `-$50.00`: cents always shown.
pub(super) fn money(v: f64) -> String {
    let text = format!("{:.2}", v.abs());
    let (int, cents) = text.split_once('.').unwrap_or((&text, "00"));
    let sign = if v < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        "-"
    } else {
        ""
    };
    format!("{sign}${}.{cents}", group(int))
}

/// A rate: cents always, up to 4 decimals when they matter ($0.023).
pub(super) fn rate(v: f64) -> String {
    let cents = (v * 100.0).round() / 100.0;
    if (v - cents).abs() < 1e-9 {
        money(v)
    } else {
        format!("${}", number(v, 4))
    }
}

pub(super) fn group(int: &str) -> String {
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(super) fn fixed(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}")
}

pub(super) fn percent(v: f64, decimals: usize) -> String {
    format!("{}%", number(v, decimals))
}

pub(super) fn gb(v: f64) -> String {
    format!("{} GB", number(v, 2))
}

pub(super) fn ms(v: f64) -> String {
    format!("{} ms", number(v, 2))
}

pub(super) fn months(v: f64) -> String {
    if v == 1.0 {
        "1 month".into()
    } else {
        format!("{} months", number(v, 1))
    }
}

pub(super) fn net_roi(v: Option<f64>) -> String {
    opt(v, |v| format!("{}%", fixed(v, 1)))
}

pub(super) fn payback(p: Option<f64>) -> String {
    p.map_or("not reached".into(), |p| months((p * 10.0).round() / 10.0))
}

pub(super) fn opt(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.map_or("—".into(), f)
}

pub(super) fn opt_money(v: Option<f64>) -> String {
    opt(v, money)
}

#[derive(Clone, Copy)]
pub(super) enum Align {
    Left,
    Right,
}
pub(super) const L: Align = Align::Left;
pub(super) const R: Align = Align::Right;

pub(super) fn cells<const N: usize>(texts: [&str; N]) -> Vec<String> {
    texts.iter().map(|t| t.to_string()).collect()
}

pub(super) fn section(title: &str) -> Vec<String> {
    vec![title.to_string()]
}

/// Pad every column to its widest cell (counted in characters, so → and ×
/// count as one), two spaces between columns, no trailing spaces.
pub(super) fn aligned(rows: &[Vec<String>], aligns: &[Align]) -> Vec<String> {
    let width = |col: usize| {
        rows.iter()
            .filter_map(|r| r.get(col))
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..aligns.len()).map(width).collect();
    rows.iter()
        .map(|row| {
            let mut line = String::new();
            for (col, (&w, align)) in widths.iter().zip(aligns).enumerate() {
                let cell = row.get(col).map_or("", String::as_str);
                let pad = " ".repeat(w - cell.chars().count());
                if col > 0 {
                    line.push_str("  ");
                }
                match align {
                    Align::Left => line.push_str(&format!("{cell}{pad}")),
                    Align::Right => line.push_str(&format!("{pad}{cell}")),
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}

pub(super) fn push_lines(out: &mut String, lines: &[String]) {
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
}

/// Break text at spaces into lines of at most `width` characters.
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("never empty");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_thousands_and_drop_needless_decimals() {
        assert_eq!(number(1_000_000.0, 2), "1,000,000");
        assert_eq!(number(100.0 / 13.3, 2), "7.52");
        assert_eq!(number(-1234.5, 2), "-1,234.5");
        assert_eq!(number(-0.001, 2), "0");
        assert_eq!(money(194.2481), "$194.25");
        assert_eq!(money(-50.0), "-$50.00");
        assert_eq!(money(123_456.0), "$123,456.00");
        assert_eq!(rate(0.1), "$0.10");
        assert_eq!(rate(0.023), "$0.023");
        assert_eq!(rate(30.0), "$30.00");
        assert_eq!(payback(Some(5.148)), "5.1 months");
        assert_eq!(payback(None), "not reached");
        assert_eq!(months(1.0), "1 month");
    }

    #[test]
    fn columns_line_up_by_characters() {
        let rows = vec![cells(["a", "→", "10"]), cells(["long", "x", "1,000"])];
        let lines = aligned(&rows, &[L, L, R]);
        assert_eq!(lines, vec!["a     →     10", "long  x  1,000"]);
    }

    #[test]
    fn wrap_keeps_words_whole() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
    }
}
