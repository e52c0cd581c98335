//! The operational metrics of a document: baseline, latest, change and a
//! plain-words trend, each written in the metric's own unit.

use serde::Serialize;

use super::format::{self, NOT_MEASURED, or_missing};
use crate::figures::deltas::Deltas;
use crate::portfolio::{Metric, Snapshot};

#[derive(Clone, Debug, Serialize)]
pub struct MetricView {
    /// Column name: `storage_gb`.
    pub key: &'static str,
    pub label: &'static str,
    pub baseline: String,
    pub latest: String,
    pub change: String,
    pub change_pct: String,
    /// `down 90.0%`, `up 4.0%`, `unchanged` or `not measured`.
    pub trend: String,
    pub baseline_value: Option<f64>,
    pub latest_value: Option<f64>,
    pub change_value: Option<f64>,
    pub change_pct_value: Option<f64>,
}

/// The operational metrics, in SPEC order, of the as-of row against the
/// baseline. Values come from the rows; changes come from the deltas.
pub fn metric_views(
    baseline: Option<&Snapshot>,
    row: &Snapshot,
    deltas: Option<&Deltas>,
) -> Vec<MetricView> {
    Metric::OPERATIONAL
        .iter()
        .map(|&m| {
            let b = baseline.and_then(|s| s.get(m));
            let latest = row.get(m);
            let change = deltas.and_then(|d| d.change.get(m));
            let change_pct = deltas.and_then(|d| d.change_pct.get(m));
            MetricView {
                key: m.column_name(),
                label: label(m),
                baseline: or_missing(b, |v| value(m, v)),
                latest: or_missing(latest, |v| value(m, v)),
                change: or_missing(change, |v| change_text(m, v)),
                change_pct: or_missing(change_pct, |v| format::signed(v, format::pct)),
                trend: change_pct.map_or_else(|| NOT_MEASURED.into(), trend),
                baseline_value: b,
                latest_value: latest,
                change_value: change,
                change_pct_value: change_pct,
            }
        })
        .collect()
}

fn label(m: Metric) -> &'static str {
    match m {
        Metric::StorageGb => "Storage",
        Metric::ApiCalls => "API calls per month",
        Metric::LatencyMs => "Average latency",
        Metric::AccuracyPct => "Accuracy",
        Metric::InfrastructureCost => "Infrastructure cost per month",
        Metric::ErrorRatePct => "Error rate",
        Metric::SupportTickets => "Support tickets",
        other => other.label(),
    }
}

/// A value in its unit: `1,000 GB`, `200 ms`, `92.5%`, `$5,000`.
fn value(m: Metric, v: f64) -> String {
    match m {
        Metric::StorageGb => format!("{} GB", format::number(v)),
        Metric::LatencyMs => format!("{} ms", format::number(v)),
        Metric::AccuracyPct | Metric::ErrorRatePct => format::pct(v),
        Metric::InfrastructureCost => format::money(v),
        _ => format::number(v),
    }
}

/// A signed change; percent metrics change by percentage points.
fn change_text(m: Metric, v: f64) -> String {
    match m {
        Metric::StorageGb => format!("{} GB", format::signed(v, format::number)),
        Metric::LatencyMs => format!("{} ms", format::signed(v, format::number)),
        Metric::AccuracyPct | Metric::ErrorRatePct => {
            format!("{} points", format::signed(v, format::number))
        }
        Metric::InfrastructureCost => format::signed(v, format::money),
        _ => format::signed(v, format::number),
    }
}

fn trend(change_pct: f64) -> String {
    let shown = format::pct(change_pct.abs());
    if shown == "0.0%" {
        "unchanged".into()
    } else if change_pct < 0.0 {
        format!("down {shown}")
    } else {
        format!("up {shown}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::Metrics;
    use chrono::NaiveDate;

    #[test]
    fn values_changes_and_trends_are_in_each_metrics_unit() {
        let day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let mut b = Snapshot::new("C", 0, day);
        b.metrics = Metrics::default()
            .with(Metric::StorageGb, 1000.0)
            .with(Metric::AccuracyPct, 90.0);
        let mut c = Snapshot::new("C", 30, day);
        c.metrics = Metrics::default()
            .with(Metric::StorageGb, 100.0)
            .with(Metric::AccuracyPct, 99.0);
        // storage: 100 − 1000 = −900 GB, −900/1000 = −90 %
        // accuracy: 99 − 90 = +9 points, 9/90 = +10 %
        let deltas = Deltas {
            change: Metrics::default()
                .with(Metric::StorageGb, -900.0)
                .with(Metric::AccuracyPct, 9.0),
            change_pct: Metrics::default()
                .with(Metric::StorageGb, -90.0)
                .with(Metric::AccuracyPct, 10.0),
            latency_improvement_x: None,
        };
        let views = metric_views(Some(&b), &c, Some(&deltas));
        let storage = &views[0];
        assert_eq!(storage.key, "storage_gb");
        assert_eq!(
            (storage.baseline.as_str(), storage.latest.as_str()),
            ("1,000 GB", "100 GB")
        );
        assert_eq!(storage.change, "-900 GB");
        assert_eq!(storage.change_pct, "-90.0%");
        assert_eq!(storage.trend, "down 90.0%");
        let accuracy = views.iter().find(|v| v.key == "accuracy_pct").unwrap();
        assert_eq!(accuracy.change, "+9 points");
        assert_eq!(accuracy.trend, "up 10.0%");
        let latency = views.iter().find(|v| v.key == "latency_ms").unwrap();
        assert_eq!(latency.baseline, "not measured");
        assert_eq!(latency.trend, "not measured");
        assert_eq!(latency.change_value, None);
    }
}
