//! `csf generate` to CSV, run as the user runs it; the file is read back with
//! the csv crate (not with csf's own intake, which is built separately).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use assert_cmd::Command;
use chrono::NaiveDate;

const HEADER: [&str; 27] = [
    "customer_id",
    "customer_name",
    "segment",
    "checkpoint",
    "snapshot_date",
    "status",
    "implementation_cost",
    "storage_gb",
    "api_calls",
    "latency_ms",
    "accuracy_pct",
    "infrastructure_cost",
    "error_rate_pct",
    "support_tickets",
    "mrr",
    "expansion_revenue",
    "active_users",
    "licensed_users",
    "features_used",
    "features_available",
    "nps",
    "csat",
    "ces",
    "referrals",
    "case_study_published",
    "testimonial_collected",
    "testimonial_consent",
];

fn csf() -> Command {
    Command::cargo_bin("csf").unwrap()
}

fn generate(dir: &Path, name: &str, args: &[&str]) -> Vec<u8> {
    let out = dir.join(name);
    csf()
        .arg("generate")
        .args(args)
        .arg("-o")
        .arg(&out)
        .arg("--quiet")
        .assert()
        .success();
    std::fs::read(&out).unwrap()
}

/// One CSV row as a map from header to value.
type Record = BTreeMap<String, String>;

fn records(bytes: &[u8]) -> (Vec<String>, Vec<Record>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

/// Rows grouped by customer id, in file order.
fn by_customer(rows: &[Record]) -> BTreeMap<String, Vec<&Record>> {
    let mut map: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    for r in rows {
        map.entry(r["customer_id"].clone()).or_default().push(r);
    }
    map
}

fn num(r: &Record, col: &str) -> f64 {
    r[col]
        .parse()
        .unwrap_or_else(|_| panic!("{col} = {:?} is not a number", r[col]))
}

fn date(r: &Record) -> NaiveDate {
    NaiveDate::parse_from_str(&r["snapshot_date"], "%Y-%m-%d").unwrap()
}

#[test]
fn the_same_seed_gives_the_same_bytes_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    // 5,000 customers span several parallel chunks.
    let args = ["--customers", "5000", "--seed", "11"];
    let one = {
        let out = dir.path().join("one.csv");
        csf()
            .env("RAYON_NUM_THREADS", "1")
            .args(["generate", "--quiet", "-o"])
            .arg(&out)
            .args(args)
            .assert()
            .success();
        std::fs::read(&out).unwrap()
    };
    let three = {
        let out = dir.path().join("three.csv");
        csf()
            .env("RAYON_NUM_THREADS", "3")
            .args(["generate", "--quiet", "-o"])
            .arg(&out)
            .args(args)
            .assert()
            .success();
        std::fs::read(&out).unwrap()
    };
    assert!(one == three, "1 and 3 threads wrote different files");
    let other_seed = generate(
        dir.path(),
        "b.csv",
        &["--customers", "5000", "--seed", "12"],
    );
    assert!(one != other_seed, "seeds 11 and 12 wrote the same file");
}

#[test]
fn header_ids_and_row_counts() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = generate(dir.path(), "p.csv", &["--customers", "2000", "--seed", "3"]);
    let (header, rows) = records(&bytes);
    assert_eq!(header, HEADER);
    let customers = by_customer(&rows);
    // Every customer 1..=2000 is there, with its canonical id.
    let expected: BTreeSet<String> = (1..=2000).map(|i| format!("CUST-{i:06}")).collect();
    assert_eq!(customers.keys().cloned().collect::<BTreeSet<_>>(), expected);
    // Rows of one customer are together (the file is customer by customer).
    let mut seen = BTreeSet::new();
    let mut last = String::new();
    for r in &rows {
        if r["customer_id"] != last {
            last = r["customer_id"].clone();
            assert!(seen.insert(last.clone()), "{last} appears in two blocks");
        }
    }
    let per_customer = rows.len() as f64 / 2000.0;
    assert!(
        (4.0..=6.0).contains(&per_customer),
        "{per_customer} rows per customer"
    );
}

