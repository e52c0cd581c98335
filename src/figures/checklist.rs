//! The customer-success checklist of SPEC 6: which step is due next.
//!
//! Steps, in order, each with the day after go-live it is due on:
//! baseline collected (day 0) → 30-day metrics (day 30) → testimonial request
//! (day 30, 60 or 90) → 90-day final ROI (day 90) → case study draft (day 90).
//!
//! Rules where the framework is silent:
//! - Only rows dated on or before the as-of date count: the checklist answers
//!   "what was done by then".
//! - The testimonial request is done when any row says testimonial_collected.
//!   The export has no "request sent" column, so a request is asked again at
//!   day 60 and day 90: the round due is the latest of 30/60/90 whose day has
//!   been reached at the as-of date (30 before day 30). After day 90 the
//!   90-day round stays overdue until a testimonial is collected.
//! - The case study draft is due with the final ROI, at day 90, and is done
//!   when a row says case_study_published.
//! - A customer churned at the as-of date has no next step: the checklist is
//!   for live accounts.
//! - A customer without a baseline is stuck at "baseline collected", due on
//!   its start date (its first row's date).

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Days, NaiveDate};

use crate::portfolio::{Customer, Portfolio, Snapshot};

/// The days after go-live at which a testimonial is requested.
pub const TESTIMONIAL_DAYS: [u32; 3] = [30, 60, 90];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    BaselineCollected,
    Metrics30Days,
    /// Testimonial request at day 30, 60 or 90.
    TestimonialRequest(u32),
    FinalRoi90Days,
    CaseStudyDraft,
}

