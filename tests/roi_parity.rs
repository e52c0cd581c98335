//! One model, two doors: a realized customer's ROI (`csf report`'s path,
//! `evaluate` on `Usage::of` its baseline and a later row) equals what
//! `csf roi` projects when given the same figures as flags.

use assert_cmd::Command;
use chrono::NaiveDate;
use csf::figures::assumptions::DEFAULTS;
use csf::figures::roi::{RoiFigures, Usage, evaluate};
use csf::figures::scenarios::ProspectInputs;
use csf::portfolio::{Metric, Metrics, Snapshot};
use serde_json::Value;

fn row(checkpoint: u32, day: u32, metrics: Metrics) -> Snapshot {
    let mut s = Snapshot::new(
        "ACME-1",
        checkpoint,
        NaiveDate::from_ymd_opt(2025, 1, day).unwrap(),
    );
    s.metrics = metrics;
    s
}

/// Baseline: 400 GB, 50,000 calls, 250 ms, 88%, $3,000/month, $8,000 to implement.
/// Day 90: 100 GB, 50,000 calls, 50 ms, 97%, $2,100/month.
fn realized() -> RoiFigures {
    let m = Metrics::default();
    let baseline = row(
        0,
        1,
        m.with(Metric::StorageGb, 400.0)
            .with(Metric::ApiCalls, 50_000.0)
            .with(Metric::LatencyMs, 250.0)
            .with(Metric::AccuracyPct, 88.0)
            .with(Metric::InfrastructureCost, 3_000.0)
            .with(Metric::ImplementationCost, 8_000.0),
    );
    let day_90 = row(
        90,
        31,
        m.with(Metric::StorageGb, 100.0)
            .with(Metric::ApiCalls, 50_000.0)
            .with(Metric::LatencyMs, 50.0)
            .with(Metric::AccuracyPct, 97.0)
            .with(Metric::InfrastructureCost, 2_100.0),
    );
    let cost = baseline.get(Metric::ImplementationCost);
    evaluate(&Usage::of(&baseline), &Usage::of(&day_90), cost, &DEFAULTS)
}

/// The same change as factors: 400/100 = 4×, 250/50 = 5×, 97% after,
/// $3,000 → $2,100 = 30% less.
const FLAGS: [&str; 20] = [
    "--storage-gb",
    "400",
    "--api-calls",
    "50000",
    "--latency-ms",
    "250",
    "--accuracy-pct",
    "88",
    "--infrastructure-cost",
    "3000",
    "--implementation-cost",
    "8000",
    "--storage-compression",
    "4",
    "--latency-speedup",
    "5",
    "--accuracy-after-pct",
    "97",
    "--infrastructure-reduction-pct",
    "30",
];

fn same(a: Option<f64>, b: Option<f64>, what: &str) {
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(
        (a - b).abs() <= 1e-9 * a.abs().max(1.0),
        "{what}: {a} vs {b}"
    );
}

#[test]
fn realized_customer_by_hand() {
    let r = realized();
    // storage 300 GB × $0.10 = $30; latency 200 ms × 50,000 / 3.6e6 = 2.7778 h × $30
    // = $83.33; accuracy 9% × 50,000 = 4,500 × $0.05 = $225; infrastructure $900
    same(r.lines.storage, Some(30.0), "storage");
    same(r.lines.latency, Some(250.0 / 3.0), "latency");
    same(r.lines.accuracy, Some(225.0), "accuracy");
    same(r.lines.infrastructure, Some(900.0), "infrastructure");
    // 30 + 83.333 + 225 + 900 = 1,238.333; payback 8,000 / 1,238.333 = 6.46
    same(r.monthly_savings, Some(1_238.0 + 1.0 / 3.0), "savings");
}

#[test]
fn projection_library_path_equals_realized() {
    let inputs = ProspectInputs {
        storage_gb: 400.0,
        api_calls: 50_000.0,
        latency_ms: 250.0,
        accuracy_pct: 88.0,
        infrastructure_cost: 3_000.0,
        implementation_cost: 8_000.0,
        storage_compression: 4.0,
        latency_speedup: 5.0,
        accuracy_after_pct: 97.0,
        infrastructure_reduction_pct: 30.0,
    };
    let p = inputs.project(&DEFAULTS).figures;
    let r = realized();
    same(p.monthly_savings, r.monthly_savings, "savings");
    same(p.net_roi_pct, r.net_roi_pct, "net ROI");
    same(p.payback_months, r.payback_months, "payback");
}

#[test]
fn csf_roi_with_the_same_figures_equals_realized() {
    let out = Command::cargo_bin("csf")
        .unwrap()
        .arg("roi")
        .args(FLAGS)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = realized();
    let n = |k: &str| j[k].as_f64();
    let line = |k: &str| j["lines"][k].as_f64();
    same(line("storage"), r.lines.storage, "storage");
    same(line("latency"), r.lines.latency, "latency");
    same(line("accuracy"), r.lines.accuracy, "accuracy");
    same(
        line("infrastructure"),
        r.lines.infrastructure,
        "infrastructure",
    );
    same(n("monthly_savings"), r.monthly_savings, "savings");
    same(n("net_roi_pct"), r.net_roi_pct, "net ROI");
    same(n("benefit_cost_ratio"), r.benefit_cost_ratio, "ratio");
    same(n("payback_months"), r.payback_months, "payback");
}
