//! The period aggregates of `tests/data/small_portfolio.csv` against the
//! figures worked out by hand in `tests/data/small_portfolio.md` (each
//! expected value below is that arithmetic, written out).

mod figures_common;
use figures_common as common;

use std::path::Path;

use chrono::NaiveDate;
use common::{differences, rates, read_canonical_csv};
use csf::figures::customer::portfolio_figures;
use csf::figures::periods::{Period, PeriodFigures, PeriodKind, PortfolioTimeline, aggregate};
use csf::portfolio::Portfolio;

/// t(0.975, 1) and t(0.975, 2): published two-sided 95 % critical values.
const T1: f64 = 12.706204736174698;
const T2: f64 = 4.302652729911275;

fn fixture() -> Portfolio {
    read_canonical_csv(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small_portfolio.csv"),
    )
}

fn period(kind: PeriodKind, start: (i32, u32, u32), end: (i32, u32, u32)) -> Option<Period> {
    let d = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    Some(Period {
        kind,
        start: d(start),
        end: d(end),
    })
}

fn nps_margin(p: f64, d: f64, n: f64) -> f64 {
    1.96 * 100.0 * ((p + d - (p - d).powi(2)) / n).sqrt()
}

fn january() -> PeriodFigures {
    PeriodFigures {
        period: period(PeriodKind::Month, (2025, 1, 1), (2025, 1, 31)),
        active_customers: 2,
        new_customers: 2,
        nps_responses: 2,
        nps: Some(-50.0),
        nps_margin: Some(196.0 * 0.125f64.sqrt()),
        csat_avg: Some(3.5),
        csat_pct: Some(50.0),
        ces_avg: Some(4.0),
        api_calls: 130_000.0,
        support_tickets: 30.0,
        adoption_pct: Some(50.0 / 120.0 * 100.0),
        feature_utilization_pct: Some(8.0 / 30.0 * 100.0),
        referrals: 0.0,
        referral_rate_pct: Some(0.0),
        ..PeriodFigures::default()
    }
}

fn february() -> PeriodFigures {
    PeriodFigures {
        period: period(PeriodKind::Month, (2025, 2, 1), (2025, 2, 28)),
        active_customers: 3,
        new_customers: 1,
        churned_customers: 0,
        logo_retention_pct: Some(100.0),
        starting_mrr: Some(1400.0),
        expansion_mrr: Some(0.0),
        contraction_mrr: Some(0.0),
        churned_mrr: Some(0.0),
        grr_pct: Some(100.0),
        nrr_pct: Some(100.0),
        expansion_revenue_reported: None,
        customers_with_roi: 2,
        avg_roi_pct: Some(25.0),
        median_roi_pct: Some(25.0),
        roi_ci_low: Some(25.0 - T1 * 25.0),
        roi_ci_high: Some(25.0 + T1 * 25.0),
        avg_payback_months: Some(10.0),
        total_monthly_savings: Some(1300.0),
        avg_storage_savings: Some(15.0),
        avg_storage_reduction_pct: Some(35.0),
        avg_latency_improvement_x: Some(1.25),
        avg_infrastructure_reduction_pct: Some(22.5),
        avg_error_rate_reduction_pct: Some(22.5),
        nps_responses: 3,
        nps: Some(0.0),
        nps_margin: Some(nps_margin(1.0 / 3.0, 1.0 / 3.0, 3.0)),
        csat_avg: Some(4.0),
        csat_pct: Some(200.0 / 3.0),
        ces_avg: Some(11.0 / 3.0),
        api_calls: 142_000.0,
        support_tickets: 53.0,
        adoption_pct: Some(82.0 / 170.0 * 100.0),
        feature_utilization_pct: Some(17.0 / 55.0 * 100.0),
        case_studies_published: 0,
        testimonials_collected: 0,
        referrals: 1.0,
        referral_rate_pct: Some(100.0 / 3.0),
        ..PeriodFigures::default()
    }
}

