//! Dates (SPEC 2.3). Most spellings read on their own; slash dates like
//! `03/04/2025` do not, so they are kept as [`SlashDate`] while the file
//! streams past and resolved once the column's order is known
//! ([`SlashEvidence`], [`decide`]).
//!
//! Accepted: ISO `2025-03-31` (also `2025/03/31`, with or without a time, `T`,
//! offset), dotted `31.03.2025` (always day-first), slash or dash with the year
//! last `03/31/2025`, `31-03-2025` (order per column), month names
//! `31 Mar 2025`, `Mar 31, 2025`, `31-Mar-2025`; workbook date cells and
//! Excel serial numbers in numeric cells. A two-digit year `yy` is 20yy below
//! 70 and 19yy from 70 (the POSIX rule). A time after the date is ignored.

use chrono::{Datelike, NaiveDate};

use super::DateOrder;
use super::ledger::DateDecision;
use super::values::{Parsed, is_missing};
use crate::input::Cell;

/// A date whose first two fields are ambiguous until the column decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlashDate {
    pub first: u32,
    pub second: u32,
    pub year: i32,
}

/// Which orders a slash date is a real date in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fits {
    Both,
    MonthFirstOnly,
    DayFirstOnly,
}

impl SlashDate {
    pub fn read(self, order: DateOrder) -> Option<NaiveDate> {
        let (month, day) = match order {
            DateOrder::MonthFirst => (self.first, self.second),
            DateOrder::DayFirst => (self.second, self.first),
        };
        NaiveDate::from_ymd_opt(self.year, month, day)
    }

    /// `None` when it is a date in neither order (`31/31/2025`, `30/02/2025`).
    pub fn fits(self) -> Option<Fits> {
        match (
            self.read(DateOrder::MonthFirst).is_some(),
            self.read(DateOrder::DayFirst).is_some(),
        ) {
            (true, true) => Some(Fits::Both),
            (true, false) => Some(Fits::MonthFirstOnly),
            (false, true) => Some(Fits::DayFirstOnly),
            (false, false) => None,
        }
    }
}

/// A date cell: known now, or a slash date waiting for its column's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateValue {
    Known(NaiveDate),
    Slash(SlashDate),
}

pub fn parse_date(cell: &Cell) -> Parsed<DateValue> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(s) if is_missing(s) => Ok(None),
        Cell::Text(s) => parse_date_text(s.trim()).map(Some),
        Cell::DateTime(dt) => Ok(Some(DateValue::Known(dt.date()))),
        Cell::Number { value, .. } => excel_serial(*value).map(|d| Some(DateValue::Known(d))),
        Cell::Error(e) if is_missing(e) => Ok(None),
        Cell::Error(e) => Err(format!("spreadsheet error {e}")),
        Cell::Bool(b) => Err(format!("not a date: {b}")),
    }
}

/// Days since 1899-12-30 in Excel's 1900 date system, which counts a
/// 29 February 1900 that never was (serial 60).
pub fn excel_serial(serial: f64) -> Result<NaiveDate, String> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return Err(format!("not a date: {serial} is no Excel date number"));
    }
    let days = serial.floor() as i64;
    let base = match days {
        60 => return Err("not a date: 29 February 1900 does not exist".into()),
        d if d < 60 => NaiveDate::from_ymd_opt(1899, 12, 31).unwrap(),
        _ => NaiveDate::from_ymd_opt(1899, 12, 30).unwrap(),
    };
    Ok(base + chrono::Duration::days(days))
}

const EXPECTED: &str = "expected a date like 2025-03-31, 03/31/2025, 31.03.2025 or 31 Mar 2025";

pub fn parse_date_text(text: &str) -> Result<DateValue, String> {
    // A numeric date is the first token; what follows must look like a time.
    let (date_part, rest) = match text.find([' ', 'T']) {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    };
    if (rest.trim().is_empty() || looks_like_time(rest))
        && let Some(v) = numeric_date(date_part)
    {
        return v;
    }
    named_month(text)
        .map(DateValue::Known)
        .ok_or_else(|| format!("not a date: {EXPECTED}"))
}

fn looks_like_time(rest: &str) -> bool {
    let rest = rest.trim();
    rest.starts_with(|c: char| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || " :.+-zZ".contains(c) || "aApPmM".contains(c))
}

