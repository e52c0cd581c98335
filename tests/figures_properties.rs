//! Properties of the period aggregates on random portfolios (SPEC 3.4):
//! quarters agree with their months, results do not depend on the thread
//! count, nothing is NaN or infinite, segments add up to the whole.

mod figures_common;
use figures_common as common;

use chrono::{Datelike, NaiveDate};
use common::{all_floats, rates, same};
use csf::figures::customer::portfolio_figures;
use csf::figures::periods::{PeriodFigures, PeriodKind, PortfolioTimeline, aggregate};
use csf::portfolio::{Metric, Portfolio, Snapshot, Status};
use proptest::prelude::*;

/// One random row: day offset, and for every metric maybe a small whole
/// value (zeros included, to reach every "divide by 0" edge).
fn row() -> impl Strategy<Value = (i64, Vec<Option<u8>>, u8, u8, u8)> {
    (
        0i64..200,
        prop::collection::vec(prop::option::weighted(0.7, 0u8..12), Metric::ALL.len()),
        0u8..10, // status: 0 churned, 1..3 active, else missing
        0u8..6,  // case study: 0 true
        0u8..6,  // testimonial: 0 true
    )
}

fn customer(segment: Option<&'static str>) -> impl Strategy<Value = Vec<Snapshot>> {
    (
        prop::collection::btree_map(0u32..7, row(), 1..6),
        any::<u32>(),
        Just(segment),
    )
        .prop_map(|(rows, id, segment)| {
            let start = NaiveDate::from_ymd_opt(2024, 11, 10).unwrap();
            rows.into_iter()
                .map(|(cp, (day, values, status, case, testimonial))| {
                    let mut s = Snapshot::new(
                        &format!("C{id:010}"),
                        cp * 30,
                        start + chrono::Duration::days(day),
                    );
                    for (m, v) in Metric::ALL.into_iter().zip(values) {
                        // Scores stay in range; money and counts scale up.
                        let v = v.map(|v| match m {
                            Metric::Nps => f64::from(v.min(10)),
                            Metric::Csat => f64::from(v % 5 + 1),
                            Metric::Ces => f64::from(v % 7 + 1),
                            _ => f64::from(v) * 10.0,
                        });
                        s.metrics.set(m, v);
                    }
                    s.status = match status {
                        0 => Some(Status::Churned),
                        1..=3 => Some(Status::Active),
                        _ => None,
                    };
                    s.case_study_published = Some(case == 0);
                    s.testimonial_collected = Some(testimonial == 0);
                    s.segment = segment.map(str::to_string);
                    s
                })
                .collect()
        })
}

fn portfolio(segments: &'static [Option<&'static str>]) -> impl Strategy<Value = Portfolio> {
    prop::collection::vec(
        prop::sample::select(segments).prop_flat_map(customer),
        1..12,
    )
    .prop_map(|customers| {
        // Random ids can collide: keep one customer per id.
        let mut seen = std::collections::BTreeSet::new();
        let rows = customers
            .into_iter()
            .filter(|c| seen.insert(c[0].customer_id.clone()))
            .flatten()
            .collect();
        Portfolio::from_snapshots(rows)
    })
}

const ANY_SEGMENT: &[Option<&str>] = &[Some("Enterprise"), Some("SMB"), None];
const EVERY_CUSTOMER_HAS_ONE: &[Option<&str>] = &[Some("Enterprise"), Some("SMB"), Some("Mid")];

fn quarter_of(f: &PeriodFigures) -> (i32, u32) {
    let s = f.period.unwrap().start;
    (s.year(), s.month0() / 3)
}

fn sum_opt(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(0.0) + v))
}

