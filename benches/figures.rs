//! Speed of the figures on a `csf report`-sized portfolio: 250,000 customers,
//! 1,000,000 rows over ~30 months, built in code (no I/O).
//!
//! `cargo bench --bench figures` (add `-- --quick` for a shorter run).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use csf::figures::customer::portfolio_figures;
use csf::figures::periods::{PeriodKind, PortfolioTimeline};
use csf::figures::roi::Assumptions;
use csf::portfolio::{Metric, Portfolio, Snapshot, Status};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const CUSTOMERS: usize = 250_000;

fn rates() -> Assumptions {
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
fn synthetic_portfolio() -> Portfolio {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let first = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let segments = ["Enterprise", "Mid-market", "SMB"];
    let mut rows = Vec::with_capacity(CUSTOMERS * 4);
    for i in 0..CUSTOMERS {
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
            m.set(Metric::SupportTickets, Some(rng.random_range(0.0..30.0f64).round()));
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

fn bench(c: &mut Criterion) {
    let p = synthetic_portfolio();
    let a = rates();
    let figures = portfolio_figures(&p, &a);
    let mut g = c.benchmark_group("figures_250k_customers_1m_rows");
    g.sample_size(10);
    g.bench_function("portfolio_figures", |b| {
        b.iter(|| black_box(portfolio_figures(&p, &a)))
    });
    g.bench_function("timeline", |b| {
        b.iter(|| black_box(PortfolioTimeline::new(&p, &figures)))
    });
    let t = PortfolioTimeline::new(&p, &figures);
    g.bench_function("monthly", |b| {
        b.iter(|| black_box(t.aggregate(PeriodKind::Month, None)))
    });
    g.bench_function("quarterly", |b| {
        b.iter(|| black_box(t.aggregate(PeriodKind::Quarter, None)))
    });
    // What `csf report` asks for: customer figures, months, quarters and the
    // quarters of every segment.
    g.bench_function("report_set", |b| {
        b.iter(|| {
            let f = portfolio_figures(&p, &a);
            let t = PortfolioTimeline::new(&p, &f);
            let mut rows = t.aggregate(PeriodKind::Month, None);
            rows.extend(t.aggregate(PeriodKind::Quarter, None));
            for s in p.segments() {
                rows.extend(t.aggregate(PeriodKind::Quarter, Some(&s)));
            }
            black_box(rows)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
