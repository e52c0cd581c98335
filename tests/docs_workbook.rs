//! The documents and the workbook tell the same story: for every sample
//! customer, the ROI report's monthly savings, net ROI, ratio and payback
//! equal the Customers sheet of `csf report` on the same input, once each
//! sheet value is written the way documents write numbers.

use std::collections::HashMap;
use std::path::Path;

use assert_cmd::Command;
use calamine::{Data, Reader, open_workbook_auto};
use csf::output::documents::format;

fn cell_f64(d: &Data) -> Option<f64> {
    match d {
        Data::Float(v) => Some(*v),
        Data::Int(v) => Some(*v as f64),
        _ => None,
    }
}

#[test]
fn roi_reports_match_the_customers_sheet() {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/portfolio.csv");
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("p.xlsx");
    Command::cargo_bin("csf")
        .unwrap()
        .arg("report")
        .arg(&input)
        .arg("-o")
        .arg(&xlsx)
        .arg("-q")
        .assert()
        .success();
    let docs = dir.path().join("docs");
    Command::cargo_bin("csf")
        .unwrap()
        .arg("docs")
        .arg(&input)
        .args(["--all-customers", "--kind", "roi-report", "-q", "-o"])
        .arg(&docs)
        .assert()
        .success();

    let mut wb = open_workbook_auto(&xlsx).unwrap();
    let sheet = wb.worksheet_range("Customers").unwrap();
    let mut rows = sheet.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let (id, consent) = (col("Customer ID"), col("Testimonial consent"));
    let (savings, roi, ratio, payback) = (
        col("Monthly savings"),
        col("Net ROI %"),
        col("Benefit-cost ratio"),
        col("Payback months"),
    );
    let sheet_rows: HashMap<String, Vec<Data>> =
        rows.map(|r| (r[id].to_string(), r.to_vec())).collect();

    let mut checked = 0;
    for (cust_id, row) in &sheet_rows {
        if !matches!(&row[consent], Data::String(s) if s == "public") {
            continue; // anonymized file names carry no id; covered by docs_samples
        }
        let path = docs.join(format!("roi-report-{cust_id}.md"));
        let Ok(doc) = std::fs::read_to_string(&path) else {
            continue; // ids that needed sanitizing
        };
        let shown = |v: Option<f64>, f: fn(f64) -> String| format::or_missing(v, f);
        let expect_savings = shown(cell_f64(&row[savings]), format::money);
        // The sheet stores percentages as fractions (12% = 0.12), so × 100
        // may land a hair off a rounding boundary: compare within 0.05 points.
        let doc_roi = doc
            .lines()
            .find(|l| l.starts_with("| Net ROI over"))
            .and_then(|l| l.rsplit('|').nth(1))
            .map(|v| v.trim().to_string())
            .unwrap();
        match cell_f64(&row[roi]) {
            None => assert_eq!(doc_roi, "not measured", "{cust_id}"),
            Some(v) => {
                let shown: f64 = doc_roi
                    .trim_end_matches('%')
                    .replace(',', "")
                    .parse()
                    .unwrap();
                assert!(
                    (shown - v * 100.0).abs() <= 0.05 + 1e-9,
                    "{cust_id}: {doc_roi} vs {v}"
                );
            }
        }
        let expect_ratio = shown(cell_f64(&row[ratio]), |v| format!("{v:.2}×"));
        assert!(
            doc.contains(&format!("| **Monthly savings** | **{expect_savings}** |")),
            "{cust_id}: {expect_savings}\n{doc}"
        );
        assert!(
            doc.contains(&format!("| Benefit-cost ratio | {expect_ratio} |")),
            "{cust_id}: ratio {expect_ratio}"
        );
        if let Some(p) = cell_f64(&row[payback]) {
            assert!(
                doc.contains(&format!("| Payback | {} |", format::months(p))),
                "{cust_id}: payback"
            );
        }
        checked += 1;
    }
    assert!(checked > 0, "no public customer was compared");
    eprintln!("compared {checked} public customers");
}
