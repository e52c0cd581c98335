//! `csf report` end to end on the bundled samples (samples/README.md):
//! 60 customers, 249 rows, one sheet `Export` in the XLSX copy.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use predicates::prelude::*;

fn csf() -> Command {
    Command::cargo_bin("csf").unwrap()
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

fn report(args: &[&str], out: &Path) -> assert_cmd::assert::Assert {
    csf().arg("report").args(args).arg("-o").arg(out).assert()
}

fn rows(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn the_sample_gives_every_sheet_and_one_customer_row_per_customer() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("portfolio.xlsx");
    let csv = sample("portfolio.csv");
    report(&[csv.to_str().unwrap()], &out)
        .success()
        .stderr(predicate::str::contains(
            "249 rows: 249 accepted, 0 superseded, 0 rejected",
        ))
        .stderr(predicate::str::contains("60 customers"))
        .stderr(predicate::str::contains("portfolio.xlsx"));
    let wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Summary",
            "Monthly",
            "Quarterly",
            "Segments",
            "Customers",
            "Checkpoints",
            "Data issues",
            "Assumptions"
        ]
    );
    // Header + 60 customers; header + 249 accepted rows.
    assert_eq!(rows(&out, "Customers").len(), 61);
    assert_eq!(rows(&out, "Checkpoints").len(), 250);
    // Rows dated 2025-01-03 … 2026-06-29: 18 months, 6 quarters.
    assert_eq!(rows(&out, "Monthly").len(), 1 + 18);
    assert_eq!(rows(&out, "Quarterly").len(), 1 + 6);
    // Three segments over six quarters.
    assert_eq!(rows(&out, "Segments").len(), 1 + 3 * 6);
}

#[test]
fn quiet_prints_nothing_on_success() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.xlsx");
    let csv = sample("portfolio.csv");
    report(&[csv.to_str().unwrap(), "--quiet"], &out)
        .success()
        .stderr(predicate::str::is_empty());
    assert!(out.exists());
}

#[test]
fn the_workbook_does_not_depend_on_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.xlsx");
    let two = dir.path().join("two.xlsx");
    let csv = sample("portfolio.csv");
    report(&[csv.to_str().unwrap(), "--quiet", "--threads", "1"], &one).success();
    report(&[csv.to_str().unwrap(), "--quiet", "--threads", "2"], &two).success();
    assert!(
        std::fs::read(&one).unwrap() == std::fs::read(&two).unwrap(),
        "--threads 1 and --threads 2 gave different bytes"
    );
}

#[test]
fn strict_with_a_rejected_row_writes_nothing_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("export.csv");
    std::fs::write(
        &input,
        "customer_id,checkpoint,snapshot_date,storage_gb\n\
         C1,baseline,2025-01-10,100\n\
         C1,30,not a date,50\n",
    )
    .unwrap();
    let out = dir.path().join("p.xlsx");
    report(&[input.to_str().unwrap(), "--strict"], &out)
        .code(3)
        .stderr(predicate::str::contains("--strict"));
    assert!(!out.exists());
    // Without --strict the workbook is written and lists the rejected row.
    report(&[input.to_str().unwrap(), "--quiet"], &out).success();
    let issues = rows(&out, "Data issues");
    let rejected = issues
        .iter()
        .find(|r| r.contains(&Data::String("rejected".into())))
        .expect("a rejected issue");
    // Line 3 of the CSV (header = line 1), the raw value as typed.
    assert!(rejected.contains(&Data::Float(3.0)), "{rejected:?}");
    assert!(
        rejected.contains(&Data::String("not a date".into())),
        "{rejected:?}"
    );
}

#[test]
fn a_customer_without_baseline_is_listed_once_as_no_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("export.csv");
    std::fs::write(
        &input,
        "customer_id,checkpoint,snapshot_date\n\
         C1,baseline,2025-01-10\n\
         C2,30,2025-02-10\n\
         C2,60,2025-03-12\n",
    )
    .unwrap();
    let out = dir.path().join("p.xlsx");
    report(&[input.to_str().unwrap(), "--quiet"], &out).success();
    let issues = rows(&out, "Data issues");
    let no_baseline: Vec<_> = issues
        .iter()
        .filter(|r| {
            r.iter()
                .any(|c| matches!(c, Data::String(s) if s.starts_with("no baseline")))
        })
        .collect();
    assert_eq!(no_baseline.len(), 1, "{issues:?}");
    assert!(no_baseline[0].contains(&Data::String("C2".into())));
}

#[test]
fn the_run_summary_names_unknown_columns_and_ambiguous_dates() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("export.csv");
    // Every slash date has both fields ≤ 12: the column cannot tell.
    std::fs::write(
        &input,
        "customer_id,checkpoint,snapshot_date,arr\n\
         C1,baseline,03/04/2025,1200\n\
         C1,30,05/04/2025,1200\n",
    )
    .unwrap();
    let out = dir.path().join("p.xlsx");
    report(&[input.to_str().unwrap()], &out)
        .success()
        .stderr(predicate::str::contains("ignored unknown columns arr"))
        .stderr(predicate::str::contains(
            "snapshot_date was ambiguous and read month-first",
        ))
        .stderr(predicate::str::contains("as of 2025-05-04"));
}
