//! The number of shared strings an XLSX file claims, checked before calamine
//! believes it.
//!
//! calamine reserves room for as many strings as `<sst uniqueCount="...">`
//! says, before reading one. The XLSX fuzzer found a 54-byte input claiming
//! 61,315,769,475: a 1.5 TB allocation, which fails, and a failed allocation
//! aborts the process (it is no panic: nothing can catch it). So a large
//! claim must be backed by the strings the part really holds.

use std::io::{BufReader, Read};
use std::ops::ControlFlow;
use std::path::Path;

use super::xml_tags::{attribute, for_each_tag, local_name};

/// A claim up to this many strings is believed without counting: calamine
/// then reserves at most 100 MB (24 bytes a string), and checking costs one
/// look at the start of the part. Only a bigger claim costs a count.
const BELIEVED: u64 = 1 << 22;

/// `Err` with the reason when a shared-strings part of the workbook claims
/// far more strings than it holds. A file that cannot be looked at is left
/// for calamine to report.
pub(super) fn check(path: &Path) -> Result<(), String> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    let Ok(mut archive) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    // calamine reads `<workbook folder>/sharedStrings.xml`; any part of
    // that name is checked, wherever the workbook is.
    let parts: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.ends_with("sharedStrings.xml"))
        .map(|n| n.into_owned())
        .collect();
    for name in parts {
        let Some(claimed) = archive.by_name(&name).ok().and_then(claimed_count) else {
            continue;
        };
        if claimed <= BELIEVED {
            continue;
        }
        let held = archive.by_name(&name).map(held_count).unwrap_or(0);
        if !believable(claimed, held) {
            return Err(format!(
                "{name} claims {claimed} shared strings but holds {held}: the file is \
                 damaged; open it in Excel and save it again"
            ));
        }
    }
    Ok(())
}

/// The `uniqueCount` of the part's `<sst>` element, read as calamine reads
/// it: digits only, leading zeros skipped; `None` when calamine would not
/// reserve anything (absent, not a number, too big for a number).
fn claimed_count(part: impl Read) -> Option<u64> {
    let mut claimed = None;
    for_each_tag(BufReader::new(part), |tag| {
        if local_name(tag) != Some(b"sst") {
            return ControlFlow::Continue(());
        }
        claimed = attribute(tag, b"uniqueCount=\"")
            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse().ok());
        ControlFlow::Break(())
    });
    claimed
}

/// A claim is believed up to [`BELIEVED`], and beyond that up to twice the
/// strings held plus 1,024: writers that count loosely are not refused, a
/// claim that would reserve memory for nothing is.
fn believable(claimed: u64, held: u64) -> bool {
    claimed <= BELIEVED || claimed <= held.saturating_mul(2).saturating_add(1024)
}

/// How many `<si>` (string items) the part holds.
fn held_count(part: impl Read) -> u64 {
    let mut held = 0;
    for_each_tag(BufReader::new(part), |tag| {
        if local_name(tag) == Some(b"si") {
            held += 1;
        }
        ControlFlow::Continue(())
    });
    held
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sst(unique_count: &str, items: usize) -> String {
        format!(
            r#"<?xml version="1.0"?><sst xmlns="x" count="9" uniqueCount="{unique_count}">{}</sst>"#,
            "<si><t>a</t></si>".repeat(items)
        )
    }

    #[test]
    fn the_claim_is_read_as_calamine_reads_it() {
        assert_eq!(claimed_count(sst("3", 3).as_bytes()), Some(3));
        // The fuzzer's value: leading zero, 61,315,769,475.
        assert_eq!(
            claimed_count(sst("061315769475", 0).as_bytes()),
            Some(61_315_769_475)
        );
        assert_eq!(claimed_count(sst("+5", 0).as_bytes()), None);
        assert_eq!(claimed_count(sst("", 0).as_bytes()), None);
        // 2^64 does not fit: calamine's parser fails and reserves nothing.
        assert_eq!(
            claimed_count(sst("18446744073709551616", 0).as_bytes()),
            None
        );
        assert_eq!(
            claimed_count("<x:sst uniqueCount=\"7\">".as_bytes()),
            Some(7)
        );
        assert_eq!(claimed_count("<other/>".as_bytes()), None);
    }

    #[test]
    fn items_are_counted_with_or_without_a_prefix() {
        assert_eq!(held_count(sst("3", 3).as_bytes()), 3);
        assert_eq!(
            held_count("<x:si/><x:si><x:t>b</x:t></x:si><sis/>".as_bytes()),
            2
        );
    }

    fn workbook(dir: &tempfile::TempDir, sst_xml: &str) -> std::path::PathBuf {
        use std::io::Write;
        let path = dir.path().join("book.xlsx");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("xl/sharedStrings.xml", options).unwrap();
        zip.write_all(sst_xml.as_bytes()).unwrap();
        zip.finish().unwrap();
        path
    }

    #[test]
    fn a_big_claim_must_be_backed_by_the_strings_held() {
        // Up to 4,194,304 (2^22) believed whatever is held.
        assert!(believable(4_194_304, 0));
        // Beyond, at most 2 × held + 1,024: 2 × 2,096,640 + 1,024 = 4,194,304.
        assert!(!believable(4_194_305, 2_096_640));
        assert!(believable(4_194_305, 2_096_641));
        assert!(!believable(u64::MAX, u64::MAX / 2 - 1024));
    }

    #[test]
    fn the_fuzzers_claim_is_refused_naming_the_part() {
        let dir = tempfile::tempdir().unwrap();
        let err = check(&workbook(&dir, &sst("061315769475", 0))).unwrap_err();
        assert_eq!(
            err,
            "xl/sharedStrings.xml claims 61315769475 shared strings but holds 0: the file \
             is damaged; open it in Excel and save it again"
        );
        assert_eq!(check(&workbook(&dir, &sst("3", 3))), Ok(()));
    }
}
