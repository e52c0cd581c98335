//! The Customers sheet (SPEC 4.5): one row per customer, as it stands at the
//! as-of date: its latest row dated up to then, compared with its baseline.

use chrono::NaiveDate;
use rust_xlsxwriter::Worksheet;

use super::columns::{Column, Layout, Pages, SheetWriter, savings_columns};
use super::formats::{Formats, Kind};
use super::{ReportData, WorkbookError};
use crate::figures::checklist::{NextStep, Step};
use crate::figures::customer::CustomerFigures;
use crate::figures::deltas::adoption_pct;
use crate::portfolio::{Consent, Customer, Metric, Snapshot};

fn columns() -> Vec<Column> {
    let mut cols = vec![
        Column::new("Customer ID", Kind::Text),
        Column::new("Customer name", Kind::Text),
        Column::new("Segment", Kind::Text),
        Column::new("Go-live date", Kind::Date),
        Column::new("Latest checkpoint (days)", Kind::Count),
        Column::new("Latest checkpoint date", Kind::Date),
        Column::new("Status", Kind::Text),
        Column::new("Churn date", Kind::Date),
        Column::new("Implementation cost", Kind::Money),
    ];
    for m in Metric::OPERATIONAL {
        let kind = Kind::of_metric(m);
        cols.push(Column::new(format!("{} baseline", m.label()), kind));
        cols.push(Column::new(format!("{} latest", m.label()), kind));
        cols.push(Column::new(
            format!("{} change %", m.label()),
            Kind::Percent,
        ));
    }
    cols.extend(savings_columns());
    cols.extend([
        Column::new("Benefit-cost ratio", Kind::Ratio),
        Column::new("Payback months", Kind::Ratio),
        Column::new("NPV", Kind::Money),
        Column::new("Time to value (days)", Kind::Count),
        Column::new("Latest NPS", Kind::General),
        Column::new("NPS category", Kind::Text),
        Column::new("CSAT", Kind::General),
        Column::new("CES", Kind::General),
        Column::new("Adoption %", Kind::Percent),
        Column::new("MRR", Kind::Money),
        Column::new("Case study published", Kind::Text),
        Column::new("Testimonial collected", Kind::Text),
        Column::new("Testimonial consent", Kind::Text),
        Column::new("Next step due", Kind::Text),
        Column::new("Next step due date", Kind::Date),
        Column::new("Overdue", Kind::Text),
    ]);
    cols
}

pub fn write(
    pages: Pages,
    fmt: &Formats,
    data: &ReportData,
    max_rows: u32,
) -> Result<Vec<Worksheet>, WorkbookError> {
    let layout = Layout {
        name: "Customers".into(),
        large: true,
        max_rows,
    };
    let mut w = SheetWriter::new(pages, fmt, layout)?;
    w.table(columns())?;
    let customers = data.portfolio.customers.iter();
    for ((c, f), next) in customers.zip(data.figures).zip(data.next_steps) {
        w.row()?;
        customer_row(&mut w, c, f, next.as_ref(), data.as_of)?;
    }
    w.finish()
}

