use super::*;

/// content.xml with one table named `Data` holding `rows`.
fn content(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content><office:body><office:spreadsheet><table:table table:name="Data"><table:table-column table:number-columns-repeated="1024"/>{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    )
}

fn value(text: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}

fn checked(xml: &str) -> Result<(), String> {
    check_content(xml.as_bytes())
}

#[test]
fn an_ordinary_sheet_passes() {
    let header = format!(
        "<table:table-row>{}{}{}<table:table-cell table:number-columns-repeated=\"1021\"/></table:table-row>",
        value("customer_id"),
        value("checkpoint"),
        value("snapshot_date")
    );
    // LibreOffice pads a sheet with a million empty rows of empty cells:
    // they hold no value and must not count.
    let padding = r#"<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
    assert_eq!(checked(&content(&(header + padding))), Ok(()));
}

#[test]
fn repeated_value_cells_are_counted_as_calamine_expands_them() {
    // 6,000 rows × 16,384 columns of "1" (the 863-byte file that took 6 GB)
    // = 98,304,000 cells, over 16,777,216; plus the header row: the box is
    // 6,001 rows × 16,384 columns = 98,320,384.
    let rows = format!(
        "<table:table-row>{}</table:table-row><table:table-row table:number-rows-repeated=\"6000\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p></table:table-cell></table:table-row>",
        value("customer_id")
    );
    let err = checked(&content(&rows)).unwrap_err();
    assert!(err.contains("span 98320384 cells"), "{err}");
    assert!(
        err.contains("sheet \"Data\": 6001 rows × 16384 columns"),
        "{err}"
    );
    assert!(err.contains("save it as XLSX or CSV"), "{err}");
}

#[test]
fn the_box_starts_at_the_first_value_not_at_a1() {
    // Values in rows 1,001..=5,096 (4,096 rows), columns 11..=4,106 (4,096
    // columns, one cell repeated) = 16,777,216 cells: exactly the limit, so
    // it passes; one row more is over.
    let row = r#"<table:table-row table:number-rows-repeated="4096"><table:table-cell table:number-columns-repeated="10"/><table:table-cell table:number-columns-repeated="4096" office:value-type="float" office:value="1"/></table:table-row>"#;
    let skip = r#"<table:table-row table:number-rows-repeated="1000"><table:table-cell/></table:table-row>"#;
    assert_eq!(checked(&content(&format!("{skip}{row}"))), Ok(()));
    let one_more = row.replace(
        "4096\"><table:table-cell table:number-columns-repeated=\"10\"",
        "4097\"><table:table-cell table:number-columns-repeated=\"10\"",
    );
    let err = checked(&content(&format!("{skip}{one_more}"))).unwrap_err();
    // 4,097 × 4,096 = 16,781,312.
    assert!(err.contains("span 16781312 cells"), "{err}");
}

#[test]
fn repeats_are_capped_at_excels_grid_like_calamine() {
    // 4,000,000 repeated rows are capped at 1,048,576, 99,999 columns at
    // 16,384: 1,048,576 × 16,384 = 17,179,869,184.
    let rows = r#"<table:table-row table:number-rows-repeated="4000000"><table:table-cell table:number-columns-repeated="99999" office:value-type="float" office:value="1"/></table:table-row>"#;
    let err = checked(&content(rows)).unwrap_err();
    assert!(err.contains("span 17179869184 cells"), "{err}");
}

#[test]
fn every_sheet_counts_because_calamine_reads_them_all() {
    // Two sheets of 3,000 × 3,000 = 9,000,000 cells each: 18,000,000 in all.
    let sheet = |name: &str| {
        format!(
            r#"<table:table table:name="{name}"><table:table-row table:number-rows-repeated="3000"><table:table-cell table:number-columns-repeated="3000" office:value-type="float" office:value="1"/></table:table-row></table:table>"#
        )
    };
    let xml = format!("<x>{}{}</x>", sheet("A"), sheet("B"));
    let err = checked(&xml).unwrap_err();
    assert!(err.contains("span 18000000 cells"), "{err}");
    assert_eq!(checked(&format!("<x>{}</x>", sheet("A"))), Ok(()));
}

#[test]
fn single_quotes_spaces_and_self_closing_rows_are_read_as_calamine_reads_them() {
    // A value row, then 5,000 empty rows written as one self-closing row
    // (calamine expands them between values), then a value row whose cell
    // is repeated 4,000 times with single quotes and spaces around `=`:
    // rows 1..=5,002, columns 1..=4,000: 5,002 × 4,000 = 20,008,000.
    let rows = format!(
        "<table:table-row>{}</table:table-row><table:table-row table:number-rows-repeated='5000'/><table:table-row><table:table-cell table:number-columns-repeated = '4000' office:value-type = 'float' office:value='1'/></table:table-row>",
        value("customer_id")
    );
    let err = checked(&content(&rows)).unwrap_err();
    assert!(err.contains("span 20008000 cells"), "{err}");
}

