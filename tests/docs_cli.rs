//! `csf docs` end to end: the real binary on a small CSV written here.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

/// Acme (public) and Blue Heron (anonymous), as in docs_support but through
/// intake. With the rates passed below (0.10 $/GB-month, $30/h, $0.05 per
/// result):
/// Acme day 90: storage 900 × 0.10 = 90; latency 180 / 3.6e6 × 120,000 × 30 =
///   180; accuracy 9 / 100 × 120,000 × 0.05 = 540; infrastructure 1,500;
///   monthly savings $2,310, net ROI (27,720 − 20,000) / 20,000 = 38.6 %.
/// Heron day 30: storage 200 × 0.10 = 20; infrastructure 200; $220 a month.
const CSV: &str = "\
customer_id,customer_name,segment,checkpoint,snapshot_date,implementation_cost,storage_gb,api_calls,latency_ms,accuracy_pct,infrastructure_cost,testimonial_collected,testimonial_consent
C-1,Acme Analytics,Enterprise,baseline,2025-01-06,20000,1000,100000,200,90,5000,,public
C-1,Acme Analytics,Enterprise,day 90,2025-04-06,,100,120000,20,99,3500,yes,public
C-2,Blue Heron Logistics,Mid-Market,0,2025-01-15,5000,500,,,,2000,,anonymous
C-2,Blue Heron Logistics,Mid-Market,30,2025-02-14,,300,,,,1800,,anonymous
";

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("export.csv");
    std::fs::write(&input, CSV).unwrap();
    (dir, input)
}

fn csf(input: &Path, out: &Path) -> Command {
    let mut cmd = Command::cargo_bin("csf").unwrap();
    cmd.arg("docs").arg(input).arg("-o").arg(out).args([
        "--storage-cost-per-gb-month",
        "0.10",
        "--cost-per-wait-hour",
        "30",
        "--cost-per-inaccurate-result",
        "0.05",
    ]);
    cmd
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn one_customer_gets_every_kind() {
    let (dir, input) = setup();
    let out = dir.path().join("out");
    csf(&input, &out)
        .args(["--customer", "C-1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("case-study-C-1.md"))
        .stderr(predicate::str::contains(
            "wrote 3 documents for 1 customer (0 anonymized)",
        ));
    assert_eq!(
        files(&out),
        [
            "case-study-C-1.md",
            "roi-report-C-1.md",
            "testimonial-request-C-1.md"
        ]
    );
    let roi = std::fs::read_to_string(out.join("roi-report-C-1.md")).unwrap();
    assert!(
        roi.contains("| **Monthly savings** | **$2,310** |"),
        "{roi}"
    );
    assert!(roi.contains("| Net ROI over 12 months | 38.6% |"), "{roi}");
    assert!(roi.contains("Acme Analytics"));
}

#[test]
fn all_customers_with_one_kind_anonymizes_by_consent() {
    let (dir, input) = setup();
    let out = dir.path().join("out");
    csf(&input, &out)
        .args(["--all-customers", "--kind", "roi-report", "--quiet"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
    // Heron is the 2nd customer of the portfolio (sorted by id).
    assert_eq!(
        files(&out),
        [
            "roi-report-C-1.md",
            "roi-report-anonymous-mid-market-customer-2.md"
        ]
    );
    let heron = std::fs::read_to_string(out.join("roi-report-anonymous-mid-market-customer-2.md"))
        .unwrap()
        .to_lowercase();
    assert!(heron.contains("**monthly savings** | **$220**"), "{heron}");
    for secret in ["blue heron", "heron", "c-2"] {
        assert!(!heron.contains(secret), "leaks {secret}");
    }
}

#[test]
fn an_unknown_customer_suggests_close_ids() {
    let (dir, input) = setup();
    csf(&input, &dir.path().join("out"))
        .args(["--customer", "c-1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown customer \"c-1\": did you mean C-1",
        ));
    assert!(!dir.path().join("out").exists(), "nothing written");
}

#[test]
fn a_customer_not_live_at_as_of_is_a_usage_error() {
    let (dir, input) = setup();
    csf(&input, &dir.path().join("out"))
        .args(["--customer", "C-2", "--as-of", "2025-01-10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no row dated on or before --as-of 2025-01-10",
        ));
}

#[test]
fn template_errors_name_the_file_and_line() {
    let (dir, input) = setup();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let case_study = templates.join("CASE_STUDY_TEMPLATE.md");

    std::fs::write(
        &case_study,
        "# {{ customer.name }}\n\n{{ roi.monthly_savigns }}\n",
    )
    .unwrap();
    csf(&input, &dir.path().join("out"))
        .args(["--customer", "C-1", "--templates"])
        .arg(&templates)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}:3: undefined value",
            case_study.display()
        )));

    std::fs::write(&case_study, "# Title\n{% for m in metric_rows %}\n").unwrap();
    let out = dir.path().join("out2");
    csf(&input, &out)
        .args(["--customer", "C-1", "--templates"])
        .arg(&templates)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}:2: syntax error",
            case_study.display()
        )));
    assert!(!out.exists(), "a syntax error stops the run before writing");
}

#[test]
fn an_override_template_is_used_and_reported() {
    let (dir, input) = setup();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("TESTIMONIAL_REQUEST.md"),
        "Day {{ checklist.testimonial_round }} for {{ customer.name }}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    csf(&input, &out)
        .args([
            "--customer",
            "C-2",
            "--kind",
            "testimonial-request",
            "--as-of",
            "2025-03-20",
            "--templates",
        ])
        .arg(&templates)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "TESTIMONIAL_REQUEST.md), the others built in",
        ));
    // Go-live 2025-01-15; day 60 = 2025-03-16 ≤ 2025-03-20 < day 90.
    assert_eq!(
        std::fs::read_to_string(out.join("testimonial-request-anonymous-mid-market-customer-2.md"))
            .unwrap(),
        "Day 60 for a mid-market customer\n"
    );
}
