//! A cell longer than Excel's 32,767 characters: the workbook shows the
//! first 32,767 and the Data issues sheet says so.

mod figures_common;

use assert_cmd::Command;
use figures_common::sheet_cells::{column, grid, text};

#[test]
fn a_name_too_long_for_excel_is_cut_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("export.csv");
    let name = "N".repeat(40_000);
    std::fs::write(
        &input,
        format!(
            "customer_id,checkpoint,snapshot_date,customer_name\n\
             C1,0,2025-01-01,{name}\n\
             C1,30,2025-01-31,{name}\n"
        ),
    )
    .unwrap();
    let book = dir.path().join("out.xlsx");
    Command::cargo_bin("csf")
        .unwrap()
        .args(["report", "--quiet", "-o"])
        .arg(&book)
        .arg(&input)
        .assert()
        .success();

    let customers = grid(&book, "Customers");
    let shown = text(&customers[1][column(&customers[0], "Customer name")]).unwrap();
    assert_eq!(shown.chars().count(), 32_767);

    let issues = grid(&book, "Data issues");
    let warnings: Vec<&str> = issues
        .iter()
        .flat_map(|row| row.iter().filter_map(text))
        .filter(|t| t.contains("more than Excel's 32767"))
        .collect();
    // One warning per row that holds the long name (lines 2 and 3).
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("40000 characters"),
        "{}",
        warnings[0]
    );
}