fn stock(f: &PeriodFigures) -> Vec<Option<f64>> {
    vec![
        Some(f.active_customers as f64),
        Some(f.customers_with_roi as f64),
        f.avg_roi_pct,
        f.median_roi_pct,
        f.roi_ci_low,
        f.roi_ci_high,
        f.avg_payback_months,
        f.total_monthly_savings,
        f.avg_storage_savings,
        f.avg_storage_reduction_pct,
        f.avg_latency_improvement_x,
        f.avg_infrastructure_reduction_pct,
        f.avg_error_rate_reduction_pct,
        f.adoption_pct,
        f.feature_utilization_pct,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn quarters_agree_with_their_months(p in portfolio(ANY_SEGMENT)) {
        let f = portfolio_figures(&p, &rates());
        let timeline = PortfolioTimeline::new(&p, &f);
        let months = timeline.aggregate(PeriodKind::Month, None);
        let quarters = timeline.aggregate(PeriodKind::Quarter, None);
        for q in &quarters {
            let ms: Vec<&PeriodFigures> =
                months.iter().filter(|m| quarter_of(m) == quarter_of(q)).collect();
            prop_assert!(!ms.is_empty() && ms.len() <= 3);
            let label = q.period.unwrap().label();
            // Flows: the quarter is the sum of its months.
            let counts = |f: &PeriodFigures| [
                f.new_customers,
                f.churned_customers,
                f.nps_responses,
                f.case_studies_published,
                f.testimonials_collected,
            ];
            let mut summed = [0u64; 5];
            for m in &ms {
                for (s, c) in summed.iter_mut().zip(counts(m)) {
                    *s += c;
                }
            }
            prop_assert_eq!(counts(q), summed, "{}", label);
            let totals = |f: &PeriodFigures| [f.support_tickets, f.api_calls, f.referrals];
            for i in 0..3 {
                let s: f64 = ms.iter().map(|m| totals(m)[i]).sum();
                prop_assert!(same(Some(totals(q)[i]), Some(s)), "{} total {}", label, i);
            }
            let reported = sum_opt(ms.iter().map(|m| m.expansion_revenue_reported));
            prop_assert!(same(q.expansion_revenue_reported, reported), "{}", label);
            // Stock: the quarter is its last month (months after the last
            // row hold no new rows, so the last listed month stands for them).
            let last = ms.last().unwrap();
            for (a, b) in stock(q).into_iter().zip(stock(last)) {
                prop_assert!(same(a, b), "{} stock {:?} vs {:?}", label, a, b);
            }
            // Start of the quarter = start of its first month, when listed;
            // otherwise nothing had happened yet.
            let first = ms[0];
            let expected_start =
                if first.period.unwrap().start == q.period.unwrap().start { first.starting_mrr } else { None };
            prop_assert!(same(q.starting_mrr, expected_start), "{}", label);
        }
    }

    #[test]
    fn one_and_two_threads_give_identical_figures(p in portfolio(ANY_SEGMENT)) {
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| {
                    let f = portfolio_figures(&p, &rates());
                    let t = PortfolioTimeline::new(&p, &f);
                    let mut all = t.aggregate(PeriodKind::Month, None);
                    all.extend(t.aggregate(PeriodKind::Quarter, None));
                    all.extend(t.aggregate(PeriodKind::Quarter, Some("SMB")));
                    all
                })
        };
        // PartialEq on f64 is exact: bit-identical sums (none is NaN).
        prop_assert_eq!(run(1), run(2));
    }

    #[test]
    fn no_figure_is_nan_or_infinite(p in portfolio(ANY_SEGMENT)) {
        let f = portfolio_figures(&p, &rates());
        for kind in [PeriodKind::Month, PeriodKind::Quarter] {
            for seg in [None, Some("SMB")] {
                for pf in aggregate(&p, &f, kind, seg) {
                    for (name, v) in all_floats(&pf) {
                        prop_assert!(v.is_none_or(f64::is_finite), "{} = {:?}", name, v);
                    }
                    for pct in [pf.logo_retention_pct, pf.csat_pct] {
                        prop_assert!(pct.is_none_or(|v| (0.0..=100.0).contains(&v)));
                    }
                    if let (Some(lo), Some(avg), Some(hi)) = (pf.roi_ci_low, pf.avg_roi_pct, pf.roi_ci_high) {
                        prop_assert!(lo <= avg + 1e-9 && avg <= hi + 1e-9);
                    }
                }
            }
        }
    }

    #[test]
    fn segment_counts_add_up_to_the_whole(p in portfolio(EVERY_CUSTOMER_HAS_ONE)) {
        let f = portfolio_figures(&p, &rates());
        let t = PortfolioTimeline::new(&p, &f);
        for kind in [PeriodKind::Month, PeriodKind::Quarter] {
            let whole = t.aggregate(kind, None);
            let parts: Vec<Vec<PeriodFigures>> =
                p.segments().iter().map(|s| t.aggregate(kind, Some(s))).collect();
            let counts = |f: &PeriodFigures| [
                f.active_customers,
                f.new_customers,
                f.churned_customers,
                f.customers_with_roi,
                f.nps_responses,
                f.case_studies_published,
                f.testimonials_collected,
            ];
            for (i, w) in whole.iter().enumerate() {
                let mut summed = [0u64; 7];
                for part in &parts {
                    prop_assert_eq!(part[i].period, w.period);
                    for (s, c) in summed.iter_mut().zip(counts(&part[i])) {
                        *s += c;
                    }
                }
                prop_assert_eq!(counts(w), summed);
                let tickets: f64 = parts.iter().map(|part| part[i].support_tickets).sum();
                prop_assert!(same(Some(w.support_tickets), Some(tickets)));
            }
        }
    }
}

