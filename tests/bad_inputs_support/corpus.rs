//! The committed corpus of `tests/data/bad/`: every file's bytes, so that
//! `regenerate_bad_corpus` can write them and a test can check them.

use std::path::Path;

use super::{cell, garbage, row, xlsx, zip_of};

const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// A text cell whose comment (`office:annotation`) is never closed: the
/// file ends after `</table:table>`, which calamine's comment loop reads
/// past.
const ODS_CUT_IN_A_COMMENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Data"><table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>note</text:p></table:table-cell></table:table-row></table:table>"#;

/// A header row, then one row of the number 1 in 16,384 columns, repeated
/// 6,000 times: under 1 KB zipped.
const ODS_BOMB: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Data"><table:table-row><table:table-cell office:value-type="string"><text:p>customer_id</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>checkpoint</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>snapshot_date</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;

/// Every committed file of `tests/data/bad/` (not `fuzz/`), as made by
/// `regenerate_bad_corpus` in tests/bad_inputs.rs.
pub fn corpus() -> Vec<(&'static str, Vec<u8>)> {
    let header = row(1, &["customer_id", "checkpoint", "snapshot_date"]);
    let baseline = row(2, &["c1", "baseline", "2025-01-15"]);
    let portfolio =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/portfolio.xlsx"))
            .unwrap();
    vec![
        ("empty.csv", Vec::new()),
        ("blank_lines.csv", b"\n\n   \n\r\n\t\n,,,\n".to_vec()),
        (
            "header_only.csv",
            b"customer_id,checkpoint,snapshot_date\n".to_vec(),
        ),
        ("garbage.csv", garbage()),
        ("garbage.xlsx", garbage()),
        ("truncated.xlsx", portfolio[..20_000].to_vec()),
        (
            "not_a_workbook.xlsx",
            zip_of(&[("notes.txt", "a ZIP file, but no workbook\n")]),
        ),
        (
            "huge_dimension.xlsx",
            xlsx(&format!(
                r#"<dimension ref="A1:XFD1048576"/><sheetData><row r="1">{}</row><row r="1048576">{}</row></sheetData>"#,
                cell("A1", "customer_id"),
                cell("XFD1048576", "x")
            )),
        ),
        (
            "huge_dimension_table.xlsx",
            xlsx(&format!(
                r#"<dimension ref="A1:XFD1048576"/><sheetData>{header}{baseline}<row r="1048576">{}</row></sheetData>"#,
                cell("XFD1048576", "x")
            )),
        ),
        (
            "cell_beyond_xfd.xlsx",
            xlsx(&format!(
                r#"<sheetData>{header}<row r="2">{}</row></sheetData>"#,
                cell("ZZZZZZ2", "x")
            )),
        ),
        (
            "cell_reference_overflow.xlsx",
            xlsx(&format!(
                r#"<sheetData>{header}<row r="2">{}</row></sheetData>"#,
                cell("AAAAAAAAAAAAAAAA2", "x")
            )),
        ),
        (
            "repeated_row.xlsx",
            xlsx(&format!(
                "<sheetData>{header}{baseline}{}{}</sheetData>",
                row(3, &["c2", "baseline", "2025-01-20"]),
                row(3, &["c3", "baseline", "2025-01-25"])
            )),
        ),
        (
            "ods_repeat_bomb.ods",
            zip_of(&[
                ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                ("META-INF/manifest.xml", ODS_MANIFEST),
                ("content.xml", ODS_BOMB),
            ]),
        ),
        (
            "ods_cut_in_a_comment.ods",
            zip_of(&[
                ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                ("META-INF/manifest.xml", ODS_MANIFEST),
                ("content.xml", ODS_CUT_IN_A_COMMENT),
            ]),
        ),
        (
            "invalid_utf8_mid_file.csv",
            b"customer_id,checkpoint,snapshot_date\n\
              m\xC3\xBCller-01,day 30,2025-02-14\n\
              m\xC3\xBCller-01,day 60,2025-03-16\n\
              caf\xE9-02,day 30,2025-02-19\n\
              caf\xE9-02,day 60,2025-03-21\n"
                .to_vec(),
        ),
        (
            "nul_bytes.csv",
            b"customer_id,checkpoint,snapshot_date,customer_name\n\
              c1,baseline,2025-01-15,A\0B\n\
              c1,day 30,2025-02-14,AB\n\
              \0\0\0\n\
              c2\0,baseline,2025-01-20,x\n"
                .to_vec(),
        ),
        (
            "crlf.csv",
            b"customer_id,checkpoint,snapshot_date\r\n\
              c1,baseline,2025-01-15\r\n\
              \r\n\
              c1,day 30,2025-02-31\r\n\
              c1,day 60,2025-03-16\r\n"
                .to_vec(),
        ),
        (
            "cr.csv",
            b"customer_id,checkpoint,snapshot_date\r\
              c1,baseline,2025-01-15\r\
              \r\
              c1,day 30,2025-02-31\r\
              c1,day 60,2025-03-16\r"
                .to_vec(),
        ),
        (
            "missing_column.csv",
            b"Account ID,Date,NPS\nc1,2025-01-15,7\n".to_vec(),
        ),
        (
            "duplicated_headers.csv",
            b"customer_id,Customer ID,checkpoint,snapshot_date,NPS,nps\n\
              c1,x9,day 30,2025-02-14,7,11\n\
              c1,x9,day 60,2025-03-16,12,5\n"
                .to_vec(),
        ),
    ]
}
