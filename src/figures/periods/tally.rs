//! What one period (one row of SPEC 3.4) gathers from its customers, and how
//! the gathered parts add up. Parts are merged in a fixed order by the
//! caller, so the sums are bit-identical whatever the thread count.

use chrono::NaiveDate;

use super::timeline::{CustomerKey, State};
use super::{Period, PeriodFigures};
use crate::figures::customer::CheckpointFigures;
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

/// What a row contributes when it is the as-of row of an active customer.
/// Computed once per row (the timeline keeps it), read for many periods;
/// NaN marks "missing" to keep it at 96 bytes a row.
#[derive(Clone, Copy, Debug)]
pub(super) struct Stock {
    /// active_users, licensed_users: both or neither (adoption needs both).
    users: [f64; 2],
    /// features_used, features_available: both or neither.
    features: [f64; 2],
    // The rest is present only for a row later than the baseline of a
    // customer with one.
    savings: f64,
    storage_line: f64,
    /// Net ROI %, present only with I > 0 and savings.
    roi: f64,
    payback: f64,
    storage_reduction: f64,
    latency_x: f64,
    infrastructure_reduction: f64,
    error_rate_reduction: f64,
}

impl Default for Stock {
    fn default() -> Self {
        Stock {
            users: [f64::NAN; 2],
            features: [f64::NAN; 2],
            savings: f64::NAN,
            storage_line: f64::NAN,
            roi: f64::NAN,
            payback: f64::NAN,
            storage_reduction: f64::NAN,
            latency_x: f64::NAN,
            infrastructure_reduction: f64::NAN,
            error_rate_reduction: f64::NAN,
        }
    }
}

fn nan(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}

fn opt(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

fn pair(row: &Snapshot, a: Metric, b: Metric) -> [f64; 2] {
    match (row.get(a), row.get(b)) {
        (Some(x), Some(y)) => [x, y],
        _ => [f64::NAN; 2],
    }
}

impl Stock {
    pub fn of(row: &Snapshot, f: &CheckpointFigures) -> Stock {
        let roi = f.roi.as_ref();
        let deltas = f.deltas.as_ref();
        Stock {
            users: pair(row, Metric::ActiveUsers, Metric::LicensedUsers),
            features: pair(row, Metric::FeaturesUsed, Metric::FeaturesAvailable),
            savings: nan(roi.and_then(|r| r.monthly_savings)),
            storage_line: nan(roi.and_then(|r| r.lines.storage)),
            roi: nan(roi.and_then(|r| r.net_roi_pct)),
            payback: nan(roi.and_then(|r| r.payback_months)),
            storage_reduction: nan(deltas.and_then(|d| d.reduction_pct(Metric::StorageGb))),
            latency_x: nan(deltas.and_then(|d| d.latency_improvement_x)),
            infrastructure_reduction: nan(
                deltas.and_then(|d| d.reduction_pct(Metric::InfrastructureCost))
            ),
            error_rate_reduction: nan(deltas.and_then(|d| d.reduction_pct(Metric::ErrorRatePct))),
        }
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
    d.is_some_and(|d| p.start <= d && d <= p.end)
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

#[cfg(test)]
mod tests {
    use crate::figures::customer::portfolio_figures;
    use crate::figures::periods::{PeriodKind, aggregate};
    use crate::figures::roi::Assumptions;
    use crate::portfolio::{Metric, Portfolio, Snapshot, Status};
    use chrono::NaiveDate;

    fn rates() -> Assumptions {
        Assumptions {
            storage_cost_per_gb_month: 0.10,
            cost_per_wait_hour: 30.0,
            cost_per_inaccurate_result: 0.05,
            horizon_months: 12,
            discount_rate: 0.0,
        }
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
        let f = portfolio_figures(&p, &rates());
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
        let f = portfolio_figures(&p, &rates());
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
        let f = portfolio_figures(&p, &rates());
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
        let f = portfolio_figures(&p, &rates());
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
        let f = portfolio_figures(&p, &rates());
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
        let f = portfolio_figures(&p, &rates());
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
}
