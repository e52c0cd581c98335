//! Speed of the figures on a `csf report`-sized portfolio: 250,000 customers,
//! 1,000,000 rows over ~30 months, built in code (no I/O).
//!
//! `cargo bench --bench figures` (add `-- --quick` for a shorter run).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use csf::figures::customer::portfolio_figures;
use csf::figures::periods::{PeriodKind, PortfolioTimeline};

#[path = "../tests/figures_common/synthetic.rs"]
mod synthetic;

fn bench(c: &mut Criterion) {
    let p = synthetic::synthetic_portfolio(250_000);
    let a = synthetic::rates();
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
