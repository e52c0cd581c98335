use super::*;

#[test]
fn cells_are_named_as_in_excel() {
    assert_eq!(cell_name(0, 0), "A1");
    assert_eq!(cell_name(2, 25), "Z3");
    // X=24, F=6, D=4: 24×26×26 + 6×26 + 4 = 14,976 + 156 + 4 = 16,384th
    // column, index 16,383.
    assert_eq!(cell_name(0, 26), "AA1");
    assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
}

/// Pushes `cells` (0-based row, column, text) through a grouper on a
/// reader thread, as the sheet readers do; returns the rows and error.
fn group(cells: Vec<(u32, u32, &'static str)>) -> (Vec<RawRow>, Option<String>) {
    let path = std::path::Path::new("book.xlsx");
    let rows = crate::input::batches::spawn(path, move |sink| {
        let mut out = RowGrouper::new(sink, "book.xlsx".into(), "Data".into());
        for (row, col, value) in cells {
            out.push(row, col, text(value))?;
        }
        out.finish()
    })
    .unwrap();
    let mut ok = Vec::new();
    for row in rows {
        match row {
            Ok(row) => ok.push(row),
            Err(e) => return (ok, Some(e.to_string())),
        }
    }
    (ok, None)
}

#[test]
fn cells_in_order_make_rows() {
    let (rows, error) = group(vec![(0, 0, "a"), (0, 2, "b"), (4, 1, "c")]);
    assert_eq!(error, None);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].row, 1);
    assert_eq!(rows[0].cells, [text("a"), Cell::Empty, text("b")]);
    assert_eq!(rows[1].row, 5);
    assert_eq!(rows[1].cells, [Cell::Empty, text("c")]);
}

#[test]
fn a_repeated_row_is_an_error_not_a_silent_merge() {
    // Two `<row r="3">`: without the check, c3's cells would overwrite c2's.
    let (_, error) = group(vec![(1, 0, "c1"), (2, 0, "c2"), (2, 0, "c3")]);
    let error = error.unwrap();
    assert!(error.contains("book.xlsx"), "{error}");
    assert!(
        error.contains("cell A3 comes after cell A3: the cells are out of order"),
        "{error}"
    );
    let (_, error) = group(vec![(5, 0, "x"), (3, 1, "y")]);
    assert!(error.unwrap().contains("cell B4 comes after cell A6"));
}

#[test]
fn a_cell_outside_the_excel_grid_is_an_error_not_a_huge_row() {
    // Column index 16,384 is one past XFD; row index 1,048,576 one past
    // the last row.
    let (_, error) = group(vec![(1, 16_384, "x")]);
    assert!(
        error
            .unwrap()
            .contains("a cell at row 2, column 16385 is outside Excel's grid"),
    );
    let (_, error) = group(vec![(1_048_576, 0, "x")]);
    assert!(error.unwrap().contains("row 1048577, column 1"));
    // The last cell of the grid is fine.
    let (rows, error) = group(vec![(1_048_575, 16_383, "x")]);
    assert_eq!(error, None);
    assert_eq!(rows[0].cells.len(), 16_384);
}

#[test]
fn percent_formats_are_recognised() {
    assert!(is_percent_format("0%"));
    assert!(is_percent_format("0.00%"));
    assert!(is_percent_format("#,##0.0%;[Red]-#,##0.0%"));
    assert!(!is_percent_format("General"));
    assert!(!is_percent_format("0.00"));
    assert!(!is_percent_format("0.0\"%\""));
    assert!(!is_percent_format("0.0\\%"));
    assert!(!is_percent_format("yyyy-mm-dd"));
}

#[test]
fn errors_bools_and_empty_strings() {
    use calamine::CellErrorType;
    assert_eq!(
        from_data_ref(&DataRef::Error(CellErrorType::NA), false),
        Cell::Error("#N/A".into())
    );
    assert_eq!(
        from_data(&Data::Error(CellErrorType::Div0)),
        Cell::Error("#DIV/0!".into())
    );
    assert_eq!(from_data(&Data::Bool(false)), Cell::Bool(false));
    assert_eq!(from_data(&Data::String(String::new())), Cell::Empty);
    assert_eq!(
        from_data_ref(&DataRef::Int(7), true),
        Cell::Number {
            value: 7.0,
            percent: true
        }
    );
}

#[test]
fn iso_dates_from_ods_become_date_cells() {
    let d = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
    assert_eq!(
        iso_date_time("2025-03-31"),
        Cell::DateTime(d.and_hms_opt(0, 0, 0).unwrap())
    );
    assert_eq!(
        iso_date_time("2025-03-31T10:30:00"),
        Cell::DateTime(d.and_hms_opt(10, 30, 0).unwrap())
    );
    assert_eq!(iso_date_time("10:30:00"), Cell::Text("10:30:00".into()));
}
