//! Per-customer figures: deltas and ROI at each checkpoint, time to value.
//! Computed for all customers in parallel; the order is the portfolio's.

use rayon::prelude::*;

use super::deltas::{Deltas, deltas};
use super::roi::{self, Assumptions, RoiFigures, Usage};
use crate::portfolio::{Customer, Portfolio};

/// Figures of one row of a customer. Both are None for the baseline row and
/// for every row of a customer without a baseline.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CheckpointFigures {
    pub deltas: Option<Deltas>,
    pub roi: Option<RoiFigures>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerFigures {
    /// Parallel to `Customer::snapshots`.
    pub checkpoints: Vec<CheckpointFigures>,
    /// Days from B to the first later row whose monthly savings is > 0.
    pub time_to_value_days: Option<i64>,
}

impl CustomerFigures {
    /// Figures of the latest row (the customer's current ROI).
    pub fn latest(&self) -> Option<&CheckpointFigures> {
        self.checkpoints.last()
    }
}

pub fn customer_figures(c: &Customer, a: &Assumptions) -> CustomerFigures {
    let Some(b) = c.baseline() else {
        return CustomerFigures {
            checkpoints: vec![CheckpointFigures::default(); c.snapshots.len()],
            time_to_value_days: None,
        };
    };
    let before = Usage::of(b);
    let cost = c.implementation_cost();
    let checkpoints: Vec<CheckpointFigures> = c
        .snapshots
        .iter()
        .map(|s| {
            if s.is_baseline() {
                return CheckpointFigures::default();
            }
            CheckpointFigures {
                deltas: Some(deltas(b, s)),
                roi: Some(roi::evaluate(&before, &Usage::of(s), cost, a)),
            }
        })
        .collect();
    // Snapshots are in checkpoint order, so the first hit is the earliest
    // checkpoint that pays, whatever its date.
    let time_to_value_days = c
        .snapshots
        .iter()
        .zip(&checkpoints)
        .find(|(_, f)| {
            f.roi
                .and_then(|r| r.monthly_savings)
                .is_some_and(|v| v > 0.0)
        })
        .map(|(s, _)| (s.date - b.date).num_days());
    CustomerFigures {
        checkpoints,
        time_to_value_days,
    }
}

/// Figures for every customer, in portfolio order, computed in parallel.
pub fn portfolio_figures(p: &Portfolio, a: &Assumptions) -> Vec<CustomerFigures> {
    // An indexed parallel collect keeps portfolio order whatever the threads.
    p.customers
        .par_iter()
        .map(|c| customer_figures(c, a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::{Metric, Snapshot};
    use chrono::NaiveDate;

    fn row(id: &str, cp: u32, date: &str, infra: Option<f64>) -> Snapshot {
        let mut s = Snapshot::new(id, cp, NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap());
        s.metrics.set(Metric::InfrastructureCost, infra);
        s
    }

    #[test]
    fn baseline_row_has_no_figures_and_later_rows_compare_with_it() {
        let mut b = row("C1", 0, "2025-01-10", Some(1000.0));
        b.metrics.set(Metric::ImplementationCost, Some(1200.0));
        let c30 = row("C1", 30, "2025-02-09", Some(1100.0)); // savings −100
        let c60 = row("C1", 60, "2025-03-11", Some(1000.0)); // savings 0
        let c90 = row("C1", 90, "2025-04-10", Some(800.0)); // savings 200
        let c = Customer::from_rows(vec![c90, c30, b, c60]);
        let f = customer_figures(&c, &crate::figures::roi::hand_rates());
        assert_eq!(f.checkpoints.len(), 4);
        assert_eq!(f.checkpoints[0], CheckpointFigures::default());
        let r90 = f.checkpoints[3].roi.unwrap();
        // 200 × 12 = 2400; (2400 − 1200) / 1200 × 100 = 100 %; payback 6.
        assert_eq!(r90.monthly_savings, Some(200.0));
        assert_eq!(r90.net_roi_pct, Some(100.0));
        assert_eq!(r90.payback_months, Some(6.0));
        let d90 = f.checkpoints[3].deltas.unwrap();
        assert_eq!(d90.reduction_pct(Metric::InfrastructureCost), Some(20.0));
        // Savings are −100, then 0 (not > 0), then 200 on 2025-04-10:
        // 21 days of January + 28 + 31 + 10 = 90 days after 2025-01-10.
        assert_eq!(f.time_to_value_days, Some(90));
        assert_eq!(f.latest().unwrap().roi, Some(r90));
    }

    #[test]
    fn a_customer_without_baseline_has_no_figures() {
        let c = Customer::from_rows(vec![
            row("C2", 30, "2025-02-01", Some(1000.0)),
            row("C2", 60, "2025-03-01", Some(500.0)),
        ]);
        let f = customer_figures(&c, &crate::figures::roi::hand_rates());
        assert_eq!(f.checkpoints, vec![CheckpointFigures::default(); 2]);
        assert_eq!(f.time_to_value_days, None);
    }

    #[test]
    fn portfolio_figures_keep_portfolio_order() {
        let p = Portfolio::from_snapshots(vec![
            row("B", 0, "2025-01-01", Some(100.0)),
            row("A", 0, "2025-01-01", Some(100.0)),
            row("A", 30, "2025-01-31", Some(90.0)),
            row("B", 30, "2025-01-31", Some(70.0)),
        ]);
        let f = portfolio_figures(&p, &crate::figures::roi::hand_rates());
        let savings: Vec<Option<f64>> = f
            .iter()
            .map(|f| f.checkpoints[1].roi.unwrap().monthly_savings)
            .collect();
        // Portfolio is sorted by id: A (100 − 90 = 10), then B (100 − 70 = 30).
        assert_eq!(savings, vec![Some(10.0), Some(30.0)]);
        assert_eq!(f[0].time_to_value_days, Some(30));
    }
}
