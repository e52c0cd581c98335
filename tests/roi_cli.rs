//! `csf roi` end to end: the presets against SPEC 5, a custom run and NPV
//! worked out by hand, payback not reached, `--months`, `--output`, and
//! `--list-scenarios`. Expected values come from the SPEC formulas (3.2) with
//! the default rates $0.10/GB-month, $30/wait hour, $0.05/inaccurate result.

use assert_cmd::Command;
use serde_json::Value;

fn csf() -> Command {
    Command::cargo_bin("csf").unwrap()
}

/// Run `csf roi ARGS --format json` and parse what it prints.
fn roi_json(args: &[&str]) -> Value {
    let out = csf()
        .arg("roi")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn num(v: &Value, path: &str) -> f64 {
    let mut cur = v;
    for key in path.split('.') {
        cur = &cur[key];
    }
    cur.as_f64()
        .unwrap_or_else(|| panic!("{path} is not a number: {cur}"))
}

fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-6 * want.abs().max(1.0),
        "got {got}, want {want}"
    );
}

fn within_10_pct(got: f64, reference: f64, what: &str) {
    assert!(
        (got / reference - 1.0).abs() <= 0.10,
        "{what}: {got} is not within 10% of {reference}"
    );
}

#[test]
fn small_business_matches_spec_5() {
    let j = roi_json(&["--scenario", "small_business"]);
    // storage: 100 GB / 13.3 = 7.5188 GB; 92.4812 GB less × $0.10 = $9.2481
    close(num(&j, "lines.storage"), (100.0 - 100.0 / 13.3) * 0.10);
    // latency: 200 ms / 10 = 20 ms; 180 ms × 10,000 calls / 3.6e6 = 0.5 h × $30 = $15
    close(num(&j, "lines.latency"), 15.0);
    // accuracy: 90% → 99%: 9/100 × 10,000 = 900 results × $0.05 = $45
    close(num(&j, "lines.accuracy"), 45.0);
    // infrastructure: $500 × 25% = $125
    close(num(&j, "lines.infrastructure"), 125.0);
    // 9.2481 + 15 + 45 + 125 = 194.2481 a month; SPEC 5 says ≈ $200
    let savings = 9.248_120_300_751_88 + 15.0 + 45.0 + 125.0;
    close(num(&j, "monthly_savings"), savings);
    within_10_pct(num(&j, "monthly_savings"), 200.0, "monthly savings");
    // payback 1,000 / 194.2481 = 5.148 months; SPEC 5 says ≈ 5
    within_10_pct(num(&j, "payback_months"), 5.0, "payback");
    close(num(&j, "payback_months"), 1000.0 / savings);
    // yearly 2,330.98; net ROI (2,330.98 − 1,000) / 1,000 = 133.1%; ratio 2.331
    close(num(&j, "yearly_savings"), savings * 12.0);
    close(
        num(&j, "net_roi_pct"),
        (savings * 12.0 - 1000.0) / 1000.0 * 100.0,
    );
    close(num(&j, "benefit_cost_ratio"), savings * 12.0 / 1000.0);
    // The framework's "ROI 240%" is this ratio (2.4), not net ROI.
    within_10_pct(
        num(&j, "benefit_cost_ratio"),
        2.4,
        "ratio vs old 'ROI 240%'",
    );
    assert_eq!(j["npv"], Value::Null, "no discount rate, no NPV");
    assert_eq!(j["scenario"], "small_business");
    close(num(&j, "projected.latency_ms"), 20.0);
    close(num(&j, "projected.infrastructure_cost"), 375.0);
    close(num(&j, "projected.api_calls"), 10_000.0);
}

#[test]
fn enterprise_matches_spec_5() {
    let j = roi_json(&["--scenario", "enterprise"]);
    // storage: 10,000 − 751.88 = 9,248.12 GB × $0.10 = $924.81
    close(
        num(&j, "lines.storage"),
        (10_000.0 - 10_000.0 / 13.3) * 0.10,
    );
    // latency: 180 ms × 1,000,000 / 3.6e6 = 50 h × $30 = $1,500
    close(num(&j, "lines.latency"), 1_500.0);
    // accuracy: 0.09 × 1,000,000 = 90,000 results × $0.05 = $4,500
    close(num(&j, "lines.accuracy"), 4_500.0);
    // infrastructure: $50,000 × 65% = $32,500
    close(num(&j, "lines.infrastructure"), 32_500.0);
    // 924.81 + 1,500 + 4,500 + 32,500 = 39,424.81; SPEC 5 ≈ $40,000
    within_10_pct(num(&j, "monthly_savings"), 40_000.0, "monthly savings");
    // 100,000 / 39,424.81 = 2.54 months; SPEC 5 ≈ 2.5
    within_10_pct(num(&j, "payback_months"), 2.5, "payback");
    // old "ROI 480%" = ratio 4.8; ours 473,097.74 / 100,000 = 4.73
    within_10_pct(num(&j, "benefit_cost_ratio"), 4.8, "ratio");
}