impl Step {
    /// Days after go-live the step is due.
    pub fn day(self) -> u32 {
        match self {
            Step::BaselineCollected => 0,
            Step::Metrics30Days => 30,
            Step::TestimonialRequest(day) => day,
            Step::FinalRoi90Days | Step::CaseStudyDraft => 90,
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::BaselineCollected => f.write_str("baseline collected"),
            Step::Metrics30Days => f.write_str("30-day metrics"),
            Step::TestimonialRequest(day) => write!(f, "{day}-day testimonial request"),
            Step::FinalRoi90Days => f.write_str("90-day final ROI"),
            Step::CaseStudyDraft => f.write_str("case study draft"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextStep {
    pub step: Step,
    /// The day it is due (go-live + the step's day).
    pub due: NaiveDate,
    /// Its day has passed at the as-of date.
    pub overdue: bool,
}

/// `30-day metrics, due 2025-02-09 (overdue)`: the Customers sheet cell.
impl fmt::Display for NextStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, due {}", self.step, self.due.format("%Y-%m-%d"))?;
        if self.overdue {
            f.write_str(" (overdue)")?;
        }
        Ok(())
    }
}

/// The first step of the checklist that the customer's rows do not show as
/// done; None when every step is done or the customer is churned.
pub fn next_step(customer: &Customer, as_of: NaiveDate) -> Option<NextStep> {
    if customer.as_of(as_of).is_some_and(Snapshot::is_churned) {
        return None;
    }
    let rows: Vec<&Snapshot> = customer
        .snapshots
        .iter()
        .filter(|s| s.date <= as_of)
        .collect();
    let any = |done: fn(&Snapshot) -> bool| rows.iter().any(|s| done(s));
    let start = customer.start_date();

    let step = if !any(Snapshot::is_baseline) {
        Step::BaselineCollected
    } else if !any(|s| s.checkpoint >= 30) {
        Step::Metrics30Days
    } else if !any(|s| s.testimonial_collected == Some(true)) {
        Step::TestimonialRequest(testimonial_round(start, as_of))
    } else if !any(|s| s.checkpoint >= 90) {
        Step::FinalRoi90Days
    } else if !any(|s| s.case_study_published == Some(true)) {
        Step::CaseStudyDraft
    } else {
        return None;
    };
    let due = day_after(start, step.day());
    Some(NextStep {
        step,
        due,
        overdue: due < as_of,
    })
}

/// The testimonial request round at the as-of date: the latest of 30/60/90
/// whose day has been reached, or 30 before day 30.
pub fn testimonial_round(start: NaiveDate, as_of: NaiveDate) -> u32 {
    TESTIMONIAL_DAYS
        .into_iter()
        .rev()
        .find(|&d| day_after(start, d) <= as_of)
        .unwrap_or(TESTIMONIAL_DAYS[0])
}

/// How many customers have their next step overdue at `as_of`, by step
/// (steps in checklist order; steps with no overdue customer are left out).
pub fn overdue_by_step(portfolio: &Portfolio, as_of: NaiveDate) -> BTreeMap<Step, usize> {
    tally_overdue(portfolio.customers.iter().map(|c| next_step(c, as_of)))
}

/// The same count from next steps already worked out (one per customer).
pub fn tally_overdue(
    next_steps: impl IntoIterator<Item = Option<NextStep>>,
) -> BTreeMap<Step, usize> {
    let mut counts = BTreeMap::new();
    for next in next_steps.into_iter().flatten().filter(|n| n.overdue) {
        *counts.entry(next.step).or_insert(0) += 1;
    }
    counts
}

/// The run-summary line: `Checklist at 2025-06-30: 5 customers have a step
/// overdue (30-day metrics 2, 90-day testimonial request 3).`
pub fn overdue_summary(counts: &BTreeMap<Step, usize>, as_of: NaiveDate) -> String {
    let total: usize = counts.values().sum();
    if total == 0 {
        return format!("Checklist at {as_of}: no customer has a step overdue.");
    }
    let by_step: Vec<String> = counts
        .iter()
        .map(|(step, n)| format!("{step} {n}"))
        .collect();
    format!(
        "Checklist at {as_of}: {total} {} a step overdue ({}).",
        if total == 1 {
            "customer has"
        } else {
            "customers have"
        },
        by_step.join(", ")
    )
}

fn day_after(start: NaiveDate, day: u32) -> NaiveDate {
    start
        .checked_add_days(Days::new(u64::from(day)))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::Status;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Go-live 2025-01-01: day 30 = 2025-01-31, day 60 = 2025-03-02,
    /// day 90 = 2025-04-01.
    fn row(id: &str, cp: u32, date: &str) -> Snapshot {
        Snapshot::new(id, cp, d(date))
    }

    fn next(c: &Customer, as_of: &str) -> Option<(Step, NaiveDate, bool)> {
        next_step(c, d(as_of)).map(|n| (n.step, n.due, n.overdue))
    }

    #[test]
    fn baseline_only_waits_for_30_day_metrics() {
        let c = Customer::from_rows(vec![row("A", 0, "2025-01-01")]);
        // Day 30 is 2025-01-31: due that day, overdue only once it has passed.
        assert_eq!(
            next(&c, "2025-01-31"),
            Some((Step::Metrics30Days, d("2025-01-31"), false))
        );
        assert_eq!(
            next(&c, "2025-02-01"),
            Some((Step::Metrics30Days, d("2025-01-31"), true))
        );
    }

    #[test]
    fn without_baseline_the_baseline_is_due_on_the_start_date() {
        let c = Customer::from_rows(vec![row("A", 30, "2025-02-10"), row("A", 60, "2025-03-12")]);
        assert_eq!(
            next(&c, "2025-03-12"),
            Some((Step::BaselineCollected, d("2025-02-10"), true))
        );
        assert_eq!(
            next(&c, "2025-02-10"),
            Some((Step::BaselineCollected, d("2025-02-10"), false))
        );
    }

    #[test]
    fn rows_after_the_as_of_date_do_not_count() {
        let c = Customer::from_rows(vec![row("A", 0, "2025-01-01"), row("A", 30, "2025-01-31")]);
        assert_eq!(
            next(&c, "2025-01-20").map(|n| n.0),
            Some(Step::Metrics30Days)
        );
    }

    #[test]
    fn the_testimonial_round_follows_the_days_reached() {
        let c = Customer::from_rows(vec![row("A", 0, "2025-01-01"), row("A", 30, "2025-01-31")]);
        // Day 30 reached on 2025-01-31, not yet day 60 (2025-03-02).
        assert_eq!(
            next(&c, "2025-01-31"),
            Some((Step::TestimonialRequest(30), d("2025-01-31"), false))
        );
        assert_eq!(
            next(&c, "2025-03-01"),
            Some((Step::TestimonialRequest(30), d("2025-01-31"), true))
        );
        assert_eq!(
            next(&c, "2025-03-02"),
            Some((Step::TestimonialRequest(60), d("2025-03-02"), false))
        );
        assert_eq!(
            next(&c, "2025-04-01"),
            Some((Step::TestimonialRequest(90), d("2025-04-01"), false))
        );
        // Past day 90 the 90-day round stays, overdue.
        assert_eq!(
            next(&c, "2025-12-31"),
            Some((Step::TestimonialRequest(90), d("2025-04-01"), true))
        );
        assert_eq!(testimonial_round(d("2025-01-01"), d("2025-01-15")), 30);
    }

    #[test]
    fn after_the_testimonial_come_final_roi_then_the_case_study() {
        let r0 = row("A", 0, "2025-01-01");
        let mut r30 = row("A", 30, "2025-01-31");
        r30.testimonial_collected = Some(true);
        let c = Customer::from_rows(vec![r0.clone(), r30.clone()]);
        assert_eq!(
            next(&c, "2025-04-02"),
            Some((Step::FinalRoi90Days, d("2025-04-01"), true))
        );

        let r90 = row("A", 90, "2025-04-01");
        let c = Customer::from_rows(vec![r0.clone(), r30.clone(), r90.clone()]);
        assert_eq!(
            next(&c, "2025-04-01"),
            Some((Step::CaseStudyDraft, d("2025-04-01"), false))
        );

        let mut published = r90;
        published.case_study_published = Some(true);
        let c = Customer::from_rows(vec![r0, r30, published]);
        assert_eq!(next(&c, "2025-04-01"), None, "every step done");
    }

    #[test]
    fn a_churned_customer_has_no_next_step() {
        let mut r30 = row("A", 30, "2025-01-31");
        r30.status = Some(Status::Churned);
        let c = Customer::from_rows(vec![row("A", 0, "2025-01-01"), r30]);
        assert_eq!(next(&c, "2025-02-15"), None);
        // Before the churned row it was still live and owed its testimonial.
        assert_eq!(
            next(&c, "2025-01-15").map(|n| n.0),
            Some(Step::Metrics30Days)
        );
    }

    #[test]
    fn overdue_customers_are_counted_by_step() {
        // As of 2025-04-10:
        // A: baseline only, go-live 2025-01-01 → 30-day metrics due 01-31, overdue.
        // B: baseline only, go-live 2025-03-20 → due 04-19, not overdue.
        // C: no baseline, first row 2025-02-01 → baseline due 02-01, overdue.
        // D: baseline + day 30, go-live 2025-01-01 → day 90 reached (04-01):
        //    90-day testimonial request due 04-01, overdue.
        // E: same as A → a second overdue 30-day metrics.
        // F: churned → not counted.
        let mut f30 = row("F", 30, "2025-01-31");
        f30.status = Some(Status::Churned);
        let p = Portfolio::from_snapshots(vec![
            row("A", 0, "2025-01-01"),
            row("B", 0, "2025-03-20"),
            row("C", 30, "2025-02-01"),
            row("D", 0, "2025-01-01"),
            row("D", 30, "2025-01-31"),
            row("E", 0, "2025-01-01"),
            row("F", 0, "2025-01-01"),
            f30,
        ]);
        let counts = overdue_by_step(&p, d("2025-04-10"));
        let expected = BTreeMap::from([
            (Step::BaselineCollected, 1),
            (Step::Metrics30Days, 2),
            (Step::TestimonialRequest(90), 1),
        ]);
        assert_eq!(counts, expected);
        // 1 + 2 + 1 = 4 customers, steps in checklist order.
        assert_eq!(
            overdue_summary(&counts, d("2025-04-10")),
            "Checklist at 2025-04-10: 4 customers have a step overdue \
             (baseline collected 1, 30-day metrics 2, 90-day testimonial request 1)."
        );
        assert_eq!(
            overdue_summary(&BTreeMap::new(), d("2025-04-10")),
            "Checklist at 2025-04-10: no customer has a step overdue."
        );
    }

    #[test]
    fn next_step_reads_as_a_sheet_cell() {
        let n = NextStep {
            step: Step::TestimonialRequest(60),
            due: d("2025-03-02"),
            overdue: true,
        };
        assert_eq!(
            n.to_string(),
            "60-day testimonial request, due 2025-03-02 (overdue)"
        );
    }
}
