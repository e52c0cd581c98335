//! The period aggregates of `tests/data/small_portfolio.csv` against the
//! figures worked out by hand in `tests/data/small_portfolio.md` (the
//! expected values, with their arithmetic, are in
//! `figures_common/small_portfolio_expected.rs`, shared with the end-to-end
//! test of `csf report`).

mod figures_common;
use figures_common as common;

use std::path::Path;

use common::small_portfolio_expected as expected;
use common::{differences, rates, read_canonical_csv};
use csf::figures::customer::portfolio_figures;
use csf::figures::periods::{PeriodFigures, PeriodKind, PortfolioTimeline, aggregate};
use csf::portfolio::Portfolio;

fn fixture() -> Portfolio {
    read_canonical_csv(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small_portfolio.csv"),
    )
}

fn check(actual: &[PeriodFigures], expected: &[PeriodFigures]) {
    assert_eq!(actual.len(), expected.len(), "number of periods");
    let mut report = Vec::new();
    for (a, e) in actual.iter().zip(expected) {
        let label = e.period.map(|p| p.label()).unwrap_or_default();
        let seg = e.segment.clone().unwrap_or_default();
        for d in differences(a, e) {
            report.push(format!("{label} {seg}: {d}"));
        }
    }
    assert!(report.is_empty(), "\n{}", report.join("\n"));
}

#[test]
fn monthly_figures_match_the_hand_worked_figures() {
    let p = fixture();
    let f = portfolio_figures(&p, &rates());
    let months = aggregate(&p, &f, PeriodKind::Month, None);
    let labels: Vec<String> = months.iter().map(|m| m.period.unwrap().label()).collect();
    assert_eq!(
        labels,
        ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"]
    );
    check(&months, &expected::months());
}

#[test]
fn quarterly_figures_match_the_hand_worked_figures() {
    let p = fixture();
    let f = portfolio_figures(&p, &rates());
    let quarters = aggregate(&p, &f, PeriodKind::Quarter, None);
    let labels: Vec<String> = quarters.iter().map(|m| m.period.unwrap().label()).collect();
    assert_eq!(labels, ["2025-Q1", "2025-Q2"]);
    check(&quarters, &expected::quarters());
}

/// The segment rows of the .md table; fields the table does not list are
/// checked through the whole-portfolio tests and the property tests.
#[test]
fn segment_figures_match_the_hand_worked_figures() {
    let p = fixture();
    let f = portfolio_figures(&p, &rates());
    let timeline = PortfolioTimeline::new(&p, &f);
    assert_eq!(p.segments(), ["Enterprise", "SMB"]);
    let ent = timeline.aggregate(PeriodKind::Quarter, Some("Enterprise"));
    let smb = timeline.aggregate(PeriodKind::Quarter, Some("SMB"));
    assert_eq!((ent.len(), smb.len()), (2, 2), "two quarters per segment");
    let mut report = Vec::new();
    for e in expected::segment_quarters() {
        let rows = if e.segment == "Enterprise" {
            &ent
        } else {
            &smb
        };
        let a = rows
            .iter()
            .find(|a| a.period.map(|p| p.label()).as_deref() == Some(e.period))
            .unwrap_or_else(|| panic!("no {} {}", e.period, e.segment));
        let mut diff = |name: &str, got: Option<f64>, want: Option<f64>| {
            if !common::same(got, want) {
                report.push(format!(
                    "{} {} {name}: got {got:?}, expected {want:?}",
                    e.period, e.segment
                ));
            }
        };
        let n = |v: u64| Some(v as f64);
        assert_eq!(a.segment.as_deref(), Some(e.segment));
        diff("active", n(a.active_customers), n(e.active_customers));
        diff("new", n(a.new_customers), n(e.new_customers));
        diff("churned", n(a.churned_customers), n(e.churned_customers));
        diff("retention", a.logo_retention_pct, e.logo_retention_pct);
        diff("starting MRR", a.starting_mrr, e.starting_mrr);
        diff("expansion MRR", a.expansion_mrr, e.expansion_mrr);
        diff("contraction MRR", a.contraction_mrr, e.contraction_mrr);
        diff("churned MRR", a.churned_mrr, e.churned_mrr);
        diff("GRR", a.grr_pct, e.grr_pct);
        diff("NRR", a.nrr_pct, e.nrr_pct);
        diff("with ROI", n(a.customers_with_roi), n(e.customers_with_roi));
        diff("avg ROI", a.avg_roi_pct, e.avg_roi_pct);
        diff("median ROI", a.median_roi_pct, e.median_roi_pct);
        diff("CI low", a.roi_ci_low, e.roi_ci_low);
        diff("CI high", a.roi_ci_high, e.roi_ci_high);
        diff("savings", a.total_monthly_savings, e.total_monthly_savings);
        diff("NPS responses", n(a.nps_responses), n(e.nps_responses));
        diff("NPS", a.nps, e.nps);
        diff("referrals", Some(a.referrals), Some(e.referrals));
        diff("referral rate", a.referral_rate_pct, e.referral_rate_pct);
    }
    assert!(report.is_empty(), "\n{}", report.join("\n"));
}

#[test]
fn per_customer_figures_of_the_fixture() {
    let p = fixture();
    let f = portfolio_figures(&p, &rates());
    let ids: Vec<&str> = p.customers.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["ACME", "BETA", "DELTA", "ECHO", "GAMMA"]);
    // ACME: savings > 0 first at the 30-day row, dated 2025-02-09: 30 days after 01-10.
    assert_eq!(f[0].time_to_value_days, Some(30));
    let latest = f[0].latest().unwrap().roi.unwrap();
    assert_eq!(latest.monthly_savings, Some(2500.0));
    assert!(common::same(latest.net_roi_pct, Some(150.0)));
    // DELTA has no baseline: no figures on any row.
    assert!(
        f[2].checkpoints
            .iter()
            .all(|c| c.roi.is_none() && c.deltas.is_none())
    );
    // GAMMA: cost 6000 from its 30-day row; first savings 250 on 03-03 = 30 days after 02-01.
    assert_eq!(f[4].time_to_value_days, Some(30));
    assert!(common::same(
        f[4].checkpoints[1].roi.unwrap().net_roi_pct,
        Some(-50.0)
    ));
}