#[test]
fn medium_business_sits_between() {
    let j = roi_json(&["--scenario", "medium_business"]);
    // 92.48 + 150 (5 h × $30) + 450 (9,000 × $0.05) + 2,250 ($5,000 × 45%) = 2,942.48
    close(
        num(&j, "monthly_savings"),
        (1_000.0 - 1_000.0 / 13.3) * 0.10 + 150.0 + 450.0 + 2_250.0,
    );
    // payback 10,000 / 2,942.48 = 3.40 months, between 5.15 and 2.54
    close(num(&j, "payback_months"), 10_000.0 / 2_942.481_203_007_519);
}

/// Every benefit line of a custom run, by hand.
const CUSTOM: [&str; 20] = [
    "--storage-gb",
    "500",
    "--api-calls",
    "180000",
    "--latency-ms",
    "300",
    "--accuracy-pct",
    "80",
    "--infrastructure-cost",
    "2000",
    "--implementation-cost",
    "6000",
    "--storage-compression",
    "4",
    "--latency-speedup",
    "3",
    "--accuracy-after-pct",
    "95",
    "--infrastructure-reduction-pct",
    "10",
];

#[test]
fn custom_run_by_hand() {
    let j = roi_json(&CUSTOM);
    assert_eq!(j["scenario"], Value::Null);
    // storage: 500 GB / 4 = 125 GB; 375 GB × $0.10 = $37.50
    close(num(&j, "lines.storage"), 37.5);
    // latency: 300 / 3 = 100 ms; 200 ms × 180,000 / 3,600,000 = 10 h × $30 = $300
    close(num(&j, "lines.latency"), 300.0);
    // accuracy: (95 − 80) / 100 × 180,000 = 27,000 results × $0.05 = $1,350
    close(num(&j, "lines.accuracy"), 1350.0);
    // infrastructure: $2,000 × 10% = $200
    close(num(&j, "lines.infrastructure"), 200.0);
    // 37.5 + 300 + 1,350 + 200 = 1,887.50 a month; × 12 = 22,650
    close(num(&j, "monthly_savings"), 1887.5);
    close(num(&j, "yearly_savings"), 22_650.0);
    // net ROI (22,650 − 6,000) / 6,000 = 277.5%; ratio 22,650 / 6,000 = 3.775
    close(num(&j, "net_roi_pct"), 277.5);
    close(num(&j, "benefit_cost_ratio"), 3.775);
    // payback 6,000 / 1,887.5 = 3.1788 months
    close(num(&j, "payback_months"), 3.178_807_947_019_867);
    close(num(&j, "projected.storage_gb"), 125.0);
    close(num(&j, "projected.latency_ms"), 100.0);
    close(num(&j, "projected.accuracy_pct"), 95.0);
    close(num(&j, "projected.infrastructure_cost"), 1800.0);
    assert_eq!(j["input_sources"]["api_calls"], "flag --api-calls");
}

#[test]
fn flags_override_a_scenario_and_custom_defaults_are_named() {
    let j = roi_json(&["--scenario", "small_business", "--api-calls", "20000"]);
    assert_eq!(j["input_sources"]["api_calls"], "flag --api-calls");
    assert_eq!(j["input_sources"]["storage_gb"], "scenario small_business");
    // latency doubles with twice the calls: 1 h × $30 = $30; accuracy 1,800 × $0.05 = $90
    close(num(&j, "lines.latency"), 30.0);
    close(num(&j, "lines.accuracy"), 90.0);

    // The five figures of today only (accuracy 80% among them).
    let j = roi_json(&CUSTOM[..12]);
    assert_eq!(j["input_sources"]["accuracy_pct"], "flag --accuracy-pct");
    for key in [
        "storage_compression",
        "latency_speedup",
        "accuracy_after_pct",
        "infrastructure_reduction_pct",
    ] {
        assert_eq!(j["input_sources"][key], "default", "{key}");
    }
    // defaults: accuracy 80 given, after 99 → (99 − 80)/100 × 180,000 × $0.05 = $1,710
    close(num(&j, "lines.accuracy"), 1710.0);
    // reduction 25%: $2,000 × 25% = $500
    close(num(&j, "lines.infrastructure"), 500.0);
}

#[test]
fn payback_not_reached_when_nothing_improves() {
    let args = [
        "--storage-gb",
        "100",
        "--api-calls",
        "1000",
        "--latency-ms",
        "100",
        "--infrastructure-cost",
        "500",
        "--implementation-cost",
        "1000",
        "--storage-compression",
        "1",
        "--latency-speedup",
        "1",
        "--accuracy-pct",
        "95",
        "--accuracy-after-pct",
        "95",
        "--infrastructure-reduction-pct",
        "0",
    ];
    let j = roi_json(&args);
    // every line is $0, savings $0: ROI (0 − 1,000) / 1,000 = −100%, ratio 0
    close(num(&j, "monthly_savings"), 0.0);
    assert_eq!(j["payback_months"], Value::Null);
    close(num(&j, "net_roi_pct"), -100.0);
    close(num(&j, "benefit_cost_ratio"), 0.0);

    let out = csf().arg("roi").args(args).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let payback = text.lines().find(|l| l.contains("Payback")).unwrap();
    assert!(payback.contains("not reached"), "{payback}");

    // A worse infrastructure bill (−10%: $500 → $550) loses $50 a month.
    let mut worse = args.to_vec();
    worse[19] = "-10";
    let j = roi_json(&worse);
    close(num(&j, "monthly_savings"), -50.0);
    assert_eq!(j["payback_months"], Value::Null);
}

