//! `csf validate` on `samples/messy/`, checked against the outcomes worked out
//! by hand in `samples/messy/README.md` (SPEC 2.2–2.5).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use csf::intake::{Intake, IntakeOptions, read_inputs};
use csf::portfolio::{Consent, Metric, Snapshot, Status};
use indicatif::ProgressBar;
use serde_json::Value;

fn messy() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/messy")
}

fn validate_json() -> Value {
    let out = Command::cargo_bin("csf")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["validate", "samples/messy", "--format", "json"])
        .assert()
        .code(3)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

const F1: &str = "samples/messy/01_hubspot_semicolon.csv";
const F2: &str = "samples/messy/02_salesforce_us.csv";
const F3: &str = "samples/messy/03_title_line.xlsx";
const F4: &str = "samples/messy/04_windows1252.csv";

#[test]
fn counts_per_file_and_in_total() {
    let v = validate_json();
    // (path, rows read, accepted, superseded, rejected), README "Totals".
    let want = [
        (F1, 14, 12, 0, 2),
        (F2, 18, 15, 1, 2),
        (F3, 11, 10, 0, 1),
        (F4, 13, 11, 0, 2),
    ];
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 4);
    for (file, (path, read, accepted, superseded, rejected)) in files.iter().zip(want) {
        assert_eq!(file["path"], path);
        assert_eq!(file["rows_read"], read, "{path}");
        assert_eq!(file["accepted"], accepted, "{path}");
        assert_eq!(file["superseded"], superseded, "{path}");
        assert_eq!(file["rejected"], rejected, "{path}");
    }
    assert_eq!(
        v["totals"],
        serde_json::json!({"rows_read": 56, "accepted": 48, "superseded": 1, "rejected": 7})
    );
    assert_eq!(files[0]["encoding"], "UTF-8 with BOM");
    assert_eq!(files[0]["delimiter"], ";");
    assert_eq!(
        files[0]["unknown_columns"],
        serde_json::json!(["Create date"])
    );
    assert_eq!(files[2]["sheet"], "Export");
    assert_eq!(files[3]["encoding"], "windows-1252");
    assert_eq!(files[3]["delimiter"], "\t");
    // 02's slash dates are month-first because of 03/17/2025 etc., not by default.
    let decisions = files[1]["date_decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0]["column"], "Snapshot Date");
    assert_eq!(decisions[0]["format"], "month-first");
    assert_eq!(decisions[0]["ambiguous"], false);
    // The other files have no slash dates: nothing to decide.
    for i in [0, 2, 3] {
        assert_eq!(files[i]["date_decisions"], serde_json::json!([]));
    }
}

fn issues(v: &Value, severity: &str) -> Vec<(String, String, String, String, String)> {
    let s = |x: &Value| x.as_str().unwrap_or("").to_string();
    v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["severity"] == severity)
        .map(|i| {
            (
                s(&i["file"]),
                s(&i["row"]),
                s(&i["column"]),
                s(&i["value"]),
                s(&i["reason"]),
            )
        })
        .collect()
}

#[test]
fn every_rejection_with_file_row_column_value_and_reason() {
    let v = validate_json();
    let rejected = issues(&v, "rejected");
    let want = [
        (F1, "11", "Stage", "Onboarding", "not a checkpoint"),
        (
            F1,
            "16",
            "Measured on",
            "",
            "missing: snapshot_date is required",
        ),
        (
            F2,
            "10",
            "Account ID",
            "",
            "missing: customer_id is required",
        ),
        (F2, "12", "Snapshot Date", "soon", "not a date"),
        (
            F3,
            "Export!10",
            "Snapshot Date",
            "",
            "missing: snapshot_date is required",
        ),
        (F4, "8", "Checkpoint day", "-30", "-30 is negative"),
        (
            F4,
            "11",
            "As of",
            "31.04.2025",
            "not a date: 31.04.2025 is no day of the calendar",
        ),
    ];
    assert_eq!(rejected.len(), want.len(), "{rejected:#?}");
    for (got, (file, row, column, value, reason)) in rejected.iter().zip(want) {
        assert_eq!((got.0.as_str(), got.1.as_str()), (file, row));
        assert_eq!(got.2, column, "{file} {row}");
        assert_eq!(got.3, value, "{file} {row}");
        assert!(got.4.starts_with(reason), "{file} {row}: {}", got.4);
    }
}