/// The SPEC 3.3–3.4 definitions evaluated the slow, obvious way with the
/// `Customer` methods, customer by customer and period by period: the
/// aggregation's own timeline must agree with them.
fn reference(p: &Portfolio, kind: PeriodKind) -> Vec<Vec<Option<f64>>> {
    let f = portfolio_figures(p, &rates());
    let Some((first, last)) = p.date_range() else {
        return Vec::new();
    };
    csf::figures::periods::periods_between(kind, first, last)
        .into_iter()
        .map(|per| {
            let (s, e) = (per.start, per.end);
            let start = s.pred_opt().unwrap();
            let within = |d: Option<NaiveDate>| d.is_some_and(|d| s <= d && d <= e);
            let count = |pred: &dyn Fn(usize) -> bool| {
                (0..p.customers.len()).filter(|i| pred(*i)).count() as f64
            };
            let cs = &p.customers;
            let start_set: Vec<usize> = (0..cs.len())
                .filter(|i| cs[*i].is_active_at(start))
                .collect();
            let with_mrr: Vec<usize> = start_set
                .iter()
                .copied()
                .filter(|i| cs[*i].mrr_at(start).is_some())
                .collect();
            let mrr_sum = |g: &dyn Fn(usize) -> f64| {
                (!with_mrr.is_empty()).then(|| with_mrr.iter().map(|i| g(*i)).sum::<f64>())
            };
            let m0 = |i: usize| cs[i].mrr_at(start).unwrap();
            let m1 = |i: usize| cs[i].mrr_at(e).unwrap();
            let roi_at_end = |i: usize| {
                let c = &cs[i];
                if !c.is_active_at(e) {
                    return None;
                }
                let row = c.as_of(e)?;
                let k = c
                    .snapshots
                    .iter()
                    .position(|s| s.checkpoint == row.checkpoint)?;
                f[i].checkpoints[k].roi
            };
            let rows_in = |i: usize| {
                cs[i]
                    .snapshots
                    .iter()
                    .filter(|r| s <= r.date && r.date <= e)
            };
            vec![
                Some(count(&|i| cs[i].is_active_at(e))),
                Some(count(&|i| within(Some(cs[i].start_date())))),
                Some(count(&|i| within(cs[i].churn_date()))),
                (!start_set.is_empty()).then(|| {
                    start_set.iter().filter(|i| cs[**i].is_active_at(e)).count() as f64
                        / start_set.len() as f64
                        * 100.0
                }),
                mrr_sum(&m0),
                mrr_sum(&|i| (m1(i) - m0(i)).max(0.0)),
                mrr_sum(&|i| {
                    if cs[i].is_active_at(e) {
                        (m0(i) - m1(i)).max(0.0)
                    } else {
                        0.0
                    }
                }),
                mrr_sum(&|i| if cs[i].is_active_at(e) { 0.0 } else { m0(i) }),
                Some(count(&|i| {
                    roi_at_end(i).is_some_and(|r| r.net_roi_pct.is_some())
                })),
                sum_opt((0..cs.len()).map(|i| roi_at_end(i).and_then(|r| r.monthly_savings))),
                Some(
                    (0..cs.len())
                        .map(|i| rows_in(i).filter(|r| r.get(Metric::Nps).is_some()).count() as f64)
                        .sum::<f64>(),
                ),
            ]
        })
        .collect()
}

fn observed(f: &PeriodFigures) -> Vec<Option<f64>> {
    vec![
        Some(f.active_customers as f64),
        Some(f.new_customers as f64),
        Some(f.churned_customers as f64),
        f.logo_retention_pct,
        f.starting_mrr,
        f.expansion_mrr,
        f.contraction_mrr,
        f.churned_mrr,
        Some(f.customers_with_roi as f64),
        f.total_monthly_savings,
        Some(f.nps_responses as f64),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn aggregates_agree_with_the_customer_state_methods(p in portfolio(ANY_SEGMENT)) {
        let f = portfolio_figures(&p, &rates());
        for kind in [PeriodKind::Month, PeriodKind::Quarter] {
            let got = aggregate(&p, &f, kind, None);
            let want = reference(&p, kind);
            prop_assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                for (j, (a, b)) in observed(g).into_iter().zip(w).enumerate() {
                    prop_assert!(same(a, *b), "{} field {}: {:?} vs {:?}", g.period.unwrap().label(), j, a, b);
                }
            }
        }
    }
}

/// More customers than one block of the parallel walk, so blocks are merged.
#[test]
fn many_blocks_give_the_same_figures_with_one_and_two_threads() {
    let p = common::synthetic::synthetic_portfolio(10_000);
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| {
                let f = portfolio_figures(&p, &rates());
                let t = PortfolioTimeline::new(&p, &f);
                let mut all = t.aggregate(PeriodKind::Month, None);
                all.extend(t.aggregate(PeriodKind::Quarter, Some("SMB")));
                all
            })
    };
    let one = run(1);
    assert!(
        one.iter().any(|f| f.customers_with_roi > 1000),
        "the portfolio has ROI figures"
    );
    assert_eq!(one, run(2));
}
