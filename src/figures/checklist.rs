//! The customer-success checklist of SPEC 6: which step is due next.

use chrono::NaiveDate;

use crate::portfolio::Customer;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    BaselineCollected,
    Metrics30Days,
    /// Testimonial request at day 30, 60 or 90.
    TestimonialRequest(u32),
    FinalRoi90Days,
    CaseStudyDraft,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextStep {
    pub step: Step,
    /// The day it is due (go-live + the step's day).
    pub due: NaiveDate,
    /// Its day has passed at the as-of date.
    pub overdue: bool,
}

/// The first step of the checklist that the customer's rows do not show as
/// done; None when every step is done.
pub fn next_step(customer: &Customer, as_of: NaiveDate) -> Option<NextStep> {
    todo!("docs helper")
}