#[test]
fn the_superseded_row_names_the_row_that_won() {
    let v = validate_json();
    let superseded = issues(&v, "superseded");
    assert_eq!(superseded.len(), 1);
    assert_eq!(
        (superseded[0].0.as_str(), superseded[0].1.as_str()),
        (F2, "14")
    );
    assert_eq!(
        superseded[0].4,
        format!("superseded by {F2} 15 (same customer_id and checkpoint 30)")
    );
}

#[test]
fn warnings_five_cells_a_ragged_row_and_a_missing_baseline() {
    let v = validate_json();
    let warnings = issues(&v, "warning");
    let cells = [
        (F1, "9", "CSAT score", "6", "6 is outside 1–5"),
        (F2, "7", "NPS", "11", "11 is outside 0–10"),
        (F3, "Export!11", "CES Score", "9", "9 is outside 1–7"),
        (F3, "Export!14", "Support Tickets", "-2", "-2 is negative"),
        (F4, "7", "Referrals", "-1", "-1 is negative"),
    ];
    let (cell_warnings, other): (Vec<_>, Vec<_>) = warnings.iter().partition(|w| !w.2.is_empty());
    assert_eq!(cell_warnings.len(), 5, "{warnings:#?}");
    for (got, (file, row, column, value, reason)) in cell_warnings.iter().zip(cells) {
        assert_eq!(
            (
                got.0.as_str(),
                got.1.as_str(),
                got.2.as_str(),
                got.3.as_str()
            ),
            (file, row, column, value)
        );
        assert!(got.4.starts_with(reason), "{}", got.4);
    }
    assert_eq!(other.len(), 2, "{other:#?}");
    assert_eq!((other[0].0.as_str(), other[0].1.as_str()), (F2, "16"));
    assert!(
        other[0]
            .4
            .starts_with("row has 13 fields, the header has 19")
    );
    // The note about Quayside Travel is about the customer, not a row.
    let note = v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["row"].is_null())
        .unwrap();
    assert_eq!(note["customer_id"], "001Hs00002FghIJIA6");
    assert!(note["reason"].as_str().unwrap().starts_with("no baseline"));
}

fn intake() -> Intake {
    read_inputs(
        &[messy()],
        &IntakeOptions::default(),
        &ProgressBar::hidden(),
    )
    .unwrap()
}

