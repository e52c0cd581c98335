//! The messy sample exports (samples/messy/) as the input layer sees them:
//! encodings, delimiters, title lines, row numbers and field counts. What
//! intake makes of each row is described in samples/messy/README.md.
//!
//! `cargo test --test input_messy -- --ignored` rewrites
//! samples/messy/03_title_line.xlsx from the code below.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use csf::input::{self, Cell, RawRow, ReadOptions, Table};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples/messy")
        .join(name)
}

/// A stand-in for intake's header test: a header names the customer id.
fn names_customer_id(names: &[String]) -> bool {
    names.iter().any(|n| {
        let folded = n.trim().to_lowercase().replace([' ', '-', '.'], "_");
        ["customer_id", "record_id", "account_id", "company_id"].contains(&folded.as_str())
    })
}

fn open(name: &str) -> (Table, Vec<RawRow>) {
    let options = ReadOptions {
        looks_like_header: Some(names_customer_id),
        ..Default::default()
    };
    let mut table = input::open(&sample(name), &options).unwrap();
    let rows = table.rows.by_ref().map(Result::unwrap).collect();
    (table, rows)
}

fn numbers(rows: &[RawRow]) -> Vec<u32> {
    rows.iter().map(|r| r.row).collect()
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

#[test]
fn hubspot_export_with_bom_and_semicolons() {
    let (table, rows) = open("01_hubspot_semicolon.csv");
    assert_eq!(table.encoding.as_deref(), Some("UTF-8 with BOM"));
    assert_eq!(table.delimiter, Some(';'));
    assert_eq!(table.header_row, 1);
    assert_eq!(table.headers.len(), 16);
    assert_eq!(table.headers[0], "Record ID");
    // Line 8 is blank: not a row.
    assert_eq!(
        numbers(&rows),
        [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16]
    );
    assert!(rows.iter().all(|r| r.cells.len() == 16));
    // A quoted name holding the delimiter, in UTF-8.
    assert_eq!(rows[4].cells[1], text("Müller; Sohn KG"));
    assert_eq!(rows[13].cells[3], Cell::Empty);
}

#[test]
fn salesforce_export_with_us_formats_and_a_ragged_row() {
    let (table, rows) = open("02_salesforce_us.csv");
    assert_eq!(table.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(table.delimiter, Some(','));
    assert_eq!(table.headers.len(), 19);
    assert_eq!(numbers(&rows), (2..=19).collect::<Vec<u32>>());
    let counts: Vec<usize> = rows.iter().map(|r| r.cells.len()).collect();
    let mut expected = vec![19; 18];
    expected[14] = 13; // line 16
    assert_eq!(counts, expected);
    assert_eq!(rows[0].cells[5], text("$45,000.00"));
    assert_eq!(rows[6].cells[14], text("(1,200)"));
    assert_eq!(rows[8].cells[0], Cell::Empty); // line 10: no Account ID
    assert_eq!(
        rows[17].cells[1],
        text(
            "=HYPERLINK(\"https://example.my.salesforce.com/001Hs00002FghIJIA6\",\"Quayside Travel\")"
        )
    );
}

#[test]
fn workbook_with_a_title_line_and_typed_cells() {
    let (table, rows) = open("03_title_line.xlsx");
    assert_eq!(table.sheet.as_deref(), Some("Export"));
    assert_eq!(table.header_row, 3);
    assert_eq!(table.headers.len(), 20);
    assert_eq!(numbers(&rows), (4..=14).collect::<Vec<u32>>());
    assert!(rows.iter().all(|r| r.cells.len() == 20));
    let first = &rows[0].cells;
    assert_eq!(
        first[0],
        Cell::Number {
            value: 10045.0,
            percent: false
        }
    );
    let jan_20 = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    assert_eq!(
        first[3],
        Cell::DateTime(jan_20.and_hms_opt(0, 0, 0).unwrap())
    );
    assert_eq!(
        first[9],
        Cell::Number {
            value: 0.90,
            percent: true
        }
    );
    assert_eq!(first[17], Cell::Bool(false));
    // Lumen Media's accuracy is a plain number of points.
    assert_eq!(
        rows[4].cells[9],
        Cell::Number {
            value: 87.5,
            percent: false
        }
    );
    assert_eq!(rows[6].cells[3], Cell::Empty); // Export!10: no date
    assert_eq!(rows[7].cells[3], text("2025-05-11")); // Export!11: date as text
}

#[test]
fn windows_1252_tab_export_with_crlf() {
    let (table, rows) = open("04_windows1252.csv");
    assert_eq!(table.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(table.delimiter, Some('\t'));
    assert_eq!(table.headers.len(), 18);
    assert_eq!(numbers(&rows), (2..=14).collect::<Vec<u32>>());
    assert!(rows.iter().all(|r| r.cells.len() == 18));
    assert_eq!(rows[0].cells[1], text("Société Générale Café"));
    assert_eq!(rows[0].cells[5], text("€ 5000"));
    assert_eq!(rows[7].cells[1], text("Ørsted Grøn Energi"));
    assert_eq!(rows[8].cells[14], text("—"));
}

#[test]
fn the_folder_reads_in_name_order() {
    let files = input::expand_inputs(&[sample("")]).unwrap();
    let names: Vec<_> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "01_hubspot_semicolon.csv",
            "02_salesforce_us.csv",
            "03_title_line.xlsx",
            "04_windows1252.csv"
        ]
    );
}

#[test]
#[ignore = "rewrites samples/messy/03_title_line.xlsx"]
fn regenerate_03_title_line_xlsx() {
    messy_xlsx::write(&sample("03_title_line.xlsx"));
}

mod messy_xlsx {
    use std::path::Path;

    use chrono::{NaiveDate, TimeZone, Utc};
    use rust_xlsxwriter::{DocProperties, Format, Workbook, Worksheet};

    const HEADERS: [&str; 20] = [
        "Customer ID",
        "Company Name",
        "Checkpoint",
        "Snapshot Date",
        "Segment",
        "Implementation Cost",
        "Storage GB",
        "API Calls",
        "Latency ms",
        "Accuracy",
        "Infrastructure Cost",
        "Support Tickets",
        "MRR",
        "Active Users",
        "Licensed Users",
        "NPS",
        "CES Score",
        "Case Study Published",
        "Testimonial Collected",
        "Testimonial Consent",
    ];

    enum V {
        N(f64),
        T(&'static str),
        Date(i32, u32, u32),
        /// Shown with a percent format: 0.925 shows as 92.5%.
        Pct(f64),
        Money(f64),
        B(bool),
        Blank,
    }
    use V::*;

    #[rustfmt::skip]
    fn rows() -> Vec<[V; 20]> {
        vec![
            [N(10045.0), T("Oakridge Manufacturing"), T("baseline"), Date(2025, 1, 20), T("Enterprise"), Money(60000.0), N(12000.0), N(3_000_000.0), N(280.0), Pct(0.90), Money(42000.0), N(55.0), Money(25000.0), N(300.0), N(400.0), N(7.0), N(4.0), B(false), B(false), T("none")],
            [N(10045.0), T("Oakridge Manufacturing"), N(30.0), Date(2025, 2, 19), T("Enterprise"), Blank, N(9800.0), N(3_100_000.0), N(220.0), Pct(0.925), Money(37000.0), N(44.0), Money(25000.0), N(340.0), N(400.0), N(8.0), N(3.0), B(false), B(false), T("none")],
            [N(10045.0), T("Oakridge Manufacturing"), N(60.0), Date(2025, 3, 21), T("Enterprise"), Blank, N(9000.0), N(3_150_000.0), N(200.0), Pct(0.94), Money(35000.0), N(38.0), Money(26500.0), N(360.0), N(400.0), N(9.0), N(3.0), B(false), B(true), T("public")],
            [N(10045.0), T("Oakridge Manufacturing"), N(90.0), Date(2025, 4, 20), T("Enterprise"), Blank, N(8600.0), N(3_200_000.0), N(190.0), Pct(0.95), Money(34000.0), N(35.0), Money(26500.0), N(372.0), N(400.0), N(10.0), N(2.0), B(true), B(true), T("public")],
            [N(10046.0), T("Lumen Media"), T("Baseline"), Date(2025, 2, 10), T("Mid-market"), Money(9000.0), N(1500.0), N(500_000.0), N(350.0), N(87.5), Money(5200.0), N(18.0), Money(3800.0), N(45.0), N(60.0), N(6.0), N(5.0), B(false), B(false), Blank],
            [N(10046.0), T("Lumen Media"), T("Day 30"), Date(2025, 3, 12), T("Mid-market"), Blank, N(1300.0), N(520_000.0), N(300.0), N(89.0), Money(4800.0), N(15.0), Money(3800.0), N(50.0), N(60.0), N(8.0), N(4.0), B(false), B(false), T("anonymous")],
            [N(10046.0), T("Lumen Media"), T("Day 60"), Blank, T("Mid-market"), Blank, N(1250.0), N(530_000.0), N(290.0), N(90.0), Money(4700.0), N(14.0), Money(3900.0), N(52.0), N(60.0), N(8.0), N(4.0), B(false), B(false), T("anonymous")],
            [N(10046.0), T("Lumen Media"), T("Day 90"), T("2025-05-11"), T("Mid-market"), Blank, N(1200.0), N(540_000.0), N(280.0), N(90.5), Money(4600.0), N(12.0), Money(3900.0), N(55.0), N(60.0), N(9.0), N(9.0), B(false), B(false), T("anonymous")],
            [N(10047.0), T("Greenfield Co-op"), T("baseline"), Date(2025, 3, 3), T("SMB"), Money(2000.0), N(200.0), N(60_000.0), N(480.0), Pct(0.81), Money(1300.0), N(10.0), Money(800.0), N(12.0), N(20.0), N(5.0), N(5.0), B(false), B(false), T("none")],
            [N(10047.0), T("Greenfield Co-op"), T("Month 1"), Date(2025, 4, 2), T("SMB"), Blank, N(180.0), N(62_000.0), N(430.0), Pct(0.83), Money(1250.0), N(9.0), Money(800.0), N(14.0), N(20.0), N(7.0), N(4.0), B(false), B(false), T("none")],
            [N(10047.0), T("Greenfield Co-op"), N(60.0), Date(2025, 5, 2), T("SMB"), Blank, N(170.0), N(63_000.0), N(420.0), Pct(0.85), Money(1200.0), N(-2.0), Money(820.0), N(15.0), N(20.0), N(8.0), N(3.0), B(false), B(false), T("none")],
        ]
    }

    pub fn write(path: &Path) {
        let mut workbook = Workbook::new();
        // A fixed creation time, so that regenerating gives the same file.
        let created = Utc.with_ymd_and_hms(2025, 6, 30, 8, 0, 0).unwrap();
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
        let sheet = workbook.add_worksheet().set_name("Export").unwrap();
        fill(sheet);
        let notes = workbook.add_worksheet().set_name("Notes").unwrap();
        notes
            .write_string(
                0,
                0,
                "Exported from the CRM. Accuracy is shown as a percentage.",
            )
            .unwrap();
        workbook.save(path).unwrap();
    }

    fn fill(sheet: &mut Worksheet) {
        let title = Format::new().set_bold();
        let bold = Format::new().set_bold();
        let date = Format::new().set_num_format("d mmm yyyy");
        let percent = Format::new().set_num_format("0.0%");
        let money = Format::new().set_num_format("$#,##0");
        sheet
            .merge_range(
                0,
                0,
                0,
                19,
                "Customer metrics export — generated 2025-06-30",
                &title,
            )
            .unwrap();
        for (col, name) in HEADERS.iter().enumerate() {
            sheet
                .write_string_with_format(2, col as u16, *name, &bold)
                .unwrap();
        }
        for (i, values) in rows().iter().enumerate() {
            let row = 3 + i as u32;
            for (col, value) in values.iter().enumerate() {
                let col = col as u16;
                match value {
                    N(v) => sheet.write_number(row, col, *v),
                    T(s) => sheet.write_string(row, col, *s),
                    Date(y, m, d) => {
                        let day = NaiveDate::from_ymd_opt(*y, *m, *d).unwrap();
                        sheet.write_datetime_with_format(row, col, day, &date)
                    }
                    Pct(v) => sheet.write_number_with_format(row, col, *v, &percent),
                    Money(v) => sheet.write_number_with_format(row, col, *v, &money),
                    B(b) => sheet.write_boolean(row, col, *b),
                    Blank => continue,
                }
                .unwrap();
            }
        }
        sheet.set_column_width(1, 24).unwrap();
        sheet.set_column_width(3, 14).unwrap();
    }
}