/// Stock figures at 2025-03-31 (March and Q1).
fn stock_march_end() -> PeriodFigures {
    PeriodFigures {
        active_customers: 3,
        customers_with_roi: 2,
        avg_roi_pct: Some(0.0),
        median_roi_pct: Some(0.0),
        roi_ci_low: Some(-T1 * 50.0),
        roi_ci_high: Some(T1 * 50.0),
        avg_payback_months: Some(16.0),
        total_monthly_savings: Some(1750.0),
        avg_storage_savings: Some(23.0),
        avg_storage_reduction_pct: Some(30.0),
        avg_latency_improvement_x: Some(1.375),
        avg_infrastructure_reduction_pct: Some(16.9),
        avg_error_rate_reduction_pct: Some(35.0),
        adoption_pct: Some(195.0 / 350.0 * 100.0),
        feature_utilization_pct: Some(30.0 / 85.0 * 100.0),
        ..PeriodFigures::default()
    }
}

fn march() -> PeriodFigures {
    PeriodFigures {
        period: period(PeriodKind::Month, (2025, 3, 1), (2025, 3, 31)),
        new_customers: 1,
        churned_customers: 1,
        logo_retention_pct: Some(200.0 / 3.0),
        starting_mrr: Some(2200.0),
        expansion_mrr: Some(500.0),
        contraction_mrr: Some(0.0),
        churned_mrr: Some(400.0),
        grr_pct: Some(1800.0 / 2200.0 * 100.0),
        nrr_pct: Some(2300.0 / 2200.0 * 100.0),
        expansion_revenue_reported: Some(500.0),
        nps_responses: 4,
        nps: Some(25.0),
        nps_margin: Some(196.0 * 0.171875f64.sqrt()),
        csat_avg: Some(4.0),
        csat_pct: Some(75.0),
        ces_avg: Some(3.5),
        api_calls: 192_000.0,
        support_tickets: 54.0,
        testimonials_collected: 1,
        referrals: 0.0,
        referral_rate_pct: Some(0.0),
        ..stock_march_end()
    }
}

fn april() -> PeriodFigures {
    PeriodFigures {
        period: period(PeriodKind::Month, (2025, 4, 1), (2025, 4, 30)),
        active_customers: 4,
        new_customers: 1,
        churned_customers: 0,
        logo_retention_pct: Some(100.0),
        starting_mrr: Some(2800.0),
        expansion_mrr: Some(0.0),
        contraction_mrr: Some(200.0),
        churned_mrr: Some(0.0),
        grr_pct: Some(2600.0 / 2800.0 * 100.0),
        nrr_pct: Some(2600.0 / 2800.0 * 100.0),
        expansion_revenue_reported: None,
        customers_with_roi: 2,
        avg_roi_pct: Some(50.0),
        median_roi_pct: Some(50.0),
        roi_ci_low: Some(50.0 - T1 * 50.0),
        roi_ci_high: Some(50.0 + T1 * 50.0),
        avg_payback_months: Some(9.0),
        total_monthly_savings: Some(2500.0),
        avg_storage_savings: Some(29.5),
        avg_storage_reduction_pct: Some(40.0),
        avg_latency_improvement_x: Some(2.0),
        avg_infrastructure_reduction_pct: Some(25.15),
        avg_error_rate_reduction_pct: Some(45.0),
        nps_responses: 4,
        nps: Some(50.0),
        nps_margin: Some(196.0 * 0.1875f64.sqrt()),
        csat_avg: Some(3.75),
        csat_pct: Some(75.0),
        ces_avg: Some(4.0),
        api_calls: 194_000.0,
        support_tickets: 39.0,
        adoption_pct: Some(265.0 / 360.0 * 100.0),
        feature_utilization_pct: Some(22.0 / 45.0 * 100.0),
        case_studies_published: 1,
        testimonials_collected: 0,
        referrals: 1.0,
        referral_rate_pct: Some(25.0),
        ..PeriodFigures::default()
    }
}

