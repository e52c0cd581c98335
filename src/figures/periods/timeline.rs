//! A compact, date-ordered index of every customer's rows, so that the state
//! of a customer at a date (SPEC 3.3) is a short search over a handful of
//! rows, with no allocation: the period aggregates ask it for 250,000
//! customers × dozens of periods. It also keeps, per row, what the row adds
//! to a period as an as-of row ([`Stock`]), read from the customer figures
//! once instead of once per period and table.

use chrono::NaiveDate;
use rayon::prelude::*;

use super::stock::Stock;
use crate::figures::customer::CustomerFigures;
use crate::portfolio::{Customer, Metric, Portfolio, Snapshot};

/// One row of a customer, in (date, checkpoint) order.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct RowKey {
    pub date: NaiveDate,
    /// Index into `Customer::snapshots` (and `CustomerFigures::checkpoints`).
    pub snapshot: u32,
    pub churned: bool,
    /// The latest mrr reported on this row or an earlier one (by date):
    /// mrr carried forward. NaN = none reported yet.
    carried_mrr: f64,
}

/// What a customer's rows say once, whatever the period.
#[derive(Clone, Copy, Debug)]
pub(super) struct CustomerKey {
    first_row: u32,
    rows: u32,
    /// Go-live date, or the first row's date without a baseline.
    pub start: NaiveDate,
    pub churn: Option<NaiveDate>,
    /// Date of the first row (by date) with the flag true.
    pub first_case_study: Option<NaiveDate>,
    pub first_testimonial: Option<NaiveDate>,
}

/// The state of one customer at one date (SPEC 3.3).
#[derive(Clone, Copy, Debug)]
pub(super) struct State {
    /// Number of rows dated ≤ t: rows `..pos` of the customer are known at
    /// t, and row `pos − 1` (in date order) is the as-of row.
    pub pos: usize,
    pub active: bool,
    /// mrr(c, t); None before any mrr was reported.
    pub mrr: Option<f64>,
}

pub(super) struct Timeline {
    pub customers: Vec<CustomerKey>,
    rows: Vec<RowKey>,
    /// Parallel to `rows`.
    stock: Vec<Stock>,
}

impl Timeline {
    /// `figures` is parallel to `portfolio.customers`.
    pub fn new(portfolio: &Portfolio, figures: &[CustomerFigures]) -> Timeline {
        let total: usize = portfolio.customers.iter().map(|c| c.snapshots.len()).sum();
        let mut rows = vec![RowKey::default(); total];
        let mut stock = vec![Stock::default(); total];
        // Hand each customer its own stretch of the two arrays, so customers
        // can be indexed in parallel without locks or per-customer vectors.
        let mut parts = Vec::with_capacity(portfolio.customers.len());
        let (mut rest_rows, mut rest_stock) = (rows.as_mut_slice(), stock.as_mut_slice());
        let mut first_row = 0;
        for c in &portfolio.customers {
            let n = c.snapshots.len();
            let (r, rr) = std::mem::take(&mut rest_rows).split_at_mut(n);
            let (s, rs) = std::mem::take(&mut rest_stock).split_at_mut(n);
            parts.push((first_row, r, s));
            (rest_rows, rest_stock) = (rr, rs);
            first_row += n;
        }
        let customers = portfolio
            .customers
            .par_iter()
            .zip(figures)
            .zip(parts)
            .map(|((c, f), (first, r, s))| index_customer(c, f, first, r, s))
            .collect();
        Timeline {
            customers,
            rows,
            stock,
        }
    }

    /// What the customer's `i`-th row (in date order) adds as an as-of row.
    pub fn stock(&self, c: &CustomerKey, i: usize) -> &Stock {
        &self.stock[c.first_row as usize + i]
    }

    /// The customer's rows in (date, checkpoint) order.
    pub fn rows(&self, c: &CustomerKey) -> &[RowKey] {
        &self.rows[c.first_row as usize..(c.first_row + c.rows) as usize]
    }

    #[cfg(test)]
    pub fn state_at(&self, c: &CustomerKey, t: NaiveDate) -> State {
        let pos = self.rows(c).partition_point(|r| r.date <= t);
        self.state(c, pos, t)
    }

