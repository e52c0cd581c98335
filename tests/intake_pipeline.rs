//! The intake pipeline on tables built in memory: what is accepted, what is
//! rejected or warned about and why, how slash-date columns are decided.

mod intake_support;

use chrono::NaiveDate;
use csf::input::{Cell, RawRow, Table};
use csf::intake::ledger::{RowRef, Severity, Tally};
use csf::intake::{DateOrder, IntakeError, IntakeOptions, read_tables};
use csf::portfolio::{Consent, Metric, Status};
use indicatif::ProgressBar;
use intake_support::{csv, read, read_with, table, text};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const HEADERS: [&str; 6] = ["Account ID", "Stage", "Date", "NPS", "MRR ($)", "Owner"];

#[test]
fn good_rows_become_snapshots_with_typed_values() {
    let t = csv(
        "a.csv",
        &[
            "Account ID",
            "Company name",
            "Checkpoint",
            "As of",
            "Accuracy %",
            "Monthly recurring revenue",
            "Status",
            "Consent",
            "Case study published",
            "ARR",
        ],
        &[
            &[
                "1001",
                "Acme",
                "baseline",
                "2025-01-15",
                "91%",
                "$1,200",
                "live",
                "yes",
                "no",
                "14400",
            ],
            &[
                "1001",
                "Acme",
                "Day 30",
                "2025-02-14",
                "0.5",
                "(300)",
                "cancelled",
                "anonymous",
                "x",
                "x",
            ],
        ],
    );
    let intake = read(vec![t]);
    assert_eq!(intake.snapshots.len(), 2);
    let b = &intake.snapshots[0];
    assert_eq!(b.customer_id, "1001");
    assert_eq!(b.checkpoint, 0);
    assert_eq!(b.date, d(2025, 1, 15));
    assert_eq!(b.customer_name.as_deref(), Some("Acme"));
    assert_eq!(b.get(Metric::AccuracyPct), Some(91.0));
    assert_eq!(b.get(Metric::Mrr), Some(1200.0));
    assert_eq!(b.status, Some(Status::Active));
    assert_eq!(b.consent, Some(Consent::Public));
    assert_eq!(b.case_study_published, Some(false));
    assert_eq!(b.source, RowRef { file: 0, row: 2 });
    let c = &intake.snapshots[1];
    assert_eq!(c.checkpoint, 30);
    // "0.5" in a percent column is half a point, not 50%.
    assert_eq!(c.get(Metric::AccuracyPct), Some(0.5));
    assert_eq!(c.get(Metric::Mrr), Some(-300.0));
    assert_eq!(c.status, Some(Status::Churned));
    assert_eq!(c.consent, Some(Consent::Anonymous));
    assert_eq!(c.case_study_published, Some(true));
    // Columns not given are missing, never zero.
    assert_eq!(c.get(Metric::Nps), None);
    let f = &intake.ledger.files[0];
    // The ARR column is not read as MRR: it is listed as unknown.
    assert_eq!(f.unknown_columns, vec!["ARR".to_string()]);
    assert_eq!(f.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(f.delimiter, Some(','));
    assert!(
        intake.ledger.issues.is_empty(),
        "{:?}",
        intake.ledger.issues
    );
}

#[test]
fn rows_missing_a_key_field_are_rejected_with_file_row_column_value() {
    let t = csv(
        "a.csv",
        &HEADERS,
        &[
            &["1", "0", "2025-01-01", "9", "100", "x"],
            &["", "30", "2025-02-01", "9", "100", "x"],
            &["2", "day thirty", "2025-02-01", "9", "100", "x"],
            &["3", "30", "2025-02-30", "9", "100", "x"],
            &["4", "30", "", "", "", ""],
            &["N/A", "week 2", "soon", "", "", ""],
        ],
    );
    let intake = read(vec![t]);
    assert_eq!(intake.snapshots.len(), 1);
    let rejected: Vec<(u32, Option<&str>, Option<&str>, &str)> = intake
        .ledger
        .issues
        .iter()
        .map(|i| {
            assert_eq!(i.severity, Severity::Rejected);
            (
                i.row.unwrap().row,
                i.column.as_deref(),
                i.value.as_deref(),
                i.reason.as_str(),
            )
        })
        .collect();
    assert_eq!(rejected.len(), 5);
    assert_eq!(
        rejected[0],
        (
            3,
            Some("Account ID"),
            Some(""),
            "missing: customer_id is required"
        )
    );
    assert_eq!(rejected[1].0, 4);
    assert_eq!(rejected[1].1, Some("Stage"));
    assert_eq!(rejected[1].2, Some("day thirty"));
    assert!(
        rejected[1].3.starts_with("not a checkpoint"),
        "{}",
        rejected[1].3
    );
    assert_eq!(rejected[2].0, 5);
    assert_eq!(rejected[2].2, Some("2025-02-30"));
    assert!(rejected[2].3.starts_with("not a date"), "{}", rejected[2].3);
    assert_eq!(
        rejected[3],
        (
            6,
            Some("Date"),
            Some(""),
            "missing: snapshot_date is required"
        )
    );
    // Every failing key field is named, in one issue for the row.
    assert_eq!(rejected[4].0, 7);
    assert!(
        rejected[4].3.contains("also Stage \"week 2\""),
        "{}",
        rejected[4].3
    );
    assert!(
        rejected[4].3.contains("also Date \"soon\""),
        "{}",
        rejected[4].3
    );
    // The id is given where it was read.
    assert_eq!(intake.ledger.issues[1].customer_id.as_deref(), Some("2"));
    let tally = intake.ledger.files[0].tally;
    assert_eq!(
        tally,
        Tally {
            rows_read: 6,
            accepted: 1,
            superseded: 0,
            rejected: 5
        }
    );
}

#[test]
fn bad_optional_cells_are_warnings_and_the_row_is_kept() {
    let t = csv(
        "a.csv",
        &[
            "customer_id",
            "checkpoint",
            "snapshot_date",
            "nps",
            "csat",
            "support_tickets",
            "mrr",
        ],
        &[&["1", "0", "2025-01-01", "11", "4", "-2", "12,5"]],
    );
    let intake = read(vec![t]);
    assert_eq!(intake.snapshots.len(), 1);
    let s = &intake.snapshots[0];
    assert_eq!(s.get(Metric::Nps), None);
    assert_eq!(s.get(Metric::Csat), Some(4.0));
    assert_eq!(s.get(Metric::SupportTickets), None);
    assert_eq!(s.get(Metric::Mrr), None);
    let warnings: Vec<(&str, &str)> = intake
        .ledger
        .issues
        .iter()
        .map(|i| {
            assert_eq!(i.severity, Severity::Warning);
            assert_eq!(i.row, Some(RowRef { file: 0, row: 2 }));
            (i.column.as_deref().unwrap(), i.value.as_deref().unwrap())
        })
        .collect();
    assert_eq!(
        warnings,
        vec![("nps", "11"), ("support_tickets", "-2"), ("mrr", "12,5")]
    );
    assert!(intake.ledger.issues[0].reason.contains("outside 0–10"));
    assert_eq!(intake.ledger.files[0].tally.accepted, 1);
}

#[test]
fn ragged_rows_are_warned_about_and_read_as_far_as_they_go() {
    let t = csv(
        "a.csv",
        &HEADERS,
        &[
            &["1", "0", "2025-01-01"],
            &["2", "0", "2025-01-01", "9", "100", "x", "extra"],
            // A trailing empty field is harmless.
            &["3", "0", "2025-01-01", "9", "100", "x", ""],
        ],
    );
    let intake = read(vec![t]);
    assert_eq!(intake.snapshots.len(), 3);
    assert_eq!(intake.snapshots[1].get(Metric::Nps), Some(9.0));
    let reasons: Vec<(u32, &str)> = intake
        .ledger
        .issues
        .iter()
        .map(|i| (i.row.unwrap().row, i.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (
                2,
                "row has 3 fields, the header has 6; the missing fields are read as empty"
            ),
            (
                3,
                "row has 7 fields, the header has 6; the extra fields are ignored"
            ),
        ]
    );
}

#[test]
fn blank_rows_are_not_rows() {
    let t = csv(
        "a.csv",
        &HEADERS,
        &[
            &["1", "0", "2025-01-01"],
            &["", "", "", "", "", ""],
            &[" ", ""],
        ],
    );
    let intake = read(vec![t]);
    assert_eq!(intake.ledger.files[0].tally.rows_read, 1);
}

#[test]
fn a_missing_required_column_names_it_the_headers_and_the_aliases() {
    let t = csv("export.csv", &["Account ID", "Date", "NPS"], &[]);
    let err = read_tables(
        vec![Ok(t)],
        &IntakeOptions::default(),
        &ProgressBar::hidden(),
    )
    .unwrap_err();
    assert!(matches!(
        err,
        IntakeError::MissingColumn {
            column: "checkpoint",
            ..
        }
    ));
    let msg = err.to_string();
    assert!(
        msg.starts_with("export.csv: required column \"checkpoint\" not found"),
        "{msg}"
    );
    assert!(msg.contains("\"Account ID\", \"Date\", \"NPS\""), "{msg}");
    assert!(msg.contains("\"days_since_go_live\""), "{msg}");
}

#[test]
fn a_second_column_for_the_same_field_is_ignored_with_a_warning() {
    let t = csv(
        "a.csv",
        &["customer_id", "checkpoint", "date", "Account ID"],
        &[&["1", "0", "2025-01-01", "999"]],
    );
    let intake = read(vec![t]);
    assert_eq!(intake.snapshots[0].customer_id, "1");
    let i = &intake.ledger.issues[0];
    assert_eq!(i.row, Some(RowRef { file: 0, row: 1 }));
    assert_eq!(i.column.as_deref(), Some("Account ID"));
    assert_eq!(i.severity, Severity::Warning);
    assert_eq!(
        i.reason,
        "a second column for customer_id; the first one is used"
    );
}

/// `n` rows dated `01/02/2025` then one `last` date: the deciding value comes
/// after several batches have been parsed.
fn slash_table(n: usize, last: &str) -> Table {
    let mut rows: Vec<Vec<Cell>> = (0..n)
        .map(|i| vec![text(&format!("c{i}")), text("0"), text("01/02/2025")])
        .collect();
    rows.push(vec![text("last"), text("0"), text(last)]);
    table("big.csv", &["id", "checkpoint", "date"], rows)
}

#[test]
fn slash_dates_are_decided_by_the_whole_column() {
    let intake = read(vec![slash_table(40_000, "31/03/2025")]);
    // 31/03/2025 on line 40,002 makes the column day-first: 01/02 is 1 February.
    assert!(
        intake.snapshots[..40_000]
            .iter()
            .all(|s| s.date == d(2025, 2, 1))
    );
    assert_eq!(intake.snapshots[40_000].date, d(2025, 3, 31));
    let decision = &intake.ledger.files[0].date_decisions[0];
    assert_eq!(decision.column, "date");
    assert_eq!(decision.format, "day-first");
    assert!(!decision.ambiguous);
    assert_eq!(
        decision.reason,
        "a first field above 12 (31/03/2025, line 40002)"
    );
}

#[test]
fn undecided_slash_dates_follow_the_date_format_option_and_are_flagged() {
    let intake = read(vec![slash_table(3, "03/04/2025")]);
    assert_eq!(intake.snapshots[0].date, d(2025, 1, 2));
    assert!(intake.ledger.files[0].date_decisions[0].ambiguous);
    let options = IntakeOptions {
        date_order: DateOrder::DayFirst,
        ..Default::default()
    };
    let intake = read_with(vec![slash_table(3, "03/04/2025")], &options);
    assert_eq!(intake.snapshots[0].date, d(2025, 2, 1));
    assert_eq!(intake.snapshots[3].date, d(2025, 4, 3));
    let decision = &intake.ledger.files[0].date_decisions[0];
    assert_eq!(decision.format, "day-first");
    assert!(decision.ambiguous);
}

#[test]
fn a_slash_date_impossible_in_the_columns_order_rejects_its_row() {
    let t = csv(
        "a.csv",
        &["id", "checkpoint", "date", "nps"],
        &[
            &["a", "0", "31/03/2025", ""],
            &["b", "0", "30/03/2025", ""],
            &["c", "0", "03/31/2025", "11"],
        ],
    );
    let intake = read(vec![t]);
    // Two values only day-first, one only month-first: day-first wins.
    assert_eq!(intake.snapshots.len(), 2);
    let decision = &intake.ledger.files[0].date_decisions[0];
    assert_eq!(decision.format, "day-first");
    assert!(decision.ambiguous);
    // The rejected row is reported once: its NPS warning is dropped.
    assert_eq!(intake.ledger.issues.len(), 1);
    let i = &intake.ledger.issues[0];
    assert_eq!(i.severity, Severity::Rejected);
    assert_eq!(i.row, Some(RowRef { file: 0, row: 4 }));
    assert_eq!(i.value.as_deref(), Some("03/31/2025"));
    assert_eq!(
        i.reason,
        "not a date when read day-first, the order of this column"
    );
    assert_eq!(
        intake.ledger.files[0].tally,
        Tally {
            rows_read: 3,
            accepted: 2,
            superseded: 0,
            rejected: 1
        }
    );
}

#[test]
fn later_inputs_override_earlier_ones() {
    let first = csv(
        "jan.csv",
        &["id", "checkpoint", "date", "nps"],
        &[
            &["a", "0", "2025-01-01", "5"],
            &["a", "30", "2025-01-31", "6"],
            &["a", "30", "2025-01-31", "7"],
        ],
    );
    let second = csv(
        "feb.csv",
        &["id", "checkpoint", "date", "nps"],
        &[&["a", "day 30", "2025-02-01", "8"]],
    );
    let intake = read(vec![first, second]);
    let kept: Vec<(u32, Option<f64>)> = intake
        .snapshots
        .iter()
        .map(|s| (s.checkpoint, s.get(Metric::Nps)))
        .collect();
    assert_eq!(kept, vec![(0, Some(5.0)), (30, Some(8.0))]);
    let superseded: Vec<(u32, &str)> = intake
        .ledger
        .issues
        .iter()
        .map(|i| (i.row.unwrap().row, i.reason.as_str()))
        .collect();
    assert_eq!(
        superseded,
        vec![
            (
                3,
                "superseded by feb.csv 2 (same customer_id and checkpoint 30)"
            ),
            (
                4,
                "superseded by feb.csv 2 (same customer_id and checkpoint 30)"
            ),
        ]
    );
    // jan.csv: 3 read = 1 accepted + 2 superseded; feb.csv: 1 accepted.
    assert_eq!(intake.ledger.files[0].tally.superseded, 2);
    assert_eq!(intake.ledger.files[0].tally.accepted, 1);
    assert_eq!(intake.ledger.total().rows_read, 4);
    assert_eq!(intake.ledger.total().accepted, 2);
}

#[test]
fn typed_workbook_cells() {
    let date = d(2025, 3, 31).and_hms_opt(0, 0, 0).unwrap();
    let num = |v: f64| Cell::Number {
        value: v,
        percent: false,
    };
    let rows = vec![
        vec![
            num(1001.0),
            num(30.0),
            Cell::DateTime(date),
            Cell::Number {
                value: 0.12,
                percent: true,
            },
            Cell::Bool(true),
        ],
        // 45658 is 2025-01-01 in Excel's 1900 date system.
        vec![num(1002.0), num(0.0), num(45658.0), num(12.0), Cell::Empty],
        vec![
            num(1003.0),
            num(30.5),
            Cell::DateTime(date),
            Cell::Empty,
            Cell::Empty,
        ],
    ];
    let mut t = table(
        "book.xlsx",
        &[
            "customer_id",
            "checkpoint",
            "snapshot_date",
            "error_rate_pct",
            "testimonial_collected",
        ],
        rows,
    );
    t.sheet = Some("Export".into());
    let intake = read(vec![t]);
    let a = &intake.snapshots[0];
    assert_eq!(a.customer_id, "1001");
    assert_eq!(a.checkpoint, 30);
    assert_eq!(a.date, d(2025, 3, 31));
    assert_eq!(a.get(Metric::ErrorRatePct), Some(12.0));
    assert_eq!(a.testimonial_collected, Some(true));
    let b = &intake.snapshots[1];
    assert_eq!(b.date, d(2025, 1, 1));
    assert_eq!(b.get(Metric::ErrorRatePct), Some(12.0));
    let i = &intake.ledger.issues[0];
    assert_eq!(i.value.as_deref(), Some("30.5"));
    assert_eq!(intake.ledger.locate(i.row.unwrap()), "book.xlsx Export!4");
}

#[test]
fn a_read_error_in_the_middle_of_a_file_is_fatal() {
    let rows: Vec<Result<RawRow, csf::input::InputError>> = vec![
        Ok(RawRow {
            row: 2,
            cells: vec![text("1"), text("0"), text("2025-01-01")],
        }),
        Err(csf::input::InputError::Unreadable {
            path: "a.csv".into(),
            message: "line 3: unterminated quote".into(),
        }),
    ];
    let t = Table {
        path: "a.csv".into(),
        sheet: None,
        encoding: None,
        delimiter: None,
        headers: vec!["id".into(), "checkpoint".into(), "date".into()],
        header_row: 1,
        rows: Box::new(rows.into_iter()),
    };
    let err = read_tables(
        vec![Ok(t)],
        &IntakeOptions::default(),
        &ProgressBar::hidden(),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "a.csv: line 3: unterminated quote");
}

#[test]
fn a_customer_without_a_baseline_is_noted_once() {
    let t = csv(
        "a.csv",
        &["id", "checkpoint", "date"],
        &[
            &["a", "0", "2025-01-01"],
            &["b", "60", "2025-03-01"],
            &["b", "30", "2025-02-01"],
            &["c", "", "2025-01-01"],
        ],
    );
    let intake = read(vec![t]);
    // a has a baseline; b does not (its first checkpoint, 30, is on line 4);
    // c's only row is rejected, so c is no customer at all.
    let notes: Vec<_> = intake
        .ledger
        .issues
        .iter()
        .filter(|i| i.row.is_none())
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].customer_id.as_deref(), Some("b"));
    assert_eq!(notes[0].severity, Severity::Warning);
    assert_eq!(
        notes[0].reason,
        "no baseline: no row with checkpoint 0 (the first is checkpoint 30, a.csv 4); \
         its rows are kept but have no deltas and no ROI"
    );
    // Notes about customers come after the issues about rows.
    assert!(intake.ledger.issues.last().unwrap().row.is_none());
    assert_eq!(intake.ledger.issues.len(), 2);
}