#[test]
fn timelines_are_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = generate(
        dir.path(),
        "p.csv",
        &[
            "--customers",
            "3000",
            "--seed",
            "5",
            "--start",
            "2024-04-15",
        ],
    );
    let (_, rows) = records(&bytes);
    let start = NaiveDate::from_ymd_opt(2024, 4, 15).unwrap();
    // start + 18 months = 2025-10-15; go-lives before start + 15 months = 2025-07-15.
    let export = NaiveDate::from_ymd_opt(2025, 10, 15).unwrap();
    let go_live_end = NaiveDate::from_ymd_opt(2025, 7, 15).unwrap();
    let mut churned = 0;
    for (id, rows) in by_customer(&rows) {
        assert_eq!(rows[0]["checkpoint"], "0", "{id} starts with its baseline");
        let go_live = date(rows[0]);
        assert!(
            go_live >= start && go_live < go_live_end,
            "{id} went live {go_live}"
        );
        for pair in rows.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(
                num(a, "checkpoint") < num(b, "checkpoint"),
                "{id}: checkpoints"
            );
            assert!(date(a) < date(b), "{id}: dates");
        }
        for r in &rows {
            let d = date(r);
            assert!(d <= export, "{id} has a row dated {d}, after the export");
            let days = (d - go_live).num_days() as f64;
            assert!(
                (days - num(r, "checkpoint")).abs() <= 3.0,
                "{id}: checkpoint {} dated {days} days after go-live",
                r["checkpoint"]
            );
            for col in ["case_study_published", "testimonial_collected"] {
                assert!(r[col] == "true" || r[col] == "false", "{id} {col}");
            }
        }
        // Status words are canonical; a churned row is the customer's last,
        // and a churned account pays nothing.
        let statuses: Vec<&str> = rows.iter().map(|r| r["status"].as_str()).collect();
        assert!(statuses.iter().all(|s| *s == "active" || *s == "churned"));
        if let Some(at) = statuses.iter().position(|s| *s == "churned") {
            churned += 1;
            assert_eq!(at, rows.len() - 1, "{id} has rows after churning");
            assert_eq!(num(rows[at], "mrr"), 0.0);
        }
        // Flags, once true, stay true.
        for col in ["case_study_published", "testimonial_collected"] {
            let flags: Vec<bool> = rows.iter().map(|r| r[col] == "true").collect();
            assert!(
                flags.windows(2).all(|w| !w[0] || w[1]),
                "{id} {col} {flags:?}"
            );
        }
        // One consent per customer, from the allowed words.
        let consent: BTreeSet<&str> = rows
            .iter()
            .map(|r| r["testimonial_consent"].as_str())
            .collect();
        assert_eq!(consent.len(), 1, "{id}: {consent:?}");
        assert!(["public", "anonymous", "none", ""].contains(consent.iter().next().unwrap()));
    }
    // ~10 % churn: 3,000 customers, expected ~300, a generous band around it.
    assert!(
        (200..=400).contains(&churned),
        "{churned} churned customers"
    );
}

#[test]
fn values_are_in_range_and_segments_differ_in_scale() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = generate(dir.path(), "p.csv", &["--customers", "3000", "--seed", "9"]);
    let (_, rows) = records(&bytes);
    let mut segments: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    let mut surveyed = [0usize; 4];
    for r in &rows {
        for (k, (col, lo, hi)) in [
            ("nps", 0.0, 10.0),
            ("csat", 1.0, 5.0),
            ("ces", 1.0, 7.0),
            ("referrals", 0.0, 3.0),
        ]
        .into_iter()
        .enumerate()
        {
            if !r[col].is_empty() {
                surveyed[k] += 1;
                let v = num(r, col);
                assert!((lo..=hi).contains(&v) && v.fract() == 0.0, "{col} = {v}");
            }
        }
        let accuracy = num(r, "accuracy_pct");
        assert!(accuracy > 0.0 && accuracy <= 100.0, "accuracy {accuracy}");
        let error = num(r, "error_rate_pct");
        assert!(error > 0.0 && error < 100.0, "error rate {error}");
        for col in [
            "implementation_cost",
            "storage_gb",
            "api_calls",
            "latency_ms",
            "infrastructure_cost",
            "support_tickets",
            "mrr",
            "active_users",
            "licensed_users",
        ] {
            assert!(num(r, col) >= 0.0, "{col} negative");
        }
        assert!(num(r, "active_users") <= num(r, "licensed_users"));
        assert!(num(r, "features_used") >= 1.0);
        assert!(num(r, "features_used") <= num(r, "features_available"));
        if !r["expansion_revenue"].is_empty() {
            assert!(num(r, "expansion_revenue") > 0.0);
        }
        segments.entry(r["segment"].clone()).or_default().push(r);
    }
    // Surveys are on some rows, not all and not none.
    for (k, n) in surveyed.iter().enumerate() {
        assert!(
            *n > 0 && *n < rows.len(),
            "survey column {k}: {n} of {}",
            rows.len()
        );
    }
    assert_eq!(
        segments.keys().map(String::as_str).collect::<Vec<_>>(),
        ["Enterprise", "Mid-Market", "SMB"]
    );
    // Baseline scales of the brief: SMB storage 50–500 GB, enterprise 1–20 TB
    // (a draw may sit a little outside: the place in the range is jittered).
    let median_baseline = |seg: &str, col: &str| {
        let mut v: Vec<f64> = segments[seg]
            .iter()
            .filter(|r| r["checkpoint"] == "0")
            .map(|r| num(r, col))
            .collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let smb = median_baseline("SMB", "storage_gb");
    let ent = median_baseline("Enterprise", "storage_gb");
    assert!((50.0..=500.0).contains(&smb), "SMB median storage {smb}");
    assert!(
        (1_000.0..=20_000.0).contains(&ent),
        "enterprise median storage {ent}"
    );
    let smb = median_baseline("SMB", "mrr");
    let ent = median_baseline("Enterprise", "mrr");
    assert!((200.0..=2_000.0).contains(&smb), "SMB median MRR {smb}");
    assert!(
        (20_000.0..=100_000.0).contains(&ent),
        "enterprise median MRR {ent}"
    );
    // Shares near 60 / 30 / 10 %.
    let customers = |seg: &str| {
        segments[seg]
            .iter()
            .filter(|r| r["checkpoint"] == "0")
            .count() as f64
            / 3000.0
    };
    assert!((0.55..0.65).contains(&customers("SMB")));
    assert!((0.25..0.35).contains(&customers("Mid-Market")));
    assert!((0.07..0.13).contains(&customers("Enterprise")));
}

