use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn known(s: &str) -> NaiveDate {
    match parse_date_text(s) {
        Ok(DateValue::Known(date)) => date,
        other => panic!("{s}: {other:?}"),
    }
}
fn slash(s: &str) -> SlashDate {
    match parse_date_text(s) {
        Ok(DateValue::Slash(sd)) => sd,
        other => panic!("{s}: {other:?}"),
    }
}

#[test]
fn iso_dates_with_and_without_time() {
    assert_eq!(known("2025-03-31"), d(2025, 3, 31));
    assert_eq!(known("2025-3-1"), d(2025, 3, 1));
    assert_eq!(known("2025-03-31 14:05"), d(2025, 3, 31));
    assert_eq!(known("2025-03-31 14:05:09.123"), d(2025, 3, 31));
    assert_eq!(known("2025-03-31T14:05:09Z"), d(2025, 3, 31));
    assert_eq!(known("2025-03-31T14:05:09+02:00"), d(2025, 3, 31));
    assert_eq!(known("2025/03/31"), d(2025, 3, 31));
}

#[test]
fn dotted_and_named_month_dates() {
    assert_eq!(known("31.03.2025"), d(2025, 3, 31));
    assert_eq!(known("01.03.2025"), d(2025, 3, 1));
    assert_eq!(known("31.03.25"), d(2025, 3, 31));
    assert_eq!(known("31 Mar 2025"), d(2025, 3, 31));
    assert_eq!(known("Mar 31, 2025"), d(2025, 3, 31));
    assert_eq!(known("March 31, 2025"), d(2025, 3, 31));
    assert_eq!(known("31-Mar-2025"), d(2025, 3, 31));
    assert_eq!(known("31-Mar-25"), d(2025, 3, 31));
}

#[test]
fn slash_dates_wait_for_their_column() {
    let s = slash("03/04/2025");
    assert_eq!(s.fits(), Some(Fits::Both));
    assert_eq!(s.read(DateOrder::MonthFirst), Some(d(2025, 3, 4)));
    assert_eq!(s.read(DateOrder::DayFirst), Some(d(2025, 4, 3)));
    assert_eq!(slash("31/03/2025").fits(), Some(Fits::DayFirstOnly));
    assert_eq!(slash("03/31/2025").fits(), Some(Fits::MonthFirstOnly));
    assert_eq!(
        slash("03/31/2025 10:00 AM").fits(),
        Some(Fits::MonthFirstOnly)
    );
    assert_eq!(slash("3-31-2025").fits(), Some(Fits::MonthFirstOnly));
    // Two-digit years: 20yy below 70, 19yy from 70.
    assert_eq!(slash("3/4/25").year, 2025);
    assert_eq!(slash("3/4/69").year, 2069);
    assert_eq!(slash("3/4/70").year, 1970);
}

#[test]
fn impossible_dates_fail_at_once() {
    for s in [
        "31/31/2025",
        "30/02/2025",
        "02/30/2025",
        "2025-02-29",
        "2025-13-01",
        "32.01.2025",
        "31/03",
        "2025-03-31 lunchtime",
        "yesterday",
        "20250331",
        "1/2/3/2025",
        "123/1/2025",
        "1/1/202",
    ] {
        assert!(parse_date_text(s).is_err(), "{s}");
    }
}

#[test]
fn workbook_cells_and_serials() {
    let dt = d(2025, 3, 31).and_hms_opt(13, 0, 0).unwrap();
    assert_eq!(
        parse_date(&Cell::DateTime(dt)),
        Ok(Some(DateValue::Known(d(2025, 3, 31))))
    );
    // 45747 days after 1899-12-30 is 2025-03-31 (45658 was 2025-01-01:
    // 31 + 28 + 30 more days to reach 31 March).
    let serial = Cell::Number {
        value: 45747.5,
        percent: false,
    };
    assert_eq!(
        parse_date(&serial),
        Ok(Some(DateValue::Known(d(2025, 3, 31))))
    );
    assert_eq!(excel_serial(45658.0), Ok(d(2025, 1, 1)));
    assert_eq!(excel_serial(1.0), Ok(d(1900, 1, 1)));
    assert_eq!(excel_serial(61.0), Ok(d(1900, 3, 1)));
    assert!(excel_serial(60.0).is_err());
    assert!(excel_serial(0.0).is_err());
    assert!(excel_serial(-5.0).is_err());
    assert_eq!(parse_date(&Cell::Text("N/A".into())), Ok(None));
    assert!(parse_date(&Cell::Bool(true)).is_err());
}

fn evidence(values: &[&str]) -> SlashEvidence {
    let mut e = SlashEvidence::default();
    for (i, v) in values.iter().enumerate() {
        e.record(slash(v), v, i as u32 + 2);
    }
    e
}
fn line(row: u32) -> String {
    format!("line {row}")
}

#[test]
fn a_first_field_above_12_means_day_first() {
    let e = evidence(&["01/02/2025", "31/03/2025", "13/04/2025"]);
    let (order, dec) = decide("date", &e, DateOrder::MonthFirst, line);
    assert_eq!(order, DateOrder::DayFirst);
    assert!(!dec.ambiguous);
    assert_eq!(dec.reason, "a first field above 12 (31/03/2025, line 3)");
}

#[test]
fn a_second_field_above_12_means_month_first() {
    let e = evidence(&["01/02/2025", "03/31/2025"]);
    let (order, dec) = decide("date", &e, DateOrder::DayFirst, line);
    assert_eq!(order, DateOrder::MonthFirst);
    assert!(!dec.ambiguous);
    assert_eq!(dec.format, "month-first");
}

#[test]
fn undecided_columns_use_the_default_and_say_so() {
    let e = evidence(&["01/02/2025", "03/04/2025"]);
    let (order, dec) = decide("date", &e, DateOrder::MonthFirst, line);
    assert_eq!(order, DateOrder::MonthFirst);
    assert!(dec.ambiguous);
    assert!(
        dec.reason.contains("--date-format month-first"),
        "{}",
        dec.reason
    );
    let (order, _) = decide("date", &e, DateOrder::DayFirst, line);
    assert_eq!(order, DateOrder::DayFirst);
}

#[test]
fn inconsistent_columns_follow_the_majority() {
    let e = evidence(&["31/03/2025", "30/03/2025", "03/31/2025"]);
    let (order, dec) = decide("date", &e, DateOrder::MonthFirst, line);
    assert_eq!(order, DateOrder::DayFirst);
    assert!(dec.ambiguous);
    assert!(dec.reason.starts_with("inconsistent: 2 value(s) only day-first (31/03/2025, line 2), 1 only month-first (03/31/2025, line 4)"), "{}", dec.reason);
    // A tie falls back to --date-format.
    let e = evidence(&["31/03/2025", "03/31/2025"]);
    let (order, _) = decide("date", &e, DateOrder::MonthFirst, line);
    assert_eq!(order, DateOrder::MonthFirst);
}
