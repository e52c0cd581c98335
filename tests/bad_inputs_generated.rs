//! Hostile inputs made at test time rather than committed: 100 MB lines,
//! 10,000 columns, a 40,000-character cell, folders and links. Run like
//! tests/bad_inputs.rs (the real binary, a timeout, never a panic), with
//! peak memory measured where GNU time is installed.

mod bad_inputs_support;

use std::path::Path;
use std::time::Duration;

use bad_inputs_support::{validate, validate_measured, write_big};
use tempfile::TempDir;

const QUICK: Duration = Duration::from_secs(60);
/// The 100 MB inputs take a few seconds in a debug build; the machine is shared.
const SLOW: Duration = Duration::from_secs(240);
const MB: usize = 1024 * 1024;

// ------------------------------------------------------------ big files --

#[test]
fn one_100_mb_line_is_a_missing_column_with_bounded_memory() {
    // 100 MiB of "x" and no line break: one header of one column, which is
    // no known name, so customer_id is missing. The header is quoted cut to
    // 60 characters. Memory: the file, the parser's record, the header
    // cell and its name: about 6 × 100 MB, never more.
    let dir = TempDir::new().unwrap();
    let line = vec![b'x'; 100 * MB];
    let path = write_big(dir.path(), "one_line.csv", &[&line]);
    let run = validate_measured(&[&path], SLOW);
    run.assert_error(&path, "required column \"customer_id\" not found");
    assert!(run.stderr.len() < 4096, "{} bytes", run.stderr.len());
    assert!(run.stderr.contains(&format!("\"{}\"…", "x".repeat(60))));
    if let Some(mb) = run.peak_mb() {
        assert!(mb < 1024, "peak {mb} MB");
    }
}

#[test]
fn one_100_mb_cell_is_read_with_bounded_memory() {
    // A good header and one row whose customer_name is 100 MiB: accepted.
    let dir = TempDir::new().unwrap();
    let name = vec![b'y'; 100 * MB];
    let path = write_big(
        dir.path(),
        "big_cell.csv",
        &[
            b"customer_id,checkpoint,snapshot_date,customer_name\nc1,0,2025-01-15,",
            &name,
            b"\n",
        ],
    );
    let run = validate_measured(&[&path], SLOW);
    let v = run.report(0);
    assert_eq!(v["files"][0]["accepted"], 1);
    if let Some(mb) = run.peak_mb() {
        assert!(mb < 1024, "peak {mb} MB");
    }
}

#[test]
fn one_100_mb_line_of_delimiters_is_refused_not_held_as_cells() {
    // 34,952,533 × "ab," (100 MiB, the last 1 byte short of another "ab,"
    // is left out) on line 2: that many fields, more than 16,384, so the
    // file is refused naming line 2. Before the limit this was 35 million
    // cells: 3.9 GB and minutes.
    let dir = TempDir::new().unwrap();
    let repeats = 100 * MB / 3;
    assert_eq!(repeats, 34_952_533);
    let line = b"ab,".repeat(repeats);
    let path = write_big(
        dir.path(),
        "many_fields.csv",
        &[b"customer_id,checkpoint,snapshot_date\nc1,0,", &line, b"\n"],
    );
    let run = validate_measured(&[&path], SLOW);
    // "c1", "0", then 34,952,533 "ab" and the empty field after the last
    // comma: 34,952,536 fields.
    run.assert_error(&path, "line 2 has 34952536 fields; csf reads at most 16384");
    if let Some(mb) = run.peak_mb() {
        assert!(mb < 1536, "peak {mb} MB");
    }
}

/// customer_id, checkpoint, snapshot_date, then extra_4 … extra_10000.
fn wide_csv(dir: &Path, rows: usize) -> std::path::PathBuf {
    let mut header = String::from("customer_id,checkpoint,snapshot_date");
    for i in 4..=10_000 {
        header.push_str(&format!(",extra_{i}"));
    }
    header.push('\n');
    let tail = ",1".repeat(9_997);
    let mut body = String::new();
    for i in 0..rows {
        body.push_str(&format!("c{i},0,2025-01-15{tail}\n"));
    }
    write_big(dir, "wide.csv", &[header.as_bytes(), body.as_bytes()])
}