    /// The state at t, given `pos` = the number of the customer's rows
    /// dated ≤ t (callers walking forward in time already know it).
    pub fn state(&self, c: &CustomerKey, pos: usize, t: NaiveDate) -> State {
        let rows = self.rows(c);
        // Ties on date were ordered by checkpoint, so the last row dated ≤ t
        // is the as-of row of SPEC 3.3.
        let last = pos.checked_sub(1).map(|i| rows[i]);
        let exists = c.start <= t;
        let active = exists && last.is_some_and(|r| !r.churned);
        let reported = last.map(|r| r.carried_mrr).filter(|v| !v.is_nan());
        let mrr = reported.map(|v| if exists && !active { 0.0 } else { v });
        State { pos, active, mrr }
    }
}

fn index_customer(
    c: &Customer,
    f: &CustomerFigures,
    first_row: usize,
    own: &mut [RowKey],
    stock: &mut [Stock],
) -> CustomerKey {
    for (i, (s, r)) in c.snapshots.iter().zip(own.iter_mut()).enumerate() {
        *r = RowKey {
            date: s.date,
            snapshot: i as u32,
            churned: s.is_churned(),
            carried_mrr: f64::NAN,
        };
    }
    // Snapshots are in checkpoint order; the stable sort keeps that order
    // among rows of the same date, so ties go to the higher checkpoint last.
    own.sort_by_key(|r| r.date);
    let mut carried = f64::NAN;
    for (r, st) in own.iter_mut().zip(stock.iter_mut()) {
        let s = &c.snapshots[r.snapshot as usize];
        if let Some(v) = s.get(Metric::Mrr) {
            carried = v;
        }
        r.carried_mrr = carried;
        *st = Stock::of(s, &f.checkpoints[r.snapshot as usize]);
    }
    let first_date = |flag: fn(&Snapshot) -> bool| {
        own.iter()
            .find(|r| flag(&c.snapshots[r.snapshot as usize]))
            .map(|r| r.date)
    };
    CustomerKey {
        first_row: first_row as u32,
        rows: c.snapshots.len() as u32,
        start: c.start_date(),
        churn: first_date(Snapshot::is_churned),
        first_case_study: first_date(|s| s.case_study_published == Some(true)),
        first_testimonial: first_date(|s| s.testimonial_collected == Some(true)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::Status;
    use proptest::prelude::*;

    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(n)
    }

    /// Rows with any checkpoints and dates (also dates out of checkpoint
    /// order, ties, rows before the baseline), some churned, some with mrr.
    fn customer() -> impl Strategy<Value = Customer> {
        prop::collection::btree_map(
            0u32..6,
            (0i64..40, prop::option::of(0u32..3), any::<bool>()),
            1..6,
        )
        .prop_map(|rows| {
            let snapshots = rows
                .into_iter()
                .map(|(cp, (d, mrr, churned))| {
                    let mut s = Snapshot::new("C", cp * 30, day(d));
                    s.metrics
                        .set(Metric::Mrr, mrr.map(|m| f64::from(m) * 100.0));
                    s.status = churned.then_some(Status::Churned);
                    s
                })
                .collect();
            Customer::from_rows(snapshots)
        })
    }

    proptest! {
        #[test]
        fn state_agrees_with_the_customer(c in customer(), t in -1i64..42) {
            let p = Portfolio { customers: vec![c.clone()] };
            let f = crate::figures::customer::portfolio_figures(&p, &crate::figures::roi::hand_rates());
            let tl = Timeline::new(&p, &f);
            let key = &tl.customers[0];
            let t = day(t);
            let st = tl.state_at(key, t);
            prop_assert_eq!(st.active, c.is_active_at(t));
            prop_assert_eq!(st.mrr, c.mrr_at(t));
            // Metrics hold NaN for missing, so compare the rows by checkpoint.
            let as_of = st
                .pos
                .checked_sub(1)
                .map(|i| c.snapshots[tl.rows(key)[i].snapshot as usize].checkpoint);
            prop_assert_eq!(as_of, c.as_of(t).map(|s| s.checkpoint));
            prop_assert_eq!(st.pos, c.snapshots.iter().filter(|s| s.date <= t).count());
            prop_assert_eq!(key.churn, c.churn_date());
            prop_assert_eq!(key.start, c.start_date());
        }
    }
}
