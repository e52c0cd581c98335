//! The money side of a document: benefit lines, savings, ROI, payback, NPV
//! and the assumptions behind them, at the customer's as-of row.

use chrono::NaiveDate;
use serde::Serialize;

use super::context::checkpoint_label;
use super::format::{self, NOT_MEASURED, or_missing};
use crate::figures::assumptions::{AssumptionRow, AssumptionsUsed};
use crate::figures::customer::CustomerFigures;
use crate::figures::roi::RoiFigures;
use crate::portfolio::{Customer, Snapshot};

#[derive(Clone, Debug, Serialize)]
pub struct BenefitLineView {
    pub key: &'static str,
    pub label: &'static str,
    pub monthly: String,
    pub monthly_value: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RoiView {
    /// `day 90 (2025-04-01)`: the row the figures compare with the baseline.
    pub measured_at: String,
    pub has_savings: bool,
    pub has_roi: bool,
    /// Why there is no ROI (empty when there is one).
    pub missing_reason: &'static str,
    pub lines: Vec<BenefitLineView>,
    pub monthly_savings: String,
    pub yearly_savings: String,
    pub horizon_months: u32,
    pub horizon_savings: String,
    pub implementation_cost: String,
    pub net_roi_pct: String,
    pub benefit_cost_ratio: String,
    /// `5.5 months`, `not reached` (savings ≤ 0) or `not measured`.
    pub payback: String,
    /// NPV is computed only with a discount rate > 0.
    pub npv_enabled: bool,
    pub npv: String,
    pub discount_rate: String,
    pub time_to_value: String,
    pub monthly_savings_value: Option<f64>,
    pub yearly_savings_value: Option<f64>,
    pub horizon_savings_value: Option<f64>,
    pub implementation_cost_value: Option<f64>,
    pub net_roi_pct_value: Option<f64>,
    pub benefit_cost_ratio_value: Option<f64>,
    pub payback_months_value: Option<f64>,
    pub npv_value: Option<f64>,
    pub discount_rate_value: f64,
    pub time_to_value_days_value: Option<i64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AssumptionView {
    pub name: &'static str,
    pub value: String,
    pub value_value: f64,
    pub source: String,
    pub meaning: &'static str,
}

pub(super) fn roi_view(
    c: &Customer,
    row: &Snapshot,
    roi: Option<&RoiFigures>,
    figures: &CustomerFigures,
    assumptions: &AssumptionsUsed,
    as_of: NaiveDate,
) -> RoiView {
    let a = &assumptions.values;
    let r = roi.copied().unwrap_or_default();
    let cost = c.implementation_cost();
    let has_roi = r.net_roi_pct.is_some();
    let missing_reason = if has_roi {
        ""
    } else if c.baseline().is_none() {
        "no baseline was reported"
    } else if row.is_baseline() {
        "no checkpoint after the baseline yet"
    } else if r.monthly_savings.is_none() {
        "no metric needed for savings was reported at both the baseline and the latest checkpoint"
    } else {
        "no implementation cost above $0 was reported"
    };
    let horizon = f64::from(a.horizon_months);
    let yearly = r.monthly_savings.map(|s| s * 12.0);
    let over_horizon = r.monthly_savings.map(|s| s * horizon);
    // Payback is "not reached" only when ROI was computed and savings ≤ 0.
    let payback = match (r.payback_months, has_roi) {
        (Some(m), _) => format::months(m),
        (None, true) => "not reached".into(),
        (None, false) => NOT_MEASURED.into(),
    };
    // Time to value only counts once its day is on or before the as-of date.
    let ttv = figures.time_to_value_days.filter(|d| {
        c.go_live()
            .is_some_and(|g| g + chrono::Days::new(*d as u64) <= as_of)
    });
    let line = |key, label, v: Option<f64>| BenefitLineView {
        key,
        label,
        monthly: or_missing(v, format::money),
        monthly_value: v,
    };
    RoiView {
        measured_at: if row.is_baseline() || c.baseline().is_none() {
            NOT_MEASURED.into()
        } else {
            format!(
                "{} ({})",
                checkpoint_label(row.checkpoint),
                format::date(row.date)
            )
        },
        has_savings: r.monthly_savings.is_some(),
        has_roi,
        missing_reason,
        lines: vec![
            line("storage", "Storage", r.lines.storage),
            line(
                "latency",
                "Latency (time no longer spent waiting)",
                r.lines.latency,
            ),
            line(
                "accuracy",
                "Accuracy (fewer results to correct)",
                r.lines.accuracy,
            ),
            line("infrastructure", "Infrastructure", r.lines.infrastructure),
        ],
        monthly_savings: or_missing(r.monthly_savings, format::money),
        yearly_savings: or_missing(yearly, format::money),
        horizon_months: a.horizon_months,
        horizon_savings: or_missing(over_horizon, format::money),
        implementation_cost: or_missing(cost, format::money),
        net_roi_pct: or_missing(r.net_roi_pct, format::pct),
        benefit_cost_ratio: or_missing(r.benefit_cost_ratio, ratio),
        payback,
        npv_enabled: a.discount_rate > 0.0,
        npv: or_missing(r.npv, format::money),
        discount_rate: format::pct(a.discount_rate * 100.0),
        time_to_value: ttv.map_or_else(|| NOT_MEASURED.into(), format::days),
        monthly_savings_value: r.monthly_savings,
        yearly_savings_value: yearly,
        horizon_savings_value: over_horizon,
        implementation_cost_value: cost,
        net_roi_pct_value: r.net_roi_pct,
        benefit_cost_ratio_value: r.benefit_cost_ratio,
        payback_months_value: r.payback_months,
        npv_value: r.npv,
        discount_rate_value: a.discount_rate,
        time_to_value_days_value: ttv,
    }
}

/// A benefit-cost ratio reads best with two decimals (2.17×).
fn ratio(v: f64) -> String {
    format!("{v:.2}×")
}

pub(super) fn assumption_view(a: &AssumptionRow) -> AssumptionView {
    let value = match a.name {
        "horizon_months" => format::months(a.value),
        "discount_rate" if a.value == 0.0 => "0% (NPV off)".into(),
        "discount_rate" => format!("{} a year", format::pct(a.value * 100.0)),
        n if n.starts_with("storage_cost") => format!("{} per GB-month", format::money(a.value)),
        n if n.starts_with("cost_per_wait") => format!("{} per hour", format::money(a.value)),
        n if n.starts_with("cost_per_inaccurate") => {
            format!("{} per result", format::money(a.value))
        }
        _ => format::number(a.value),
    };
    AssumptionView {
        name: a.name,
        value,
        value_value: a.value,
        source: a.source.clone(),
        meaning: a.meaning,
    }
}
