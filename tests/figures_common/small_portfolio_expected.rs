//! The figures of `tests/data/small_portfolio.csv` worked out by hand in
//! `tests/data/small_portfolio.md` (each value is that arithmetic, written
//! out), shared by the library-level test (`figures_small_portfolio.rs`) and
//! the end-to-end test of `csf report` (`report_small_portfolio.rs`).

use chrono::NaiveDate;
use csf::figures::periods::{Period, PeriodFigures, PeriodKind};

/// t(0.975, 1) = tan(0.475π) = cot(π/40), the two-sided 95 % critical value
/// for one degree of freedom (the t distribution with 1 df is Cauchy).
pub const T1: f64 = 12.706_204_736_174_705;
/// t(0.975, 2) = √(1.805 / 0.0975): with 2 df the distribution function is
/// 1/2 + t / (2√(2 + t²)), so t / √(2 + t²) = 0.95 and t² = 2 × 0.9025 / 0.0975.
pub const T2: f64 = 4.302_652_729_749_464;

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

pub fn january() -> PeriodFigures {
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

pub fn february() -> PeriodFigures {
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

pub fn march() -> PeriodFigures {
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

pub fn april() -> PeriodFigures {
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

pub fn may() -> PeriodFigures {
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

pub fn q1() -> PeriodFigures {
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

pub fn q2() -> PeriodFigures {
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

/// The Monthly sheet: 2025-01 .. 2025-05, in order.
pub fn months() -> Vec<PeriodFigures> {
    vec![january(), february(), march(), april(), may()]
}

/// The Quarterly sheet: 2025-Q1, 2025-Q2, in order.
pub fn quarters() -> Vec<PeriodFigures> {
    vec![q1(), q2()]
}

/// The figures of one segment quarter that the .md's Segments table works
/// out (the other fields are checked on the whole portfolio and by the
/// property tests).
#[derive(Clone, Debug)]
pub struct SegmentQuarter {
    pub period: &'static str,
    pub segment: &'static str,
    pub active_customers: u64,
    pub new_customers: u64,
    pub churned_customers: u64,
    pub logo_retention_pct: Option<f64>,
    pub starting_mrr: Option<f64>,
    pub expansion_mrr: Option<f64>,
    pub contraction_mrr: Option<f64>,
    pub churned_mrr: Option<f64>,
    pub grr_pct: Option<f64>,
    pub nrr_pct: Option<f64>,
    pub customers_with_roi: u64,
    pub avg_roi_pct: Option<f64>,
    pub median_roi_pct: Option<f64>,
    pub roi_ci_low: Option<f64>,
    pub roi_ci_high: Option<f64>,
    pub total_monthly_savings: Option<f64>,
    pub nps_responses: u64,
    pub nps: Option<f64>,
    pub referrals: f64,
    pub referral_rate_pct: Option<f64>,
}

/// Enterprise = {ACME, DELTA}, SMB = {BETA, ECHO, GAMMA}; the .md's
/// "Segments (quarters)" table, column by column.
pub fn segment_quarters() -> Vec<SegmentQuarter> {
    vec![
        // Enterprise Q1: start set empty (nothing before 2025-01-01); ROI ACME
        // 50 alone (A60; DELTA has no baseline), no CI for n = 1; savings ACME
        // 1500; NPS 8, 9, 10, 10 → 3 promoters of 4 = 75; referrals 0 of 2.
        SegmentQuarter {
            period: "2025-Q1",
            segment: "Enterprise",
            active_customers: 2,
            new_customers: 2,
            churned_customers: 0,
            logo_retention_pct: None,
            starting_mrr: None,
            expansion_mrr: None,
            contraction_mrr: None,
            churned_mrr: None,
            grr_pct: None,
            nrr_pct: None,
            customers_with_roi: 1,
            avg_roi_pct: Some(50.0),
            median_roi_pct: Some(50.0),
            roi_ci_low: None,
            roi_ci_high: None,
            total_monthly_savings: Some(1500.0),
            nps_responses: 4,
            nps: Some(75.0),
            referrals: 0.0,
            referral_rate_pct: Some(0.0),
        },
        // SMB Q1: GAMMA active (BETA churned 03-16); ROI GAMMA −50 alone;
        // NPS 6, 7, 5, 3, 7 → (0 − 3)/5 = −60; BETA's 1 referral / 1 active.
        SegmentQuarter {
            period: "2025-Q1",
            segment: "SMB",
            active_customers: 1,
            new_customers: 2,
            churned_customers: 1,
            logo_retention_pct: None,
            starting_mrr: None,
            expansion_mrr: None,
            contraction_mrr: None,
            churned_mrr: None,
            grr_pct: None,
            nrr_pct: None,
            customers_with_roi: 1,
            avg_roi_pct: Some(-50.0),
            median_roi_pct: Some(-50.0),
            roi_ci_low: None,
            roi_ci_high: None,
            total_monthly_savings: Some(250.0),
            nps_responses: 5,
            nps: Some(-60.0),
            referrals: 1.0,
            referral_rate_pct: Some(100.0),
        },
        // Enterprise Q2: start {ACME 1500, DELTA 500} = 2000 → DELTA +200;
        // GRR 100, NRR 2200/2000 = 110; ROI ACME 150 alone; NPS 9, 4, 10 →
        // (2 − 1)/3; referrals 2 + 1 = 3 from both of the 2 active.
        SegmentQuarter {
            period: "2025-Q2",
            segment: "Enterprise",
            active_customers: 2,
            new_customers: 0,
            churned_customers: 0,
            logo_retention_pct: Some(100.0),
            starting_mrr: Some(2000.0),
            expansion_mrr: Some(200.0),
            contraction_mrr: Some(0.0),
            churned_mrr: Some(0.0),
            grr_pct: Some(100.0),
            nrr_pct: Some(110.0),
            customers_with_roi: 1,
            avg_roi_pct: Some(150.0),
            median_roi_pct: Some(150.0),
            roi_ci_low: None,
            roi_ci_high: None,
            total_monthly_savings: Some(2500.0),
            nps_responses: 3,
            nps: Some(100.0 / 3.0),
            referrals: 3.0,
            referral_rate_pct: Some(100.0),
        },
        // SMB Q2: start {GAMMA 800} → 600: contraction 200, GRR = NRR = 75;
        // ROI GAMMA 100, ECHO 20: mean 60, s/√2 = 40, CI 60 ± T1 × 40;
        // savings 1000 + 62; NPS 9, 9, 10, 8 → 75; GAMMA's 1 referral / 2.
        SegmentQuarter {
            period: "2025-Q2",
            segment: "SMB",
            active_customers: 2,
            new_customers: 1,
            churned_customers: 0,
            logo_retention_pct: Some(100.0),
            starting_mrr: Some(800.0),
            expansion_mrr: Some(0.0),
            contraction_mrr: Some(200.0),
            churned_mrr: Some(0.0),
            grr_pct: Some(75.0),
            nrr_pct: Some(75.0),
            customers_with_roi: 2,
            avg_roi_pct: Some(60.0),
            median_roi_pct: Some(60.0),
            roi_ci_low: Some(60.0 - T1 * 40.0),
            roi_ci_high: Some(60.0 + T1 * 40.0),
            total_monthly_savings: Some(1062.0),
            nps_responses: 4,
            nps: Some(75.0),
            referrals: 1.0,
            referral_rate_pct: Some(50.0),
        },
    ]
}
