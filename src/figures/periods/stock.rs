//! What one row adds to a period when it is the as-of row of an active
//! customer: read once per row from the snapshot and its figures, kept by the
//! timeline, and added to every period whose end sees that row.

use crate::figures::customer::CheckpointFigures;
use crate::portfolio::{Metric, Snapshot};

/// What a row contributes when it is the as-of row of an active customer.
/// Computed once per row (the timeline keeps it), read for many periods;
/// NaN marks "missing" to keep it at 96 bytes a row.
#[derive(Clone, Copy, Debug)]
pub(super) struct Stock {
    /// active_users, licensed_users: both or neither (adoption needs both).
    pub users: [f64; 2],
    /// features_used, features_available: both or neither.
    pub features: [f64; 2],
    // The rest is present only for a row later than the baseline of a
    // customer with one.
    pub savings: f64,
    pub storage_line: f64,
    /// Net ROI %, present only with I > 0 and savings.
    pub roi: f64,
    pub payback: f64,
    pub storage_reduction: f64,
    pub latency_x: f64,
    pub infrastructure_reduction: f64,
    pub error_rate_reduction: f64,
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

pub(super) fn opt(v: f64) -> Option<f64> {
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
