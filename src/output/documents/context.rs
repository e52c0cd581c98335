//! What a document template sees: one customer's figures at the as-of date,
//! written for people (`$1,234`, `42.5%`, `not measured`), with the raw
//! numbers beside them (`*_value`, none when missing) for custom templates.
//!
//! The customer's name and id enter only through [`Identity`], so the context
//! of an anonymized customer cannot contain them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::format::{self, NOT_MEASURED, or_missing};
use super::identity::Identity;
use super::metrics::{MetricView, metric_views};
pub use super::roi_view::{AssumptionView, BenefitLineView, RoiView};
use super::roi_view::{assumption_view, roi_view};
use crate::figures::assumptions::AssumptionsUsed;
use crate::figures::checklist::{self, Step};
use crate::figures::customer::CustomerFigures;
use crate::figures::deltas;
use crate::portfolio::{Consent, Customer, Metric, Snapshot};

#[derive(Clone, Debug, Serialize)]
pub struct DocumentContext {
    /// The date the document describes (`--as-of`).
    pub as_of: String,
    pub anonymized: bool,
    pub customer: CustomerView,
    pub checklist: ChecklistView,
    /// One entry per checkpoint from go-live to the as-of row.
    pub timeline: Vec<TimelineEntry>,
    /// The operational metrics by column name (`metrics.storage_gb.latest`).
    pub metrics: BTreeMap<&'static str, MetricView>,
    /// The same, in a fixed order, for tables.
    pub metric_rows: Vec<MetricView>,
    /// B.latency_ms / C.latency_ms: `10.0×`.
    pub latency_improvement: String,
    pub latency_improvement_value: Option<f64>,
    /// Measured results as short phrases, for bullet lists.
    pub highlights: Vec<String>,
    pub roi: RoiView,
    pub assumptions: Vec<AssumptionView>,
    pub engagement: EngagementView,
    pub testimonial: TestimonialView,
}

