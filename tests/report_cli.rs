//! `csf report` as a user runs it: refusals that happen before any input
//! is read, and (once intake and figures are in) runs on the samples.

use assert_cmd::Command;
use predicates::prelude::*;

fn csf() -> Command {
    Command::cargo_bin("csf").unwrap()
}

#[test]
fn standard_output_is_refused_as_a_workbook_target() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("export.csv");
    std::fs::write(&input, "customer_id,checkpoint,snapshot_date\n").unwrap();
    csf()
        .args(["report", input.to_str().unwrap(), "-o", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard output"));
}

#[test]
fn an_input_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("export.xlsx");
    std::fs::write(&input, b"not really a workbook").unwrap();
    // The same file, spelled differently.
    let output = dir.path().join(".").join("export.xlsx");
    csf()
        .args([
            "report",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("one of the inputs"));
    assert_eq!(std::fs::read(&input).unwrap(), b"not really a workbook");
}

#[test]
fn zero_threads_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("export.csv");
    std::fs::write(&input, "customer_id,checkpoint,snapshot_date\n").unwrap();
    let out = dir.path().join("p.xlsx");
    csf()
        .args([
            "report",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--threads",
            "0",
        ])
        .assert()
        .code(2);
    assert!(!out.exists());
}
