//! Inputs that crashed, aborted or hung a fuzz target, kept in
//! `tests/data/bad/fuzz/` as `cargo fuzz tmin` minimised them, run through
//! the real binary like tests/bad_inputs.rs (a timeout, never a panic).

mod bad_inputs_support;

use std::time::Duration;

use bad_inputs_support::{bad, ods_from_fuzz_content, validate, xlsx_from_fuzz_parts};
use tempfile::TempDir;

const QUICK: Duration = Duration::from_secs(60);

/// Crashes the fuzzers found, kept as they were minimised (`.csv` for the
/// CSV target; `.parts` for the XLSX target and `.xml` for the ODS target,
/// built here into the workbook the target reads): each is read without a panic or an abort and ends in
/// an error naming the file or in a balanced ledger.
#[test]
fn fuzz_findings_stay_fixed() {
    let dir = TempDir::new().unwrap();
    let mut found = 0;
    for entry in std::fs::read_dir(bad("fuzz")).unwrap() {
        let path = entry.unwrap().path();
        let input = match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => path.clone(),
            Some("parts") => {
                let built = dir
                    .path()
                    .join(path.with_extension("xlsx").file_name().unwrap());
                let bytes = xlsx_from_fuzz_parts(&std::fs::read(&path).unwrap());
                std::fs::write(&built, bytes).unwrap();
                built
            }
            Some("xml") => {
                let built = dir
                    .path()
                    .join(path.with_extension("ods").file_name().unwrap());
                let bytes = ods_from_fuzz_content(&std::fs::read(&path).unwrap());
                std::fs::write(&built, bytes).unwrap();
                built
            }
            _ => continue,
        };
        found += 1;
        let run = validate(&[&input], QUICK);
        match run.code {
            0 | 3 => {
                run.report(run.code);
            }
            _ => run.assert_error(&input, ""),
        }
    }
    assert!(found > 0, "no fuzz finding in tests/data/bad/fuzz");
}

#[test]
fn shared_strings_claiming_61_billion_strings_is_refused_not_an_abort() {
    // Found by the XLSX fuzzer (54 bytes): a sheet part `="`, and a shared
    // strings part `<sst ... uniqueCount="061315769475">` holding none.
    // calamine reserved 61,315,769,475 × 24 bytes (1.5 TB) for them: the
    // allocation failed and the process aborted (exit by SIGABRT).
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("claim.xlsx");
    let parts = std::fs::read(bad("fuzz/xlsx_shared_strings_claim.parts")).unwrap();
    std::fs::write(&input, xlsx_from_fuzz_parts(&parts)).unwrap();
    validate(&[&input], QUICK).assert_error(
        &input,
        "xl/sharedStrings.xml claims 61315769475 shared strings but holds 0: the file is damaged",
    );
}

#[test]
fn a_claim_behind_a_stray_quote_is_refused_too() {
    // Found by the XLSX fuzzer after the first fix (96 bytes): a processing
    // instruction `<?xmoUTs"?>` whose stray quote hid the `<sst>` tag from
    // a tag-by-tag look, while calamine still read uniqueCount="88888888884"
    // from it (88,888,888,884 × 24 bytes: 2.1 TB, an abort).
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("claim.xlsx");
    let parts = std::fs::read(bad("fuzz/xlsx_shared_strings_claim_stray_quote.parts")).unwrap();
    std::fs::write(&input, xlsx_from_fuzz_parts(&parts)).unwrap();
    validate(&[&input], QUICK).assert_error(
        &input,
        "xl/sharedStrings.xml claims 88888888884 shared strings but holds 0",
    );
}

#[test]
fn ods_cut_off_inside_a_sheet_is_refused_not_a_hang() {
    // Found by the ODS fuzzer (1,004 bytes): content.xml ends after a few
    // rows, inside <table:table>. calamine's sheet loop ignores the end of
    // the file and spun forever (killed after 300 s); now refused at once.
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("cut.ods");
    let content = std::fs::read(bad("fuzz/ods_cut_off_sheet.xml")).unwrap();
    std::fs::write(&input, ods_from_fuzz_content(&content)).unwrap();
    validate(&[&input], QUICK).assert_error(
        &input,
        "content.xml ends inside sheet \"Data\": the file is cut off or damaged",
    );
}
