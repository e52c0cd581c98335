use super::*;

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}
fn n(v: f64) -> Cell {
    Cell::Number {
        value: v,
        percent: false,
    }
}

#[test]
fn missing_spellings_are_missing_for_every_kind() {
    for s in [
        "", "  ", "NA", "n/a", "N/A", "NULL", "null", "-", "—", "#N/A", "NaN",
    ] {
        assert_eq!(parse_money(&t(s), false), Ok(None), "{s:?}");
        assert_eq!(parse_checkpoint(&t(s)), Ok(None), "{s:?}");
        assert_eq!(parse_bool(&t(s)), Ok(None), "{s:?}");
        assert_eq!(parse_text(&t(s)), Ok(None), "{s:?}");
    }
    assert_eq!(parse_money(&Cell::Empty, false), Ok(None));
    assert_eq!(parse_money(&Cell::Error("#N/A".into()), false), Ok(None));
    assert!(parse_money(&Cell::Error("#DIV/0!".into()), false).is_err());
    // Missing is never zero.
    assert_ne!(parse_money(&t("NA"), false), Ok(Some(0.0)));
}

#[test]
fn numbers_with_grouping_currency_and_accounting_negatives() {
    let cases = [
        ("1,234.56", 1234.56),
        ("$1,234", 1234.0),
        ("€ 99", 99.0),
        ("£5", 5.0),
        ("99 €", 99.0),
        ("USD 1,200", 1200.0),
        ("(1,200)", -1200.0),
        ("($1,200.50)", -1200.5),
        ("-$5", -5.0),
        ("$-5", -5.0),
        ("  42  ", 42.0),
        ("1 234 567", 1234567.0),
        (".5", 0.5),
        ("1.5e3", 1500.0),
        ("+7", 7.0),
    ];
    for (s, want) in cases {
        assert_eq!(parse_money(&t(s), false), Ok(Some(want)), "{s}");
    }
}

#[test]
fn decimal_comma_reads_european_numbers() {
    assert_eq!(parse_money(&t("1.234,56"), true), Ok(Some(1234.56)));
    assert_eq!(parse_money(&t("€ 1.234"), true), Ok(Some(1234.0)));
    assert_eq!(parse_money(&t("12,5"), true), Ok(Some(12.5)));
    // A US-style number is wrong under --decimal-comma: groups do not fit.
    assert!(parse_money(&t("1234.56"), true).is_err());
}

#[test]
fn misplaced_separators_and_junk_are_errors_not_guesses() {
    let err = parse_money(&t("12,5"), false).unwrap_err();
    assert!(err.contains("--decimal-comma"), "{err}");
    for s in [
        "1,23,456", "abc", "12abc", "$", "1.2.3", "--5", "1e", "inf", "NaN5", "1,234.5x",
    ] {
        assert!(parse_money(&t(s), false).is_err(), "{s}");
    }
}

#[test]
fn workbook_numbers_pass_through_and_other_cells_fail() {
    assert_eq!(parse_money(&n(1200.5), false), Ok(Some(1200.5)));
    assert!(parse_money(&Cell::Bool(true), false).is_err());
    let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
    assert!(parse_money(&Cell::DateTime(date.into()), false).is_err());
}

#[test]
fn counts_cannot_be_negative() {
    assert_eq!(parse_count(&t("1,500"), false), Ok(Some(1500.0)));
    assert_eq!(parse_count(&t("0"), false), Ok(Some(0.0)));
    let err = parse_count(&t("-3"), false).unwrap_err();
    assert!(err.contains("-3 is negative"), "{err}");
    assert!(parse_count(&t("(3)"), false).is_err());
}

#[test]
fn percent_points() {
    assert_eq!(parse_percent(&t("12"), false), Ok(Some(12.0)));
    assert_eq!(parse_percent(&t("12%"), false), Ok(Some(12.0)));
    assert_eq!(parse_percent(&t(" 12.5 % "), false), Ok(Some(12.5)));
    assert_eq!(parse_percent(&t("0.12"), false), Ok(Some(0.12)));
    assert_eq!(parse_percent(&t("12,5%"), true), Ok(Some(12.5)));
    // A percent-formatted workbook cell holds the fraction: 0.12 is 12 points.
    let cell = Cell::Number {
        value: 0.12,
        percent: true,
    };
    assert_eq!(parse_percent(&cell, false), Ok(Some(12.0)));
    assert_eq!(parse_percent(&n(0.12), false), Ok(Some(0.12)));
    assert!(parse_percent(&t("120%"), false).is_err());
    assert!(parse_percent(&t("-1"), false).is_err());
    assert!(parse_percent(&t("12 %%"), false).is_err());
}

