//! Shared by the figures integration tests: a small reader for the canonical
//! columns (intake is built separately; these tests must not depend on it),
//! a field-by-field comparison of period figures, the hand-worked figures of
//! `tests/data/small_portfolio.csv` and a cell-by-cell reader of written
//! workbooks.

#![allow(dead_code)]

use std::path::Path;

use chrono::NaiveDate;
use csf::figures::periods::PeriodFigures;
use csf::figures::roi::Assumptions;
use csf::portfolio::{Consent, Metric, Portfolio, Snapshot, Status};

/// The rates used for the hand-worked figures of `tests/data/small_portfolio.md`.
pub fn rates() -> Assumptions {
    Assumptions {
        storage_cost_per_gb_month: 0.10,
        cost_per_wait_hour: 30.0,
        cost_per_inaccurate_result: 0.05,
        horizon_months: 12,
        discount_rate: 0.0,
    }
}

/// Read a CSV in the canonical columns of SPEC 2.2 with clean values (ISO
/// dates, plain numbers, whole-number checkpoints).
pub fn read_canonical_csv(path: &Path) -> Portfolio {
    let mut reader = csv::Reader::from_path(path).expect("fixture readable");
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let mut snapshots = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.unwrap_or_else(|e| panic!("{}: row {}: {e}", path.display(), i + 2));
        let text = |name: &str| {
            col(name)
                .and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let date = NaiveDate::parse_from_str(text("snapshot_date").unwrap(), "%Y-%m-%d").unwrap();
        let checkpoint: u32 = text("checkpoint").unwrap().parse().unwrap();
        let mut s = Snapshot::new(text("customer_id").unwrap(), checkpoint, date);
        s.customer_name = text("customer_name").map(str::to_string);
        s.segment = text("segment").map(str::to_string);
        for m in Metric::ALL {
            let v = text(m.column_name()).map(|v| {
                v.parse::<f64>()
                    .unwrap_or_else(|e| panic!("row {}, {}: {v}: {e}", i + 2, m.column_name()))
            });
            s.metrics.set(m, v);
        }
        s.status = text("status").map(|v| match v {
            "active" => Status::Active,
            "churned" => Status::Churned,
            other => panic!("row {}: status {other}", i + 2),
        });
        let flag = |name: &str| text(name).map(|v| v == "true");
        s.case_study_published = flag("case_study_published");
        s.testimonial_collected = flag("testimonial_collected");
        s.consent = text("testimonial_consent").map(|v| match v {
            "public" => Consent::Public,
            "anonymous" => Consent::Anonymous,
            _ => Consent::None,
        });
        snapshots.push(s);
    }
    Portfolio::from_snapshots(snapshots)
}

/// Floats agree to 1e-9 relative (absolute near zero); None only with None.
pub fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        _ => false,
    }
}

/// Every field of `actual` against `expected`; returns one line per mismatch.
pub fn differences(actual: &PeriodFigures, expected: &PeriodFigures) -> Vec<String> {
    let mut out = Vec::new();
    macro_rules! exact {
        ($($f:ident),*) => {$(
            if actual.$f != expected.$f {
                out.push(format!("{}: got {:?}, expected {:?}", stringify!($f), actual.$f, expected.$f));
            }
        )*};
    }
    macro_rules! float {
        ($($f:ident),*) => {$(
            if !same(actual.$f, expected.$f) {
                out.push(format!("{}: got {:?}, expected {:?}", stringify!($f), actual.$f, expected.$f));
            }
        )*};
    }
    macro_rules! total {
        ($($f:ident),*) => {$(
            if !same(Some(actual.$f), Some(expected.$f)) {
                out.push(format!("{}: got {:?}, expected {:?}", stringify!($f), actual.$f, expected.$f));
            }
        )*};
    }
    exact!(
        period,
        segment,
        active_customers,
        new_customers,
        churned_customers,
        customers_with_roi,
        nps_responses,
        case_studies_published,
        testimonials_collected
    );
    float!(
        logo_retention_pct,
        starting_mrr,
        expansion_mrr,
        contraction_mrr,
        churned_mrr,
        grr_pct,
        nrr_pct,
        expansion_revenue_reported,
        avg_roi_pct,
        median_roi_pct,
        roi_ci_low,
        roi_ci_high,
        avg_payback_months,
        total_monthly_savings,
        avg_storage_savings,
        avg_storage_reduction_pct,
        avg_latency_improvement_x,
        avg_infrastructure_reduction_pct,
        avg_error_rate_reduction_pct,
        nps,
        nps_margin,
        csat_avg,
        csat_pct,
        ces_avg,
        adoption_pct,
        feature_utilization_pct,
        referral_rate_pct
    );
    total!(api_calls, support_tickets, referrals);
    out
}

/// Every Option<f64> and f64 field, to check that none is NaN or infinite.
pub fn all_floats(f: &PeriodFigures) -> Vec<(&'static str, Option<f64>)> {
    vec![
        ("logo_retention_pct", f.logo_retention_pct),
        ("starting_mrr", f.starting_mrr),
        ("expansion_mrr", f.expansion_mrr),
        ("contraction_mrr", f.contraction_mrr),
        ("churned_mrr", f.churned_mrr),
        ("grr_pct", f.grr_pct),
        ("nrr_pct", f.nrr_pct),
        ("expansion_revenue_reported", f.expansion_revenue_reported),
        ("avg_roi_pct", f.avg_roi_pct),
        ("median_roi_pct", f.median_roi_pct),
        ("roi_ci_low", f.roi_ci_low),
        ("roi_ci_high", f.roi_ci_high),
        ("avg_payback_months", f.avg_payback_months),
        ("total_monthly_savings", f.total_monthly_savings),
        ("avg_storage_savings", f.avg_storage_savings),
        ("avg_storage_reduction_pct", f.avg_storage_reduction_pct),
        ("avg_latency_improvement_x", f.avg_latency_improvement_x),
        (
            "avg_infrastructure_reduction_pct",
            f.avg_infrastructure_reduction_pct,
        ),
        (
            "avg_error_rate_reduction_pct",
            f.avg_error_rate_reduction_pct,
        ),
        ("nps", f.nps),
        ("nps_margin", f.nps_margin),
        ("csat_avg", f.csat_avg),
        ("csat_pct", f.csat_pct),
        ("ces_avg", f.ces_avg),
        ("api_calls", Some(f.api_calls)),
        ("support_tickets", Some(f.support_tickets)),
        ("adoption_pct", f.adoption_pct),
        ("feature_utilization_pct", f.feature_utilization_pct),
        ("referrals", Some(f.referrals)),
        ("referral_rate_pct", f.referral_rate_pct),
    ]
}

pub mod sheet_cells;
pub mod small_portfolio_customers;
pub mod small_portfolio_expected;
pub mod synthetic;
