//! One synthetic customer, from go-live to its last checkpoint.
//!
//! Each customer is drawn from its own random stream (seed, customer index),
//! so customers can be made in any order, on any number of threads, and the
//! file is the same. The draws happen in a fixed order inside a customer;
//! changing that order changes every file made with a given seed.

use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::Options;
use super::names::company_name;
use super::segment::{Range, Segment};
use crate::portfolio::Consent;

/// A customer as written to the export: descriptive fields once, then one row
/// per checkpoint in checkpoint order.
#[derive(Clone, Debug, PartialEq)]
pub struct GeneratedCustomer {
    /// 1-based; the id is `CUST-` and this number zero-padded to 6 digits.
    pub number: u64,
    pub name: String,
    pub segment: Segment,
    /// Written on every row; None = the CRM field is empty.
    pub consent: Option<Consent>,
    pub rows: Vec<Row>,
}

impl GeneratedCustomer {
    pub fn id(&self) -> String {
        format!("CUST-{:06}", self.number)
    }
}

/// One checkpoint row. Values are already rounded to what the file shows
/// (money to cents, storage and latency to 0.1, percents to 0.01), so the
/// CSV and the XLSX carry the same numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub checkpoint: u32,
    pub date: NaiveDate,
    pub churned: bool,
    pub implementation_cost: f64,
    pub storage_gb: f64,
    pub api_calls: f64,
    pub latency_ms: f64,
    pub accuracy_pct: f64,
    pub infrastructure_cost: f64,
    pub error_rate_pct: f64,
    pub support_tickets: u32,
    pub mrr: f64,
    /// The MRR increase, on the row where an expansion happened.
    pub expansion_revenue: Option<f64>,
    pub active_users: u32,
    pub licensed_users: u32,
    pub features_used: u32,
    pub features_available: u32,
    pub nps: Option<u8>,
    pub csat: Option<u8>,
    pub ces: Option<u8>,
    pub referrals: Option<u8>,
    pub case_study_published: bool,
    pub testimonial_collected: bool,
}

/// How the implementation went for a customer; drives every trend and survey.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Clear improvements: most customers.
    Good,
    /// Small improvements, slow adoption.
    Mediocre,
    /// Worse than before: negative ROI, unhappy, likely to churn.
    Poor,
}

impl Outcome {
    fn draw(rng: &mut impl Rng) -> Outcome {
        match rng.random_range(0..100) {
            0..80 => Outcome::Good,
            80..92 => Outcome::Mediocre,
            _ => Outcome::Poor,
        }
    }

    /// Weighted so that about 10 % of all customers churn:
    /// 0.80 × 6 % + 0.12 × 15 % + 0.08 × 40 % = 9.8 %.
    fn churn_probability(self) -> f64 {
        match self {
            Outcome::Good => 0.06,
            Outcome::Mediocre => 0.15,
            Outcome::Poor => 0.40,
        }
    }
}

/// Checkpoints every customer is asked for, and the long-term ones some are.
const MONTHLY_CHECKPOINTS: [u32; 4] = [0, 30, 60, 90];
const LONG_TERM_CHECKPOINTS: [u32; 2] = [180, 365];

/// Make customer `index` (0-based) of the portfolio described by `opts`.
pub fn customer(opts: &Options, index: u64) -> GeneratedCustomer {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    rng.set_stream(index);
    let go_live = go_live_date(opts, index, &mut rng);
    let name = company_name(&mut rng);
    let segment = Segment::draw(&mut rng);
    let outcome = Outcome::draw(&mut rng);
    let profile = super::trends::Profile::draw(segment, outcome, &mut rng);
    let plan = Plan::draw(go_live, opts.export_date(), outcome, &mut rng);
    let rows = plan
        .visits
        .iter()
        .enumerate()
        .map(|(i, visit)| {
            let days = (visit.date - go_live).num_days() as f64;
            profile.row_at(&plan, i, visit.checkpoint, visit.date, days, &mut rng)
        })
        .collect();
    GeneratedCustomer {
        number: index + 1,
        name,
        segment,
        consent: plan.consent,
        rows,
    }
}

/// Go-lives are spread evenly over the window (stratified: customer i lands
/// in the i-th slice of it), so ids increase with go-live date as they do in
/// a CRM that numbers accounts as they are created.
fn go_live_date(opts: &Options, index: u64, rng: &mut impl Rng) -> NaiveDate {
    let window = (opts.go_live_end() - opts.start).num_days().max(1) as f64;
    let place = (index as f64 + rng.random::<f64>()) / opts.customers.max(1) as f64;
    let offset = ((place * window) as u64).min(window as u64 - 1);
    opts.start + Days::new(offset)
}

