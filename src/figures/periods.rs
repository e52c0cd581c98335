//! Period aggregates (SPEC 3.4): one routine for months and quarters, for the
//! whole portfolio or one segment.

use chrono::NaiveDate;

use super::customer::CustomerFigures;
use crate::portfolio::Portfolio;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKind {
    Month,
    Quarter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub kind: PeriodKind,
    /// First day (S).
    pub start: NaiveDate,
    /// Last day (E).
    pub end: NaiveDate,
}

impl Period {
    /// `2025-03` or `2025-Q1`.
    pub fn label(&self) -> String {
        todo!("figures helper")
    }
}

/// One row of the Monthly, Quarterly or Segments sheet. Counts are 0 when
/// nothing happened; means, shares, ratios and money sums without data are None.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PeriodFigures {
    pub period: Option<Period>,
    pub segment: Option<String>,
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
    pub expansion_revenue_reported: Option<f64>,
    pub customers_with_roi: u64,
    pub avg_roi_pct: Option<f64>,
    pub median_roi_pct: Option<f64>,
    pub roi_ci_low: Option<f64>,
    pub roi_ci_high: Option<f64>,
    pub avg_payback_months: Option<f64>,
    pub total_monthly_savings: Option<f64>,
    pub avg_storage_savings: Option<f64>,
    pub avg_storage_reduction_pct: Option<f64>,
    pub avg_latency_improvement_x: Option<f64>,
    pub avg_infrastructure_reduction_pct: Option<f64>,
    pub avg_error_rate_reduction_pct: Option<f64>,
    pub nps_responses: u64,
    pub nps: Option<f64>,
    pub nps_margin: Option<f64>,
    pub csat_avg: Option<f64>,
    pub csat_pct: Option<f64>,
    pub ces_avg: Option<f64>,
    pub api_calls: f64,
    pub support_tickets: f64,
    pub adoption_pct: Option<f64>,
    pub feature_utilization_pct: Option<f64>,
    pub case_studies_published: u64,
    pub testimonials_collected: u64,
    pub referrals: f64,
    pub referral_rate_pct: Option<f64>,
}

/// Every period of `kind` from the one holding `first` to the one holding
/// `last`, without gaps.
pub fn periods_between(kind: PeriodKind, first: NaiveDate, last: NaiveDate) -> Vec<Period> {
    todo!("figures helper")
}

/// The aggregates of every period, for the customers of `segment` (all when
/// None). `figures` is parallel to `portfolio.customers`.
pub fn aggregate(
    portfolio: &Portfolio,
    figures: &[CustomerFigures],
    kind: PeriodKind,
    segment: Option<&str>,
) -> Vec<PeriodFigures> {
    todo!("figures helper")
}
