//! Not a timed test: writes the workbook for a large synthetic portfolio
//! (default 250,000 customers × 4 checkpoints = 1,000,000 Checkpoints rows,
//! every metric filled) and prints how long it took, so the writer alone can
//! be measured apart from intake and figures:
//!
//! ```sh
//! CSF_PERF_CUSTOMERS=250000 /usr/bin/time -v \
//!     cargo test --release --test workbook_perf -- --ignored --nocapture
//! ```

use std::time::Instant;

use chrono::NaiveDate;

use csf::figures::assumptions::AssumptionsUsed;
use csf::figures::customer::{CheckpointFigures, CustomerFigures};
use csf::figures::deltas::Deltas;
use csf::figures::roi::{Assumptions, BenefitLines, RoiFigures};
use csf::intake::DateOrder;
use csf::intake::ledger::{Ledger, RowRef, SourceFile, Tally};
use csf::output::workbook::{AsOfSource, ReportData, RunFacts, WorkbookOptions, write_workbook};
use csf::portfolio::{Customer, Metric, Portfolio, Snapshot};

fn customer(i: usize) -> (Customer, CustomerFigures) {
    let go_live =
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new((i % 450) as u64);
    let rows: Vec<Snapshot> = [0u32, 30, 60, 90]
        .iter()
        .enumerate()
        .map(|(k, &cp)| {
            let mut s = Snapshot::new(
                &format!("CUST-{i:07}"),
                cp,
                go_live + chrono::Days::new(cp.into()),
            );
            s.customer_name = Some(format!("Customer {i}"));
            s.source = RowRef {
                file: 0,
                row: (i * 4 + k + 2) as u32,
            };
            let f = 1.0 + (i % 97) as f64 / 100.0 - k as f64 * 0.05;
            for m in Metric::ALL {
                s.metrics.set(m, Some(100.0 * f + m as usize as f64));
            }
            s
        })
        .collect();
    let mut figures = vec![CheckpointFigures::default()];
    for k in 1..4 {
        let mut d = Deltas::default();
        for m in Metric::ALL {
            d.change.set(m, Some(-5.0 * k as f64));
            d.change_pct.set(m, Some(-3.3 * k as f64));
        }
        d.latency_improvement_x = Some(1.0 + k as f64 / 10.0);
        let lines = BenefitLines {
            storage: Some(12.5 * k as f64),
            latency: Some(3.0),
            accuracy: Some(40.0),
            infrastructure: Some(100.0),
        };
        figures.push(CheckpointFigures {
            deltas: Some(d),
            roi: Some(RoiFigures {
                lines,
                monthly_savings: lines.total(),
                net_roi_pct: Some(120.0 + k as f64),
                benefit_cost_ratio: Some(2.2),
                payback_months: Some(5.5),
                npv: None,
            }),
        });
    }
    (
        Customer::from_rows(rows),
        CustomerFigures {
            checkpoints: figures,
            time_to_value_days: Some(30),
        },
    )
}

#[test]
#[ignore]
fn write_a_million_row_workbook() {
    let n: usize = std::env::var("CSF_PERF_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(250_000);
    let (customers, figures): (Vec<_>, Vec<_>) = (0..n).map(customer).unzip();
    let rows = (n * 4) as u64;
    let ledger = Ledger {
        files: vec![SourceFile {
            path: "big.csv".into(),
            tally: Tally {
                rows_read: rows,
                accepted: rows,
                superseded: 0,
                rejected: 0,
            },
            ..Default::default()
        }],
        issues: vec![],
    };
    let portfolio = Portfolio { customers };
    let next_steps = vec![None; n];
    let assumptions = AssumptionsUsed {
        values: Assumptions {
            storage_cost_per_gb_month: 0.1,
            cost_per_wait_hour: 30.0,
            cost_per_inaccurate_result: 0.05,
            horizon_months: 12,
            discount_rate: 0.0,
        },
        rows: vec![],
    };
    let run = RunFacts {
        inputs: vec!["big.csv".into()],
        as_of_source: AsOfSource::LatestSnapshot,
        date_format: DateOrder::MonthFirst,
        decimal_comma: false,
        sheet: None,
        strict: false,
        stamped_now: false,
        csf_version: "bench".into(),
    };
    let data = ReportData {
        ledger: &ledger,
        portfolio: &portfolio,
        figures: &figures,
        next_steps: &next_steps,
        monthly: &[],
        quarterly: &[],
        segments: &[],
        assumptions: &assumptions,
        as_of: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
        run: &run,
    };
    let level: Option<u8> = std::env::var("CSF_PERF_ZIP_LEVEL")
        .ok()
        .and_then(|v| v.parse().ok());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xlsx");
    let mut options = WorkbookOptions::default();
    if level.is_some() {
        options.compression_level = level;
    }
    let started = Instant::now();
    write_workbook(&path, &data, &options).unwrap();
    let secs = started.elapsed().as_secs_f64();
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "{n} customers, {rows} checkpoint rows, zip level {:?}: {secs:.1} s, {:.1} MB",
        options.compression_level,
        size as f64 / 1e6
    );
}
