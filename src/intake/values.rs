//! One parser per value kind (SPEC 2.3). Each is a pure function of one cell:
//! `Ok(Some(v))` a value, `Ok(None)` missing, `Err(reason)` unreadable.
//! Dates live in `dates.rs` because slash dates need the whole column.

use crate::input::Cell;
use crate::portfolio::{Consent, Status};

/// A parsed cell: `Ok(None)` is missing, `Err` says why the cell is unreadable.
pub type Parsed<T> = Result<Option<T>, String>;

/// The spellings of "no value" (SPEC 2.3), plus `#N/A` and `NaN`, which Excel
/// and pandas write for missing values.
pub fn is_missing(text: &str) -> bool {
    is_missing_trimmed(text.trim())
}

fn is_missing_trimmed(t: &str) -> bool {
    const MISSING: [&str; 9] = ["", "na", "n/a", "null", "-", "—", "–", "#n/a", "nan"];
    // Every spelling is at most 4 bytes: most cells are out at once.
    t.len() <= 4 && MISSING.iter().any(|m| t.eq_ignore_ascii_case(m))
}

/// Text of a cell, or the missing/unreadable verdict shared by every kind.
/// `Ok(Ok(text))` is present text; `Ok(Err(cell))` a typed cell for the caller.
fn text_of(cell: &Cell) -> Result<Option<Result<&str, &Cell>>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(s) => {
            let t = s.trim();
            Ok((!is_missing_trimmed(t)).then_some(Ok(t)))
        }
        Cell::Error(e) if is_missing(e) => Ok(None),
        Cell::Error(e) => Err(format!("spreadsheet error {e}")),
        other => Ok(Some(Err(other))),
    }
}

/// A number as written for a person: 1001.0 → `1001`, 2.5 → `2.5`.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// Free text: trimmed, never interpreted (`=HYPERLINK(...)` stays a string).
/// Numbers from workbooks read as they display (`1001`, not `1001.0`).
pub fn parse_text(cell: &Cell) -> Parsed<String> {
    match text_of(cell)? {
        None => Ok(None),
        Some(Ok(s)) => Ok(Some(s.to_string())),
        Some(Err(Cell::Number { value, .. })) => Ok(Some(format_number(*value))),
        Some(Err(Cell::DateTime(d))) => Ok(Some(if d.time() == chrono::NaiveTime::MIN {
            d.date().to_string()
        } else {
            d.to_string()
        })),
        Some(Err(Cell::Bool(b))) => Ok(Some(b.to_string())),
        Some(Err(other)) => Err(format!("unexpected cell {other:?}")),
    }
}

/// A number with optional currency, grouping and accounting negatives:
/// `1,234.56`, `$1,234`, `€ 99`, `-£5`, `(1,200)` = -1200, `1.5e3`. With
/// `decimal_comma`, `1.234,56`. Spaces (also non-breaking) may group digits.
/// A separator in the wrong place (`12,5` without `--decimal-comma`) is an
/// error rather than a silent 125.
pub fn parse_number_text(text: &str, decimal_comma: bool) -> Result<f64, String> {
    let fail = |why: &str| Err(format!("not a number: {why}"));
    let mut t = text.trim();
    // Most cells are plain digits: read them without building a copy.
    let plain = |b: u8| b.is_ascii_digit() || (b == b'.' && !decimal_comma);
    if !t.is_empty() && t.bytes().all(plain) && t.bytes().any(|b| b.is_ascii_digit()) {
        return t.parse::<f64>().or_else(|_| fail("unexpected characters"));
    }
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        negative = true;
        t = inner.trim();
    }
    let mut signs = 0;
    for _ in 0..2 {
        if let Some(rest) = strip_sign(t) {
            negative ^= rest.0;
            signs += 1;
            t = rest.1;
        }
        t = strip_currency_prefix(t).trim_start();
    }
    t = strip_currency_suffix(t).trim_end();
    if signs > 1 {
        return fail("more than one sign");
    }
    let (decimal, group) = if decimal_comma {
        (',', '.')
    } else {
        ('.', ',')
    };
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int_part, frac_part) = match mantissa.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let mut clean = String::with_capacity(t.len() + 1);
    if negative {
        clean.push('-');
    }
    if !push_grouped_digits(int_part, group, &mut clean) {
        return if !decimal_comma && int_part.contains(',') {
            fail("a comma where digits are grouped in threes (decimal comma? use --decimal-comma)")
        } else {
            fail("unexpected characters")
        };
    }
    if let Some(f) = frac_part {
        if !f.bytes().all(|b| b.is_ascii_digit()) {
            return fail("unexpected characters after the decimal separator");
        }
        clean.push('.');
        clean.push_str(f);
    }
    if !clean.bytes().any(|b| b.is_ascii_digit()) {
        return fail("no digits");
    }
    if let Some(e) = exponent {
        let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return fail("bad exponent");
        }
        clean.push('e');
        clean.push_str(e);
    }
    match clean.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => fail("out of range"),
    }
}

