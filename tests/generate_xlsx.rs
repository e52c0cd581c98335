//! `csf generate` to XLSX: read back with calamine, compared with the CSV of
//! the same seed.

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;

#[test]
fn xlsx_holds_the_same_rows_as_csv_with_typed_cells() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("p.xlsx");
    let csv_path = dir.path().join("p.csv");
    for out in [&xlsx, &csv_path] {
        Command::cargo_bin("csf")
            .unwrap()
            .args([
                "generate",
                "--customers",
                "300",
                "--seed",
                "4",
                "--quiet",
                "-o",
            ])
            .arg(out)
            .assert()
            .success();
    }
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), ["Export"]);
    let range = book.worksheet_range("Export").unwrap();
    let mut csv = csv::Reader::from_path(&csv_path).unwrap();
    let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    let mut sheet_rows = range.rows();
    let sheet_header: Vec<String> = sheet_rows
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(sheet_header, header);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut n = 0;
    let mut blanks = 0;
    for (record, cells) in csv.records().zip(sheet_rows) {
        let record = record.unwrap();
        n += 1;
        for (i, (text, cell)) in record.iter().zip(cells).enumerate() {
            let name = &header[i];
            match cell {
                Data::Empty => {
                    blanks += 1;
                    assert_eq!(text, "", "row {n} {name}: blank cell for {text:?}")
                }
                Data::String(s) => assert_eq!(s, text, "row {n} {name}"),
                Data::Float(v) => {
                    let expected: f64 = text.parse().unwrap();
                    assert_eq!(*v, expected, "row {n} {name}")
                }
                Data::Int(v) => assert_eq!(v.to_string(), text, "row {n} {name}"),
                Data::Bool(b) => assert_eq!(b.to_string(), text, "row {n} {name}"),
                Data::DateTime(dt) => {
                    assert_eq!(i, col("snapshot_date"), "only dates are date cells");
                    let d = dt.as_datetime().unwrap().date();
                    assert_eq!(d, NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap());
                }
                other => panic!("row {n} {name}: unexpected cell {other:?}"),
            }
        }
        // Typed where it matters: a real date, numbers as numbers.
        assert!(matches!(cells[col("snapshot_date")], Data::DateTime(_)));
        assert!(matches!(cells[col("mrr")], Data::Float(_)));
        assert!(matches!(cells[col("case_study_published")], Data::Bool(_)));
    }
    assert_eq!(n + 1, range.height(), "same number of rows");
    assert!(n > 1000, "{n} rows");
    assert!(blanks > 0, "sparse survey cells are blank");
}

#[test]
fn the_same_seed_gives_the_same_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<Vec<u8>> = ["a.xlsx", "b.xlsx"]
        .iter()
        .map(|name| {
            let out = dir.path().join(name);
            Command::cargo_bin("csf")
                .unwrap()
                .args(["generate", "--customers", "50", "--quiet", "-o"])
                .arg(&out)
                .assert()
                .success();
            std::fs::read(out).unwrap()
        })
        .collect();
    assert!(files[0] == files[1], "two runs wrote different workbooks");
}
