use std::path::PathBuf;

use super::*;

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn open_bytes(bytes: &[u8]) -> Table {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "export.csv", bytes);
    open(&path, &ReadOptions::default()).unwrap()
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn rows(table: Table) -> Vec<RawRow> {
    table.rows.map(Result::unwrap).collect()
}

fn has_customer_id(names: &[String]) -> bool {
    names
        .iter()
        .any(|n| n.trim().eq_ignore_ascii_case("customer_id"))
}

#[test]
fn utf8_bom_is_stripped() {
    let table = open_bytes(b"\xEF\xBB\xBFcustomer_id,name\nc1,Caf\xC3\xA9\n");
    assert_eq!(table.encoding.as_deref(), Some("UTF-8 with BOM"));
    assert_eq!(table.headers, ["customer_id", "name"]);
    assert_eq!(rows(table)[0].cells, [text("c1"), text("Café")]);
}

#[test]
fn plain_utf8_is_taken_as_is() {
    let table = open_bytes("customer_id,name\nc1,Zoë\n".as_bytes());
    assert_eq!(table.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(rows(table)[0].cells[1], text("Zoë"));
}

fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in s.encode_utf16() {
        let pair = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        out.extend_from_slice(&pair);
    }
    out
}

#[test]
fn utf16_le_with_bom_is_decoded() {
    let table = open_bytes(&utf16("customer_id\tname\r\nc1\tCafé\r\n", false));
    assert_eq!(table.encoding.as_deref(), Some("UTF-16LE"));
    assert_eq!(table.delimiter, Some('\t'));
    assert_eq!(table.headers, ["customer_id", "name"]);
    let rows = rows(table);
    assert_eq!(rows[0].row, 2);
    assert_eq!(rows[0].cells, [text("c1"), text("Café")]);
}

#[test]
fn utf16_be_with_bom_is_decoded() {
    let table = open_bytes(&utf16("customer_id,name\nc1,Café\n", true));
    assert_eq!(table.encoding.as_deref(), Some("UTF-16BE"));
    assert_eq!(rows(table)[0].cells, [text("c1"), text("Café")]);
}

#[test]
fn bytes_that_are_not_utf8_are_read_as_windows_1252() {
    // "Café" in Windows-1252: é is the single byte 0xE9; € is 0x80.
    let table = open_bytes(b"customer_id;name;mrr\nc1;Caf\xE9;\x80 99\n");
    assert_eq!(table.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(
        rows(table)[0].cells,
        [text("c1"), text("Café"), text("€ 99")]
    );
}

#[test]
fn delimiter_is_sniffed_outside_quotes_and_ties_go_to_comma() {
    assert_eq!(sniff_delimiter(b"a;b;c\n1;2;3\n"), b';');
    assert_eq!(sniff_delimiter(b"a\tb\tc\n"), b'\t');
    // Commas inside quotes are not counted; one semicolon against one comma
    // is a tie.
    assert_eq!(sniff_delimiter(b"\"x,y,z\";b;c\n"), b';');
    assert_eq!(sniff_delimiter(b"a,b;c\n"), b',');
    assert_eq!(sniff_delimiter(b"single column\n"), b',');
    // A title line with a comma above a semicolon header.
    assert_eq!(
        sniff_delimiter(b"Export, June 2025\nid;stage;date\n1;0;2025\n"),
        b';'
    );
    // Decimal commas in a semicolon file: at most one per field.
    assert_eq!(sniff_delimiter(b"id;mrr;nps\n1;1234,5;9\n"), b';');
}

#[test]
fn excel_separator_line_sets_the_delimiter_and_is_not_a_row() {
    // Commas would win the sniffing; `sep=;` says otherwise.
    let table = open_bytes(b"sep=;\r\nid;note\r\na;x,y,z\r\n");
    assert_eq!(table.delimiter, Some(';'));
    assert_eq!(table.headers, ["id", "note"]);
    assert_eq!(table.header_row, 2);
    let rows = rows(table);
    assert_eq!(rows[0].row, 3);
    assert_eq!(rows[0].cells, [text("a"), text("x,y,z")]);
    assert_eq!(excel_separator_line(b"sep=\t"), Some(b'\t'));
    assert_eq!(excel_separator_line(b"separator;x\n"), None);
}

#[test]
fn line_numbers_are_physical_lines_with_multiline_fields_and_title_lines() {
    // line 1: title, 2: blank, 3: header, 4: row, 5-6: a row whose quoted
    // note spans two lines, 7: blank, 8: row.
    let csv = "Customer metrics export\n\
               \n\
               customer_id,note\n\
               c1,plain\n\
               c2,\"first\nsecond\"\n\
               \n\
               c3,last\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "export.csv", csv.as_bytes());
    let options = ReadOptions {
        looks_like_header: Some(has_customer_id),
        ..Default::default()
    };
    let table = open(&path, &options).unwrap();
    assert_eq!(table.header_row, 3);
    let rows = rows(table);
    let numbers: Vec<u32> = rows.iter().map(|r| r.row).collect();
    assert_eq!(numbers, [4, 5, 8]);
    assert_eq!(rows[1].cells[1], text("first\nsecond"));
}

#[test]
fn line_numbers_with_crlf_and_blank_lines() {
    // 1 header, 2 row, 3 blank, 4 row with a CRLF inside quotes (4-5), 6 row.
    let table = open_bytes(b"id,n\r\na,1\r\n\r\nb,\"x\r\ny\"\r\nc,3\r\n");
    let numbers: Vec<u32> = rows(table).iter().map(|r| r.row).collect();
    assert_eq!(numbers, [2, 4, 6]);
}

#[test]
fn line_numbers_with_old_mac_line_endings() {
    let table = open_bytes(b"id,n\ra,1\rb,2\r");
    let numbers: Vec<u32> = rows(table).iter().map(|r| r.row).collect();
    assert_eq!(numbers, [2, 3]);
}

#[test]
fn ragged_rows_keep_their_field_count_and_empty_rows_are_skipped() {
    let table = open_bytes(b"a,b,c\n1,2\n,,\n1,2,3,4\n  ,\t\n5,,6\n");
    assert_eq!(table.headers, ["a", "b", "c"]);
    let rows = rows(table);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].cells, [text("1"), text("2")]);
    assert_eq!(rows[1].row, 4);
    assert_eq!(rows[1].cells.len(), 4);
    assert_eq!(rows[2].row, 6);
    assert_eq!(rows[2].cells, [text("5"), Cell::Empty, text("6")]);
}