/// Numeric dates; `None` when the text is not numeric fields at all.
fn numeric_date(s: &str) -> Option<Result<DateValue, String>> {
    let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let fields: Vec<&str> = s.split(sep).collect();
    if fields.len() != 3
        || !fields
            .iter()
            .all(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let num = |f: &str| f.parse::<u32>().ok();
    let (a, b, c) = (num(fields[0])?, num(fields[1])?, num(fields[2])?);
    let no_such_day = || Err(format!("not a date: {s} is no day of the calendar"));
    if fields[0].len() == 4 {
        // Year first: ISO order, whatever the separator.
        return Some(
            ymd(a as i32, b, c)
                .map(DateValue::Known)
                .map_or_else(no_such_day, Ok),
        );
    }
    let year = match fields[2].len() {
        4 => c as i32,
        2 => two_digit_year(c),
        _ => return Some(Err(format!("not a date: {EXPECTED}"))),
    };
    if fields[0].len() > 2 || fields[1].len() > 2 {
        return Some(Err(format!("not a date: {EXPECTED}")));
    }
    if sep == '.' {
        // Dotted dates are written day-first wherever they are used.
        return Some(
            ymd(year, b, a)
                .map(DateValue::Known)
                .map_or_else(no_such_day, Ok),
        );
    }
    let slash = SlashDate {
        first: a,
        second: b,
        year,
    };
    Some(match slash.fits() {
        Some(_) => Ok(DateValue::Slash(slash)),
        None => Err(format!(
            "not a date: {s} is no day of the calendar in either order"
        )),
    })
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn two_digit_year(yy: u32) -> i32 {
    if yy < 70 {
        2000 + yy as i32
    } else {
        1900 + yy as i32
    }
}

fn named_month(text: &str) -> Option<NaiveDate> {
    const FORMATS: [&str; 9] = [
        "%d %b %Y",
        "%d %B %Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%b %d %Y",
        "%B %d %Y",
        "%d-%b-%Y",
        "%a, %d %b %Y",
        "%A, %B %d, %Y",
    ];
    let text = text.trim();
    let year_digits = text.bytes().rev().take_while(u8::is_ascii_digit).count();
    if year_digits == 4 {
        return FORMATS
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(text, f).ok());
    }
    if year_digits != 2 {
        return None;
    }
    // `31-Mar-25`, as Excel shows a date with a two-digit year.
    let d = NaiveDate::parse_from_str(text, "%d-%b-%y").ok()?;
    ymd(two_digit_year((d.year() % 100) as u32), d.month(), d.day())
}

/// What a column's slash dates say about their order, with the first
/// example of each kind for the run summary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SlashEvidence {
    pub slash_dates: u64,
    pub day_first: Option<Example>,
    pub month_first: Option<Example>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    pub count: u64,
    /// The raw value and row number of the first value seen.
    pub value: String,
    pub row: u32,
}

impl SlashEvidence {
    pub fn record(&mut self, date: SlashDate, raw: &str, row: u32) {
        self.slash_dates += 1;
        let slot = match date.fits() {
            Some(Fits::DayFirstOnly) => &mut self.day_first,
            Some(Fits::MonthFirstOnly) => &mut self.month_first,
            _ => return,
        };
        match slot {
            Some(e) => e.count += 1,
            None => {
                *slot = Some(Example {
                    count: 1,
                    value: raw.trim().to_string(),
                    row,
                })
            }
        }
    }
}

/// The order a column's slash dates are read in, and the decision to report.
/// `label` names a row as the user sees it (`line 7`, `Sheet1!7`).
pub fn decide(
    column: &str,
    evidence: &SlashEvidence,
    default: DateOrder,
    label: impl Fn(u32) -> String,
) -> (DateOrder, DateDecision) {
    let example = |e: &Example| format!("{}, {}", e.value, label(e.row));
    let fallback = format!("--date-format {}", order_name(default));
    let (order, reason, ambiguous) = match (&evidence.day_first, &evidence.month_first) {
        (Some(d), None) => (
            DateOrder::DayFirst,
            format!("a first field above 12 ({})", example(d)),
            false,
        ),
        (None, Some(m)) => (
            DateOrder::MonthFirst,
            format!("a second field above 12 ({})", example(m)),
            false,
        ),
        (Some(d), Some(m)) => {
            let order = match d.count.cmp(&m.count) {
                std::cmp::Ordering::Greater => DateOrder::DayFirst,
                std::cmp::Ordering::Less => DateOrder::MonthFirst,
                std::cmp::Ordering::Equal => default,
            };
            let why = if d.count == m.count {
                format!("as many of each: {fallback}")
            } else {
                "the majority".to_string()
            };
            (
                order,
                format!(
                    "inconsistent: {} value(s) only day-first ({}), {} only month-first ({}); \
                     read {} ({why}); values impossible in that order are rejected",
                    d.count,
                    example(d),
                    m.count,
                    example(m),
                    order_name(order),
                ),
                true,
            )
        }
        (None, None) => (
            default,
            format!(
                "ambiguous: no value has a field above 12; read {}",
                fallback
            ),
            true,
        ),
    };
    let decision = DateDecision {
        column: column.to_string(),
        format: order_name(order).to_string(),
        reason,
        ambiguous,
    };
    (order, decision)
}

pub fn order_name(order: DateOrder) -> &'static str {
    match order {
        DateOrder::MonthFirst => "month-first",
        DateOrder::DayFirst => "day-first",
    }
}

#[cfg(test)]
mod tests;
