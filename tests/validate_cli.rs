//! `csf validate` on crafted CSV files: exit codes, messages that name file,
//! row, column and value, and the JSON document.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use tempfile::TempDir;

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn csf() -> Command {
    Command::cargo_bin("csf").unwrap()
}

fn validate(args: &[&Path]) -> Command {
    let mut cmd = csf();
    cmd.arg("validate").args(args);
    cmd
}

const CLEAN: &str = "\
customer_id,checkpoint,snapshot_date,nps,mrr
acme,baseline,2025-01-15,7,\"$1,200\"
acme,day 30,2025-02-14,9,\"$1,300\"
";

#[test]
fn clean_input_exits_0_with_a_summary() {
    let dir = TempDir::new().unwrap();
    let a = write(&dir, "clean.csv", CLEAN);
    validate(&[&a])
        .assert()
        .code(0)
        .stdout(contains(
            "clean.csv: rows read 2, accepted 2, superseded 0, rejected 0",
        ))
        .stdout(contains("encoding UTF-8, delimiter ','"))
        .stdout(contains(
            "Total: 1 file, rows read 2, accepted 2, superseded 0, rejected 0; 0 warnings",
        ))
        .stderr("");
}

#[test]
fn a_rejected_row_exits_3_and_is_named_by_file_row_column_and_value() {
    let dir = TempDir::new().unwrap();
    let a = write(
        &dir,
        "bad.csv",
        "Account ID,Stage,Date,NPS\n\
         1,baseline,2025-01-15,7\n\
         1,day 30,2025-02-31,12\n\
         2,baseline,2025-01-20,11\n",
    );
    // Line 3: 31 February is no date, so the row is rejected (and its NPS 12
    // is not also reported). Line 4: NPS 11 is outside 0–10: a warning.
    validate(&[&a])
        .assert()
        .code(3)
        .stdout(contains(
            "rows read 3, accepted 2, superseded 0, rejected 1",
        ))
        .stdout(contains("Rejected rows (1):"))
        .stdout(contains(format!(
            "{} 3 Date \"2025-02-31\": not a date",
            a.display()
        )))
        .stdout(contains(format!(
            "{} 4 NPS \"11\": 11 is outside 0–10; treated as missing",
            a.display()
        )))
        .stdout(contains("\"12\"").not());
}

#[test]
fn later_inputs_override_earlier_ones_and_name_the_winner() {
    let dir = TempDir::new().unwrap();
    let jan = write(&dir, "jan.csv", CLEAN);
    let feb = write(
        &dir,
        "feb.csv",
        "customer_id,checkpoint,snapshot_date,nps\nacme,30,2025-02-15,10\n",
    );
    // jan.csv line 3 (acme, day 30) loses to feb.csv line 2: 2 + 1 rows read,
    // 2 accepted, 1 superseded.
    validate(&[&jan, &feb])
        .assert()
        .code(0)
        .stdout(contains(format!(
            "{} 3: superseded by {} 2 (same customer_id and checkpoint 30)",
            jan.display(),
            feb.display()
        )))
        .stdout(contains(
            "Total: 2 files, rows read 3, accepted 2, superseded 1, rejected 0",
        ));
}

#[test]
fn quiet_prints_the_summary_without_the_issues() {
    let dir = TempDir::new().unwrap();
    let a = write(&dir, "a.csv", "id,checkpoint,date\n,0,2025-01-01\n");
    validate(&[&a])
        .arg("--quiet")
        .assert()
        .code(3)
        .stdout(contains("rejected 1"))
        .stdout(contains("Rejected rows").not());
}

#[test]
fn a_file_that_cannot_be_read_exits_1_naming_it() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("nope.csv");
    validate(&[&missing])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("nope.csv"));
}

#[test]
fn a_missing_required_column_exits_1_naming_column_and_headers() {
    let dir = TempDir::new().unwrap();
    let a = write(&dir, "cols.csv", "Account ID,Date,NPS\n1,2025-01-01,7\n");
    validate(&[&a])
        .assert()
        .code(1)
        .stderr(contains("cols.csv"))
        .stderr(contains("required column \"checkpoint\" not found"))
        .stderr(contains("\"Account ID\", \"Date\", \"NPS\""));
}

#[test]
fn usage_errors_exit_2() {
    csf().arg("validate").assert().code(2);
    let dir = TempDir::new().unwrap();
    let a = write(&dir, "clean.csv", CLEAN);
    validate(&[&a]).args(["--format", "yaml"]).assert().code(2);
    validate(&[&a])
        .args(["--date-format", "ymd"])
        .assert()
        .code(2);
}

#[test]
fn decimal_comma_and_date_format_options() {
    let dir = TempDir::new().unwrap();
    let a = write(
        &dir,
        "eu.csv",
        "customer_id;checkpoint;snapshot_date;mrr\n1;0;01/02/2025;1.234,50\n",
    );
    // Without --decimal-comma, "1.234,50" does not read: a warning.
    validate(&[&a])
        .assert()
        .code(0)
        .stdout(contains("mrr \"1.234,50\""))
        .stdout(contains(
            "dates in \"snapshot_date\" read month-first, AMBIGUOUS",
        ));
    let out = validate(&[&a])
        .args([
            "--decimal-comma",
            "--date-format",
            "day-first",
            "--format",
            "json",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["issues"].as_array().unwrap().len(), 0);
    assert_eq!(v["files"][0]["date_decisions"][0]["format"], "day-first");
    assert_eq!(v["files"][0]["date_decisions"][0]["ambiguous"], true);
    assert_eq!(v["files"][0]["delimiter"], ";");
}

#[test]
fn json_document_shape() {
    let dir = TempDir::new().unwrap();
    let a = write(
        &dir,
        "a.csv",
        "Account ID,Stage,Date,NPS,Owner\n\
         7,baseline,31/01/2025,7,me\n\
         7,month 1,28/02/2025,,me\n\
         ,day 60,31/03/2025,8,me\n",
    );
    let out = validate(&[&a])
        .args(["--format", "json"])
        .assert()
        .code(3)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let file = &v["files"][0];
    assert_eq!(file["path"], a.display().to_string());
    assert_eq!(file["sheet"], serde_json::Value::Null);
    assert_eq!(file["encoding"], "UTF-8");
    assert_eq!(file["delimiter"], ",");
    assert_eq!(file["rows_read"], 3);
    assert_eq!(file["accepted"], 2);
    assert_eq!(file["superseded"], 0);
    assert_eq!(file["rejected"], 1);
    assert_eq!(file["unknown_columns"], serde_json::json!(["Owner"]));
    let decision = &file["date_decisions"][0];
    assert_eq!(decision["column"], "Date");
    assert_eq!(decision["format"], "day-first");
    assert_eq!(decision["ambiguous"], false);
    assert_eq!(
        decision["reason"],
        "a first field above 12 (31/01/2025, line 2)"
    );
    let issue = &v["issues"][0];
    assert_eq!(
        issue,
        &serde_json::json!({
            "file": a.display().to_string(),
            "row": "4",
            "column": "Account ID",
            "value": "",
            "severity": "rejected",
            "reason": "missing: customer_id is required",
            "customer_id": null,
        })
    );
    assert_eq!(
        v["totals"],
        serde_json::json!({"rows_read": 3, "accepted": 2, "superseded": 0, "rejected": 1})
    );
}
