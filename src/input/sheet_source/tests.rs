use std::io::{Read, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::*;
use crate::input::open as open_any;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn midnight(y: i32, m: u32, d: u32) -> Cell {
    Cell::DateTime(date(y, m, d).and_hms_opt(0, 0, 0).unwrap())
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn number(value: f64) -> Cell {
    Cell::Number {
        value,
        percent: false,
    }
}

fn save(dir: &tempfile::TempDir, name: &str, workbook: &mut Workbook) -> PathBuf {
    let path = dir.path().join(name);
    workbook.save(&path).unwrap();
    path
}

fn rows(table: Table) -> Vec<RawRow> {
    table.rows.map(Result::unwrap).collect()
}

fn has_customer_id(names: &[String]) -> bool {
    names
        .iter()
        .any(|n| n.trim().eq_ignore_ascii_case("customer_id"))
}

fn header_hint() -> ReadOptions {
    ReadOptions {
        looks_like_header: Some(has_customer_id),
        ..Default::default()
    }
}

/// Title line in row 1, blank row 2, header in row 3, data from row 4.
fn typed_sheet(sheet: &mut Worksheet) {
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let percent = Format::new().set_num_format("0.0%");
    let builtin_percent = Format::new().set_num_format_index(9);
    let money = Format::new().set_num_format("$#,##0.00");
    sheet
        .write_string(0, 0, "Customer metrics export — generated 2025-06-30")
        .unwrap();
    let headers = [
        "customer_id",
        "checkpoint",
        "snapshot_date",
        "accuracy_pct",
        "mrr",
        "case_study_published",
        "error_rate_pct",
    ];
    for (col, name) in headers.iter().enumerate() {
        sheet.write_string(2, col as u16, *name).unwrap();
    }
    sheet.write_number(3, 0, 10045).unwrap();
    sheet.write_string(3, 1, "baseline").unwrap();
    sheet
        .write_datetime_with_format(3, 2, date(2025, 3, 31), &date_format)
        .unwrap();
    sheet
        .write_number_with_format(3, 3, 0.925, &percent)
        .unwrap();
    sheet
        .write_number_with_format(3, 4, 1234.5, &money)
        .unwrap();
    sheet.write_boolean(3, 5, true).unwrap();
    sheet
        .write_number_with_format(3, 6, 0.02, &builtin_percent)
        .unwrap();
    // Row 5: only the key columns; trailing cells absent.
    sheet.write_string(4, 0, "ACME").unwrap();
    sheet.write_number(4, 1, 30).unwrap();
    sheet.write_string(4, 2, "2025-04-30").unwrap();
}

#[test]
fn typed_cells_title_line_and_row_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    typed_sheet(workbook.add_worksheet().set_name("Export").unwrap());
    let path = save(&dir, "typed.xlsx", &mut workbook);

    let table = open(&path, &header_hint()).unwrap();
    assert_eq!(table.sheet.as_deref(), Some("Export"));
    assert_eq!(table.header_row, 3);
    assert_eq!(table.headers[0], "customer_id");
    assert_eq!(table.headers.len(), 7);
    assert!(table.encoding.is_none() && table.delimiter.is_none());
    let rows = rows(table);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].row, 4);
    assert_eq!(
        rows[0].cells,
        [
            number(10045.0),
            text("baseline"),
            midnight(2025, 3, 31),
            // 0.925 with format 0.0% shows as 92.5%: flagged as percent.
            Cell::Number {
                value: 0.925,
                percent: true
            },
            number(1234.5),
            Cell::Bool(true),
            // Built-in format 9 is "0%".
            Cell::Number {
                value: 0.02,
                percent: true
            },
        ]
    );
    // Padded to the header's width: a short sheet row is not ragged.
    assert_eq!(rows[1].row, 5);
    assert_eq!(
        rows[1].cells,
        [
            text("ACME"),
            number(30.0),
            text("2025-04-30"),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty
        ]
    );
}