/// Stock figures at 2025-05-31, which are also those at 2025-06-30 (no later rows).
fn stock_may_end() -> PeriodFigures {
    // ROI 150 (ACME), 20 (ECHO), 100 (GAMMA): mean 90, s² = (60² + 70² + 10²)/2 = 4300.
    let half = T2 * 4300f64.sqrt() / 3f64.sqrt();
    PeriodFigures {
        active_customers: 4,
        customers_with_roi: 3,
        avg_roi_pct: Some(90.0),
        median_roi_pct: Some(100.0),
        roi_ci_low: Some(90.0 - half),
        roi_ci_high: Some(90.0 + half),
        avg_payback_months: Some((4.8 + 10.0 + 6.0) / 3.0),
        total_monthly_savings: Some(3562.0),
        avg_storage_savings: Some(61.0 / 3.0),
        avg_storage_reduction_pct: Some(100.0 / 3.0),
        avg_latency_improvement_x: Some(2.0),
        avg_infrastructure_reduction_pct: Some(35.1),
        avg_error_rate_reduction_pct: Some(62.5),
        adoption_pct: Some(293.0 / 360.0 * 100.0),
        feature_utilization_pct: Some(47.0 / 85.0 * 100.0),
        ..PeriodFigures::default()
    }
}

fn may() -> PeriodFigures {
    PeriodFigures {
        period: period(PeriodKind::Month, (2025, 5, 1), (2025, 5, 31)),
        new_customers: 0,
        churned_customers: 0,
        logo_retention_pct: Some(100.0),
        starting_mrr: Some(2900.0),
        expansion_mrr: Some(200.0),
        contraction_mrr: Some(0.0),
        churned_mrr: Some(0.0),
        grr_pct: Some(100.0),
        nrr_pct: Some(3100.0 / 2900.0 * 100.0),
        expansion_revenue_reported: Some(200.0),
        nps_responses: 3,
        nps: Some(200.0 / 3.0),
        nps_margin: Some(196.0 * (2.0f64 / 27.0).sqrt()),
        csat_avg: Some(4.75),
        csat_pct: Some(100.0),
        ces_avg: Some(1.5),
        api_calls: 205_000.0,
        support_tickets: 35.0,
        case_studies_published: 0,
        testimonials_collected: 1,
        referrals: 3.0,
        referral_rate_pct: Some(50.0),
        ..stock_may_end()
    }
}

fn q1() -> PeriodFigures {
    PeriodFigures {
        period: period(PeriodKind::Quarter, (2025, 1, 1), (2025, 3, 31)),
        new_customers: 4,
        churned_customers: 1,
        expansion_revenue_reported: Some(500.0),
        nps_responses: 9,
        nps: Some(0.0),
        nps_margin: Some(196.0 * (2.0f64 / 27.0).sqrt()),
        csat_avg: Some(35.0 / 9.0),
        csat_pct: Some(600.0 / 9.0),
        ces_avg: Some(33.0 / 9.0),
        api_calls: 464_000.0,
        support_tickets: 137.0,
        case_studies_published: 0,
        testimonials_collected: 1,
        referrals: 1.0,
        referral_rate_pct: Some(100.0 / 3.0),
        ..stock_march_end()
    }
}

fn q2() -> PeriodFigures {
    PeriodFigures {
        period: period(PeriodKind::Quarter, (2025, 4, 1), (2025, 6, 30)),
        new_customers: 1,
        churned_customers: 0,
        logo_retention_pct: Some(100.0),
        starting_mrr: Some(2800.0),
        expansion_mrr: Some(200.0),
        contraction_mrr: Some(200.0),
        churned_mrr: Some(0.0),
        grr_pct: Some(2600.0 / 2800.0 * 100.0),
        nrr_pct: Some(100.0),
        expansion_revenue_reported: Some(200.0),
        nps_responses: 7,
        nps: Some(400.0 / 7.0),
        nps_margin: Some(196.0 * (26.0f64 / 343.0).sqrt()),
        csat_avg: Some(4.25),
        csat_pct: Some(87.5),
        ces_avg: Some(3.0),
        api_calls: 399_000.0,
        support_tickets: 74.0,
        case_studies_published: 1,
        testimonials_collected: 1,
        referrals: 4.0,
        referral_rate_pct: Some(75.0),
        ..stock_may_end()
    }
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
    check(&months, &[january(), february(), march(), april(), may()]);
}

