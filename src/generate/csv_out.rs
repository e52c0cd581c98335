//! The CSV form of the export: rendered by hand into a byte buffer, because a
//! million rows of 27 fields through `format!` would cost more than making
//! the data.

use chrono::Datelike;

use super::COLUMNS;
use super::model::GeneratedCustomer;
use crate::portfolio::Consent;

/// The header line.
pub fn header(out: &mut Vec<u8>) {
    out.extend_from_slice(COLUMNS.join(",").as_bytes());
    out.push(b'\n');
}

/// Append the customer's rows, in the order of [`COLUMNS`].
pub fn customer_rows(c: &GeneratedCustomer, out: &mut Vec<u8>) {
    for row in &c.rows {
        out.extend_from_slice(b"CUST-");
        push_padded(out, c.number, 6);
        out.push(b',');
        push_text(out, &c.name);
        out.push(b',');
        out.extend_from_slice(c.segment.label().as_bytes());
        out.push(b',');
        push_uint(out, u64::from(row.checkpoint));
        out.push(b',');
        push_date(out, row.date);
        out.push(b',');
        out.extend_from_slice(if row.churned { b"churned" } else { b"active" });
        out.push(b',');
        push_fixed(out, row.implementation_cost, 2);
        out.push(b',');
        push_fixed(out, row.storage_gb, 1);
        out.push(b',');
        push_fixed(out, row.api_calls, 0);
        out.push(b',');
        push_fixed(out, row.latency_ms, 1);
        out.push(b',');
        push_fixed(out, row.accuracy_pct, 2);
        out.push(b',');
        push_fixed(out, row.infrastructure_cost, 2);
        out.push(b',');
        push_fixed(out, row.error_rate_pct, 2);
        out.push(b',');
        push_uint(out, u64::from(row.support_tickets));
        out.push(b',');
        push_fixed(out, row.mrr, 2);
        out.push(b',');
        if let Some(v) = row.expansion_revenue {
            push_fixed(out, v, 2);
        }
        out.push(b',');
        push_uint(out, u64::from(row.active_users));
        out.push(b',');
        push_uint(out, u64::from(row.licensed_users));
        out.push(b',');
        push_uint(out, u64::from(row.features_used));
        out.push(b',');
        push_uint(out, u64::from(row.features_available));
        for score in [row.nps, row.csat, row.ces, row.referrals] {
            out.push(b',');
            if let Some(v) = score {
                push_uint(out, u64::from(v));
            }
        }
        out.push(b',');
        out.extend_from_slice(bool_word(row.case_study_published));
        out.push(b',');
        out.extend_from_slice(bool_word(row.testimonial_collected));
        out.push(b',');
        out.extend_from_slice(consent_word(c.consent).as_bytes());
        out.push(b'\n');
    }
}

pub fn consent_word(consent: Option<Consent>) -> &'static str {
    match consent {
        Some(Consent::Public) => "public",
        Some(Consent::Anonymous) => "anonymous",
        Some(Consent::None) => "none",
        None => "",
    }
}

fn bool_word(b: bool) -> &'static [u8] {
    if b { b"true" } else { b"false" }
}

/// RFC 4180: quote a field that holds a delimiter, quote or line break.
fn push_text(out: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for b in s.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

/// ISO date, `2025-03-31`.
fn push_date(out: &mut Vec<u8>, d: chrono::NaiveDate) {
    push_padded(out, d.year().max(0) as u64, 4);
    out.push(b'-');
    push_padded(out, u64::from(d.month()), 2);
    out.push(b'-');
    push_padded(out, u64::from(d.day()), 2);
}

fn push_uint(out: &mut Vec<u8>, v: u64) {
    push_padded(out, v, 1);
}

/// Decimal digits of `v`, left-padded with zeros to at least `width`.
fn push_padded(out: &mut Vec<u8>, mut v: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut n = 0;
    loop {
        digits[n] = b'0' + (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for _ in n..width {
        out.push(b'0');
    }
    out.extend(digits[..n].iter().rev());
}

/// `v` with exactly `decimals` places (0–6), rounded half away from zero;
/// no exponent, no thousands separator.
fn push_fixed(out: &mut Vec<u8>, v: f64, decimals: u32) {
    let scale = 10u64.pow(decimals);
    let scaled = (v * scale as f64).round();
    if scaled < 0.0 {
        out.push(b'-');
    }
    let scaled = scaled.abs() as u64;
    push_uint(out, scaled / scale);
    if decimals > 0 {
        out.push(b'.');
        push_padded(out, scaled % scale, decimals as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(v: f64, d: u32) -> String {
        let mut out = Vec::new();
        push_fixed(&mut out, v, d);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn fixed_point_numbers() {
        assert_eq!(fixed(1234.5, 2), "1234.50");
        assert_eq!(fixed(0.05, 2), "0.05");
        assert_eq!(fixed(0.0, 1), "0.0");
        assert_eq!(fixed(-12.25, 1), "-12.3");
        assert_eq!(fixed(5_000_000.0, 0), "5000000");
        assert_eq!(fixed(99.899999999, 2), "99.90");
    }

    #[test]
    fn dates_and_padding() {
        let mut out = Vec::new();
        push_date(
            &mut out,
            chrono::NaiveDate::from_ymd_opt(2025, 3, 7).unwrap(),
        );
        out.push(b' ');
        push_padded(&mut out, 123, 6);
        out.push(b' ');
        push_padded(&mut out, 1_234_567, 6);
        assert_eq!(String::from_utf8(out).unwrap(), "2025-03-07 000123 1234567");
    }

    #[test]
    fn text_with_delimiters_is_quoted() {
        let mut out = Vec::new();
        push_text(&mut out, "Smith, Jones \"and\" Co");
        out.push(b' ');
        push_text(&mut out, "Bluefin Logistics GmbH");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"Smith, Jones \"\"and\"\" Co\" Bluefin Logistics GmbH"
        );
    }
}
