//! Hand-built customers for the document tests: rows, figures and
//! assumptions written out here, so the tests do not depend on intake.
#![allow(dead_code)]

use chrono::NaiveDate;
use csf::figures::assumptions::{AssumptionRow, AssumptionsUsed};
use csf::figures::customer::{CustomerFigures, customer_figures};
use csf::figures::roi::Assumptions;
use csf::output::documents::{DocumentContext, build_context};
use csf::portfolio::{Consent, Customer, Metric, Metrics, Snapshot};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn assumptions(discount_rate: f64) -> AssumptionsUsed {
    let values = Assumptions {
        storage_cost_per_gb_month: 0.10,
        cost_per_wait_hour: 30.0,
        cost_per_inaccurate_result: 0.05,
        horizon_months: 12,
        discount_rate,
    };
    let row = |name, value, source: &str, meaning| AssumptionRow {
        name,
        value,
        source: source.to_string(),
        meaning,
    };
    AssumptionsUsed {
        rows: vec![
            row(
                "storage_cost_per_gb_month",
                0.10,
                "default",
                "$ per GB stored per month",
            ),
            row(
                "cost_per_wait_hour",
                30.0,
                "flag --cost-per-wait-hour",
                "$ per hour spent waiting",
            ),
            row(
                "cost_per_inaccurate_result",
                0.05,
                "default",
                "$ per inaccurate result corrected",
            ),
            row(
                "horizon_months",
                12.0,
                "default",
                "months of savings counted",
            ),
            row(
                "discount_rate",
                discount_rate,
                "file rates.toml",
                "annual discount rate for NPV",
            ),
        ],
        values,
    }
}

/// Figures of every row against the baseline: the real per-customer figures.
pub fn figures(c: &Customer, a: &AssumptionsUsed) -> CustomerFigures {
    customer_figures(c, &a.values)
}

fn row(
    id: &str,
    name: &str,
    segment: Option<&str>,
    cp: u32,
    date: &str,
    metrics: &[(Metric, f64)],
) -> Snapshot {
    let mut s = Snapshot::new(id, cp, d(date));
    s.customer_name = Some(name.into());
    s.segment = segment.map(String::from);
    let mut m = Metrics::default();
    for &(k, v) in metrics {
        m.set(k, Some(v));
    }
    s.metrics = m;
    s
}

/// Acme Analytics, CUST-000123: public consent, enterprise, full data,
/// baseline 2025-01-06, day 30, day 90 (2025-04-06) with a testimonial.
pub fn acme() -> Customer {
    use Metric::*;
    let id = "CUST-000123";
    let name = "Acme Analytics";
    let mut b = row(
        id,
        name,
        Some("Enterprise"),
        0,
        "2025-01-06",
        &[
            (ImplementationCost, 20_000.0),
            (StorageGb, 1000.0),
            (ApiCalls, 100_000.0),
            (LatencyMs, 200.0),
            (AccuracyPct, 90.0),
            (InfrastructureCost, 5000.0),
            (ErrorRatePct, 4.0),
            (SupportTickets, 40.0),
            (ActiveUsers, 40.0),
            (LicensedUsers, 50.0),
            (FeaturesUsed, 5.0),
            (FeaturesAvailable, 20.0),
            (Nps, 7.0),
            (Mrr, 8000.0),
        ],
    );
    b.consent = Some(Consent::Public);
    let c30 = row(
        id,
        name,
        Some("Enterprise"),
        30,
        "2025-02-05",
        &[
            (StorageGb, 400.0),
            (ApiCalls, 110_000.0),
            (LatencyMs, 50.0),
            (AccuracyPct, 95.0),
            (InfrastructureCost, 4200.0),
            (ErrorRatePct, 3.0),
            (SupportTickets, 30.0),
        ],
    );
    let mut c90 = row(
        id,
        name,
        Some("Enterprise"),
        90,
        "2025-04-06",
        &[
            (StorageGb, 100.0),
            (ApiCalls, 120_000.0),
            (LatencyMs, 20.0),
            (AccuracyPct, 99.0),
            (InfrastructureCost, 3500.0),
            (ErrorRatePct, 2.0),
            (SupportTickets, 20.0),
            (ActiveUsers, 45.0),
            (LicensedUsers, 50.0),
            (FeaturesUsed, 12.0),
            (FeaturesAvailable, 20.0),
            (Nps, 9.0),
            (Csat, 4.5),
            (Mrr, 9000.0),
        ],
    );
    c90.testimonial_collected = Some(true);
    Customer::from_rows(vec![b, c30, c90])
}

/// Blue Heron Logistics, CUST-000456: anonymous consent, mid-market,
/// baseline 2025-01-15 and day 30 (2025-02-14), storage and infrastructure only.
pub fn heron() -> Customer {
    use Metric::*;
    let id = "CUST-000456";
    let name = "Blue Heron Logistics";
    let mut b = row(
        id,
        name,
        Some("Mid-Market"),
        0,
        "2025-01-15",
        &[
            (ImplementationCost, 5000.0),
            (StorageGb, 500.0),
            (InfrastructureCost, 2000.0),
        ],
    );
    b.consent = Some(Consent::Anonymous);
    let c30 = row(
        id,
        name,
        Some("Mid-Market"),
        30,
        "2025-02-14",
        &[(StorageGb, 300.0), (InfrastructureCost, 1800.0)],
    );
    Customer::from_rows(vec![b, c30])
}

/// Cobalt Works, CUST-000789: no consent, no segment, a baseline and a day-30
/// row with no metrics at all.
pub fn cobalt() -> Customer {
    let id = "CUST-000789";
    let name = "Cobalt Works";
    Customer::from_rows(vec![
        row(id, name, None, 0, "2025-01-20", &[]),
        row(id, name, None, 30, "2025-02-19", &[]),
    ])
}

pub fn context(c: &Customer, as_of: &str, discount_rate: f64, ordinal: usize) -> DocumentContext {
    let a = assumptions(discount_rate);
    let f = figures(c, &a);
    build_context(c, &f, &a, d(as_of), ordinal).expect("rows on or before as-of")
}
