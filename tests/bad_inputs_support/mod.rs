//! Running `csf validate` on hostile inputs, with a timeout and (where
//! `/usr/bin/time` exists) a measure of its peak memory; and building the
//! small workbooks of the corpus in `tests/data/bad/`.
#![allow(dead_code)]

pub mod corpus;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

/// The committed corpus.
pub fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/bad")
        .join(name)
}

/// What one run of csf did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// Peak resident memory in KB, when measured.
    pub peak_kb: Option<u64>,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout))
    }

    /// Exit 1, nothing on stdout, and one `csf: error:` message on stderr
    /// naming the input and saying `why`.
    pub fn assert_error(&self, input: &Path, why: &str) {
        assert_eq!(self.code, 1, "{self:?}");
        assert_eq!(self.stdout, "", "{self:?}");
        assert!(self.stderr.starts_with("csf: error: "), "{self:?}");
        let named = input.display().to_string();
        assert!(
            self.stderr.contains(&named),
            "does not name {named}: {self:?}"
        );
        assert!(self.stderr.contains(why), "does not say {why:?}: {self:?}");
    }

    /// The JSON report of a run that read its inputs (exit 0 or 3), after
    /// checking that every file's rows balance.
    pub fn report(&self, expected_code: i32) -> serde_json::Value {
        assert_eq!(self.code, expected_code, "{self:?}");
        let v = self.json();
        for f in v["files"].as_array().unwrap() {
            let n = |k: &str| f[k].as_u64().unwrap();
            assert_eq!(
                n("rows_read"),
                n("accepted") + n("superseded") + n("rejected"),
                "{f}"
            );
        }
        v
    }

    pub fn peak_mb(&self) -> Option<u64> {
        self.peak_kb.map(|kb| kb / 1024)
    }
}

fn csf_path() -> PathBuf {
    assert_cmd::cargo::cargo_bin("csf")
}

/// `csf validate --format json INPUTS`, killed after `timeout`; never a
/// panic (no "panicked" on stderr, no exit code 101, not killed).
pub fn validate(inputs: &[&Path], timeout: Duration) -> Run {
    run(inputs, timeout, false)
}

/// The same, measuring peak memory with GNU time when it is installed.
pub fn validate_measured(inputs: &[&Path], timeout: Duration) -> Run {
    run(inputs, timeout, true)
}

const PEAK_PREFIX: &str = "csf-peak-rss-kb=";
const GNU_TIME: &str = "/usr/bin/time";

fn run(inputs: &[&Path], timeout: Duration, measure: bool) -> Run {
    if measure && !Path::new(GNU_TIME).exists() {
        eprintln!("(peak memory not measured: no {GNU_TIME})");
    }
    let measure = measure && Path::new(GNU_TIME).exists();
    let mut cmd = if measure {
        let mut c = Command::new(GNU_TIME);
        c.arg("-f").arg(format!("{PEAK_PREFIX}%M")).arg(csf_path());
        c
    } else {
        Command::new(csf_path())
    };
    cmd.args(["validate", "--format", "json"])
        .args(inputs)
        .timeout(timeout);
    let output = cmd.output().expect("csf runs");
    let code = output
        .status
        .code()
        .unwrap_or_else(|| panic!("csf was killed (timeout {timeout:?}?): {output:?}"));
    let mut stderr = String::new();
    let mut peak_kb = None;
    for line in String::from_utf8_lossy(&output.stderr).lines() {
        if let Some(kb) = line.strip_prefix(PEAK_PREFIX) {
            peak_kb = kb.trim().parse().ok();
        } else if !(measure && line.starts_with("Command exited with non-zero status")) {
            stderr.push_str(line);
            stderr.push('\n');
        }
    }
    let run = Run {
        code,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
        peak_kb,
    };
    assert!(!run.stderr.contains("panicked"), "a panic: {run:?}");
    assert_ne!(run.code, 101, "a panic: {run:?}");
    if let Some(mb) = run.peak_mb() {
        eprintln!("peak memory of csf validate {inputs:?}: {mb} MB");
    }
    run
}

/// Write `size` bytes made by `fill` (called with chunks of the file) into
/// `dir/name` without holding them all: the 100 MB inputs.
pub fn write_big(dir: &Path, name: &str, parts: &[&[u8]]) -> PathBuf {
    let path = dir.join(name);
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for part in parts {
        file.write_all(part).unwrap();
    }
    file.flush().unwrap();
    path
}

/// A workbook with one sheet `Data` whose `<sheetData>` (and anything
/// before it, like `<dimension>`) is `sheet_body`; deflated, fixed dates.
pub fn xlsx(sheet_body: &str) -> Vec<u8> {
    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sheet_body}</worksheet>"#
    );
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", &sheet),
    ])
}

pub fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The XLSX file the `xlsx_intake` fuzz target builds from an input that
/// does not start with `PK`: the XML of the sheet, shared strings, styles
/// and workbook parts, separated by 0xFF bytes, in a ZIP with fixed
/// relationships (the same as `xlsx_bytes` in fuzz/src/lib.rs).
pub fn xlsx_from_fuzz_parts(data: &[u8]) -> Vec<u8> {
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
    if data.starts_with(b"PK") {
        return data.to_vec();
    }
    let mut parts: Vec<&[u8]> = data.splitn(PARTS.len(), |&b| b == 0xFF).collect();
    parts.resize(PARTS.len(), &[]);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut add = |name: &str, bytes: &[u8]| {
        zip.start_file(name, stored).unwrap();
        zip.write_all(bytes).unwrap();
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
    zip.finish().unwrap().into_inner()
}

/// The ODS file the `ods_intake` fuzz target builds from an input that does
/// not start with `PK`: the input is its `content.xml` (the same as
/// `ods_bytes` in fuzz/src/lib.rs).
pub fn ods_from_fuzz_content(content: &[u8]) -> Vec<u8> {
    const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
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
        ("META-INF/manifest.xml", MANIFEST.as_bytes()),
        ("content.xml", content),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An inline-string cell.
pub fn cell(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A row of inline-string cells from column A.
pub fn row(number: u32, texts: &[&str]) -> String {
    let cells: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| cell(&format!("{}{number}", char::from(b'A' + i as u8)), t))
        .collect();
    format!(r#"<row r="{number}">{cells}</row>"#)
}

/// 4,096 bytes of noise, the same every time (xorshift32), with no ASCII
/// letter in them (a letter byte gets its high bit set): every column name
/// csf knows has ASCII letters, so no line of it can pass for a header.
pub fn garbage() -> Vec<u8> {
    let mut state: u32 = 0x9E37_79B9;
    (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let byte = (state >> 24) as u8;
            if byte.is_ascii_alphabetic() {
                byte | 0x80
            } else {
                byte
            }
        })
        .collect()
}
