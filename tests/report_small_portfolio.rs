//! `csf report` end to end on the hand-worked fixture: the real binary runs on
//! `tests/data/small_portfolio.csv`, the workbook is read back with calamine
//! and every Monthly and Quarterly cell is compared with the figures worked
//! out by hand in `tests/data/small_portfolio.md` (shared with the
//! library-level test through `figures_common/small_portfolio_expected.rs`;
//! the Customers rows are in `figures_common/small_portfolio_customers.rs`).
//!
//! Which sheet column holds which figure is written out here, header by
//! header, from SPEC 3.4, and not taken from the workbook writer's own
//! table: a renamed, moved, lost or new column fails this test.

mod figures_common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use calamine::Data;
use chrono::NaiveDate;
use csf::figures::periods::PeriodFigures;
use figures_common::sheet_cells::{Want, column, date, grid, mismatch, number, text};
use figures_common::small_portfolio_customers as customers;
use figures_common::small_portfolio_expected as expected;

// ---------------------------------------------------------------------------
// Running the binary

/// The rates of the hand-worked figures, passed as flags so the test does not
/// depend on the defaults (which are the same today).
const RATES: [(&str, &str); 5] = [
    ("--storage-cost-per-gb-month", "0.10"),
    ("--cost-per-wait-hour", "30"),
    ("--cost-per-inaccurate-result", "0.05"),
    ("--horizon-months", "12"),
    ("--discount-rate", "0"),
];

fn report(input: &Path, out: &Path) {
    if out.exists() {
        std::fs::remove_file(out).unwrap();
    }
    let mut cmd = Command::cargo_bin("csf").unwrap();
    cmd.arg("report")
        .arg(input)
        .arg("-o")
        .arg(out)
        .arg("--quiet");
    for (flag, value) in RATES {
        cmd.arg(flag).arg(value);
    }
    cmd.assert().success();
    assert!(out.exists(), "no workbook at {}", out.display());
}

/// The fixture's workbook, written once for all the tests of this file (into
/// Cargo's scratch folder for integration tests, where it can be opened
/// after a failure).
fn fixture_workbook() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report_small_portfolio");
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("small_portfolio.xlsx");
        let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small_portfolio.csv");
        report(&csv, &out);
        out
    })
}

// ---------------------------------------------------------------------------
// The period sheets: which header holds which figure (SPEC 3.4)

type Figure = fn(&PeriodFigures) -> Want;

/// Every column of the Monthly and Quarterly sheets after Period, Period
/// start and Period end, in the order of the SPEC 3.4 table.
const COLUMNS: &[(&str, Figure)] = &[
    ("Active customers", |p| Want::Count(p.active_customers)),
    ("New customers", |p| Want::Count(p.new_customers)),
    ("Churned customers", |p| Want::Count(p.churned_customers)),
    ("Logo retention %", |p| Want::Percent(p.logo_retention_pct)),
    ("Starting MRR", |p| Want::Number(p.starting_mrr)),
    ("Expansion MRR", |p| Want::Number(p.expansion_mrr)),
    ("Contraction MRR", |p| Want::Number(p.contraction_mrr)),
    ("Churned MRR", |p| Want::Number(p.churned_mrr)),
    ("GRR %", |p| Want::Percent(p.grr_pct)),
    ("NRR %", |p| Want::Percent(p.nrr_pct)),
    ("Expansion revenue (reported)", |p| {
        Want::Number(p.expansion_revenue_reported)
    }),
    ("Customers with ROI", |p| Want::Count(p.customers_with_roi)),
    ("Avg ROI %", |p| Want::Percent(p.avg_roi_pct)),
    ("Median ROI %", |p| Want::Percent(p.median_roi_pct)),
    ("ROI 95% CI low", |p| Want::Percent(p.roi_ci_low)),
    ("ROI 95% CI high", |p| Want::Percent(p.roi_ci_high)),
    ("Avg payback months", |p| Want::Number(p.avg_payback_months)),
    ("Total monthly savings", |p| {
        Want::Number(p.total_monthly_savings)
    }),
    ("Avg storage savings per customer", |p| {
        Want::Number(p.avg_storage_savings)
    }),
    ("Avg storage reduction %", |p| {
        Want::Percent(p.avg_storage_reduction_pct)
    }),
    ("Avg latency improvement ×", |p| {
        Want::Number(p.avg_latency_improvement_x)
    }),
    ("Avg infrastructure cost reduction %", |p| {
        Want::Percent(p.avg_infrastructure_reduction_pct)
    }),
    ("Avg error rate reduction %", |p| {
        Want::Percent(p.avg_error_rate_reduction_pct)
    }),
    ("NPS responses", |p| Want::Count(p.nps_responses)),
    ("NPS", |p| Want::Number(p.nps)),
    ("NPS 95% margin", |p| Want::Number(p.nps_margin)),
    ("CSAT avg", |p| Want::Number(p.csat_avg)),
    ("CSAT %", |p| Want::Percent(p.csat_pct)),
    ("CES avg", |p| Want::Number(p.ces_avg)),
    ("API calls", |p| Want::Total(p.api_calls)),
    ("Support tickets", |p| Want::Total(p.support_tickets)),
    ("Adoption %", |p| Want::Percent(p.adoption_pct)),
    ("Feature utilization %", |p| {
        Want::Percent(p.feature_utilization_pct)
    }),
    ("Case studies published", |p| {
        Want::Count(p.case_studies_published)
    }),
    ("Testimonials collected", |p| {
        Want::Count(p.testimonials_collected)
    }),
    ("Referrals", |p| Want::Total(p.referrals)),
    ("Referral rate %", |p| Want::Percent(p.referral_rate_pct)),
];