/// A recorded checkpoint.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Visit {
    pub checkpoint: u32,
    pub date: NaiveDate,
}

/// The events of a customer's life, decided before any value is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub visits: Vec<Visit>,
    /// Index of the churned row; always the last visit.
    pub churned_at: Option<usize>,
    pub mrr_change: Option<MrrChange>,
    /// First visit with the testimonial collected / case study published.
    pub testimonial_from: Option<usize>,
    pub case_study_from: Option<usize>,
    pub consent: Option<Consent>,
    pub outcome: Outcome,
}

/// An upsell or a downgrade: from visit `at` on, MRR and seats are × `factor`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MrrChange {
    pub at: usize,
    pub factor: f64,
}

impl Plan {
    fn draw(go_live: NaiveDate, export: NaiveDate, outcome: Outcome, rng: &mut impl Rng) -> Plan {
        let visits = schedule(go_live, export, rng);
        let churned_at = (visits.len() > 1 && rng.random_bool(outcome.churn_probability()))
            .then(|| rng.random_range(1..visits.len()));
        let visits = match churned_at {
            Some(at) => visits[..=at].to_vec(),
            None => visits,
        };
        // Contract changes happen once the customer has settled in (day 60+),
        // never on the row where it leaves.
        let settled: Vec<usize> = (0..visits.len())
            .filter(|&i| visits[i].checkpoint >= 60 && Some(i) != churned_at)
            .collect();
        let (p_expand, p_contract) = match outcome {
            Outcome::Good => (0.30, 0.02),
            Outcome::Mediocre => (0.10, 0.12),
            Outcome::Poor => (0.0, 0.30),
        };
        let roll: f64 = rng.random();
        let mrr_change = if settled.is_empty() {
            None
        } else if roll < p_expand {
            Some(MrrChange {
                at: pick(&settled, rng),
                factor: 1.0 + rng.random_range(0.10..0.60),
            })
        } else if roll < p_expand + p_contract {
            Some(MrrChange {
                at: pick(&settled, rng),
                factor: 1.0 - rng.random_range(0.10..0.35),
            })
        } else {
            None
        };
        // Testimonials and case studies come from happy customers that stayed,
        // at the 90-day review or later.
        let mature: Vec<usize> = (0..visits.len())
            .filter(|&i| visits[i].checkpoint >= 90)
            .collect();
        let mut testimonial_from = None;
        let mut case_study_from = None;
        if outcome == Outcome::Good
            && churned_at.is_none()
            && !mature.is_empty()
            && rng.random_bool(0.30)
        {
            let t = pick(&mature, rng);
            testimonial_from = Some(t);
            if rng.random_bool(0.5) {
                case_study_from = Some(rng.random_range(t..=*mature.last().unwrap()));
            }
        }
        let consent = if testimonial_from.is_some() {
            Some(if rng.random_bool(0.6) {
                Consent::Public
            } else {
                Consent::Anonymous
            })
        } else {
            match rng.random_range(0..100) {
                0..20 => Some(Consent::Public),
                20..40 => Some(Consent::Anonymous),
                40..75 => Some(Consent::None),
                _ => None,
            }
        };
        Plan {
            visits,
            churned_at,
            mrr_change,
            testimonial_from,
            case_study_from,
            consent,
            outcome,
        }
    }
}

/// Which checkpoints were recorded, and when. Dates are go-live + checkpoint
/// ± 3 days (reviews are not held to the day); checkpoints are at least 30
/// days apart, so dates still increase with the checkpoint. Nothing is dated
/// after the export date.
fn schedule(go_live: NaiveDate, export: NaiveDate, rng: &mut impl Rng) -> Vec<Visit> {
    let mut checkpoints: Vec<u32> = MONTHLY_CHECKPOINTS.to_vec();
    if rng.random_bool(0.30) {
        checkpoints.push(LONG_TERM_CHECKPOINTS[0]);
        if rng.random_bool(0.6) {
            checkpoints.push(LONG_TERM_CHECKPOINTS[1]);
        }
    }
    // Real trackers have gaps: a review that was never recorded, or an
    // account that stopped reporting while it still pays.
    if rng.random_bool(0.04) {
        let missed = [30, 60][rng.random_range(0..2)];
        checkpoints.retain(|&c| c != missed);
    } else if rng.random_bool(0.03) {
        checkpoints.truncate(rng.random_range(2..=3));
    }
    checkpoints
        .into_iter()
        .filter_map(|checkpoint| {
            let jitter: i64 = if checkpoint == 0 {
                0
            } else {
                rng.random_range(-3..=3)
            };
            let date = go_live + Days::new((i64::from(checkpoint) + jitter) as u64);
            (date <= export).then_some(Visit { checkpoint, date })
        })
        .collect()
}