#[test]
fn ten_thousand_columns_are_read_and_the_unknown_ones_listed() {
    // 3 rows of c0..c2 baselines: 3 accepted; 10,000 − 3 = 9,997 unknown.
    let dir = TempDir::new().unwrap();
    let path = wide_csv(dir.path(), 3);
    let v = validate(&[&path], QUICK).report(0);
    assert_eq!(v["files"][0]["accepted"], 3);
    let unknown = v["files"][0]["unknown_columns"].as_array().unwrap();
    assert_eq!(unknown.len(), 9_997);
    assert_eq!(unknown[0], "extra_4");
}

#[test]
fn ten_thousand_columns_by_a_thousand_rows_stay_small_in_memory() {
    // 1,000 rows × 10,000 cells = 10 million cells, a 20 MB file. Batches
    // bounded only by rows held them all at once (~64 bytes a cell: 640 MB);
    // bounded by cells too, about 1 million are in flight.
    let dir = TempDir::new().unwrap();
    let path = wide_csv(dir.path(), 1_000);
    let run = validate_measured(&[&path], SLOW);
    let v = run.report(0);
    assert_eq!(v["files"][0]["accepted"], 1_000);
    if let Some(mb) = run.peak_mb() {
        assert!(mb < 300, "peak {mb} MB");
    }
}

#[test]
fn a_cell_longer_than_excel_allows_is_kept_by_intake() {
    // 40,000 characters > 32,767 (Excel's cell limit): intake keeps the
    // text whole (the workbook writer is the one to cut it).
    let dir = TempDir::new().unwrap();
    let name = "z".repeat(40_000);
    let path = write_big(
        dir.path(),
        "long_cell.csv",
        &[
            b"customer_id,checkpoint,snapshot_date,customer_name\nc1,baseline,2025-01-15,",
            name.as_bytes(),
            b"\n",
        ],
    );
    let v = validate(&[&path], QUICK).report(0);
    assert_eq!(v["files"][0]["accepted"], 1);
    let intake = csf::intake::read_inputs(
        std::slice::from_ref(&path),
        &Default::default(),
        &indicatif::ProgressBar::hidden(),
    )
    .unwrap();
    assert_eq!(
        intake.snapshots[0].customer_name.as_deref().map(str::len),
        Some(40_000)
    );
}

// ------------------------------------------------------- paths, not files --

#[test]
fn folder_with_no_inputs_is_an_error_naming_it() {
    // notes.md is no data file, and sub/inner.csv is not searched.
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("notes.md"), "# notes\n").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/inner.csv"), "customer_id\n").unwrap();
    validate(&[dir.path()], QUICK)
        .assert_error(dir.path(), "no CSV, XLSX, XLS or ODS files in this folder");
}

#[test]
fn folder_named_like_a_csv_file_is_taken_as_a_folder() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("x.csv");
    std::fs::create_dir(&folder).unwrap();
    validate(&[&folder], QUICK).assert_error(&folder, "in this folder");
}

#[cfg(unix)]
#[test]
fn dangling_symlink_cannot_be_read() {
    // Tests run as root, where chmod 000 does not stop reading: a link to
    // nothing fails for anyone. The cause is said once, not twice.
    let dir = TempDir::new().unwrap();
    let link = dir.path().join("export.csv");
    std::os::unix::fs::symlink(dir.path().join("gone.csv"), &link).unwrap();
    let run = validate(&[&link], QUICK);
    run.assert_error(&link, "cannot read: No such file or directory");
    assert_eq!(run.stderr.matches("No such file").count(), 1, "{run:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn file_whose_read_fails_is_an_io_error() {
    // /proc/self/mem opens and is a regular file, but reading its offset 0
    // (unmapped) fails with EIO, even for root: a real read error after a
    // successful open, through a link named like an export.
    let dir = TempDir::new().unwrap();
    for name in ["export.csv", "export.xlsx"] {
        let link = dir.path().join(name);
        std::os::unix::fs::symlink("/proc/self/mem", &link).unwrap();
        let run = validate(&[&link], QUICK);
        run.assert_error(&link, "");
        assert!(
            run.stderr.contains("Input/output error") || run.stderr.contains("Invalid argument"),
            "{run:?}"
        );
    }
}
