//! The number of shared strings an XLSX file claims, checked before calamine
//! believes it.
//!
//! calamine reserves room for as many strings as `<sst uniqueCount="...">`
//! says, before reading one. The XLSX fuzzer found a 54-byte input claiming
//! 61,315,769,475: a 1.5 TB allocation, which fails, and a failed allocation
//! aborts the process (it is no panic: nothing can catch it). So a large
//! claim must be backed by the strings the part really holds.

use std::io::{BufRead, BufReader};
use std::path::Path;

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
        let Ok(part) = archive.by_name(&name) else {
            continue;
        };
        let found = scan(BufReader::new(part));
        if let Some(claimed) = found.claimed
            && !believable(claimed, found.held)
        {
            return Err(format!(
                "{name} claims {claimed} shared strings but holds {}: the file is \
                 damaged; open it in Excel and save it again",
                found.held
            ));
        }
    }
    Ok(())
}

/// A claim is believed up to [`BELIEVED`], and beyond that up to twice the
/// strings held plus 1,024: writers that count loosely are not refused, a
/// claim that would reserve memory for nothing is.
fn believable(claimed: u64, held: u64) -> bool {
    claimed <= BELIEVED || claimed <= held.saturating_mul(2).saturating_add(1024)
}

/// What a shared-strings part says and holds.
#[derive(Debug, Default, PartialEq)]
struct Found {
    /// The largest `uniqueCount="digits"` anywhere in the part.
    claimed: Option<u64>,
    /// `<si` and `:si` element starts (string items, any prefix).
    held: u64,
}

/// One pass over the raw bytes, no XML parsing. The first version looked
/// for the claim on the `<sst>` tag, parsed: a processing instruction with
/// one stray `"` (which quick-xml, calamine's parser, ignores there) hid the
/// tag from it, and the fuzzer found that too. Taking every `uniqueCount`
/// in the part cannot miss the one calamine reads; counting every `<si`
/// may count a few that are not items, which only makes the check lenient
/// by as much (the memory calamine may then reserve stays within a few
/// dozen bytes per byte of the part).
fn scan(mut part: impl BufRead) -> Found {
    const NAME: &[u8] = b"uniqueCount";
    let mut found = Found::default();
    let mut matched = 0; // bytes of NAME seen so far
    let mut value = Value::None;
    let mut last = [0u8; 3]; // the three bytes before the current one
    let mut end_tag = false; // between `</` and `>`
    while let Ok(chunk) = part.fill_buf() {
        if chunk.is_empty() {
            break;
        }
        for &b in chunk {
            // An item: `<si` or `:si` then a space, `>` or `/`, outside an
            // end tag (`</x:si>`).
            if !end_tag
                && matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')
                && last[1..] == *b"si"
                && matches!(last[0], b'<' | b':')
            {
                found.held += 1;
            }
            if last[2] == b'<' && b == b'/' {
                end_tag = true;
            } else if b == b'>' {
                end_tag = false;
            }
            last = [last[1], last[2], b];
            value = value.step(b, &mut found.claimed);
            if matches!(value, Value::None) {
                matched = if b == NAME[matched] {
                    matched + 1
                } else {
                    usize::from(b == NAME[0])
                };
                if matched == NAME.len() {
                    matched = 0;
                    value = Value::BeforeEquals;
                }
            }
        }
        let consumed = chunk.len();
        part.consume(consumed);
    }
    found
}

/// Reading the value after `uniqueCount`: `= "digits"`, spaces allowed
/// around `=`, either quote; leading zeros skipped as calamine does.
#[derive(Clone, Copy)]
enum Value {
    None,
    BeforeEquals,
    AfterEquals,
    /// Inside the quotes: the quote, the number so far (None once too big).
    Digits(u8, Option<u64>, bool),
}

impl Value {
    fn step(self, b: u8, claimed: &mut Option<u64>) -> Value {
        let space = matches!(b, b' ' | b'\t' | b'\r' | b'\n');
        match self {
            Value::None => Value::None,
            Value::BeforeEquals if space => self,
            Value::BeforeEquals if b == b'=' => Value::AfterEquals,
            Value::AfterEquals if space => self,
            Value::AfterEquals if b == b'"' || b == b'\'' => Value::Digits(b, Some(0), false),
            Value::Digits(quote, number, any) if b == quote => {
                if let (Some(n), true) = (number, any) {
                    *claimed = Some(claimed.map_or(n, |c| c.max(n)));
                }
                Value::None
            }
            Value::Digits(quote, number, _) if b.is_ascii_digit() => Value::Digits(
                quote,
                number.and_then(|n| n.checked_mul(10)?.checked_add(u64::from(b - b'0'))),
                true,
            ),
            _ => Value::None,
        }
    }
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

    fn found(xml: &str) -> Found {
        scan(xml.as_bytes())
    }

    #[test]
    fn the_claim_is_read_as_calamine_reads_it() {
        assert_eq!(found(&sst("3", 3)).claimed, Some(3));
        // The first finding: leading zero, 61,315,769,475.
        assert_eq!(found(&sst("061315769475", 0)).claimed, Some(61_315_769_475));
        assert_eq!(found(&sst("+5", 0)).claimed, None);
        assert_eq!(found(&sst("", 0)).claimed, None);
        assert_eq!(found(&sst("1e9", 0)).claimed, None);
        // 2^64 does not fit: calamine's parser fails and reserves nothing.
        assert_eq!(found(&sst("18446744073709551616", 0)).claimed, None);
        assert_eq!(found("<x:sst uniqueCount = '7'>").claimed, Some(7));
        assert_eq!(found("<other/>").claimed, None);
    }

    #[test]
    fn a_stray_quote_before_the_tag_does_not_hide_the_claim() {
        // The second finding, minimised: a processing instruction with one
        // `"`, then an sst tag with unbalanced quotes.
        let xml = "<?xmoUTs\"?>\n<sst nstml2006/main\" count=\"62\" uniqueCount=\"88888888884\"eStr\"></t></sikbook>";
        assert_eq!(
            found(xml),
            Found {
                claimed: Some(88_888_888_884),
                held: 0
            }
        );
    }

    #[test]
    fn the_largest_of_several_claims_counts() {
        assert_eq!(
            found("<!-- uniqueCount=\"5\" --><sst uniqueCount=\"9000000\"/>").claimed,
            Some(9_000_000)
        );
    }

    #[test]
    fn items_are_counted_with_or_without_a_prefix() {
        assert_eq!(found(&sst("3", 3)).held, 3);
        // <x:si/>, <x:si>, not <sis/> nor </x:si>.
        assert_eq!(found("<x:si/><x:si><x:t>b</x:t></x:si><sis/>").held, 2);
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