/// The accepted row read from `file` (index in name order) at `row`.
fn at(intake: &Intake, file: u32, row: u32) -> &Snapshot {
    intake
        .snapshots
        .iter()
        .find(|s| s.source.file == file && s.source.row == row)
        .unwrap_or_else(|| panic!("no accepted row {file}:{row}"))
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn parsed_values_match_the_hand_worked_table() {
    let i = intake();
    assert_eq!(i.snapshots.len(), 48);

    // 01 HubSpot: line 2, `2025-01-15 09:30`, setup cost 12000.
    let s = at(&i, 0, 2);
    assert_eq!(
        (s.customer_id.as_str(), s.checkpoint, s.date),
        ("5010001", 0, d(2025, 1, 15))
    );
    assert_eq!(s.get(Metric::ImplementationCost), Some(12000.0));
    assert_eq!(
        at(&i, 0, 6).customer_name.as_deref(),
        Some("Müller; Sohn KG")
    );
    assert_eq!(at(&i, 0, 7).get(Metric::Nps), None); // `null`
    let s = at(&i, 0, 13); // Accuracy `-`, Lifecycle `Renewed`
    assert_eq!(s.get(Metric::AccuracyPct), None);
    assert_eq!(s.status, Some(Status::Active));
    assert_eq!(at(&i, 0, 15).status, Some(Status::Churned));
    assert_eq!(at(&i, 0, 9).get(Metric::Csat), None); // 6 is out of range

    // 02 Salesforce: money, percent signs, US dates.
    let s = at(&i, 1, 2);
    assert_eq!(s.date, d(2025, 1, 6));
    assert_eq!(s.get(Metric::ImplementationCost), Some(45000.0));
    assert_eq!(s.get(Metric::AccuracyPct), Some(90.0));
    assert_eq!(s.get(Metric::ErrorRatePct), Some(2.5));
    assert_eq!(s.get(Metric::ExpansionRevenue), None);
    assert_eq!(s.consent, Some(Consent::Public));
    let s = at(&i, 1, 5);
    assert_eq!(s.get(Metric::AccuracyPct), Some(97.5));
    assert_eq!(s.get(Metric::InfrastructureCost), Some(28000.5));
    assert_eq!(s.status, Some(Status::Active)); // Renewed
    let s = at(&i, 1, 8);
    assert_eq!(s.date, d(2025, 4, 30));
    assert_eq!(s.get(Metric::ExpansionRevenue), Some(-1200.0)); // (1,200)
    assert_eq!(s.get(Metric::Mrr), Some(1900.0));
    assert_eq!(at(&i, 1, 9).consent, Some(Consent::Public)); // `yes`
    let s = at(&i, 1, 15); // won over line 14
    assert_eq!((s.checkpoint, s.date), (30, d(2025, 4, 18)));
    let want = [
        (Metric::StorageGb, 980.0),
        (Metric::ApiCalls, 415000.0),
        (Metric::LatencyMs, 320.0),
        (Metric::AccuracyPct, 92.0),
        (Metric::InfrastructureCost, 5400.0),
        (Metric::ErrorRatePct, 2.3),
        (Metric::SupportTickets, 17.0),
        (Metric::Nps, 9.0),
        (Metric::Csat, 4.0),
    ];
    for (m, v) in want {
        assert_eq!(s.get(m), Some(v), "{m:?}");
    }
    let s = at(&i, 1, 16); // ragged: trailing fields absent
    assert_eq!(s.date, d(2025, 5, 16));
    assert_eq!(s.get(Metric::SupportTickets), Some(16.0));
    assert_eq!(s.get(Metric::Mrr), None);
    assert_eq!((s.status, s.consent), (None, None));
    // Consent left empty is missing, which SPEC 2.3 and 6 treat as "do not
    // name" (the README's "none").
    assert_eq!(at(&i, 1, 17).consent, None);
    assert_eq!(at(&i, 1, 18).status, Some(Status::Churned)); // Cancelled
    assert_eq!(
        at(&i, 1, 19).customer_name.as_deref(),
        Some(
            "=HYPERLINK(\"https://example.my.salesforce.com/001Hs00002FghIJIA6\",\"Quayside Travel\")"
        )
    );

    // 03 workbook: numeric id, percent-formatted accuracy, Month 1.
    let s = at(&i, 2, 4);
    assert_eq!(
        (s.customer_id.as_str(), s.checkpoint, s.date),
        ("10045", 0, d(2025, 1, 20))
    );
    assert_eq!(s.get(Metric::AccuracyPct), Some(90.0));
    assert_eq!(s.get(Metric::ImplementationCost), Some(60000.0));
    assert_eq!(at(&i, 2, 5).get(Metric::AccuracyPct), Some(92.5));
    let s = at(&i, 2, 6);
    assert_eq!(s.testimonial_collected, Some(true));
    assert_eq!(s.consent, Some(Consent::Public));
    assert_eq!(at(&i, 2, 7).case_study_published, Some(true));
    assert_eq!(at(&i, 2, 8).get(Metric::AccuracyPct), Some(87.5)); // plain points
    assert_eq!(at(&i, 2, 9).consent, Some(Consent::Anonymous));
    let s = at(&i, 2, 11);
    assert_eq!(s.date, d(2025, 5, 11)); // ISO text in a date column
    assert_eq!(s.get(Metric::Ces), None);
    let s = at(&i, 2, 13);
    assert_eq!((s.checkpoint, s.get(Metric::AccuracyPct)), (30, Some(83.0)));
    let s = at(&i, 2, 14);
    assert_eq!(s.get(Metric::SupportTickets), None);
    assert_eq!(s.get(Metric::AccuracyPct), Some(85.0));

    // 04 Windows-1252, tabs, dotted dates, euros.
    let s = at(&i, 3, 2);
    assert_eq!(s.customer_name.as_deref(), Some("Société Générale Café"));
    assert_eq!(s.date, d(2025, 1, 15));
    assert_eq!(s.get(Metric::ImplementationCost), Some(5000.0));
    assert_eq!(s.get(Metric::Mrr), Some(1800.0));
    assert_eq!(
        at(&i, 3, 9).customer_name.as_deref(),
        Some("Ørsted Grøn Energi")
    );
    assert_eq!(at(&i, 3, 10).get(Metric::Nps), None); // `—`
    let s = at(&i, 3, 13);
    assert_eq!(
        (s.status, s.get(Metric::Ces)),
        (Some(Status::Churned), Some(6.0))
    );
    let s = at(&i, 3, 14);
    assert_eq!((s.checkpoint, s.date), (180, d(2025, 7, 14)));
}
