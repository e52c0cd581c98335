//! A `csf report`-sized synthetic portfolio built in code (no I/O), for the
//! figures benchmark and the ignored speed test.

use chrono::NaiveDate;
use csf::figures::roi::Assumptions;
use csf::portfolio::{Metric, Portfolio, Snapshot, Status};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub fn rates() -> Assumptions {
    Assumptions {
        storage_cost_per_gb_month: 0.10,
        cost_per_wait_hour: 30.0,
        cost_per_inaccurate_result: 0.05,
        horizon_months: 12,
        discount_rate: 0.0,
    }
}

/// Go-lives spread over 27 months, checkpoints 0/30/60/90 (1,000,000 rows),
/// ~8 % churned at the last checkpoint, three segments, every column filled.
pub fn synthetic_portfolio(customers: usize) -> Portfolio {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let first = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let segments = ["Enterprise", "Mid-market", "SMB"];
    let mut rows = Vec::with_capacity(customers * 4);
    for i in 0..customers {
        let id = format!("C{i:07}");
        let go_live = first + chrono::Duration::days(rng.random_range(0..820));
        let segment = segments[i % 3];
        let storage: f64 = rng.random_range(50.0..5000.0);
        let latency: f64 = rng.random_range(100.0..400.0);
        let mrr: f64 = rng.random_range(100.0..5000.0);
        let churns = rng.random_bool(0.08);
        for (k, cp) in [0u32, 30, 60, 90].into_iter().enumerate() {
            let f = 1.0 - 0.1 * k as f64;
            let mut s = Snapshot::new(&id, cp, go_live + chrono::Duration::days(i64::from(cp)));
            s.segment = Some(segment.to_string());
            let m = &mut s.metrics;
            if cp == 0 {
                m.set(Metric::ImplementationCost, Some(storage * 2.0));
            }
            m.set(Metric::StorageGb, Some(storage * f));
            m.set(Metric::ApiCalls, Some(rng.random_range(1e3..1e6)));
            m.set(Metric::LatencyMs, Some(latency * f));
            m.set(Metric::AccuracyPct, Some(90.0 + k as f64));
            m.set(Metric::InfrastructureCost, Some(storage * f));
            m.set(Metric::ErrorRatePct, Some(5.0 * f));
            m.set(
                Metric::SupportTickets,
                Some(rng.random_range(0.0..30.0f64).round()),
            );
            m.set(Metric::Mrr, Some(mrr * (1.0 + 0.05 * k as f64)));
            m.set(Metric::ActiveUsers, Some(10.0 + k as f64));
            m.set(Metric::LicensedUsers, Some(20.0));
            m.set(Metric::FeaturesUsed, Some(3.0 + k as f64));
            m.set(Metric::FeaturesAvailable, Some(12.0));
            m.set(Metric::Nps, Some(rng.random_range(0..=10) as f64));
            m.set(Metric::Csat, Some(rng.random_range(1..=5) as f64));
            m.set(Metric::Ces, Some(rng.random_range(1..=7) as f64));
            m.set(Metric::Referrals, Some(rng.random_range(0..2) as f64));
            s.status = Some(if churns && cp == 90 {
                Status::Churned
            } else {
                Status::Active
            });
            s.case_study_published = Some(cp == 90 && i % 50 == 0);
            s.testimonial_collected = Some(cp >= 60 && i % 20 == 0);
            rows.push(s);
        }
    }
    Portfolio::from_snapshots(rows)
}