#[test]
fn without_a_hint_the_title_line_is_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    typed_sheet(workbook.add_worksheet());
    let path = save(&dir, "typed.xlsx", &mut workbook);
    let table = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(table.header_row, 1);
    assert_eq!(
        table.headers,
        ["Customer metrics export — generated 2025-06-30"]
    );
}

#[test]
fn sheet_is_chosen_by_name_ignoring_case_or_the_first_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet().set_name("Notes").unwrap();
    notes.write_string(0, 0, "read me").unwrap();
    let data = workbook.add_worksheet().set_name("Data").unwrap();
    data.write_string(0, 0, "customer_id").unwrap();
    data.write_string(1, 0, "c1").unwrap();
    let path = save(&dir, "two.xlsx", &mut workbook);

    let first = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(first.sheet.as_deref(), Some("Notes"));
    assert_eq!(first.headers, ["read me"]);

    let options = ReadOptions {
        sheet: Some("data".into()),
        ..Default::default()
    };
    let chosen = open(&path, &options).unwrap();
    assert_eq!(chosen.sheet.as_deref(), Some("Data"));
    assert_eq!(rows(chosen)[0].cells, [text("c1")]);

    let options = ReadOptions {
        sheet: Some("Q3".into()),
        ..Default::default()
    };
    let err = open(&path, &options).err().unwrap();
    assert!(
        matches!(err, InputError::NoSuchSheet { ref available, .. } if available == "Notes, Data")
    );
    assert!(err.to_string().contains("\"Q3\""));
}

#[test]
fn hidden_first_sheet_is_skipped_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    let lookup = workbook.add_worksheet().set_name("Lookup").unwrap();
    lookup.write_string(0, 0, "internal").unwrap();
    lookup.set_hidden(true);
    let data = workbook.add_worksheet().set_name("Data").unwrap();
    data.write_string(0, 0, "customer_id").unwrap();
    data.set_active(true);
    let path = save(&dir, "hidden.xlsx", &mut workbook);
    let table = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(table.sheet.as_deref(), Some("Data"));
}

/// rust_xlsxwriter only writes 1900-based workbooks: switch one to the 1904
/// date system by setting `date1904` in xl/workbook.xml, as Excel for Mac
/// did by default. The cell holds the same serial number, so under 1904 it
/// is 1462 days (4 years and a day) later than under 1900.
fn to_1904(source: &Path, target: &Path) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(source).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(target).unwrap());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        if name == "xl/workbook.xml" {
            let xml = String::from_utf8(content).unwrap();
            assert!(xml.contains("<workbookPr "), "{xml}");
            content = xml
                .replacen("<workbookPr ", "<workbookPr date1904=\"1\" ", 1)
                .into_bytes();
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&content).unwrap();
    }
    writer.finish().unwrap();
}

#[test]
fn workbook_with_the_1904_date_system() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_string(0, 0, "snapshot_date").unwrap();
    // Serial 45747 is 2025-03-31 in the 1900 system (45658 = 2025-01-01,
    // + 31 + 28 + 30 days).
    sheet
        .write_number_with_format(1, 0, 45747.0, &date_format)
        .unwrap();
    let path_1900 = save(&dir, "d1900.xlsx", &mut workbook);
    let path_1904 = dir.path().join("d1904.xlsx");
    to_1904(&path_1900, &path_1904);

    let table = open(&path_1900, &ReadOptions::default()).unwrap();
    assert_eq!(rows(table)[0].cells, [midnight(2025, 3, 31)]);
    // 1904 epoch: 2025-03-31 + 1462 days = 2029-04-01 (2028 is a leap year:
    // 2025-03-31 + 4 years = 2029-03-31, + 1 day).
    let table = open(&path_1904, &ReadOptions::default()).unwrap();
    assert_eq!(rows(table)[0].cells, [midnight(2029, 4, 1)]);
}

