//! How long the figures take on a `csf report`-sized portfolio (250,000
//! customers, 1,000,000 rows). Not a timed test: it prints, never fails on
//! speed. Run it in release:
//! `cargo test --release --test figures_speed -- --ignored --nocapture`

mod figures_common;
use figures_common as common;

use std::time::{Duration, Instant};

use common::synthetic::{rates, synthetic_portfolio};
use csf::figures::customer::portfolio_figures;
use csf::figures::periods::{PeriodKind, PortfolioTimeline};

/// Best of `n` runs: the least disturbed by other work on the machine.
fn best<T>(n: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
#[ignore = "a measurement, run by hand in release"]
fn figures_of_250k_customers() {
    let p = synthetic_portfolio(250_000);
    let a = rates();
    let rows: usize = p.customers.iter().map(|c| c.snapshots.len()).sum();
    println!(
        "{} customers, {rows} rows, {} threads",
        p.customers.len(),
        rayon::current_num_threads()
    );
    let figures = portfolio_figures(&p, &a);
    println!(
        "portfolio_figures  {:?}",
        best(3, || portfolio_figures(&p, &a))
    );
    println!(
        "timeline           {:?}",
        best(5, || PortfolioTimeline::new(&p, &figures))
    );
    let t = PortfolioTimeline::new(&p, &figures);
    let months = t.aggregate(PeriodKind::Month, None).len();
    println!(
        "monthly ({months})      {:?}",
        best(5, || t.aggregate(PeriodKind::Month, None))
    );
    let quarters = t.aggregate(PeriodKind::Quarter, None).len();
    println!(
        "quarterly ({quarters})     {:?}",
        best(5, || t.aggregate(PeriodKind::Quarter, None))
    );
    let segments = p.segments();
    println!(
        "segments ({}×q)    {:?}",
        segments.len(),
        best(5, || {
            segments
                .iter()
                .map(|s| t.aggregate(PeriodKind::Quarter, Some(s)))
                .collect::<Vec<_>>()
        })
    );
    println!(
        "all tables         {:?}",
        best(3, || {
            let t = PortfolioTimeline::new(&p, &figures);
            let mut all = t.aggregate(PeriodKind::Month, None);
            all.extend(t.aggregate(PeriodKind::Quarter, None));
            for s in &segments {
                all.extend(t.aggregate(PeriodKind::Quarter, Some(s)));
            }
            all
        })
    );
}
