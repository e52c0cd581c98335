//! A customer and its state over time (SPEC 3, 3.3).

use chrono::NaiveDate;

use super::{Consent, Metric, Snapshot};

#[derive(Clone, Debug, PartialEq)]
pub struct Customer {
    pub id: String,
    /// Latest non-missing values among its rows (SPEC 3).
    pub name: Option<String>,
    pub segment: Option<String>,
    pub consent: Option<Consent>,
    /// Sorted by checkpoint; checkpoints are unique.
    pub snapshots: Vec<Snapshot>,
}

impl Customer {
    pub(super) fn new(snapshots: Vec<Snapshot>) -> Self {
        let mut c = Customer {
            id: snapshots[0].customer_id.clone(),
            name: None,
            segment: None,
            consent: None,
            snapshots,
        };
        c.settle();
        c
    }

    /// Build a customer from rows in any order (tests, generator).
    pub fn from_rows(mut snapshots: Vec<Snapshot>) -> Self {
        assert!(!snapshots.is_empty(), "a customer has at least one row");
        snapshots.sort_by_key(|s| s.checkpoint);
        Customer::new(snapshots)
    }

    /// Recompute the descriptive fields after the rows changed.
    pub(super) fn settle(&mut self) {
        // "Latest" = latest by date, then by checkpoint: the order a reader of
        // the export would call latest.
        let mut order: Vec<&Snapshot> = self.snapshots.iter().collect();
        order.sort_by_key(|s| (s.date, s.checkpoint));
        self.name = order.iter().rev().find_map(|s| s.customer_name.clone());
        self.segment = order.iter().rev().find_map(|s| s.segment.clone());
        self.consent = order.iter().rev().find_map(|s| s.consent);
    }

    /// The baseline row B (checkpoint 0), if reported.
    pub fn baseline(&self) -> Option<&Snapshot> {
        self.snapshots.first().filter(|s| s.checkpoint == 0)
    }

    /// Go-live date: B's snapshot date.
    pub fn go_live(&self) -> Option<NaiveDate> {
        self.baseline().map(|b| b.date)
    }

    /// Go-live date, or the first row's date without a baseline.
    pub fn start_date(&self) -> NaiveDate {
        self.go_live()
            .unwrap_or_else(|| self.snapshots.iter().map(|s| s.date).min().unwrap())
    }

    /// The latest row (highest checkpoint).
    pub fn latest(&self) -> &Snapshot {
        self.snapshots
            .last()
            .expect("a customer has at least one row")
    }

    /// Snapshot date of its first churned row (in date order).
    pub fn churn_date(&self) -> Option<NaiveDate> {
        self.snapshots
            .iter()
            .filter(|s| s.is_churned())
            .map(|s| s.date)
            .min()
    }

    /// The first non-missing implementation cost, in checkpoint order (SPEC 3.2).
    pub fn implementation_cost(&self) -> Option<f64> {
        self.snapshots
            .iter()
            .find_map(|s| s.get(Metric::ImplementationCost))
    }

    pub fn exists_at(&self, t: NaiveDate) -> bool {
        self.start_date() <= t
    }

    /// Its latest row dated ≤ t; ties on date go to the higher checkpoint.
    pub fn as_of(&self, t: NaiveDate) -> Option<&Snapshot> {
        self.snapshots
            .iter()
            .filter(|s| s.date <= t)
            .max_by_key(|s| (s.date, s.checkpoint))
    }

    /// Active at t: it exists and its as-of row is not churned (missing
    /// status counts as active).
    pub fn is_active_at(&self, t: NaiveDate) -> bool {
        self.exists_at(t) && self.as_of(t).is_some_and(|s| !s.is_churned())
    }

    /// mrr(c, t) of SPEC 3.3: the latest mrr reported on a row dated ≤ t,
    /// or 0 when churned at t; None before any mrr was reported.
    pub fn mrr_at(&self, t: NaiveDate) -> Option<f64> {
        // The reported value of the latest row (by date, then checkpoint)
        // that has one: no allocation, this runs per customer per period.
        let (_, reported) = self
            .snapshots
            .iter()
            .filter(|s| s.date <= t)
            .filter_map(|s| Some(((s.date, s.checkpoint), s.get(Metric::Mrr)?)))
            .max_by(|a, b| a.0.cmp(&b.0))?;
        if self.exists_at(t) && !self.is_active_at(t) {
            Some(0.0)
        } else {
            Some(reported)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::Status;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn row(cp: u32, date: &str) -> Snapshot {
        Snapshot::new("C1", cp, d(date))
    }

    #[test]
    fn state_follows_the_rows_dated_up_to_t() {
        let mut r0 = row(0, "2025-01-10");
        r0.metrics.set(Metric::Mrr, Some(100.0));
        let r30 = row(30, "2025-02-09"); // no mrr: carried forward
        let mut r60 = row(60, "2025-03-11");
        r60.status = Some(Status::Churned);
        let c = Customer::from_rows(vec![r60, r0, r30]);

        assert!(!c.exists_at(d("2025-01-09")));
        assert_eq!(c.mrr_at(d("2025-01-09")), None);
        assert!(c.is_active_at(d("2025-01-10")));
        assert_eq!(c.mrr_at(d("2025-02-28")), Some(100.0));
        assert_eq!(c.as_of(d("2025-02-28")).unwrap().checkpoint, 30);
        assert!(!c.is_active_at(d("2025-03-11")));
        assert_eq!(c.mrr_at(d("2025-03-31")), Some(0.0));
        assert_eq!(c.churn_date(), Some(d("2025-03-11")));
    }

    #[test]
    fn without_baseline_the_first_row_starts_the_customer() {
        let c = Customer::from_rows(vec![row(60, "2025-03-01"), row(30, "2025-02-01")]);
        assert_eq!(c.baseline(), None);
        assert_eq!(c.go_live(), None);
        assert_eq!(c.start_date(), d("2025-02-01"));
    }

    #[test]
    fn descriptive_fields_are_the_latest_non_missing() {
        let mut a = row(0, "2025-01-01");
        a.customer_name = Some("Old name".into());
        a.segment = Some("SMB".into());
        let mut b = row(30, "2025-02-01");
        b.customer_name = Some("New name".into());
        let c = Customer::from_rows(vec![a, b]);
        assert_eq!(c.name.as_deref(), Some("New name"));
        assert_eq!(c.segment.as_deref(), Some("SMB"));
    }

    #[test]
    fn implementation_cost_is_the_first_reported_in_checkpoint_order() {
        let a = row(0, "2025-01-01");
        let mut b = row(30, "2025-02-01");
        b.metrics.set(Metric::ImplementationCost, Some(5000.0));
        let mut c60 = row(60, "2025-03-01");
        c60.metrics.set(Metric::ImplementationCost, Some(7000.0));
        let c = Customer::from_rows(vec![c60, a, b]);
        assert_eq!(c.implementation_cost(), Some(5000.0));
    }
}
