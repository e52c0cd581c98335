//! What one period (one row of SPEC 3.4) gathers from its customers, and how
//! the gathered parts add up. Parts are merged in a fixed order by the
//! caller, so the sums are bit-identical whatever the thread count.

use chrono::NaiveDate;

use super::stock::{Stock, opt};
use super::timeline::{CustomerKey, State};
use super::{Period, PeriodFigures};
use crate::figures::stats::{self, NpsTally};
use crate::portfolio::{Metric, Snapshot};

/// A money sum that stays None until something is added: "no data" is not 0.
#[derive(Clone, Copy, Debug, Default)]
struct Sum(Option<f64>);

impl Sum {
    fn add(&mut self, v: f64) {
        self.0 = Some(self.0.unwrap_or(0.0) + v);
    }

    fn merge(&mut self, other: Sum) {
        if let Some(v) = other.0 {
            self.add(v);
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Mean {
    sum: f64,
    n: u64,
}

impl Mean {
    fn add(&mut self, v: f64) {
        self.sum += v;
        self.n += 1;
    }

    fn add_opt(&mut self, v: Option<f64>) {
        if let Some(v) = v {
            self.add(v);
        }
    }

    fn value(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }

    fn merge(&mut self, other: Mean) {
        self.sum += other.sum;
        self.n += other.n;
    }
}

/// Σ numerator / Σ denominator × 100 over items that have both.
#[derive(Clone, Copy, Debug, Default)]
struct PooledShare {
    num: f64,
    den: f64,
    n: u64,
}

impl PooledShare {
    fn add(&mut self, num: Option<f64>, den: Option<f64>) {
        if let (Some(a), Some(b)) = (num, den) {
            self.num += a;
            self.den += b;
            self.n += 1;
        }
    }

    fn value(&self) -> Option<f64> {
        (self.n > 0 && self.den != 0.0).then(|| self.num / self.den * 100.0)
    }

    fn merge(&mut self, other: PooledShare) {
        self.num += other.num;
        self.den += other.den;
        self.n += other.n;
    }
}

/// Everything a period needs, gathered customer by customer.
#[derive(Clone, Debug, Default)]
pub(super) struct Tally {
    active_end: u64,
    new: u64,
    churned: u64,
    start_set: u64,
    retained: u64,
    starting_mrr: Sum,
    expansion_mrr: Sum,
    contraction_mrr: Sum,
    churned_mrr: Sum,
    expansion_revenue: Sum,
    roi: Vec<f64>,
    payback: Mean,
    savings: Sum,
    storage_savings: Mean,
    storage_reduction: Mean,
    latency_x: Mean,
    infrastructure_reduction: Mean,
    error_rate_reduction: Mean,
    nps: NpsTally,
    csat: Mean,
    csat_satisfied: u64,
    ces: Mean,
    api_calls: f64,
    tickets: f64,
    adoption: PooledShare,
    features: PooledShare,
    case_studies: u64,
    testimonials: u64,
    referrals: f64,
    referrers: u64,
}

fn within(d: Option<NaiveDate>, p: Period) -> bool {
    d.is_some_and(|d| p.contains(d))
}

impl Tally {
    pub fn events(&mut self, key: &CustomerKey, p: Period) {
        self.new += u64::from(within(Some(key.start), p));
        self.churned += u64::from(within(key.churn, p));
        self.case_studies += u64::from(within(key.first_case_study, p));
        self.testimonials += u64::from(within(key.first_testimonial, p));
    }

    /// Logos and MRR movements of the start set (active at S − 1 day).
    pub fn revenue(&mut self, start: &State, end: &State) {
        self.active_end += u64::from(end.active);
        if !start.active {
            return;
        }
        self.start_set += 1;
        self.retained += u64::from(end.active);
        // Customers without any mrr reported by the start stay out of every
        // MRR sum: counting only their end value would inflate expansion.
        let (Some(m0), Some(m1)) = (start.mrr, end.mrr) else {
            return;
        };
        self.starting_mrr.add(m0);
        self.expansion_mrr.add((m1 - m0).max(0.0));
        if end.active {
            self.contraction_mrr.add((m0 - m1).max(0.0));
            self.churned_mrr.add(0.0);
        } else {
            self.contraction_mrr.add(0.0);
            self.churned_mrr.add(m0);
        }
    }

    /// Figures of the as-of row of a customer active at E.
    pub fn stock(&mut self, st: &Stock) {
        self.adoption.add(opt(st.users[0]), opt(st.users[1]));
        self.features.add(opt(st.features[0]), opt(st.features[1]));
        if let Some(v) = opt(st.savings) {
            self.savings.add(v);
        }
        self.storage_savings.add_opt(opt(st.storage_line));
        if let Some(v) = opt(st.roi) {
            self.roi.push(v);
            self.payback.add_opt(opt(st.payback));
        }
        self.storage_reduction.add_opt(opt(st.storage_reduction));
        self.latency_x.add_opt(opt(st.latency_x));
        self.infrastructure_reduction
            .add_opt(opt(st.infrastructure_reduction));
        self.error_rate_reduction
            .add_opt(opt(st.error_rate_reduction));
    }

    /// The rows of one customer dated in the period.
    pub fn rows_in_period<'a>(&mut self, rows: impl Iterator<Item = &'a Snapshot>) {
        let mut referred = false;
        for s in rows {
            referred |= self.flows(s);
        }
        self.referrers += u64::from(referred);
    }

    /// A row dated in the period. Returns whether it reports referrals > 0.
    fn flows(&mut self, s: &Snapshot) -> bool {
        if let Some(v) = s.get(Metric::ExpansionRevenue) {
            self.expansion_revenue.add(v);
        }
        if let Some(v) = s.get(Metric::Nps) {
            self.nps.add(v);
        }
        if let Some(v) = s.get(Metric::Csat) {
            self.csat.add(v);
            self.csat_satisfied += u64::from(v >= 4.0);
        }
        self.ces.add_opt(s.get(Metric::Ces));
        self.api_calls += s.get(Metric::ApiCalls).unwrap_or(0.0);
        self.tickets += s.get(Metric::SupportTickets).unwrap_or(0.0);
        let referrals = s.get(Metric::Referrals).unwrap_or(0.0);
        self.referrals += referrals;
        referrals > 0.0
    }

    /// Add a part gathered from later customers (portfolio order).
    pub fn merge(&mut self, o: Tally) {
        self.active_end += o.active_end;
        self.new += o.new;
        self.churned += o.churned;
        self.start_set += o.start_set;
        self.retained += o.retained;
        self.starting_mrr.merge(o.starting_mrr);
        self.expansion_mrr.merge(o.expansion_mrr);
        self.contraction_mrr.merge(o.contraction_mrr);
        self.churned_mrr.merge(o.churned_mrr);
        self.expansion_revenue.merge(o.expansion_revenue);
        self.roi.extend(o.roi);
        self.payback.merge(o.payback);
        self.savings.merge(o.savings);
        self.storage_savings.merge(o.storage_savings);
        self.storage_reduction.merge(o.storage_reduction);
        self.latency_x.merge(o.latency_x);
        self.infrastructure_reduction
            .merge(o.infrastructure_reduction);
        self.error_rate_reduction.merge(o.error_rate_reduction);
        self.nps.promoters += o.nps.promoters;
        self.nps.passives += o.nps.passives;
        self.nps.detractors += o.nps.detractors;
        self.csat.merge(o.csat);
        self.csat_satisfied += o.csat_satisfied;
        self.ces.merge(o.ces);
        self.api_calls += o.api_calls;
        self.tickets += o.tickets;
        self.adoption.merge(o.adoption);
        self.features.merge(o.features);
        self.case_studies += o.case_studies;
        self.testimonials += o.testimonials;
        self.referrals += o.referrals;
        self.referrers += o.referrers;
    }

    pub fn finish(self, period: Period, segment: Option<&str>) -> PeriodFigures {
        let pct = |part: u64, whole: u64| (whole > 0).then(|| part as f64 / whole as f64 * 100.0);
        let starting = self.starting_mrr.0.filter(|s| *s != 0.0);
        let [expansion, contraction, churned] = [
            self.expansion_mrr.0,
            self.contraction_mrr.0,
            self.churned_mrr.0,
        ]
        .map(|v| v.unwrap_or(0.0));
        let ci = stats::mean_ci95(&self.roi);
        let figures = PeriodFigures {
            period: Some(period),
            segment: segment.map(str::to_string),
            active_customers: self.active_end,
            new_customers: self.new,
            churned_customers: self.churned,
            logo_retention_pct: pct(self.retained, self.start_set),
            starting_mrr: self.starting_mrr.0,
            expansion_mrr: self.expansion_mrr.0,
            contraction_mrr: self.contraction_mrr.0,
            churned_mrr: self.churned_mrr.0,
            grr_pct: starting.map(|s| (s - contraction - churned) / s * 100.0),
            nrr_pct: starting.map(|s| (s + expansion - contraction - churned) / s * 100.0),
            expansion_revenue_reported: self.expansion_revenue.0,
            customers_with_roi: self.roi.len() as u64,
            avg_roi_pct: stats::mean(&self.roi),
            median_roi_pct: stats::median(&self.roi),
            roi_ci_low: ci.map(|c| c.low),
            roi_ci_high: ci.map(|c| c.high),
            avg_payback_months: self.payback.value(),
            total_monthly_savings: self.savings.0,
            avg_storage_savings: self.storage_savings.value(),
            avg_storage_reduction_pct: self.storage_reduction.value(),
            avg_latency_improvement_x: self.latency_x.value(),
            avg_infrastructure_reduction_pct: self.infrastructure_reduction.value(),
            avg_error_rate_reduction_pct: self.error_rate_reduction.value(),
            nps_responses: self.nps.responses(),
            nps: self.nps.score(),
            nps_margin: self.nps.margin95(),
            csat_avg: self.csat.value(),
            csat_pct: pct(self.csat_satisfied, self.csat.n),
            ces_avg: self.ces.value(),
            api_calls: self.api_calls,
            support_tickets: self.tickets,
            adoption_pct: self.adoption.value(),
            feature_utilization_pct: self.features.value(),
            case_studies_published: self.case_studies,
            testimonials_collected: self.testimonials,
            referrals: self.referrals,
            referral_rate_pct: pct(self.referrers, self.active_end),
        };
        figures.finite()
    }
}
