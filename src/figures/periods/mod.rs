//! Period aggregates (SPEC 3.4): one routine for months and quarters, for the
//! whole portfolio or one segment.
//!
//! One walk over the customers in scope fills every period at once (blocks
//! of customers in parallel, merged in a fixed order), so the result does
//! not depend on the number of threads.

mod stock;
mod sweep;
mod tally;
mod timeline;

use chrono::{Datelike, NaiveDate};

use super::customer::CustomerFigures;
use crate::portfolio::Portfolio;
use sweep::Scope;
use timeline::Timeline;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKind {
    Month,
    Quarter,
}

impl PeriodKind {
    fn months(self) -> u32 {
        match self {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
        }
    }
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
    /// The month or quarter that holds `date`.
    pub fn containing(kind: PeriodKind, date: NaiveDate) -> Period {
        let len = kind.months();
        let first_month = (date.month0() / len) * len + 1;
        let start = NaiveDate::from_ymd_opt(date.year(), first_month, 1)
            .expect("the first day of a month exists");
        Period::starting(kind, start)
    }

    fn starting(kind: PeriodKind, start: NaiveDate) -> Period {
        let next = start
            .checked_add_months(chrono::Months::new(kind.months()))
            .expect("dates stay far from chrono's limits");
        Period {
            kind,
            start,
            end: next
                .pred_opt()
                .expect("a day before a first of month exists"),
        }
    }

    /// The period right after this one.
    pub fn next(&self) -> Period {
        Period::starting(self.kind, self.end.succ_opt().expect("a day after exists"))
    }

    /// `2025-03` or `2025-Q1`.
    pub fn label(&self) -> String {
        match self.kind {
            PeriodKind::Month => self.start.format("%Y-%m").to_string(),
            PeriodKind::Quarter => {
                format!("{}-Q{}", self.start.year(), self.start.month0() / 3 + 1)
            }
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
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

impl PeriodFigures {
    /// Blank out any non-finite figure (extreme inputs can overflow a sum or
    /// a ratio): the workbook must never see NaN or infinity.
    fn finite(mut self) -> Self {
        for v in [
            &mut self.logo_retention_pct,
            &mut self.starting_mrr,
            &mut self.expansion_mrr,
            &mut self.contraction_mrr,
            &mut self.churned_mrr,
            &mut self.grr_pct,
            &mut self.nrr_pct,
            &mut self.expansion_revenue_reported,
            &mut self.avg_roi_pct,
            &mut self.median_roi_pct,
            &mut self.roi_ci_low,
            &mut self.roi_ci_high,
            &mut self.avg_payback_months,
            &mut self.total_monthly_savings,
            &mut self.avg_storage_savings,
            &mut self.avg_storage_reduction_pct,
            &mut self.avg_latency_improvement_x,
            &mut self.avg_infrastructure_reduction_pct,
            &mut self.avg_error_rate_reduction_pct,
            &mut self.nps,
            &mut self.nps_margin,
            &mut self.csat_avg,
            &mut self.csat_pct,
            &mut self.ces_avg,
            &mut self.adoption_pct,
            &mut self.feature_utilization_pct,
            &mut self.referral_rate_pct,
        ] {
            *v = v.filter(|x| x.is_finite());
        }
        self
    }
}

/// Every period of `kind` from the one holding `first` to the one holding
/// `last`, without gaps (empty when `last` is before `first`).
pub fn periods_between(kind: PeriodKind, first: NaiveDate, last: NaiveDate) -> Vec<Period> {
    let mut out = Vec::new();
    let mut p = Period::containing(kind, first);
    while p.start <= last {
        out.push(p);
        p = p.next();
    }
    out
}

/// The aggregates of every period, for the customers of `segment` (all when
/// None). `figures` is parallel to `portfolio.customers`.
///
/// Builds a [`PortfolioTimeline`] each call; to compute several tables
/// (months, quarters, segments), build one and call its `aggregate`.
pub fn aggregate(
    portfolio: &Portfolio,
    figures: &[CustomerFigures],
    kind: PeriodKind,
    segment: Option<&str>,
) -> Vec<PeriodFigures> {
    PortfolioTimeline::new(portfolio, figures).aggregate(kind, segment)
}

/// The portfolio indexed by date once, for any number of period tables.
pub struct PortfolioTimeline<'a> {
    portfolio: &'a Portfolio,
    timeline: Timeline,
}

impl<'a> PortfolioTimeline<'a> {
    /// `figures` must be parallel to `portfolio.customers`
    /// (see [`super::customer::portfolio_figures`]).
    pub fn new(portfolio: &'a Portfolio, figures: &[CustomerFigures]) -> Self {
        assert_eq!(
            portfolio.customers.len(),
            figures.len(),
            "customer figures must be parallel to the portfolio's customers"
        );
        PortfolioTimeline {
            portfolio,
            timeline: Timeline::new(portfolio, figures),
        }
    }

    /// Same as [`aggregate`]. Periods always span the whole portfolio's
    /// first to last row date, so every segment gets the same periods.
    pub fn aggregate(&self, kind: PeriodKind, segment: Option<&str>) -> Vec<PeriodFigures> {
        let Some((first, last)) = self.portfolio.date_range() else {
            return Vec::new();
        };
        let customers: Vec<usize> = self
            .portfolio
            .customers
            .iter()
            .enumerate()
            .filter(|(_, c)| segment.is_none() || c.segment.as_deref() == segment)
            .map(|(i, _)| i)
            .collect();
        let scope = Scope {
            timeline: &self.timeline,
            portfolio: self.portfolio,
            customers: &customers,
        };
        sweep::period_figures(&scope, &periods_between(kind, first, last), segment)
    }
}

#[cfg(test)]
mod tests;
