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
    let mut out = Deltas::default();
    for m in Metric::ALL {
        let (Some(before), Some(after)) = (b.get(m), c.get(m)) else {
            continue;
        };
        // `Metrics::set` stores a non-finite result as missing.
        out.change.set(m, Some(after - before));
        out.change_pct.set(m, ratio_pct(after - before, before));
    }
    out.latency_improvement_x = match (b.get(Metric::LatencyMs), c.get(Metric::LatencyMs)) {
        (Some(before), Some(after)) => ratio(before, after),
        _ => None,
    };
    out
}

/// active_users / licensed_users × 100 of one row.
pub fn adoption_pct(s: &Snapshot) -> Option<f64> {
    ratio_pct(s.get(Metric::ActiveUsers)?, s.get(Metric::LicensedUsers)?)
}

/// features_used / features_available × 100 of one row.
pub fn feature_utilization_pct(s: &Snapshot) -> Option<f64> {
    ratio_pct(
        s.get(Metric::FeaturesUsed)?,
        s.get(Metric::FeaturesAvailable)?,
    )
}

/// num / den, missing when the denominator is 0 (a share of nothing is not 0).
fn ratio(num: f64, den: f64) -> Option<f64> {
    if den == 0.0 {
        return None;
    }
    Some(num / den).filter(|v| v.is_finite())
}

fn ratio_pct(num: f64, den: f64) -> Option<f64> {
    ratio(num, den).map(|v| v * 100.0).filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn row(cp: u32, metrics: &[(Metric, f64)]) -> Snapshot {
        let mut s = Snapshot::new("C1", cp, NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        for &(m, v) in metrics {
            s.metrics.set(m, Some(v));
        }
        s
    }

    #[test]
    fn change_and_change_pct_of_metrics_present_in_both() {
        let b = row(
            0,
            &[
                (Metric::StorageGb, 200.0),
                (Metric::LatencyMs, 300.0),
                (Metric::SupportTickets, 0.0),
                (Metric::Mrr, 1000.0),
            ],
        );
        let c = row(
            30,
            &[
                (Metric::StorageGb, 150.0),
                (Metric::LatencyMs, 240.0),
                (Metric::SupportTickets, 4.0),
                (Metric::Nps, 9.0),
            ],
        );
        let d = deltas(&b, &c);
        // storage: 150 − 200 = −50; −50 / 200 × 100 = −25 %; reduction 25 %.
        assert_eq!(d.change.get(Metric::StorageGb), Some(-50.0));
        assert_eq!(d.change_pct.get(Metric::StorageGb), Some(-25.0));
        assert_eq!(d.reduction_pct(Metric::StorageGb), Some(25.0));
        // latency: 300 / 240 = 1.25 ×; change −60 ms = −20 %.
        assert_eq!(d.latency_improvement_x, Some(1.25));
        assert_eq!(d.change_pct.get(Metric::LatencyMs), Some(-20.0));
        // tickets from 0 to 4: change 4, no change % (B.m = 0).
        assert_eq!(d.change.get(Metric::SupportTickets), Some(4.0));
        assert_eq!(d.change_pct.get(Metric::SupportTickets), None);
        // mrr only in B, nps only in C: nothing.
        assert_eq!(d.change.get(Metric::Mrr), None);
        assert_eq!(d.change.get(Metric::Nps), None);
        assert_eq!(d.change_pct.get(Metric::Nps), None);
    }

    #[test]
    fn latency_improvement_needs_a_non_zero_later_latency() {
        let b = row(0, &[(Metric::LatencyMs, 300.0)]);
        assert_eq!(
            deltas(&b, &row(30, &[(Metric::LatencyMs, 0.0)])).latency_improvement_x,
            None
        );
        assert_eq!(deltas(&b, &row(30, &[])).latency_improvement_x, None);
        assert_eq!(
            deltas(&row(0, &[]), &row(30, &[(Metric::LatencyMs, 100.0)])).latency_improvement_x,
            None
        );
    }

    #[test]
    fn adoption_and_feature_utilization() {
        let s = row(
            30,
            &[
                (Metric::ActiveUsers, 30.0),
                (Metric::LicensedUsers, 40.0),
                (Metric::FeaturesUsed, 3.0),
                (Metric::FeaturesAvailable, 0.0),
            ],
        );
        // 30 / 40 × 100 = 75 %.
        assert_eq!(adoption_pct(&s), Some(75.0));
        // No features available: a share of nothing is missing, not 0 or ∞.
        assert_eq!(feature_utilization_pct(&s), None);
        assert_eq!(adoption_pct(&row(30, &[(Metric::ActiveUsers, 3.0)])), None);
    }
}
