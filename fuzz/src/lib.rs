//! What both fuzz targets share: put the input in a file, read it the way
//! `csf validate` does (`csf::intake::read_inputs`), and check the promises
//! of SPEC 2.4 on whatever comes out.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use csf::intake::ledger::Severity;
use csf::intake::{IntakeOptions, read_inputs};
use indicatif::ProgressBar;

/// A folder in tmpfs (RAM), shared by all fuzzing processes, so that writing
/// each input costs no disk I/O; files in it carry the process id, so that
/// parallel jobs do not share one, and are removed after each run.
fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join("csf-fuzz");
        std::fs::create_dir_all(&dir).expect("create the scratch folder");
        dir
    })
}

/// Write `bytes` to `scratch/name` and run intake on it as the CLI does.
///
/// Panics (so that libFuzzer reports a crash) when a promise is broken:
/// - an error must name the file, as every csf error message does;
/// - per file and in total, rows read = accepted + superseded + rejected;
/// - one "rejected" issue per rejected row, one "superseded" issue per
///   superseded row, and as many snapshots as accepted rows;
/// - every issue about a row points at a file of the ledger.
pub fn check_intake(name: &str, bytes: &[u8]) {
    let path = scratch_dir().join(format!("{}-{name}", std::process::id()));
    {
        let mut file = std::fs::File::create(&path).expect("create the input file");
        file.write_all(bytes).expect("write the input file");
    }
    let options = IntakeOptions::default();
    let result = read_inputs(
        std::slice::from_ref(&path),
        &options,
        &ProgressBar::hidden(),
    );
    let _ = std::fs::remove_file(&path);
    let intake = match result {
        Ok(intake) => intake,
        Err(error) => {
            let message = error.to_string();
            assert!(
                message.contains(&path.display().to_string()),
                "the error does not name the file: {message}"
            );
            return;
        }
    };
    let ledger = &intake.ledger;
    assert_eq!(ledger.files.len(), 1, "one input, one ledger file");
    for f in &ledger.files {
        assert!(f.tally.balances(), "{}: {:?}", f.path.display(), f.tally);
    }
    let total = ledger.total();
    assert!(total.balances(), "total {total:?}");
    assert_eq!(
        ledger.count(Severity::Rejected) as u64,
        total.rejected,
        "one issue per rejected row"
    );
    assert_eq!(
        ledger.count(Severity::Superseded) as u64,
        total.superseded,
        "one issue per superseded row"
    );
    assert_eq!(
        intake.snapshots.len() as u64,
        total.accepted,
        "a snapshot per accepted row"
    );
    for issue in &ledger.issues {
        if let Some(row) = issue.row {
            assert!((row.file as usize) < ledger.files.len(), "{issue:?}");
        }
    }
}

/// The parts of a workbook that a fuzz input may replace, in input order
/// (separated by 0xFF bytes, which never occur in UTF-8 XML).
const PARTS: [&str; 4] = [
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "xl/workbook.xml",
];

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

/// The bytes of an XLSX file for a fuzz input.
///
/// Mutating a real (deflated, checksummed) XLSX mostly yields files that
/// fail at the ZIP layer, which says little about the XML and cell code.
/// So an input is either a whole file (when it starts with the ZIP magic
/// `PK`, to fuzz the ZIP layer too) or the XML of the sheet, shared strings,
/// styles and workbook parts separated by 0xFF bytes, which are wrapped in a
/// valid uncompressed ZIP with fixed relationship parts. Missing parts are
/// left out, except the workbook, which gets a one-sheet default.
pub fn xlsx_bytes(data: &[u8]) -> Vec<u8> {
    if data.starts_with(b"PK") {
        return data.to_vec();
    }
    let mut parts: Vec<&[u8]> = data.splitn(PARTS.len(), |&b| b == 0xFF).collect();
    if parts.len() < PARTS.len() {
        parts.resize(PARTS.len(), &[]);
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut add = |name: &str, bytes: &[u8]| {
        zip.start_file(name, stored).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    };
    add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    add("_rels/.rels", ROOT_RELS.as_bytes());
    add("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes());
    for (name, bytes) in PARTS.iter().zip(&parts) {
        if !bytes.is_empty() {
            add(name, bytes);
        } else if *name == "xl/workbook.xml" {
            add(name, WORKBOOK.as_bytes());
        }
    }
    zip.finish().expect("zip finish").into_inner()
}

/// The fuzz input form of an XLSX file (the inverse of [`xlsx_bytes`] for
/// the parts it knows), used to seed the corpus from real workbooks.
pub fn xlsx_parts(xlsx: &[u8]) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).ok()?;
    let mut out = Vec::new();
    for (i, name) in PARTS.iter().enumerate() {
        if i > 0 {
            out.push(0xFF);
        }
        // The first sheet may be named otherwise; take the first one.
        let entry_name = if i == 0 {
            archive
                .file_names()
                .filter_map(Result::ok)
                .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
                .map(|n| n.into_owned())
                .min()
        } else {
            Some(name.to_string())
        };
        if let Some(entry_name) = entry_name
            && let Ok(mut entry) = archive.by_name(&entry_name)
        {
            std::io::copy(&mut entry, &mut out).ok()?;
        }
    }
    Some(out)
}

const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// The bytes of an ODS file whose `content.xml` is `content` (or the input
/// itself when it starts with `PK`): what calamine expands, and what csf
/// sizes before letting it.
pub fn ods_bytes(content: &[u8]) -> Vec<u8> {
    if content.starts_with(b"PK") {
        return content.to_vec();
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        (
            "mimetype",
            &b"application/vnd.oasis.opendocument.spreadsheet"[..],
        ),
        ("META-INF/manifest.xml", ODS_MANIFEST.as_bytes()),
        ("content.xml", content),
    ] {
        zip.start_file(name, stored).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}