#[test]
fn a_stray_quote_in_an_instruction_does_not_hide_the_rows() {
    // As the XLSX fuzzer did to the shared strings: without quick-xml's
    // rules for `<?...?>`, the quote would swallow the whole table.
    let rows = r#"<table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>"#;
    let xml = format!("<?pi \"?>{}", content(rows));
    let err = checked(&xml).unwrap_err();
    assert!(err.contains("span 98304000 cells"), "{err}");
}

#[test]
fn a_sheet_cut_off_before_its_end_is_refused() {
    // calamine reads a sheet until `</table:table>`, and loops forever at
    // the end of the file without it (the ODS fuzzer's first finding).
    let cut = r#"<office:spreadsheet><table:table table:name="Data"><table:table-row><table:table-cell/></table:table-row>"#;
    assert_eq!(
        checked(cut).unwrap_err(),
        "content.xml ends inside sheet \"Data\": the file is cut off or damaged"
    );
    // Cut inside a comment of a text cell, after what looks like the
    // sheet's end: calamine's comment loop reads past `</table:table>` and
    // spins too (tried: killed after 10 s without this check).
    let in_comment = r#"<table:table table:name="Data"><table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>note</text:p></table:table-cell></table:table-row></table:table>"#;
    assert_eq!(
        checked(in_comment).unwrap_err(),
        "content.xml ends inside a cell comment: the file is cut off or damaged"
    );
    // Cut inside a tag instead, quick-xml reports an error: nothing to add.
    assert_eq!(
        checked(r#"<table:table table:name="Data"><table:table-row"#),
        Ok(())
    );
    assert_eq!(checked(&content("")), Ok(()));
}

#[test]
fn text_copied_into_every_repeat_counts() {
    // A 100-byte string in a cell repeated over 1,000 columns, the row
    // repeated 11,000 times: 11 million cells (under 16,777,216), but
    // 100 × 1,000 × 11,000 = 1,100,000,000 bytes of text > 2^30 = 1,073,741,824.
    let text = "x".repeat(100);
    let row = |rows: u32| {
        format!(
            r#"<table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>{text}</text:p></table:table-cell></table:table-row>"#
        )
    };
    let err = checked(&content(&row(11_000))).unwrap_err();
    assert!(err.contains("hold 1100000000 bytes of text"), "{err}");
    // 10,000 rows: 1,000,000,000 bytes, under the limit.
    assert_eq!(checked(&content(&row(10_000))), Ok(()));
}

#[test]
fn spaces_written_as_a_count_are_text_too() {
    // <text:s text:c="2000000000"/> is two billion spaces in one cell.
    let row = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2000000000"/></text:p></table:table-cell></table:table-row>"#;
    let err = checked(&content(row)).unwrap_err();
    assert!(err.contains("hold 2000000001 bytes of text"), "{err}");
}

#[test]
fn a_sheet_end_read_as_a_text_cells_content_ends_no_sheet() {
    // The ODS fuzzer's third hang: a text cell's content runs until its own
    // end tag, so calamine reads the `</table:table>` inside it as text and
    // then waits for the sheet's end forever. Following calamine's reading
    // (not the XML's nesting) sees that the sheet is still open.
    let xml = r#"<table:table table:name="Data"><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>b</text:p></table:table-cell></table:table-row>"#;
    assert_eq!(
        checked(xml).unwrap_err(),
        "content.xml ends inside sheet \"Data\": the file is cut off or damaged"
    );
    // With the text cell closed before the sheet's end, the sheet is whole.
    let closed = r#"<table:table table:name="Data"><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row></table:table>"#;
    assert_eq!(checked(closed), Ok(()));
}

#[test]
fn text_between_cells_is_where_calamine_stops_so_nothing_after_counts() {
    // calamine refuses anything but cells in a row (here a space): what
    // follows is never built, so it is not counted.
    let rows = r#"<table:table-row><table:table-cell/> </table:table-row><table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value="1"/></table:table-row>"#;
    assert_eq!(checked(&content(rows)), Ok(()));
}

#[test]
fn a_sheet_without_a_name_is_skipped_like_calamine_does() {
    // The ODS fuzzer's fifth hang: calamine skips a `table:table` without a
    // `table:name` (here `tab1e:name`), rows and all, and read the next,
    // named one, cut off at the end of the file. Taking the first as the
    // sheet being read, csf missed that the second was never closed.
    let xml = r#"<table:table tab1e:name="Data"><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p><table:table table:name="Data"><x>"#;
    assert_eq!(
        checked(xml).unwrap_err(),
        "content.xml ends inside sheet \"Data\": the file is cut off or damaged"
    );
    // A nameless sheet alone is skipped: nothing to refuse.
    assert_eq!(checked(r#"<table:table><table:table-row>"#), Ok(()));
}
