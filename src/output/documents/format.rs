//! Numbers written for people: `$1,234`, `42.5%`, `3.2×`, `2025-03-31`.
//! A missing figure is written as [`NOT_MEASURED`], never as 0 or blank,
//! so a sentence around it still reads true.

use chrono::NaiveDate;

pub const NOT_MEASURED: &str = "not measured";

/// `$1,234` from $10 up; cents below that (`$9.35`, `$0.05`), so a small
/// line is never shown as `$0`; whole amounts without cents (`$9`).
pub fn money(v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    let cents = (a * 100.0).round();
    if a >= 10.0 || cents % 100.0 == 0.0 {
        let whole = a.round();
        if whole == 0.0 {
            return "$0".to_string();
        }
        format!("{sign}${}", thousands(whole))
    } else {
        format!("{sign}${:.2}", cents / 100.0)
    }
}

/// `42.5%`: one decimal.
pub fn pct(v: f64) -> String {
    format!("{}%", decimal(v, 1))
}

/// `3.2×`: one decimal.
pub fn times(v: f64) -> String {
    format!("{}×", decimal(v, 1))
}

/// `1,234` or `1,234.5`: at most one decimal, none when whole.
pub fn number(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        let s = thousands(r.abs());
        if r < 0.0 { format!("-{s}") } else { s }
    } else {
        decimal(v, 1)
    }
}

/// `+12.5` / `-3`: a change, always signed.
pub fn signed(v: f64, f: fn(f64) -> String) -> String {
    let s = f(v);
    if s.starts_with('-') || is_zero(&s) {
        s
    } else {
        format!("+{s}")
    }
}

/// `5.5 months`, `12 months`, `1 month`.
pub fn months(v: f64) -> String {
    let n = decimal(v, 1);
    let n = n.strip_suffix(".0").unwrap_or(&n);
    if n == "1" {
        "1 month".into()
    } else {
        format!("{n} months")
    }
}

/// `45 days` / `1 day` / `-3 days`.
pub fn days(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    if n == 1 {
        "1 day".into()
    } else {
        format!("{sign}{} days", thousands(n.unsigned_abs() as f64))
    }
}

pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The formatted value, or "not measured".
pub fn or_missing(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.map(f).unwrap_or_else(|| NOT_MEASURED.to_string())
}

/// `1234.56` → `1,234.6` with `places` decimals and thousands separators.
fn decimal(v: f64, places: usize) -> String {
    let s = format!("{:.*}", places, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let int = thousands(int.parse::<f64>().unwrap_or(0.0));
    let body = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    // No "-0.0": a value that rounds to zero has no sign.
    if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("-{body}")
    } else {
        body
    }
}

/// Thousands separators on a non-negative whole number.
fn thousands(whole: f64) -> String {
    let digits = format!("{:.0}", whole.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn is_zero(s: &str) -> bool {
    !s.chars().any(|c| c.is_ascii_digit() && c != '0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_whole_dollars_with_separators_and_cents_when_small() {
        assert_eq!(money(1234.4), "$1,234");
        assert_eq!(money(1234.5), "$1,235");
        assert_eq!(money(1_000_000.0), "$1,000,000");
        assert_eq!(money(-1200.0), "-$1,200");
        assert_eq!(money(9.354), "$9.35");
        assert_eq!(money(0.05), "$0.05");
        assert_eq!(money(9.0), "$9");
        assert_eq!(money(0.0), "$0");
        assert_eq!(money(-0.001), "$0");
        assert_eq!(money(999.0), "$999");
    }

    #[test]
    fn percent_ratio_and_number_keep_one_decimal() {
        assert_eq!(pct(42.46), "42.5%");
        assert_eq!(pct(-90.0), "-90.0%");
        assert_eq!(pct(-0.04), "0.0%");
        assert_eq!(pct(1234.0), "1,234.0%");
        assert_eq!(times(3.24), "3.2×");
        assert_eq!(number(10_000.0), "10,000");
        assert_eq!(number(1234.56), "1,234.6");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(signed(12.0, number), "+12");
        assert_eq!(signed(-12.0, number), "-12");
        assert_eq!(signed(0.0, pct), "0.0%");
        assert_eq!(signed(900.0, money), "+$900");
    }

    #[test]
    fn durations_and_missing_values() {
        assert_eq!(months(5.5249), "5.5 months");
        assert_eq!(months(1.0), "1 month");
        assert_eq!(months(12.0), "12 months");
        assert_eq!(days(1), "1 day");
        assert_eq!(days(1500), "1,500 days");
        assert_eq!(days(-3), "-3 days");
        assert_eq!(or_missing(None, money), "not measured");
        assert_eq!(or_missing(Some(12.0), money), "$12");
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2025, 3, 31).unwrap()),
            "2025-03-31"
        );
    }
}