#[test]
fn most_customers_improve_and_some_get_worse() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = generate(
        dir.path(),
        "p.csv",
        &["--customers", "3000", "--seed", "21"],
    );
    let (_, rows) = records(&bytes);
    let (mut compared, mut storage_down, mut latency_down, mut accuracy_up, mut infra_up) =
        (0, 0, 0, 0, 0);
    let (mut expanded, mut contracted) = (0, 0);
    let mut nps = [0usize; 3];
    for (id, rows) in by_customer(&rows) {
        let (b, c) = (rows[0], rows[rows.len() - 1]);
        if c["status"] == "active" && num(c, "checkpoint") >= 90.0 {
            compared += 1;
            storage_down += usize::from(num(c, "storage_gb") < num(b, "storage_gb"));
            latency_down += usize::from(num(c, "latency_ms") < num(b, "latency_ms"));
            accuracy_up += usize::from(num(c, "accuracy_pct") > num(b, "accuracy_pct"));
            infra_up += usize::from(num(c, "infrastructure_cost") > num(b, "infrastructure_cost"));
            expanded += usize::from(num(c, "mrr") > num(b, "mrr"));
            contracted += usize::from(num(c, "mrr") < num(b, "mrr"));
        }
        // Reported expansion revenue is the MRR increase on that row.
        for pair in rows.windows(2) {
            if !pair[1]["expansion_revenue"].is_empty() {
                let increase = num(pair[1], "mrr") - num(pair[0], "mrr");
                assert_eq!(num(pair[1], "expansion_revenue"), increase, "{id}");
            }
        }
        for r in &rows {
            if !r["nps"].is_empty() {
                let score = num(r, "nps");
                nps[if score >= 9.0 {
                    0
                } else if score >= 7.0 {
                    1
                } else {
                    2
                }] += 1;
            }
        }
    }
    let share = |n: usize| n as f64 / compared as f64;
    assert!(compared > 2000, "{compared} customers at day 90 or later");
    assert!(
        share(storage_down) > 0.8,
        "storage down for {storage_down}/{compared}"
    );
    assert!(
        share(latency_down) > 0.8,
        "latency down for {latency_down}/{compared}"
    );
    assert!(
        share(accuracy_up) > 0.8,
        "accuracy up for {accuracy_up}/{compared}"
    );
    // Not all rosy: some customers pay more for infrastructure than before.
    assert!(
        share(infra_up) > 0.02 && share(infra_up) < 0.2,
        "infra up {infra_up}"
    );
    assert!(share(expanded) > 0.1, "expanded {expanded}");
    assert!(contracted > 0, "no contraction");
    // Promoters, passives and detractors all answer; promoters lead.
    assert!(nps.iter().all(|n| *n > 50), "NPS categories {nps:?}");
    assert!(nps[0] > nps[2], "NPS categories {nps:?}");
}

#[test]
fn summary_line_unless_quiet_and_no_temporary_file_left() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.csv");
    let assert = csf()
        .args(["generate", "--customers", "10", "-o"])
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("10 customers") && stderr.contains("p.csv"),
        "{stderr}"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["p.csv"]);

    csf()
        .args(["generate", "--customers", "10", "--quiet", "-o"])
        .arg(dir.path().join("q.csv"))
        .assert()
        .success()
        .stderr("");
}

#[test]
fn bad_extension_is_a_usage_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["p.txt", "p"] {
        csf()
            .args(["generate", "--customers", "10", "-o"])
            .arg(dir.path().join(name))
            .assert()
            .code(2)
            .stderr(predicates::str::contains(name))
            .stderr(predicates::str::contains(".csv"));
    }
    csf()
        .args(["generate", "--customers", "0", "-o"])
        .arg(dir.path().join("p.csv"))
        .assert()
        .code(2);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_unwritable_place_is_an_io_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no-such-folder").join("p.csv");
    csf()
        .args(["generate", "--customers", "10", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(out.display().to_string()));
}

#[test]
fn a_start_date_outside_excel_years_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    csf()
        .args([
            "generate",
            "--customers",
            "3",
            "--start",
            "1850-06-01",
            "-o",
        ])
        .arg(dir.path().join("p.csv"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--start 1850-06-01"));
}