#[test]
fn npv_with_a_discount_rate_by_hand() {
    // Only infrastructure saves: $2,000 × 50% = $1,000 a month, cost $5,000.
    // With 1 + r = 1.01^12 each month m is discounted by 1.01^m, so
    // NPV = 1,000 × (1 − 1.01^−12) / 0.01 − 5,000 = 11,255.0775 − 5,000 = 6,255.0775
    let j = roi_json(&[
        "--storage-gb",
        "0",
        "--api-calls",
        "0",
        "--latency-ms",
        "0",
        "--infrastructure-cost",
        "2000",
        "--infrastructure-reduction-pct",
        "50",
        "--implementation-cost",
        "5000",
        "--discount-rate",
        "0.12682503013196977",
    ]);
    close(num(&j, "monthly_savings"), 1000.0);
    close(num(&j, "npv"), 6_255.077_473_484_6);
    close(
        num(&j, "assumptions.discount_rate"),
        0.126_825_030_131_969_77,
    );
    assert_eq!(
        j["assumption_sources"]["discount_rate"],
        "flag --discount-rate"
    );
}

#[test]
fn months_is_the_horizon() {
    let a = roi_json(&["--scenario", "small_business", "--months", "24"]);
    let b = roi_json(&["--scenario", "small_business", "--horizon-months", "24"]);
    assert_eq!(a["assumptions"]["horizon_months"], 24);
    assert_eq!(a["assumption_sources"]["horizon_months"], "flag --months");
    assert_eq!(
        b["assumption_sources"]["horizon_months"],
        "flag --horizon-months"
    );
    assert_eq!(a["net_roi_pct"], b["net_roi_pct"]);
    // 194.2481 × 24 = 4,661.95; net ROI (4,661.95 − 1,000) / 1,000 = 366.2%
    close(
        num(&a, "net_roi_pct"),
        (194.248_120_300_751_88 * 24.0 - 1000.0) / 10.0,
    );
    // The same value twice is not a conflict.
    roi_json(&[
        "--scenario",
        "enterprise",
        "--months",
        "6",
        "--horizon-months",
        "6",
    ]);
}

#[test]
fn assumptions_file_feeds_the_model_and_is_named_as_source() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rates.toml");
    std::fs::write(
        &file,
        "# finance's rates\ncost_per_wait_hour = 60\nhorizon_months = 24\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let j = roi_json(&["--scenario", "small_business", "--assumptions", path]);
    // latency line doubles with $60 an hour: 0.5 h × $60 = $30
    close(num(&j, "lines.latency"), 30.0);
    assert_eq!(j["assumptions"]["horizon_months"], 24);
    let source = format!("file {path}");
    assert_eq!(
        j["assumption_sources"]["cost_per_wait_hour"],
        source.as_str()
    );
    assert_eq!(j["assumption_sources"]["horizon_months"], source.as_str());
    assert_eq!(
        j["assumption_sources"]["storage_cost_per_gb_month"],
        "default"
    );
    // A flag beats the file.
    let j = roi_json(&[
        "--scenario",
        "small_business",
        "--assumptions",
        path,
        "--cost-per-wait-hour",
        "10",
    ]);
    close(num(&j, "lines.latency"), 5.0);
}

#[test]
fn output_writes_the_json_file_and_prints_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("roi.json");
    let out = csf()
        .args(["roi", "--scenario", "enterprise", "--output"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(printed.contains("Monthly savings"), "table on stdout");
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written, roi_json(&["--scenario", "enterprise"]));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn list_scenarios_shows_every_input_and_assumption() {
    let out = csf().args(["roi", "--list-scenarios"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "small_business",
        "medium_business",
        "enterprise",
        "Storage compression",
        "Latency speed-up",
        "Accuracy after",
        "Infrastructure reduction",
        "Implementation cost",
        "$100,000.00",
        "storage_cost_per_gb_month",
        "cost_per_wait_hour",
        "cost_per_inaccurate_result",
        "horizon_months",
        "discount_rate",
    ] {
        assert!(text.contains(needle), "missing {needle}");
    }
    let j: Value = serde_json::from_slice(
        &csf()
            .args(["roi", "--list-scenarios", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let names: Vec<&str> = j["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["small_business", "medium_business", "enterprise"]);
    assert_eq!(
        j["scenarios"][2]["inputs"]["implementation_cost"],
        100_000.0
    );
    assert_eq!(j["custom_defaults"]["accuracy_after_pct"], 99.0);
}