fn customer_row(
    w: &mut SheetWriter,
    c: &Customer,
    f: &CustomerFigures,
    next: Option<&NextStep>,
    as_of: NaiveDate,
) -> Result<(), WorkbookError> {
    // The customer as it stands at the as-of date.
    let latest_index = c
        .as_of(as_of)
        .and_then(|s| c.snapshots.iter().position(|x| std::ptr::eq(x, s)));
    let latest = latest_index.map(|i| &c.snapshots[i]);
    let figures = latest_index.and_then(|i| f.checkpoints.get(i));
    let deltas = figures.and_then(|f| f.deltas);
    let roi = figures.and_then(|f| f.roi);
    let baseline = c.baseline();
    let rows_so_far = || c.snapshots.iter().filter(move |s| s.date <= as_of);

    w.text(&c.id)?;
    w.opt_text(c.name.as_deref())?;
    w.opt_text(c.segment.as_deref())?;
    w.date(c.go_live())?;
    w.num(latest.map(|s| f64::from(s.checkpoint)))?;
    w.date(latest.map(|s| s.date))?;
    w.text(if !c.exists_at(as_of) {
        "not started"
    } else if c.is_active_at(as_of) {
        "active"
    } else {
        "churned"
    })?;
    w.date(c.churn_date().filter(|d| *d <= as_of))?;
    w.num(c.implementation_cost())?;
    for m in Metric::OPERATIONAL {
        w.num(baseline.and_then(|b| b.get(m)))?;
        w.num(latest.and_then(|s| s.get(m)))?;
        w.num(deltas.and_then(|d| d.change_pct.get(m)))?;
    }
    w.savings(roi.as_ref())?;
    w.num(roi.and_then(|r| r.benefit_cost_ratio))?;
    w.num(roi.and_then(|r| r.payback_months))?;
    w.num(roi.and_then(|r| r.npv))?;
    // Time to value counts only once it was reached by the as-of date.
    let ttv = f.time_to_value_days.filter(|days| {
        c.go_live()
            .is_some_and(|g| g + chrono::Days::new(*days as u64) <= as_of)
    });
    w.num(ttv.map(|d| d as f64))?;

    let latest_of = |m: Metric| -> Option<f64> {
        rows_so_far()
            .filter(|s| s.get(m).is_some())
            .max_by_key(|s| (s.date, s.checkpoint))
            .and_then(|s| s.get(m))
    };
    let nps = latest_of(Metric::Nps);
    w.num(nps)?;
    w.opt_text(nps.map(nps_category))?;
    w.num(latest_of(Metric::Csat))?;
    w.num(latest_of(Metric::Ces))?;
    w.num(latest.and_then(adoption_pct))?;
    w.num(c.mrr_at(as_of))?;
    w.opt_text(flag(rows_so_far(), |s| s.case_study_published))?;
    w.opt_text(flag(rows_so_far(), |s| s.testimonial_collected))?;
    w.opt_text(c.consent.map(consent_label))?;
    w.opt_text(next.map(|n| step_label(n.step)).as_deref())?;
    w.date(next.map(|n| n.due))?;
    w.opt_text(next.map(|n| if n.overdue { "yes" } else { "no" }))?;
    Ok(())
}

/// NPS answer category: promoter 9–10, passive 7–8, detractor 0–6.
fn nps_category(score: f64) -> &'static str {
    if score >= 9.0 {
        "promoter"
    } else if score >= 7.0 {
        "passive"
    } else {
        "detractor"
    }
}

/// "yes" once any row says so, "no" when rows say no, blank when none tells.
fn flag<'a>(
    rows: impl Iterator<Item = &'a Snapshot>,
    get: impl Fn(&Snapshot) -> Option<bool>,
) -> Option<&'static str> {
    let mut seen = None;
    for s in rows {
        match get(s) {
            Some(true) => return Some("yes"),
            Some(false) => seen = Some("no"),
            None => {}
        }
    }
    seen
}

fn consent_label(c: Consent) -> &'static str {
    match c {
        Consent::Public => "public",
        Consent::Anonymous => "anonymous",
        Consent::None => "none",
    }
}

/// The checklist step of SPEC 6 as a to-do.
pub fn step_label(step: Step) -> String {
    match step {
        Step::BaselineCollected => "Collect baseline metrics".into(),
        Step::Metrics30Days => "Collect 30-day metrics".into(),
        Step::TestimonialRequest(day) => format!("Request testimonial ({day}-day)"),
        Step::FinalRoi90Days => "Compute 90-day final ROI".into(),
        Step::CaseStudyDraft => "Draft case study".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nps_answers_fall_in_the_usual_categories() {
        assert_eq!(nps_category(10.0), "promoter");
        assert_eq!(nps_category(9.0), "promoter");
        assert_eq!(nps_category(8.0), "passive");
        assert_eq!(nps_category(7.0), "passive");
        assert_eq!(nps_category(6.0), "detractor");
        assert_eq!(nps_category(0.0), "detractor");
    }

    #[test]
    fn a_flag_is_yes_once_any_row_says_so() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let mut a = Snapshot::new("C", 0, d);
        let mut b = Snapshot::new("C", 30, d);
        assert_eq!(flag([&a, &b].into_iter(), |s| s.case_study_published), None);
        a.case_study_published = Some(false);
        assert_eq!(
            flag([&a, &b].into_iter(), |s| s.case_study_published),
            Some("no")
        );
        b.case_study_published = Some(true);
        assert_eq!(
            flag([&a, &b].into_iter(), |s| s.case_study_published),
            Some("yes")
        );
    }

    #[test]
    fn every_operational_metric_has_baseline_latest_and_change() {
        let cols = columns();
        for m in Metric::OPERATIONAL {
            for suffix in ["baseline", "latest", "change %"] {
                let h = format!("{} {suffix}", m.label());
                assert!(cols.iter().any(|c| c.header == h), "missing {h}");
            }
        }
    }
}