/// The integer part's digits into `out`, checking the grouping: either no
/// separator, or groups of three after a first group of one to three digits.
fn push_grouped_digits(int_part: &str, group: char, out: &mut String) -> bool {
    let is_sep = |c: char| c == group || c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\'';
    if !int_part.contains(is_sep) {
        if int_part.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(int_part);
            return true;
        }
        return false;
    }
    let sep = int_part.chars().find(|&c| is_sep(c)).unwrap();
    for (i, g) in int_part.split(sep).enumerate() {
        let ok_len = if i == 0 {
            (1..=3).contains(&g.len())
        } else {
            g.len() == 3
        };
        if !ok_len || !g.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        out.push_str(g);
    }
    true
}

/// A leading sign: `(is_negative, rest)`.
fn strip_sign(t: &str) -> Option<(bool, &str)> {
    if let Some(r) = t.strip_prefix(['-', '−']) {
        Some((true, r.trim_start()))
    } else {
        t.strip_prefix('+').map(|r| (false, r.trim_start()))
    }
}

const CURRENCY_SYMBOLS: [char; 4] = ['$', '€', '£', '¥'];
const CURRENCY_CODES: [&str; 3] = ["USD", "EUR", "GBP"];

fn strip_currency_prefix(t: &str) -> &str {
    if let Some(r) = t.strip_prefix(CURRENCY_SYMBOLS) {
        return r;
    }
    for code in CURRENCY_CODES {
        if t.len() >= 3 && t.is_char_boundary(3) && t[..3].eq_ignore_ascii_case(code) {
            return &t[3..];
        }
    }
    t
}

fn strip_currency_suffix(t: &str) -> &str {
    if let Some(r) = t.strip_suffix(CURRENCY_SYMBOLS) {
        return r;
    }
    for code in CURRENCY_CODES {
        let n = t.len();
        if n >= 3 && t.is_char_boundary(n - 3) && t[n - 3..].eq_ignore_ascii_case(code) {
            return &t[..n - 3];
        }
    }
    t
}

/// A number cell of any numeric kind before range checks.
fn number(cell: &Cell, decimal_comma: bool) -> Parsed<f64> {
    match text_of(cell)? {
        None => Ok(None),
        Some(Ok(s)) => parse_number_text(s, decimal_comma).map(Some),
        Some(Err(Cell::Number { value, .. })) if value.is_finite() => Ok(Some(*value)),
        Some(Err(Cell::Bool(b))) => Err(format!("not a number: {b}")),
        Some(Err(Cell::DateTime(_))) => Err("not a number: a date".to_string()),
        Some(Err(other)) => Err(format!("not a number: {}", other.display())),
    }
}

/// Money: any sign.
pub fn parse_money(cell: &Cell, decimal_comma: bool) -> Parsed<f64> {
    number(cell, decimal_comma)
}

/// An amount that cannot be negative (GB, ms, calls, tickets, users).
pub fn parse_count(cell: &Cell, decimal_comma: bool) -> Parsed<f64> {
    match number(cell, decimal_comma)? {
        Some(v) if v < 0.0 => Err(format!("{} is negative", format_number(v))),
        other => Ok(other),
    }
}

