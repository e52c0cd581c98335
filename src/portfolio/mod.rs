//! The portfolio: accepted snapshots grouped into customers.

mod customer;
mod snapshot;

pub use customer::Customer;
pub use snapshot::{Consent, Metric, Metrics, Snapshot, Status};

/// All customers, sorted by id so that every output is in a stable order.
#[derive(Clone, Debug, Default)]
pub struct Portfolio {
    pub customers: Vec<Customer>,
}

impl Portfolio {
    /// Group accepted (already de-duplicated) snapshots by customer.
    pub fn from_snapshots(snapshots: Vec<Snapshot>) -> Self {
        let mut snapshots = snapshots;
        // Stable sort keeps input order among equal keys; dedupe has already
        // made (customer_id, checkpoint) unique.
        snapshots.sort_by(|a, b| {
            a.customer_id
                .cmp(&b.customer_id)
                .then(a.checkpoint.cmp(&b.checkpoint))
        });
        let mut customers: Vec<Customer> = Vec::new();
        for s in snapshots {
            match customers.last_mut() {
                Some(c) if c.id == s.customer_id => c.snapshots.push(s),
                _ => customers.push(Customer::new(vec![s])),
            }
        }
        customers.iter_mut().for_each(Customer::settle);
        Portfolio { customers }
    }

    pub fn find(&self, id: &str) -> Option<&Customer> {
        self.customers
            .binary_search_by(|c| c.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.customers[i])
    }

    /// First and last snapshot date of the whole portfolio.
    pub fn date_range(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        let dates = self
            .customers
            .iter()
            .flat_map(|c| c.snapshots.iter().map(|s| s.date));
        let mut range: Option<(chrono::NaiveDate, chrono::NaiveDate)> = None;
        for d in dates {
            range = Some(match range {
                None => (d, d),
                Some((lo, hi)) => (lo.min(d), hi.max(d)),
            });
        }
        range
    }

    pub fn segments(&self) -> Vec<String> {
        let mut segs: Vec<String> = self
            .customers
            .iter()
            .filter_map(|c| c.segment.clone())
            .collect();
        segs.sort();
        segs.dedup();
        segs
    }
}
