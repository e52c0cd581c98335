//! One accepted input row, typed: what a customer looked like at one checkpoint.

use chrono::NaiveDate;
use serde::Serialize;

use crate::intake::ledger::RowRef;

/// A numeric column of the export. Stored densely in [`Metrics`] so that the
/// deltas of SPEC 3.1 can walk "every numeric metric" without naming each one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    ImplementationCost,
    StorageGb,
    ApiCalls,
    LatencyMs,
    AccuracyPct,
    InfrastructureCost,
    ErrorRatePct,
    SupportTickets,
    Mrr,
    ExpansionRevenue,
    ActiveUsers,
    LicensedUsers,
    FeaturesUsed,
    FeaturesAvailable,
    Nps,
    Csat,
    Ces,
    Referrals,
}

impl Metric {
    pub const ALL: [Metric; 18] = [
        Metric::ImplementationCost,
        Metric::StorageGb,
        Metric::ApiCalls,
        Metric::LatencyMs,
        Metric::AccuracyPct,
        Metric::InfrastructureCost,
        Metric::ErrorRatePct,
        Metric::SupportTickets,
        Metric::Mrr,
        Metric::ExpansionRevenue,
        Metric::ActiveUsers,
        Metric::LicensedUsers,
        Metric::FeaturesUsed,
        Metric::FeaturesAvailable,
        Metric::Nps,
        Metric::Csat,
        Metric::Ces,
        Metric::Referrals,
    ];

    /// The operational metrics that get baseline / latest / change columns
    /// (SPEC 3.1, 4 "Customers").
    pub const OPERATIONAL: [Metric; 7] = [
        Metric::StorageGb,
        Metric::ApiCalls,
        Metric::LatencyMs,
        Metric::AccuracyPct,
        Metric::InfrastructureCost,
        Metric::ErrorRatePct,
        Metric::SupportTickets,
    ];

    /// Canonical column name of SPEC 2.2.
    pub fn column_name(self) -> &'static str {
        match self {
            Metric::ImplementationCost => "implementation_cost",
            Metric::StorageGb => "storage_gb",
            Metric::ApiCalls => "api_calls",
            Metric::LatencyMs => "latency_ms",
            Metric::AccuracyPct => "accuracy_pct",
            Metric::InfrastructureCost => "infrastructure_cost",
            Metric::ErrorRatePct => "error_rate_pct",
            Metric::SupportTickets => "support_tickets",
            Metric::Mrr => "mrr",
            Metric::ExpansionRevenue => "expansion_revenue",
            Metric::ActiveUsers => "active_users",
            Metric::LicensedUsers => "licensed_users",
            Metric::FeaturesUsed => "features_used",
            Metric::FeaturesAvailable => "features_available",
            Metric::Nps => "nps",
            Metric::Csat => "csat",
            Metric::Ces => "ces",
            Metric::Referrals => "referrals",
        }
    }

    /// A label for people (sheet headers, documents).
    pub fn label(self) -> &'static str {
        match self {
            Metric::ImplementationCost => "Implementation cost",
            Metric::StorageGb => "Storage GB",
            Metric::ApiCalls => "API calls",
            Metric::LatencyMs => "Latency ms",
            Metric::AccuracyPct => "Accuracy %",
            Metric::InfrastructureCost => "Infrastructure cost",
            Metric::ErrorRatePct => "Error rate %",
            Metric::SupportTickets => "Support tickets",
            Metric::Mrr => "MRR",
            Metric::ExpansionRevenue => "Expansion revenue",
            Metric::ActiveUsers => "Active users",
            Metric::LicensedUsers => "Licensed users",
            Metric::FeaturesUsed => "Features used",
            Metric::FeaturesAvailable => "Features available",
            Metric::Nps => "NPS",
            Metric::Csat => "CSAT",
            Metric::Ces => "CES",
            Metric::Referrals => "Referrals",
        }
    }

    /// Metrics where going down is the improvement: SPEC 3.1 reports
    /// `reduction % = -(change %)` for these.
    pub fn is_reduction(self) -> bool {
        matches!(
            self,
            Metric::StorageGb
                | Metric::InfrastructureCost
                | Metric::ErrorRatePct
                | Metric::SupportTickets
        )
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The numeric cells of one row. NaN marks "missing" internally so a million
/// rows stay compact (8 bytes a value); callers only ever see `Option<f64>`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics([f64; Metric::ALL.len()]);

impl Default for Metrics {
    fn default() -> Self {
        Metrics([f64::NAN; Metric::ALL.len()])
    }
}

impl Metrics {
    pub fn get(&self, m: Metric) -> Option<f64> {
        let v = self.0[m.index()];
        if v.is_nan() { None } else { Some(v) }
    }

    /// Setting a non-finite value stores "missing": the workbook must never
    /// receive NaN or infinity.
    pub fn set(&mut self, m: Metric, value: Option<f64>) {
        self.0[m.index()] = match value {
            Some(v) if v.is_finite() => v,
            _ => f64::NAN,
        };
    }

    pub fn with(mut self, m: Metric, value: f64) -> Self {
        self.set(m, Some(value));
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    Churned,
}

/// Testimonial consent (SPEC 2.3, 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Consent {
    /// The customer may be named.
    Public,
    /// The story may be told without the name.
    Anonymous,
    /// Nothing may be published.
    None,
}

/// One accepted row: a customer at one checkpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub customer_id: String,
    /// Days since go-live; 0 is the baseline.
    pub checkpoint: u32,
    pub date: NaiveDate,
    pub customer_name: Option<String>,
    pub segment: Option<String>,
    pub metrics: Metrics,
    pub status: Option<Status>,
    pub case_study_published: Option<bool>,
    pub testimonial_collected: Option<bool>,
    pub consent: Option<Consent>,
    /// Where the row came from, so every figure can be traced to its input.
    pub source: RowRef,
}

impl Snapshot {
    /// A bare snapshot for tests and the generator: every optional field missing.
    pub fn new(customer_id: &str, checkpoint: u32, date: NaiveDate) -> Self {
        Snapshot {
            customer_id: customer_id.to_string(),
            checkpoint,
            date,
            customer_name: None,
            segment: None,
            metrics: Metrics::default(),
            status: None,
            case_study_published: None,
            testimonial_collected: None,
            consent: None,
            source: RowRef::default(),
        }
    }

    pub fn get(&self, m: Metric) -> Option<f64> {
        self.metrics.get(m)
    }

    pub fn is_baseline(&self) -> bool {
        self.checkpoint == 0
    }

    pub fn is_churned(&self) -> bool {
        self.status == Some(Status::Churned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_indexes_match_all_order() {
        for (i, m) in Metric::ALL.iter().enumerate() {
            assert_eq!(m.index(), i, "{m:?}");
        }
    }

    #[test]
    fn non_finite_values_are_stored_as_missing() {
        let mut m = Metrics::default();
        m.set(Metric::Nps, Some(f64::INFINITY));
        assert_eq!(m.get(Metric::Nps), None);
        m.set(Metric::Nps, Some(9.0));
        assert_eq!(m.get(Metric::Nps), Some(9.0));
        m.set(Metric::Nps, None);
        assert_eq!(m.get(Metric::Nps), None);
    }
}