#[test]
fn table_starting_in_column_c_is_aligned_to_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(1, 2, "customer_id").unwrap();
    sheet.write_string(1, 3, "checkpoint").unwrap();
    sheet.write_string(2, 2, "c1").unwrap();
    sheet.write_string(3, 3, "30").unwrap();
    // Beyond the header: kept, so that intake can call the row ragged.
    sheet.write_string(4, 2, "c2").unwrap();
    sheet.write_string(4, 5, "stray").unwrap();
    let path = save(&dir, "offset.xlsx", &mut workbook);
    let table = open(&path, &header_hint()).unwrap();
    assert_eq!(table.headers, ["customer_id", "checkpoint"]);
    assert_eq!(table.header_row, 2);
    let rows = rows(table);
    assert_eq!(rows[0].cells, [text("c1"), Cell::Empty]);
    assert_eq!(rows[1].cells, [Cell::Empty, text("30")]);
    assert_eq!(
        rows[2].cells,
        [text("c2"), Cell::Empty, Cell::Empty, text("stray")]
    );
}

#[test]
fn a_far_away_cell_is_streamed_not_allocated_as_a_grid() {
    // Declared bounds A1:XFD1048576 hold 2^34 cells; only 3 rows exist.
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "customer_id").unwrap();
    sheet.write_string(1, 0, "c1").unwrap();
    sheet.write_string(1_048_575, 16_383, "far").unwrap();
    let path = save(&dir, "far.xlsx", &mut workbook);
    let rows = rows(open(&path, &ReadOptions::default()).unwrap());
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].row, 1_048_576);
    assert_eq!(rows[1].cells.len(), 16_384);
}

#[test]
fn a_header_with_a_stray_cell_far_right_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "customer_id").unwrap();
    sheet.write_string(0, 1, "checkpoint").unwrap();
    sheet.write_string(0, 16_383, "x").unwrap();
    sheet.write_string(1, 0, "c1").unwrap();
    let path = save(&dir, "wide.xlsx", &mut workbook);
    let err = open(&path, &ReadOptions::default()).err().unwrap();
    let message = err.to_string();
    assert!(matches!(err, InputError::Unreadable { .. }));
    assert!(
        message.contains("16384 columns but only 3 have a name"),
        "{message}"
    );
}

#[test]
fn garbage_named_xlsx_is_unreadable_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.xlsx");
    std::fs::write(&path, b"this is not a zip file at all").unwrap();
    let err = open_any(&path, &ReadOptions::default()).err().unwrap();
    assert!(matches!(err, InputError::Unreadable { .. }), "{err}");
    assert!(err.to_string().contains("garbage.xlsx"));
}

#[test]
fn zip_that_is_not_a_workbook_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.xlsx");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    writer
        .start_file("notes.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    writer.write_all(b"hello").unwrap();
    writer.finish().unwrap();
    let err = open(&path, &ReadOptions::default()).err().unwrap();
    assert!(matches!(err, InputError::Unreadable { .. }), "{err}");
}

#[test]
fn truncated_workbook_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    typed_sheet(workbook.add_worksheet());
    let path = save(&dir, "full.xlsx", &mut workbook);
    let bytes = std::fs::read(&path).unwrap();
    let cut = dir.path().join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = open(&cut, &ReadOptions::default()).err().unwrap();
    assert!(matches!(err, InputError::Unreadable { .. }), "{err}");
}

#[test]
fn html_saved_as_xls_gets_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.XLS");
    std::fs::write(
        &path,
        b"<html><table><tr><td>Account ID</td></tr></table></html>",
    )
    .unwrap();
    let err = open_any(&path, &ReadOptions::default()).err().unwrap();
    assert!(matches!(err, InputError::Unreadable { .. }), "{err}");
    assert!(err.to_string().contains("HTML"), "{err}");
}

#[test]
fn dropping_the_table_early_stops_the_reader_thread() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "customer_id").unwrap();
    for row in 1..5000 {
        sheet.write_number(row, 0, row as f64).unwrap();
    }
    let path = save(&dir, "long.xlsx", &mut workbook);
    let mut table = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(table.rows.next().unwrap().unwrap().cells, [number(1.0)]);
    drop(table);
    // Reading it whole still gives every row, in order.
    let all = rows(open(&path, &ReadOptions::default()).unwrap());
    assert_eq!(all.len(), 4999);
    assert!(all.windows(2).all(|w| w[1].row == w[0].row + 1));
}
