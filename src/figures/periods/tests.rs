//! Periods and the edge cases of the aggregates (blank versus zero, cost 0,
//! MRR first reported mid-period); the hand-worked fixture and the property
//! tests are under `tests/`.

use super::*;
use crate::figures::customer::portfolio_figures;
use crate::portfolio::{Metric, Snapshot, Status};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn labels_and_bounds() {
    let m = Period::containing(PeriodKind::Month, d("2024-02-15"));
    assert_eq!(m.label(), "2024-02");
    assert_eq!((m.start, m.end), (d("2024-02-01"), d("2024-02-29")));
    let q = Period::containing(PeriodKind::Quarter, d("2025-03-31"));
    assert_eq!(q.label(), "2025-Q1");
    assert_eq!((q.start, q.end), (d("2025-01-01"), d("2025-03-31")));
    let q4 = Period::containing(PeriodKind::Quarter, d("2025-11-02"));
    assert_eq!(q4.label(), "2025-Q4");
    assert_eq!(q4.next().label(), "2026-Q1");
    assert_eq!(q4.end, d("2025-12-31"));
    assert!(q4.contains(d("2025-10-01")) && !q4.contains(d("2026-01-01")));
}

#[test]
fn periods_cover_first_to_last_without_gaps() {
    let months = periods_between(PeriodKind::Month, d("2024-11-30"), d("2025-02-01"));
    let labels: Vec<String> = months.iter().map(Period::label).collect();
    assert_eq!(labels, ["2024-11", "2024-12", "2025-01", "2025-02"]);
    for w in months.windows(2) {
        assert_eq!(w[0].end.succ_opt(), Some(w[1].start));
    }
    let quarters = periods_between(PeriodKind::Quarter, d("2025-03-31"), d("2025-04-01"));
    let labels: Vec<String> = quarters.iter().map(Period::label).collect();
    assert_eq!(labels, ["2025-Q1", "2025-Q2"]);
    assert_eq!(
        periods_between(PeriodKind::Month, d("2025-05-05"), d("2025-05-05")).len(),
        1
    );
    assert!(periods_between(PeriodKind::Month, d("2025-05-05"), d("2025-04-05")).is_empty());
}

#[test]
fn an_empty_portfolio_has_no_periods() {
    let p = Portfolio::default();
    assert!(aggregate(&p, &[], PeriodKind::Month, None).is_empty());
}

fn row(id: &str, cp: u32, date: &str, metrics: &[(Metric, f64)]) -> Snapshot {
    let mut s = Snapshot::new(id, cp, NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap());
    for &(m, v) in metrics {
        s.metrics.set(m, Some(v));
    }
    s
}

#[test]
fn zero_implementation_cost_gives_savings_but_no_roi() {
    use Metric::*;
    let p = Portfolio::from_snapshots(vec![
        row(
            "A",
            0,
            "2025-01-05",
            &[(ImplementationCost, 0.0), (InfrastructureCost, 500.0)],
        ),
        row("A", 30, "2025-01-20", &[(InfrastructureCost, 400.0)]),
    ]);
    let f = portfolio_figures(&p, &crate::figures::roi::hand_rates());
    let m = &aggregate(&p, &f, PeriodKind::Month, None)[0];
    assert_eq!(m.customers_with_roi, 0);
    assert_eq!(
        (m.avg_roi_pct, m.median_roi_pct, m.roi_ci_low),
        (None, None, None)
    );
    assert_eq!(m.avg_payback_months, None);
    // 500 − 400 = 100 $/month still counts as savings.
    assert_eq!(m.total_monthly_savings, Some(100.0));
    assert_eq!(m.avg_infrastructure_reduction_pct, Some(20.0));
}

#[test]
fn without_any_mrr_the_revenue_figures_are_blank() {
    let p = Portfolio::from_snapshots(vec![
        row("A", 0, "2025-01-05", &[]),
        row("A", 30, "2025-02-04", &[]),
    ]);
    let f = portfolio_figures(&p, &crate::figures::roi::hand_rates());
    let feb = &aggregate(&p, &f, PeriodKind::Month, None)[1];
    assert_eq!(feb.logo_retention_pct, Some(100.0), "a start set exists");
    assert_eq!(feb.starting_mrr, None);
    assert_eq!(
        (feb.expansion_mrr, feb.contraction_mrr, feb.churned_mrr),
        (None, None, None)
    );
    assert_eq!((feb.grr_pct, feb.nrr_pct), (None, None));
    assert_eq!(feb.nps_responses, 0);
    assert_eq!(
        (feb.nps, feb.nps_margin, feb.csat_avg, feb.ces_avg),
        (None, None, None, None)
    );
    assert_eq!(
        (feb.api_calls, feb.support_tickets, feb.referrals),
        (0.0, 0.0, 0.0)
    );
    assert_eq!(feb.expansion_revenue_reported, None);
    assert_eq!(feb.referral_rate_pct, Some(0.0));
    assert_eq!(feb.adoption_pct, None);
}