const LEADING: [&str; 3] = ["Period", "Period start", "Period end"];

/// The header row must be the leading columns then exactly the columns of
/// the table above, in its order: a column the table does not know fails.
fn check_header(sheet: &str, header: &[Data], leading: &[&str]) {
    let got: Vec<&str> = header
        .iter()
        .map(|c| text(c).unwrap_or_else(|| panic!("{sheet}: header cell {c:?} is not text")))
        .collect();
    let want: Vec<&str> = leading
        .iter()
        .copied()
        .chain(COLUMNS.iter().map(|(h, _)| *h))
        .collect();
    let unknown: Vec<&&str> = got.iter().filter(|h| !want.contains(h)).collect();
    assert!(
        unknown.is_empty(),
        "{sheet}: columns without an expectation in this test: {unknown:?}"
    );
    let missing: Vec<&&str> = want.iter().filter(|h| !got.contains(h)).collect();
    assert!(missing.is_empty(), "{sheet}: columns missing: {missing:?}");
    assert_eq!(got, want, "{sheet}: column order (SPEC 3.4)");
}

/// Every cell of a period sheet against the hand figures, row by row.
fn check_period_sheet(sheet: &str, labels: &[&str], expected: &[PeriodFigures]) {
    let g = grid(fixture_workbook(), sheet);
    assert!(!g.is_empty(), "{sheet} is empty");
    check_header(sheet, &g[0], &LEADING);
    let got_labels: Vec<Option<&str>> = g[1..].iter().map(|r| text(&r[0])).collect();
    let want_labels: Vec<Option<&str>> = labels.iter().map(|l| Some(*l)).collect();
    assert_eq!(got_labels, want_labels, "{sheet}: the periods, in order");
    assert_eq!(expected.len(), labels.len());

    let mut wrong = Vec::new();
    for ((row, e), label) in g[1..].iter().zip(expected).zip(labels) {
        let period = e.period.expect("expected figures name their period");
        assert_eq!(period.label(), *label, "the expected figures are in order");
        for (col, day) in [(1, period.start), (2, period.end)] {
            if date(&row[col]) != Some(day) {
                wrong.push(format!(
                    "{label} {}: expected the date cell {day}, found {:?}",
                    LEADING[col], row[col]
                ));
            }
        }
        for (i, (header, figure)) in COLUMNS.iter().enumerate() {
            if let Some(m) = mismatch(&row[LEADING.len() + i], figure(e)) {
                wrong.push(format!("{label} {header}: {m}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{sheet}:\n{}", wrong.join("\n"));
}

#[test]
fn every_monthly_cell_is_the_hand_worked_figure() {
    check_period_sheet(
        "Monthly",
        &["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"],
        &expected::months(),
    );
}

#[test]
fn every_quarterly_cell_is_the_hand_worked_figure() {
    check_period_sheet("Quarterly", &["2025-Q1", "2025-Q2"], &expected::quarters());
}

#[test]
fn segment_quarters_match_the_hand_worked_figures() {
    let g = grid(fixture_workbook(), "Segments");
    check_header(
        "Segments",
        &g[0],
        &["Period", "Period start", "Period end", "Segment"],
    );
    let col = |h: &str| column(&g[0], h);
    // Two segments × two quarters, each once.
    assert_eq!(g.len(), 1 + 4, "Segments: header + 4 rows");
    let mut wrong = Vec::new();
    for e in expected::segment_quarters() {
        let rows: Vec<&Vec<Data>> = g[1..]
            .iter()
            .filter(|r| text(&r[0]) == Some(e.period) && text(&r[3]) == Some(e.segment))
            .collect();
        assert_eq!(
            rows.len(),
            1,
            "Segments: one row {} {}",
            e.period,
            e.segment
        );
        let row = rows[0];
        let checks = [
            ("Active customers", Want::Count(e.active_customers)),
            ("New customers", Want::Count(e.new_customers)),
            ("Churned customers", Want::Count(e.churned_customers)),
            ("Logo retention %", Want::Percent(e.logo_retention_pct)),
            ("Starting MRR", Want::Number(e.starting_mrr)),
            ("Expansion MRR", Want::Number(e.expansion_mrr)),
            ("Contraction MRR", Want::Number(e.contraction_mrr)),
            ("Churned MRR", Want::Number(e.churned_mrr)),
            ("GRR %", Want::Percent(e.grr_pct)),
            ("NRR %", Want::Percent(e.nrr_pct)),
            ("Customers with ROI", Want::Count(e.customers_with_roi)),
            ("Avg ROI %", Want::Percent(e.avg_roi_pct)),
            ("Median ROI %", Want::Percent(e.median_roi_pct)),
            ("ROI 95% CI low", Want::Percent(e.roi_ci_low)),
            ("ROI 95% CI high", Want::Percent(e.roi_ci_high)),
            (
                "Total monthly savings",
                Want::Number(e.total_monthly_savings),
            ),
            ("NPS responses", Want::Count(e.nps_responses)),
            ("NPS", Want::Number(e.nps)),
            ("Referrals", Want::Total(e.referrals)),
            ("Referral rate %", Want::Percent(e.referral_rate_pct)),
        ];
        for (header, want) in checks {
            if let Some(m) = mismatch(&row[col(header)], want) {
                wrong.push(format!("{} {} {header}: {m}", e.period, e.segment));
            }
        }
    }
    assert!(wrong.is_empty(), "Segments:\n{}", wrong.join("\n"));
}

// ---------------------------------------------------------------------------
// Customers, Data issues, Assumptions

#[test]
fn customers_sheet_has_the_hand_worked_roi_of_each_customer() {
    let g = grid(fixture_workbook(), "Customers");
    let col = |h: &str| column(&g[0], h);
    let ymd =
        |d: Option<(i32, u32, u32)>| d.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
    assert_eq!(g.len(), 1 + 5, "Customers: header + one row per customer");
    let mut wrong = Vec::new();
    for c in customers::customers() {
        let rows: Vec<&Vec<Data>> = g[1..]
            .iter()
            .filter(|r| text(&r[col("Customer ID")]) == Some(c.id))
            .collect();
        assert_eq!(rows.len(), 1, "Customers: one row for {}", c.id);
        let row = rows[0];
        let mut expect = |header: &str, want: Want| {
            if let Some(m) = mismatch(&row[col(header)], want) {
                wrong.push(format!("{} {header}: {m}", c.id));
            }
        };
        expect(
            "Implementation cost",
            Want::Number(Some(c.implementation_cost)),
        );
        let line_headers = [
            "Storage savings / month",
            "Latency savings / month",
            "Accuracy savings / month",
            "Infrastructure savings / month",
        ];
        for (h, v) in line_headers.into_iter().zip(c.lines) {
            expect(h, Want::Number(v));
        }
        expect("Monthly savings", Want::Number(c.monthly_savings));
        expect("Net ROI %", Want::Percent(c.net_roi_pct));
        expect("Benefit-cost ratio", Want::Number(c.benefit_cost_ratio));
        expect("Payback months", Want::Number(c.payback_months));
        // Discount rate 0: no NPV.
        expect("NPV", Want::Number(None));
        expect("Time to value (days)", Want::Number(c.time_to_value_days));
        for (header, day) in [("Go-live date", c.go_live), ("Churn date", c.churn_date)] {
            let cell = &row[col(header)];
            let ok = match ymd(day) {
                Some(d) => date(cell) == Some(d),
                None => *cell == Data::Empty,
            };
            if !ok {
                wrong.push(format!(
                    "{} {header}: expected {day:?}, found {cell:?}",
                    c.id
                ));
            }
        }
        if text(&row[col("Status")]) != Some(c.status) {
            wrong.push(format!("{} Status: expected {}", c.id, c.status));
        }
    }
    assert!(wrong.is_empty(), "Customers:\n{}", wrong.join("\n"));
}

#[test]
fn data_issues_balance_the_rows_and_note_delta_without_baseline() {
    let g = grid(fixture_workbook(), "Data issues");
    let tally = g
        .iter()
        .position(|r| text(&r[0]) == Some("Input file"))
        .expect("the tally block");
    let col = |h: &str| column(&g[tally], h);
    // 17 rows in the CSV, all clean, no repeated (customer, checkpoint) key:
    // 17 read = 17 accepted + 0 superseded + 0 rejected, for the file and in
    // total.
    let file_row = &g[tally + 1];
    assert!(
        text(&file_row[0]).is_some_and(|f| f.ends_with("small_portfolio.csv")),
        "{file_row:?}"
    );
    let total_row = &g[tally + 2];
    assert_eq!(text(&total_row[0]), Some("All inputs"));
    for row in [file_row, total_row] {
        let n = |h: &str| number(&row[col(h)]).unwrap_or_else(|| panic!("{h}: {row:?}"));
        assert_eq!(
            [
                n("Rows read"),
                n("Accepted"),
                n("Superseded"),
                n("Rejected")
            ],
            [17.0, 17.0, 0.0, 0.0]
        );
        assert_eq!(
            n("Rows read"),
            n("Accepted") + n("Superseded") + n("Rejected")
        );
    }

    // The issues: only DELTA's missing baseline, once.
    let header = g
        .iter()
        .position(|r| text(&r[0]) == Some("File"))
        .expect("the issues table");
    let icol = |h: &str| column(&g[header], h);
    let issues: Vec<&Vec<Data>> = g[header + 1..]
        .iter()
        .filter(|r| r.iter().any(|c| *c != Data::Empty))
        .collect();
    assert_eq!(issues.len(), 1, "{issues:?}");
    let issue = issues[0];
    assert_eq!(text(&issue[icol("Customer ID")]), Some("DELTA"));
    assert_eq!(text(&issue[icol("Severity")]), Some("warning"));
    assert!(
        text(&issue[icol("Reason")]).is_some_and(|r| r.starts_with("no baseline")),
        "{issue:?}"
    );
}

#[test]
fn the_assumptions_sheet_lists_the_rates_of_the_hand_figures() {
    let g = grid(fixture_workbook(), "Assumptions");
    let value = |name: &str| {
        g.iter()
            .find(|r| text(&r[0]) == Some(name))
            .and_then(|r| number(&r[1]))
            .unwrap_or_else(|| panic!("Assumptions: no value for {name}"))
    };
    assert_eq!(value("storage_cost_per_gb_month"), 0.10);
    assert_eq!(value("cost_per_wait_hour"), 30.0);
    assert_eq!(value("cost_per_inaccurate_result"), 0.05);
    assert_eq!(value("horizon_months"), 12.0);
    assert_eq!(value("discount_rate"), 0.0);
}

// ---------------------------------------------------------------------------
// Blanks: an export with no mrr column and no NPS at all

/// Two SMB customers, baselines in January, 30-day rows in February; no mrr,
/// nps, api_calls, support_tickets, referrals or flag columns.
const NO_MRR_NO_NPS: &str = "\
customer_id,checkpoint,snapshot_date,segment,implementation_cost,storage_gb,infrastructure_cost,csat
A,0,2025-01-05,SMB,1000,100,500,4
B,0,2025-01-20,SMB,2000,200,800,
A,30,2025-02-04,SMB,,80,400,5
B,30,2025-02-19,SMB,,150,700,3
";

/// Columns that have no data behind them in this export: empty in every row.
const NO_DATA: [&str; 8] = [
    "Starting MRR",
    "Expansion MRR",
    "Contraction MRR",
    "Churned MRR",
    "GRR %",
    "NRR %",
    "NPS",
    "NPS 95% margin",
];

/// Counts of things that never happened in this export: 0, not empty.
const ZERO_COUNTS: [&str; 7] = [
    "Churned customers",
    "NPS responses",
    "API calls",
    "Support tickets",
    "Case studies published",
    "Testimonials collected",
    "Referrals",
];

#[test]
fn without_mrr_and_nps_those_columns_are_empty_and_counts_are_zero() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("no_mrr_no_nps.csv");
    std::fs::write(&csv, NO_MRR_NO_NPS).unwrap();
    let out = dir.path().join("no_mrr_no_nps.xlsx");
    report(&csv, &out);

    let mut wrong = Vec::new();
    // Sheet, periods, and the columns that hold text (Period, Segment).
    for (sheet, labels, text_columns) in [
        ("Monthly", &["2025-01", "2025-02"][..], &[0][..]),
        ("Quarterly", &["2025-Q1"][..], &[0][..]),
        ("Segments", &["2025-Q1"][..], &[0, 3][..]),
    ] {
        let g = grid(&out, sheet);
        let col = |h: &str| column(&g[0], h);
        assert_eq!(g.len(), 1 + labels.len(), "{sheet}: rows");
        for (row, label) in g[1..].iter().zip(labels) {
            assert_eq!(text(&row[0]), Some(*label), "{sheet}");
            for h in NO_DATA {
                if row[col(h)] != Data::Empty {
                    wrong.push(format!("{sheet} {label} {h}: {:?}, not empty", row[col(h)]));
                }
            }
            for h in ZERO_COUNTS {
                if number(&row[col(h)]) != Some(0.0) {
                    wrong.push(format!("{sheet} {label} {h}: {:?}, not 0", row[col(h)]));
                }
            }
            // Apart from Period (and Segment), no cell is text: no "NaN", no
            // "n/a" in place of a blank.
            for (i, c) in row.iter().enumerate() {
                if let (false, Data::String(s)) = (text_columns.contains(&i), c) {
                    wrong.push(format!("{sheet} {label} column {i}: text {s:?}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));

    // The blanks come from the missing columns, not from an empty start set:
    // in February both customers were active at the start (01-31) and at the
    // end, and the other figures are there. A: storage (100 − 80) × 0.10 = 2,
    // infrastructure 500 − 400 = 100 → 102, ROI (1224 − 1000)/1000 = 22.4 %;
    // B: 50 × 0.10 = 5 + 100 = 105, ROI (1260 − 2000)/2000 = −37 %.
    let g = grid(&out, "Monthly");
    let col = |h: &str| column(&g[0], h);
    let feb = &g[2];
    for (header, want) in [
        ("Active customers", Want::Count(2)),
        ("New customers", Want::Count(0)),
        ("Logo retention %", Want::Percent(Some(100.0))),
        ("Customers with ROI", Want::Count(2)),
        ("Avg ROI %", Want::Percent(Some((22.4 - 37.0) / 2.0))),
        ("Total monthly savings", Want::Number(Some(207.0))),
        // CSAT 5 and 3: mean 4, one of two ≥ 4.
        ("CSAT avg", Want::Number(Some(4.0))),
        ("CSAT %", Want::Percent(Some(50.0))),
    ] {
        if let Some(m) = mismatch(&feb[col(header)], want) {
            wrong.push(format!("Monthly 2025-02 {header}: {m}"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}
