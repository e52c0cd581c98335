//! One model, two doors, end to end: for sample customers, `csf roi` given
//! the customer's realized figures (baseline today, latest row as the
//! "after") projects the same savings, net ROI and payback that `csf report`
//! shows on the customer's row of the Customers sheet.

mod figures_common;

use std::path::Path;

use assert_cmd::Command;
use calamine::Data;
use figures_common::sheet_cells::{close, column, grid, number};
use serde_json::Value;

fn csf() -> Command {
    Command::cargo_bin("csf").unwrap()
}

fn cell(row: &[Data], header: &[Data], name: &str) -> Option<f64> {
    number(&row[column(header, name)])
}

#[test]
fn roi_with_a_customers_realized_figures_matches_its_customers_row() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("portfolio.xlsx");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/portfolio.csv");
    csf()
        .arg("report")
        .arg(&samples)
        .arg("-o")
        .arg(&book)
        .arg("--quiet")
        .assert()
        .success();

    let sheet = grid(&book, "Customers");
    let header = &sheet[0];
    let mut compared = 0;
    for row in &sheet[1..] {
        let get = |name: &str| cell(row, header, name);
        let (
            Some(storage),
            Some(storage_now),
            Some(latency),
            Some(latency_now),
            Some(accuracy),
            Some(accuracy_now),
            Some(infra),
            Some(infra_now),
            Some(calls_now),
            Some(cost),
            Some(net_roi_fraction),
        ) = (
            get("Storage GB baseline"),
            get("Storage GB latest"),
            get("Latency ms baseline"),
            get("Latency ms latest"),
            get("Accuracy % baseline"),
            get("Accuracy % latest"),
            get("Infrastructure cost baseline"),
            get("Infrastructure cost latest"),
            get("API calls latest"),
            get("Implementation cost"),
            get("Net ROI %"),
        )
        else {
            continue;
        };
        // Percent columns hold fractions: 91.07 % is 0.9107.
        let (accuracy, accuracy_now) = (accuracy * 100.0, accuracy_now * 100.0);
        // The realized change as the factors `csf roi` projects with: the
        // API volume of the latest row (the model prices latency and
        // accuracy on the later row's calls), storage ÷ compression,
        // latency ÷ speed-up, infrastructure × (1 − reduction).
        let flags = [
            ("--storage-gb", storage),
            ("--api-calls", calls_now),
            ("--latency-ms", latency),
            ("--accuracy-pct", accuracy),
            ("--infrastructure-cost", infra),
            ("--implementation-cost", cost),
            ("--storage-compression", storage / storage_now),
            ("--latency-speedup", latency / latency_now),
            ("--accuracy-after-pct", accuracy_now),
            (
                "--infrastructure-reduction-pct",
                (1.0 - infra_now / infra) * 100.0,
            ),
        ];
        let mut cmd = csf();
        cmd.args(["roi", "--format", "json"]);
        for (flag, value) in flags {
            // `{:?}` prints the shortest text that reads back as the same f64.
            cmd.arg(flag).arg(format!("{value:?}"));
        }
        let out = cmd.assert().success().get_output().stdout.clone();
        let json: Value = serde_json::from_slice(&out).unwrap();
        let id = &row[0];

        let savings = json["monthly_savings"].as_f64().unwrap();
        let sheet_savings = get("Monthly savings").unwrap();
        assert!(
            close(savings, sheet_savings),
            "{id:?}: savings {savings} vs {sheet_savings}"
        );
        let roi = json["net_roi_pct"].as_f64().unwrap();
        assert!(
            close(roi, net_roi_fraction * 100.0),
            "{id:?}: net ROI {roi} vs {}",
            net_roi_fraction * 100.0
        );
        match (json["payback_months"].as_f64(), get("Payback months")) {
            (Some(a), Some(b)) => assert!(close(a, b), "{id:?}: payback {a} vs {b}"),
            (None, None) => {}
            other => panic!("{id:?}: payback {other:?}"),
        }
        compared += 1;
    }
    // The sample has 60 customers; most have every figure the model needs.
    assert!(compared >= 30, "only {compared} customers compared");
}