#[test]
fn zero_starting_mrr_leaves_grr_and_nrr_blank() {
    let p = Portfolio::from_snapshots(vec![
        row("A", 0, "2025-01-05", &[(Metric::Mrr, 0.0)]),
        row("A", 30, "2025-02-04", &[(Metric::Mrr, 100.0)]),
    ]);
    let f = portfolio_figures(&p, &crate::figures::roi::hand_rates());
    let feb = &aggregate(&p, &f, PeriodKind::Month, None)[1];
    assert_eq!(feb.starting_mrr, Some(0.0));
    assert_eq!(feb.expansion_mrr, Some(100.0));
    assert_eq!((feb.grr_pct, feb.nrr_pct), (None, None));
}

#[test]
fn mrr_first_reported_during_the_period_is_in_no_movement() {
    // B reports mrr only from February: it has no mrr(c, start) in
    // February, so its 300 is neither starting nor expansion MRR.
    let p = Portfolio::from_snapshots(vec![
        row("A", 0, "2025-01-05", &[(Metric::Mrr, 100.0)]),
        row("B", 0, "2025-01-06", &[]),
        row("B", 30, "2025-02-05", &[(Metric::Mrr, 300.0)]),
    ]);
    let f = portfolio_figures(&p, &crate::figures::roi::hand_rates());
    let feb = &aggregate(&p, &f, PeriodKind::Month, None)[1];
    assert_eq!(feb.starting_mrr, Some(100.0));
    assert_eq!(feb.expansion_mrr, Some(0.0));
    assert_eq!(feb.nrr_pct, Some(100.0));
}

#[test]
fn nobody_active_at_the_end_leaves_the_referral_rate_blank() {
    let mut churn = row("A", 30, "2025-01-20", &[(Metric::Referrals, 2.0)]);
    churn.status = Some(Status::Churned);
    let p = Portfolio::from_snapshots(vec![row("A", 0, "2025-01-05", &[]), churn]);
    let f = portfolio_figures(&p, &crate::figures::roi::hand_rates());
    let jan = &aggregate(&p, &f, PeriodKind::Month, None)[0];
    assert_eq!(jan.active_customers, 0);
    assert_eq!((jan.new_customers, jan.churned_customers), (1, 1));
    assert_eq!(jan.referrals, 2.0);
    assert_eq!(jan.referral_rate_pct, None);
}

#[test]
fn the_baseline_as_of_row_gives_no_roi_and_no_reductions() {
    use Metric::*;
    // The 30-day row is dated in February: at the end of January the
    // as-of row is the baseline.
    let p = Portfolio::from_snapshots(vec![
        row(
            "A",
            0,
            "2025-01-05",
            &[(ImplementationCost, 1000.0), (StorageGb, 100.0)],
        ),
        row("A", 30, "2025-02-04", &[(StorageGb, 50.0)]),
    ]);
    let f = portfolio_figures(&p, &crate::figures::roi::hand_rates());
    let months = aggregate(&p, &f, PeriodKind::Month, None);
    assert_eq!(months[0].customers_with_roi, 0);
    assert_eq!(months[0].avg_storage_reduction_pct, None);
    assert_eq!(months[0].total_monthly_savings, None);
    // February: 50 GB × 0.10 = 5 $/month; ROI (60 − 1000)/1000 = −94 %.
    assert_eq!(months[1].customers_with_roi, 1);
    assert!((months[1].avg_roi_pct.unwrap() + 94.0).abs() < 1e-9);
    assert_eq!(months[1].avg_storage_savings, Some(5.0));
    assert_eq!(months[1].avg_storage_reduction_pct, Some(50.0));
    assert_eq!((months[1].roi_ci_low, months[1].roi_ci_high), (None, None));
}