/// Percent points, 0–100: `12` and `12%` are 12; `0.12` is 0.12; a workbook
/// cell with a percent format holding 0.12 is 12.
pub fn parse_percent(cell: &Cell, decimal_comma: bool) -> Parsed<f64> {
    let points = match cell {
        Cell::Number {
            value,
            percent: true,
        } => Some(round_points(value * 100.0)),
        Cell::Text(s) if !is_missing(s) => {
            let t = s.trim();
            let t = t.strip_suffix('%').map(str::trim_end).unwrap_or(t);
            Some(parse_number_text(t, decimal_comma)?)
        }
        other => number(other, decimal_comma)?,
    };
    match points {
        Some(p) if !(0.0..=100.0).contains(&p) => {
            Err(format!("{} is outside 0–100 percent", format_number(p)))
        }
        other => Ok(other),
    }
}

/// 0.12 × 100 is 12.000000000000002 in binary; points need no more than
/// nine decimals.
fn round_points(p: f64) -> f64 {
    (p * 1e9).round() / 1e9
}

/// A survey score within its scale (NPS 0–10, CSAT 1–5, CES 1–7).
pub fn parse_score(cell: &Cell, decimal_comma: bool, min: f64, max: f64) -> Parsed<f64> {
    match number(cell, decimal_comma)? {
        Some(v) if v < min || v > max => Err(format!(
            "{} is outside {}–{}",
            format_number(v),
            format_number(min),
            format_number(max)
        )),
        other => Ok(other),
    }
}

/// Days since go-live: `baseline`, `go-live`, `0`, `30`, `day 30`, `Day_30`,
/// `30d`, `d30`, `30 days`, `30-day`, `month 3` (= 90), any case; a workbook
/// number 30.0 reads as 30, 30.5 is an error.
pub fn parse_checkpoint(cell: &Cell) -> Parsed<u32> {
    let text = match text_of(cell)? {
        None => return Ok(None),
        Some(Ok(s)) => s,
        Some(Err(Cell::Number { value, .. })) => return whole_days(*value).map(Some),
        Some(Err(other)) => return Err(format!("not a checkpoint: {}", other.display())),
    };
    if text.starts_with(['-', '−']) {
        return Err(format!(
            "{text} is negative: a checkpoint counts days since go-live"
        ));
    }
    let bad = || {
        "not a checkpoint: expected baseline, a number of days (30, day 30, 30d, d30, 30 days) or month 3"
            .to_string()
    };
    // Lowercase without spaces, `_` or `-`, on the stack: every accepted
    // spelling is short ASCII, and this runs once per row.
    let mut buf = [0u8; 24];
    let mut len = 0;
    for b in text.bytes().filter(|b| !matches!(b, b' ' | b'_' | b'-')) {
        if len == buf.len() || !b.is_ascii() {
            return Err(bad());
        }
        buf[len] = b.to_ascii_lowercase();
        len += 1;
    }
    let s = std::str::from_utf8(&buf[..len]).expect("ASCII");
    if matches!(s, "baseline" | "golive" | "day0") {
        return Ok(Some(0));
    }
    let (digits, days_per_unit) = if let Some(n) = s.strip_prefix("month") {
        (n, 30)
    } else if let Some(n) = s.strip_suffix("months").or_else(|| s.strip_suffix("month")) {
        (n, 30)
    } else if let Some(n) = s.strip_prefix("day").or_else(|| s.strip_prefix('d')) {
        (n, 1)
    } else if let Some(n) = s
        .strip_suffix("days")
        .or_else(|| s.strip_suffix("day"))
        .or_else(|| s.strip_suffix('d'))
    {
        (n, 1)
    } else {
        (s, 1)
    };
    let value: f64 = match digits.parse() {
        Ok(v) if digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') => v,
        _ => return Err(bad()),
    };
    let days = whole_days(value)?;
    days.checked_mul(days_per_unit)
        .map(Some)
        .ok_or_else(|| "checkpoint too large".to_string())
}