fn pick(choices: &[usize], rng: &mut impl Rng) -> usize {
    choices[rng.random_range(0..choices.len())]
}

/// A draw from a segment range near the customer's size.
pub(super) fn near(range: Range, size: f64, rng: &mut impl Rng) -> f64 {
    range.at(size + rng.random_range(-0.12..0.12))
}

/// Round to `decimals` places, the way the file will show the value.
pub(super) fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn options(customers: u64, seed: u64, start_offset_days: u64) -> Options {
        Options {
            customers,
            seed,
            start: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(start_offset_days),
        }
    }

    #[test]
    fn a_customer_depends_only_on_its_inputs() {
        let o = options(1000, 7, 0);
        assert_eq!(customer(&o, 17), customer(&o, 17));
        assert_ne!(customer(&o, 17), customer(&o, 18));
        assert_eq!(customer(&o, 17).id(), "CUST-000018");
    }

    #[test]
    fn go_lives_follow_the_customer_number() {
        // Stratified: customer i of N goes live in the i-th N-th of the window.
        let o = options(10, 3, 0);
        let window = (o.go_live_end() - o.start).num_days();
        let mut previous = o.start;
        for i in 0..10 {
            let go_live = customer(&o, i).rows[0].date;
            let offset = (go_live - o.start).num_days();
            assert!(offset >= window * i as i64 / 10 - 1, "{i}: {offset}");
            assert!(offset <= window * (i as i64 + 1) / 10, "{i}: {offset}");
            assert!(go_live >= previous);
            previous = go_live;
        }
    }

    proptest! {
        #[test]
        fn every_customer_has_a_consistent_timeline(
            seed in any::<u64>(),
            customers in 1u64..5_000,
            pick in 0.0f64..1.0,
            start in 0u64..3_000,
        ) {
            let o = options(customers, seed, start);
            let index = ((customers as f64 * pick) as u64).min(customers - 1);
            let c = customer(&o, index);
            let rows = &c.rows;
            prop_assert!(!rows.is_empty());
            prop_assert_eq!(rows[0].checkpoint, 0);
            prop_assert!(rows[0].date >= o.start && rows[0].date < o.go_live_end());
            for pair in rows.windows(2) {
                prop_assert!(pair[0].checkpoint < pair[1].checkpoint);
                prop_assert!(pair[0].date < pair[1].date);
                prop_assert!(!pair[0].churned, "only the last row may be churned");
                prop_assert!(!pair[0].testimonial_collected || pair[1].testimonial_collected);
                prop_assert!(!pair[0].case_study_published || pair[1].case_study_published);
                if let Some(e) = pair[1].expansion_revenue {
                    prop_assert!(e > 0.0);
                    prop_assert_eq!(e, pair[1].mrr - pair[0].mrr);
                }
            }
            prop_assert!(rows[0].expansion_revenue.is_none());
            for r in rows {
                prop_assert!(r.date <= o.export_date());
                prop_assert!(r.accuracy_pct <= 99.9 && r.accuracy_pct >= 50.0);
                prop_assert!(r.active_users <= r.licensed_users);
                prop_assert!(r.features_used >= 1 && r.features_used <= r.features_available);
                prop_assert!(r.nps.is_none_or(|v| v <= 10));
                prop_assert!(r.csat.is_none_or(|v| (1..=5).contains(&v)));
                prop_assert!(r.ces.is_none_or(|v| (1..=7).contains(&v)));
                prop_assert!(r.referrals.is_none_or(|v| v <= 3));
                prop_assert!(r.mrr >= 0.0 && (r.mrr > 0.0) != r.churned);
                prop_assert!(r.storage_gb > 0.0 && r.latency_ms > 0.0 && r.api_calls > 0.0);
            }
        }
    }
}