#[test]
fn scores_outside_their_scale_fail() {
    assert_eq!(parse_score(&t("10"), false, 0.0, 10.0), Ok(Some(10.0)));
    assert_eq!(parse_score(&t("0"), false, 0.0, 10.0), Ok(Some(0.0)));
    let err = parse_score(&t("11"), false, 0.0, 10.0).unwrap_err();
    assert_eq!(err, "11 is outside 0–10");
    assert!(parse_score(&t("0"), false, 1.0, 5.0).is_err());
    assert_eq!(parse_score(&t("4.5"), false, 1.0, 5.0), Ok(Some(4.5)));
    assert!(parse_score(&t("8"), false, 1.0, 7.0).is_err());
}

#[test]
fn checkpoints_in_every_spelling() {
    let cases = [
        ("baseline", 0),
        ("Baseline", 0),
        ("go-live", 0),
        ("Go Live", 0),
        ("0", 0),
        ("30", 30),
        ("day 30", 30),
        ("Day_30", 30),
        ("DAY-30", 30),
        ("30d", 30),
        ("d30", 30),
        ("D30", 30),
        ("30 days", 30),
        ("30-day", 30),
        ("month 3", 90),
        ("Month_3", 90),
        ("3 months", 90),
        ("365", 365),
        ("30.0", 30),
    ];
    for (s, want) in cases {
        assert_eq!(parse_checkpoint(&t(s)), Ok(Some(want)), "{s}");
    }
    assert_eq!(parse_checkpoint(&n(30.0)), Ok(Some(30)));
}

#[test]
fn bad_checkpoints_fail() {
    for s in ["30.5", "-30", "day", "week 2", "thirty", "d", "30dd", "1e3"] {
        assert!(parse_checkpoint(&t(s)).is_err(), "{s}");
    }
    assert!(parse_checkpoint(&n(30.5)).is_err());
    assert!(parse_checkpoint(&n(-1.0)).is_err());
    assert!(parse_checkpoint(&Cell::Bool(true)).is_err());
}

#[test]
fn booleans() {
    for s in ["true", "TRUE", "yes", "Y", "1", "x", "X", "t"] {
        assert_eq!(parse_bool(&t(s)), Ok(Some(true)), "{s}");
    }
    for s in ["false", "No", "n", "0", "F"] {
        assert_eq!(parse_bool(&t(s)), Ok(Some(false)), "{s}");
    }
    assert_eq!(parse_bool(&Cell::Bool(false)), Ok(Some(false)));
    assert_eq!(parse_bool(&n(1.0)), Ok(Some(true)));
    assert!(parse_bool(&n(2.0)).is_err());
    assert!(parse_bool(&t("maybe")).is_err());
}

#[test]
fn consent_values() {
    assert_eq!(parse_consent(&t("Public")), Ok(Some(Consent::Public)));
    assert_eq!(parse_consent(&t("yes")), Ok(Some(Consent::Public)));
    assert_eq!(parse_consent(&t("anonymous")), Ok(Some(Consent::Anonymous)));
    assert_eq!(parse_consent(&t("NONE")), Ok(Some(Consent::None)));
    assert_eq!(parse_consent(&t("no")), Ok(Some(Consent::None)));
    assert_eq!(parse_consent(&t("")), Ok(None));
    assert!(parse_consent(&t("maybe later")).is_err());
}

#[test]
fn status_words() {
    for s in [
        "active",
        "Customer",
        "LIVE",
        "renewed",
        " at_risk ",
        "At  Risk",
    ] {
        assert_eq!(parse_status(&t(s)), Ok(Some(Status::Active)), "{s}");
    }
    for s in [
        "churned",
        "Cancelled",
        "canceled",
        "lost",
        "Closed-Lost",
        "inactive",
    ] {
        assert_eq!(parse_status(&t(s)), Ok(Some(Status::Churned)), "{s}");
    }
    assert!(parse_status(&t("prospect")).is_err());
    assert!(parse_status(&t("closedlost")).is_err());
    assert!(parse_status(&t("active customer")).is_err());
}

#[test]
fn text_is_never_interpreted() {
    assert_eq!(
        parse_text(&t("  =HYPERLINK(\"http://x\",\"Acme\") ")),
        Ok(Some("=HYPERLINK(\"http://x\",\"Acme\")".into()))
    );
    assert_eq!(parse_text(&t("+1 555")), Ok(Some("+1 555".into())));
    // A customer id typed as a number in a workbook.
    assert_eq!(parse_text(&n(1001.0)), Ok(Some("1001".into())));
    assert_eq!(parse_text(&n(2.5)), Ok(Some("2.5".into())));
    assert!(parse_text(&Cell::Error("#REF!".into())).is_err());
}