#[derive(Clone, Debug, Serialize)]
pub struct CustomerView {
    pub name: String,
    /// The name with a capital first letter, for the start of a sentence.
    pub name_capitalized: String,
    pub id: String,
    pub segment: String,
    pub description: String,
    pub consent: &'static str,
    pub status: &'static str,
    pub go_live: String,
    pub start_date: String,
    pub latest_checkpoint: String,
    pub latest_checkpoint_day: u32,
    pub latest_date: String,
    pub days_live: String,
    pub days_live_value: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChecklistView {
    pub has_next_step: bool,
    /// `30-day metrics`, or `none`.
    pub next_step: String,
    pub next_step_due: String,
    pub next_step_overdue: bool,
    /// One line: `30-day metrics, due 2025-02-09 (overdue)`.
    pub summary: String,
    /// Day of the testimonial request round (30, 60 or 90) at the as-of date.
    pub testimonial_round: u32,
    pub testimonial_round_date: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct TimelineEntry {
    /// `go-live (baseline)` or `day 30`.
    pub label: String,
    pub checkpoint: u32,
    pub date: String,
    pub status: &'static str,
    pub monthly_savings: String,
    pub net_roi_pct: String,
    pub monthly_savings_value: Option<f64>,
    pub net_roi_pct_value: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EngagementView {
    pub adoption_pct: String,
    pub feature_utilization_pct: String,
    /// `12 of 20`.
    pub features_used: String,
    pub active_users: String,
    pub licensed_users: String,
    pub nps: String,
    pub csat: String,
    pub ces: String,
    pub mrr: String,
    pub adoption_pct_value: Option<f64>,
    pub feature_utilization_pct_value: Option<f64>,
    pub features_used_value: Option<f64>,
    pub features_available_value: Option<f64>,
    pub nps_value: Option<f64>,
    pub csat_value: Option<f64>,
    pub ces_value: Option<f64>,
    pub mrr_value: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TestimonialView {
    /// Consent is public or anonymous: a quote may be published.
    pub may_publish: bool,
    /// Some row up to the as-of date says testimonial_collected.
    pub collected: bool,
    /// Who a published quote is attributed to: the name or the description.
    pub attribution: String,
}

/// The context of one customer at `as_of`; None when it has no row dated on
/// or before `as_of`. `ordinal` numbers anonymized file names (see Identity).
pub fn build(
    c: &Customer,
    figures: &CustomerFigures,
    assumptions: &AssumptionsUsed,
    as_of: NaiveDate,
    ordinal: usize,
) -> Option<DocumentContext> {
    let row = c.as_of(as_of)?;
    let index = c.snapshots.iter().position(|s| std::ptr::eq(s, row))?;
    let at_row = figures.checkpoints.get(index).copied().unwrap_or_default();
    let who = Identity::of(c, ordinal);
    let metric_rows = metric_views(c.baseline(), row, at_row.deltas.as_ref());
    let roi = roi_view(c, row, at_row.roi.as_ref(), figures, assumptions, as_of);
    let highlights = highlights(&metric_rows, at_row.deltas.as_ref(), &roi);
    let latency_x = at_row.deltas.and_then(|d| d.latency_improvement_x);
    let collected = c
        .snapshots
        .iter()
        .any(|s| s.date <= as_of && s.testimonial_collected == Some(true));
    Some(DocumentContext {
        as_of: format::date(as_of),
        anonymized: who.anonymized,
        checklist: checklist_view(c, as_of),
        timeline: timeline(c, figures, as_of),
        metrics: metric_rows.iter().map(|m| (m.key, m.clone())).collect(),
        metric_rows,
        latency_improvement: or_missing(latency_x, format::times),
        latency_improvement_value: latency_x,
        highlights,
        roi,
        assumptions: assumptions.rows.iter().map(assumption_view).collect(),
        engagement: engagement(row),
        testimonial: TestimonialView {
            may_publish: matches!(c.consent, Some(Consent::Public | Consent::Anonymous)),
            collected,
            attribution: who.name.clone(),
        },
        customer: customer_view(c, row, who, as_of),
    })
}

fn customer_view(c: &Customer, row: &Snapshot, who: Identity, as_of: NaiveDate) -> CustomerView {
    let days_live = (as_of - c.start_date()).num_days();
    CustomerView {
        name_capitalized: capitalize(&who.name),
        name: who.name,
        id: who.id,
        segment: who.segment,
        description: who.description,
        consent: match c.consent {
            Some(Consent::Public) => "public",
            Some(Consent::Anonymous) => "anonymous",
            Some(Consent::None) | None => "none",
        },
        status: if row.is_churned() {
            "churned"
        } else {
            "active"
        },
        go_live: c
            .go_live()
            .map(format::date)
            .unwrap_or_else(|| NOT_MEASURED.into()),
        start_date: format::date(c.start_date()),
        latest_checkpoint: checkpoint_label(row.checkpoint),
        latest_checkpoint_day: row.checkpoint,
        latest_date: format::date(row.date),
        days_live: format::days(days_live),
        days_live_value: days_live,
    }
}

fn checklist_view(c: &Customer, as_of: NaiveDate) -> ChecklistView {
    let next = checklist::next_step(c, as_of);
    let round = match next.map(|n| n.step) {
        Some(Step::TestimonialRequest(day)) => day,
        _ => checklist::testimonial_round(c.start_date(), as_of),
    };
    let round_date = c.start_date() + chrono::Days::new(u64::from(round));
    let summary = match next {
        Some(n) => n.to_string(),
        None if c.as_of(as_of).is_some_and(Snapshot::is_churned) => {
            "none: the customer has churned".into()
        }
        None => "none: every step is done".into(),
    };
    ChecklistView {
        has_next_step: next.is_some(),
        next_step: next.map_or_else(|| "none".into(), |n| n.step.to_string()),
        next_step_due: next.map_or_else(|| "none".into(), |n| format::date(n.due)),
        next_step_overdue: next.is_some_and(|n| n.overdue),
        summary,
        testimonial_round: round,
        testimonial_round_date: format::date(round_date),
    }
}

fn timeline(c: &Customer, figures: &CustomerFigures, as_of: NaiveDate) -> Vec<TimelineEntry> {
    c.snapshots
        .iter()
        .enumerate()
        .filter(|(_, s)| s.date <= as_of)
        .map(|(i, s)| {
            let roi = figures.checkpoints.get(i).and_then(|f| f.roi);
            let savings = roi.and_then(|r| r.monthly_savings);
            let net = roi.and_then(|r| r.net_roi_pct);
            TimelineEntry {
                label: if s.is_baseline() {
                    "go-live (baseline)".into()
                } else {
                    checkpoint_label(s.checkpoint)
                },
                checkpoint: s.checkpoint,
                date: format::date(s.date),
                status: if s.is_churned() { "churned" } else { "active" },
                monthly_savings: or_missing(savings, format::money),
                net_roi_pct: or_missing(net, format::pct),
                monthly_savings_value: savings,
                net_roi_pct_value: net,
            }
        })
        .collect()
}

fn engagement(row: &Snapshot) -> EngagementView {
    let get = |m| row.get(m);
    // The same definitions as the workbook's.
    let adoption = deltas::adoption_pct(row);
    let utilization = deltas::feature_utilization_pct(row);
    let (used, available) = (get(Metric::FeaturesUsed), get(Metric::FeaturesAvailable));
    EngagementView {
        adoption_pct: or_missing(adoption, format::pct),
        feature_utilization_pct: or_missing(utilization, format::pct),
        features_used: match (used, available) {
            (Some(u), Some(a)) => format!("{} of {}", format::number(u), format::number(a)),
            (Some(u), None) => format::number(u),
            _ => NOT_MEASURED.into(),
        },
        active_users: or_missing(get(Metric::ActiveUsers), format::number),
        licensed_users: or_missing(get(Metric::LicensedUsers), format::number),
        nps: or_missing(get(Metric::Nps), format::number),
        csat: or_missing(get(Metric::Csat), format::number),
        ces: or_missing(get(Metric::Ces), format::number),
        mrr: or_missing(get(Metric::Mrr), format::money),
        adoption_pct_value: adoption,
        feature_utilization_pct_value: utilization,
        features_used_value: used,
        features_available_value: available,
        nps_value: get(Metric::Nps),
        csat_value: get(Metric::Csat),
        ces_value: get(Metric::Ces),
        mrr_value: get(Metric::Mrr),
    }
}

fn highlights(
    metrics: &[MetricView],
    deltas: Option<&deltas::Deltas>,
    roi: &RoiView,
) -> Vec<String> {
    let mut out: Vec<String> = metrics
        .iter()
        .filter(|m| m.change_pct_value.is_some())
        .map(|m| format!("{}: {} ({} → {})", m.label, m.trend, m.baseline, m.latest))
        .collect();
    if let Some(x) = deltas.and_then(|d| d.latency_improvement_x) {
        out.push(format!(
            "Latency improvement: {} (go-live latency / latest latency)",
            format::times(x)
        ));
    }
    if roi.has_savings {
        out.push(format!("Monthly savings: {}", roi.monthly_savings));
    }
    if roi.has_roi {
        out.push(format!(
            "Net ROI over {} months: {} (benefit-cost ratio {})",
            roi.horizon_months, roi.net_roi_pct, roi.benefit_cost_ratio
        ));
        out.push(format!("Payback: {}", roi.payback));
    }
    out
}

pub(super) fn checkpoint_label(day: u32) -> String {
    if day == 0 {
        "baseline".into()
    } else {
        format!("day {day}")
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