fn whole_days(value: f64) -> Result<u32, String> {
    if value < 0.0 {
        Err(format!(
            "{} is negative: a checkpoint counts days since go-live",
            format_number(value)
        ))
    } else if value.fract() != 0.0 || !value.is_finite() {
        Err(format!("{value} is not a whole number of days"))
    } else if value > u32::MAX as f64 {
        Err("checkpoint too large".to_string())
    } else {
        Ok(value as u32)
    }
}

/// Whether `text` is one of `words`, ignoring case, surrounding spaces, and
/// treating `_`, `-` and runs of spaces alike (`Closed-Lost` = `closed lost`).
/// Compares without allocating: it runs for every row.
fn is_one_of(text: &str, words: &[&str]) -> bool {
    fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
        let mut gap = false;
        s.trim()
            .chars()
            .filter_map(move |c| {
                if c == ' ' || c == '_' || c == '-' {
                    let first = !gap;
                    gap = true;
                    first.then_some(' ')
                } else {
                    gap = false;
                    Some(c)
                }
            })
            .flat_map(char::to_lowercase)
    }
    words.iter().any(|w| folded(text).eq(w.chars()))
}

/// true/false, yes/no, y/n, t/f, 1/0, and `x` for a ticked box.
pub fn parse_bool(cell: &Cell) -> Parsed<bool> {
    match text_of(cell)? {
        None => Ok(None),
        Some(Ok(s)) if is_one_of(s, &["true", "yes", "y", "t", "1", "x"]) => Ok(Some(true)),
        Some(Ok(s)) if is_one_of(s, &["false", "no", "n", "f", "0"]) => Ok(Some(false)),
        Some(Ok(_)) => Err("not a yes/no value: expected true/false, yes/no, y/n, 1/0 or x".into()),
        Some(Err(Cell::Bool(b))) => Ok(Some(*b)),
        Some(Err(Cell::Number { value, .. })) if *value == 1.0 => Ok(Some(true)),
        Some(Err(Cell::Number { value, .. })) if *value == 0.0 => Ok(Some(false)),
        Some(Err(other)) => Err(format!("not a yes/no value: {}", other.display())),
    }
}

/// `public` (may be named), `anonymous` (publish without the name), `none`;
/// yes/no read as public/none.
pub fn parse_consent(cell: &Cell) -> Parsed<Consent> {
    let text = match text_of(cell)? {
        None => return Ok(None),
        Some(Ok(s)) => s,
        Some(Err(Cell::Bool(true))) => return Ok(Some(Consent::Public)),
        Some(Err(Cell::Bool(false))) => return Ok(Some(Consent::None)),
        Some(Err(other)) => return Err(format!("not a consent: {}", other.display())),
    };
    if is_one_of(text, &["public", "yes", "y", "true", "named"]) {
        Ok(Some(Consent::Public))
    } else if is_one_of(text, &["anonymous", "anonymized", "anonymised", "anon"]) {
        Ok(Some(Consent::Anonymous))
    } else if is_one_of(text, &["none", "no", "n", "false", "declined"]) {
        Ok(Some(Consent::None))
    } else {
        Err("not a consent: expected public, anonymous or none".into())
    }
}

const ACTIVE: [&str; 7] = [
    "active",
    "customer",
    "live",
    "renewed",
    "current",
    "onboarding",
    "at risk",
];
const CHURNED: [&str; 9] = [
    "churned",
    "churn",
    "cancelled",
    "canceled",
    "lost",
    "closed lost",
    "inactive",
    "terminated",
    "former customer",
];

/// active/churned and the CRM words for them.
pub fn parse_status(cell: &Cell) -> Parsed<Status> {
    let text = match text_of(cell)? {
        None => return Ok(None),
        Some(Ok(s)) => s,
        Some(Err(other)) => return Err(format!("not a status: {}", other.display())),
    };
    if is_one_of(text, &ACTIVE) {
        Ok(Some(Status::Active))
    } else if is_one_of(text, &CHURNED) {
        Ok(Some(Status::Churned))
    } else {
        Err("not a status: expected active or churned (or customer, live, renewed, cancelled, lost, inactive)".into())
    }
}

#[cfg(test)]
mod tests;
