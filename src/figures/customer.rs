//! Per-customer figures: deltas and ROI at each checkpoint, time to value.
//! Computed for all customers in parallel; the order is the portfolio's.

use super::deltas::Deltas;
use super::roi::{Assumptions, RoiFigures};
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
    todo!("figures helper")
}

/// Figures for every customer, in portfolio order, computed in parallel.
pub fn portfolio_figures(p: &Portfolio, a: &Assumptions) -> Vec<CustomerFigures> {
    todo!("figures helper")
}