#[test]
fn raw_text_is_kept_for_intake_to_trim() {
    let table = open_bytes(b"a,b\n  x , \"=HYPERLINK(1)\"\n");
    assert_eq!(
        rows(table)[0].cells,
        [text("  x "), text(" \"=HYPERLINK(1)\"")]
    );
}

#[test]
fn header_only_file_has_no_rows_and_empty_file_has_no_header() {
    let table = open_bytes(b"customer_id,stage\n");
    assert_eq!(table.header_row, 1);
    assert!(rows(table).is_empty());

    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "empty.csv", b"\n\n");
    let err = open(&path, &ReadOptions::default()).err().unwrap();
    assert!(matches!(err, InputError::NoHeader { .. }));
}

#[test]
fn missing_file_is_an_io_error() {
    let err = open(Path::new("/no/such/export.csv"), &ReadOptions::default())
        .err()
        .unwrap();
    assert!(matches!(err, InputError::Io { .. }));
}

#[test]
fn line_breaks_are_counted_once_each() {
    assert_eq!(count_line_breaks(b"a\nb\r\nc\rd"), 3);
    assert_eq!(count_line_breaks(b"abc"), 0);
}

#[test]
fn a_line_wider_than_excel_is_refused_naming_the_line() {
    // Line 3 has 16,385 fields (16,384 commas): one more than MAX_COLUMNS.
    // Line 2 has exactly 16,384 (16,383 commas) and is still a row. (A line
    // of delimiters only is blank and skipped, however wide: hence the x, y.)
    let mut bytes = b"a,b\n".to_vec();
    bytes.extend(",".repeat(MAX_COLUMNS - 1).bytes());
    bytes.extend(b"x\n");
    bytes.extend(",".repeat(MAX_COLUMNS).bytes());
    bytes.extend(b"y\n");
    let mut rows = open_bytes(&bytes).rows;
    let wide = rows.next().unwrap().unwrap();
    assert_eq!((wide.row, wide.cells.len()), (2, MAX_COLUMNS));
    let err = rows.next().unwrap().unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("line 3 has 16385 fields; csf reads at most 16384"),
        "{message}"
    );
    assert!(message.contains("export.csv"), "{message}");
    assert!(rows.next().is_none());
}

#[test]
fn a_utf8_file_with_a_bad_line_keeps_its_utf8_names() {
    // Line 2 is UTF-8 (ü = C3 BC); line 3 has a Windows-1252 é (E9), which
    // is no UTF-8. Read whole as Windows-1252, line 2 would be "MÃ¼ller".
    let table = open_bytes(b"customer_id,name\nc1,M\xC3\xBCller\nc2,Caf\xE9\n");
    assert_eq!(
        table.encoding.as_deref(),
        Some("UTF-8, 1 line not UTF-8 read as windows-1252 (first: line 3)")
    );
    let rows = rows(table);
    assert_eq!(rows[0].cells, [text("c1"), text("Müller")]);
    assert_eq!(rows[1].cells, [text("c2"), text("Café")]);
}

#[test]
fn a_download_cut_inside_a_character_garbles_only_the_last_line() {
    // The file ends in the first byte of "é" in UTF-8 (C3 A9): C3 alone.
    let table = open_bytes(b"customer_id,name\nc1,Zo\xC3\xAB\nc2,Ren\xC3");
    assert_eq!(
        table.encoding.as_deref(),
        Some("UTF-8, 1 line not UTF-8 read as windows-1252 (first: line 3)")
    );
    let rows = rows(table);
    assert_eq!(rows[0].cells, [text("c1"), text("Zoë")]);
    // C3 in Windows-1252 is Ã.
    assert_eq!(rows[1].cells, [text("c2"), text("RenÃ")]);
}