#[test]
fn quarterly_figures_match_the_hand_worked_figures() {
    let p = fixture();
    let f = portfolio_figures(&p, &rates());
    let quarters = aggregate(&p, &f, PeriodKind::Quarter, None);
    let labels: Vec<String> = quarters.iter().map(|m| m.period.unwrap().label()).collect();
    assert_eq!(labels, ["2025-Q1", "2025-Q2"]);
    check(&quarters, &[q1(), q2()]);
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
    let q = |f: &PeriodFigures| {
        (
            f.segment.clone(),
            f.active_customers,
            f.new_customers,
            f.churned_customers,
            f.customers_with_roi,
            f.nps_responses,
        )
    };
    let e = |s: &str| Some(s.to_string());
    assert_eq!(q(&ent[0]), (e("Enterprise"), 2, 2, 0, 1, 4));
    assert_eq!(q(&ent[1]), (e("Enterprise"), 2, 0, 0, 1, 3));
    assert_eq!(q(&smb[0]), (e("SMB"), 1, 2, 1, 1, 5));
    assert_eq!(q(&smb[1]), (e("SMB"), 2, 1, 0, 2, 4));

    let money = |f: &PeriodFigures| {
        [
            f.logo_retention_pct,
            f.starting_mrr,
            f.expansion_mrr,
            f.contraction_mrr,
            f.churned_mrr,
            f.grr_pct,
            f.nrr_pct,
            f.avg_roi_pct,
            f.median_roi_pct,
            f.roi_ci_low,
            f.roi_ci_high,
            f.total_monthly_savings,
            f.nps,
            Some(f.referrals),
            f.referral_rate_pct,
        ]
    };
    let expected: [[Option<f64>; 15]; 4] = [
        // Enterprise Q1: empty start set; ROI ACME 50 alone (no CI for n = 1).
        [
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            Some(50.0),
            Some(50.0),
            None,
            None,
            Some(1500.0),
            Some(75.0),
            Some(0.0),
            Some(0.0),
        ],
        // Enterprise Q2: 2000 → DELTA +200; NRR 2200/2000.
        [
            Some(100.0),
            Some(2000.0),
            Some(200.0),
            Some(0.0),
            Some(0.0),
            Some(100.0),
            Some(110.0),
            Some(150.0),
            Some(150.0),
            None,
            None,
            Some(2500.0),
            Some(100.0 / 3.0),
            Some(3.0),
            Some(100.0),
        ],
        // SMB Q1: GAMMA −50 alone; NPS (0 − 3)/5 × 100 = −60.
        [
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            Some(-50.0),
            Some(-50.0),
            None,
            None,
            Some(250.0),
            Some(-60.0),
            Some(1.0),
            Some(100.0),
        ],
        // SMB Q2: GAMMA 800 → 600; ROI 100, 20 → mean 60 ± T1 × 40.
        [
            Some(100.0),
            Some(800.0),
            Some(0.0),
            Some(200.0),
            Some(0.0),
            Some(75.0),
            Some(75.0),
            Some(60.0),
            Some(60.0),
            Some(60.0 - T1 * 40.0),
            Some(60.0 + T1 * 40.0),
            Some(1062.0),
            Some(75.0),
            Some(1.0),
            Some(50.0),
        ],
    ];
    for (i, (actual, expected)) in [&ent[0], &ent[1], &smb[0], &smb[1]]
        .into_iter()
        .zip(expected)
        .enumerate()
    {
        for (j, (a, e)) in money(actual).into_iter().zip(expected).enumerate() {
            assert!(
                common::same(a, e),
                "segment row {i}, value {j}: got {a:?}, expected {e:?}"
            );
        }
    }
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
