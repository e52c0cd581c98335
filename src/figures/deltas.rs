//! Improvement deltas of one row against the baseline (SPEC 3.1).

use crate::portfolio::{Metric, Metrics, Snapshot};

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Deltas {
    /// C.m − B.m for every metric present in both.
    pub change: Metrics,
    /// (C.m − B.m) / B.m × 100; missing where B.m is 0 or missing.
    pub change_pct: Metrics,
    /// B.latency_ms / C.latency_ms.
    pub latency_improvement_x: Option<f64>,
}

impl Deltas {
    /// −(change %) for metrics where going down is the improvement.
    pub fn reduction_pct(&self, m: Metric) -> Option<f64> {
        self.change_pct.get(m).map(|v| -v)
    }
}

/// Deltas of row `c` against baseline `b`.
pub fn deltas(b: &Snapshot, c: &Snapshot) -> Deltas {
    todo!("figures helper")
}

/// active_users / licensed_users × 100 of one row.
pub fn adoption_pct(s: &Snapshot) -> Option<f64> {
    todo!("figures helper")
}

/// features_used / features_available × 100 of one row.
pub fn feature_utilization_pct(s: &Snapshot) -> Option<f64> {
    todo!("figures helper")
}
