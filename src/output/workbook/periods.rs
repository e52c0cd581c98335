//! The Monthly, Quarterly and Segments sheets (SPEC 3.4): one writer, one
//! table of fields in the SPEC's order with the SPEC's names. The same table
//! gives the plain-words definitions on the Assumptions sheet and the column
//! positions the Summary charts point at.

use rust_xlsxwriter::{Workbook, Worksheet};

use super::columns::{Column, Layout, Pages, SheetWriter};
use super::formats::{Formats, Kind};
use super::{EXCEL_MAX_ROWS, WorkbookError};
use crate::figures::periods::{Period, PeriodFigures};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sheet {
    Monthly,
    Quarterly,
    Segments,
}

impl Sheet {
    pub fn name(self) -> &'static str {
        match self {
            Sheet::Monthly => "Monthly",
            Sheet::Quarterly => "Quarterly",
            Sheet::Segments => "Segments",
        }
    }

    fn segmented(self) -> bool {
        self == Sheet::Segments
    }
}

/// The value of one field of a period row.
enum Value {
    Count(u64),
    Amount(f64),
    Maybe(Option<f64>),
}

/// One column of the period sheets after Period / Period start / Period end
/// (and Segment).
pub struct Field {
    pub header: &'static str,
    pub kind: Kind,
    pub meaning: &'static str,
    value: fn(&PeriodFigures) -> Value,
}

impl Field {
    /// The field's value as a number; None when blank.
    pub fn number(&self, p: &PeriodFigures) -> Option<f64> {
        match (self.value)(p) {
            Value::Count(n) => Some(n as f64),
            Value::Amount(v) => Some(v),
            Value::Maybe(v) => v,
        }
    }
}

/// The field with this header.
pub fn field(header: &str) -> &'static Field {
    FIELDS
        .iter()
        .find(|f| f.header == header)
        .unwrap_or_else(|| panic!("no period field {header:?}"))
}

macro_rules! field {
    ($header:expr, $kind:ident, $meaning:expr, |$p:ident| $value:expr) => {
        Field {
            header: $header,
            kind: Kind::$kind,
            meaning: $meaning,
            value: |$p: &PeriodFigures| $value,
        }
    };
}

/// Every field of `PeriodFigures`, in SPEC 3.4 order.
pub const FIELDS: &[Field] = &[
    field!(
        "Active customers",
        Count,
        "Customers active on the last day of the period: started, and their latest row up to that day is not churned.",
        |p| Value::Count(p.active_customers)
    ),
    field!(
        "New customers",
        Count,
        "Customers whose go-live date (or first row, without a baseline) falls in the period.",
        |p| Value::Count(p.new_customers)
    ),
    field!(
        "Churned customers",
        Count,
        "Customers whose first churned row is dated in the period.",
        |p| Value::Count(p.churned_customers)
    ),
    field!(
        "Logo retention %",
        Percent,
        "Of the customers active at the start (the day before the period), the share still active at its end. Blank when none was active at the start.",
        |p| Value::Maybe(p.logo_retention_pct)
    ),
    field!(
        "Starting MRR",
        MoneyWhole,
        "Sum of MRR at the start over the customers active then (MRR = latest reported on a row up to that day, 0 once churned).",
        |p| Value::Maybe(p.starting_mrr)
    ),
    field!(
        "Expansion MRR",
        MoneyWhole,
        "Sum of MRR increases from start to end over the customers active at the start.",
        |p| Value::Maybe(p.expansion_mrr)
    ),
    field!(
        "Contraction MRR",
        MoneyWhole,
        "Sum of MRR decreases from start to end over the customers active at the start and still active at the end.",
        |p| Value::Maybe(p.contraction_mrr)
    ),
    field!(
        "Churned MRR",
        MoneyWhole,
        "Starting MRR of the customers active at the start but not at the end.",
        |p| Value::Maybe(p.churned_mrr)
    ),
    field!(
        "GRR %",
        Percent,
        "Gross revenue retention: (Starting − Contraction − Churned MRR) / Starting MRR.",
        |p| Value::Maybe(p.grr_pct)
    ),
    field!(
        "NRR %",
        Percent,
        "Net revenue retention: (Starting + Expansion − Contraction − Churned MRR) / Starting MRR.",
        |p| Value::Maybe(p.nrr_pct)
    ),
    field!(
        "Expansion revenue (reported)",
        MoneyWhole,
        "Sum of the expansion_revenue column over rows dated in the period, as reported.",
        |p| Value::Maybe(p.expansion_revenue_reported)
    ),
    field!(
        "Customers with ROI",
        Count,
        "Customers active at the end with a baseline, a later row up to the end and an implementation cost > 0: the n of the ROI figures.",
        |p| Value::Count(p.customers_with_roi)
    ),
    field!(
        "Avg ROI %",
        Percent,
        "Mean net ROI % of those customers, each from its latest row up to the end vs its baseline: (monthly savings × horizon − implementation cost) / implementation cost.",
        |p| Value::Maybe(p.avg_roi_pct)
    ),
    field!(
        "Median ROI %",
        Percent,
        "Median net ROI % of the same customers.",
        |p| Value::Maybe(p.median_roi_pct)
    ),
    field!(
        "ROI 95% CI low",
        Percent,
        "Lower end of the 95% confidence interval of the mean ROI: mean − t(0.975, n−1) × s/√n; needs n ≥ 2.",
        |p| Value::Maybe(p.roi_ci_low)
    ),
    field!(
        "ROI 95% CI high",
        Percent,
        "Upper end of the same interval: mean + t(0.975, n−1) × s/√n.",
        |p| Value::Maybe(p.roi_ci_high)
    ),
    field!(
        "Avg payback months",
        Ratio,
        "Mean of implementation cost / monthly savings over the customers with ROI whose savings are positive.",
        |p| Value::Maybe(p.avg_payback_months)
    ),
    field!(
        "Total monthly savings",
        MoneyWhole,
        "Sum of monthly savings (storage + latency + accuracy + infrastructure lines) over the customers active at the end.",
        |p| Value::Maybe(p.total_monthly_savings)
    ),
    field!(
        "Avg storage savings per customer",
        Money,
        "Mean storage benefit line ($ a month) over the active customers that have it.",
        |p| Value::Maybe(p.avg_storage_savings)
    ),
    field!(
        "Avg storage reduction %",
        Percent,
        "Mean of −(storage change %) vs baseline over active customers whose latest row is after the baseline.",
        |p| Value::Maybe(p.avg_storage_reduction_pct)
    ),
    field!(
        "Avg latency improvement ×",
        Times,
        "Mean of baseline latency / latest latency over the same customers.",
        |p| Value::Maybe(p.avg_latency_improvement_x)
    ),
    field!(
        "Avg infrastructure cost reduction %",
        Percent,
        "Mean of −(infrastructure cost change %) vs baseline over the same customers.",
        |p| Value::Maybe(p.avg_infrastructure_reduction_pct)
    ),
    field!(
        "Avg error rate reduction %",
        Percent,
        "Mean of −(error rate change %) vs baseline, relative to the baseline (not percentage points), over the same customers.",
        |p| Value::Maybe(p.avg_error_rate_reduction_pct)
    ),
    field!(
        "NPS responses",
        Count,
        "Rows dated in the period with an NPS answer.",
        |p| Value::Count(p.nps_responses)
    ),
    field!(
        "NPS",
        Score,
        "Net Promoter Score: (promoters 9–10 − detractors 0–6) / responses × 100, from −100 to 100.",
        |p| Value::Maybe(p.nps)
    ),
    field!(
        "NPS 95% margin",
        Score,
        "NPS ± this is its 95% interval: 1.96 × 100 × √((p + d − (p − d)²) / n), p and d the promoter and detractor shares.",
        |p| Value::Maybe(p.nps_margin)
    ),
    field!(
        "CSAT avg",
        Ratio,
        "Mean CSAT score (1–5) over rows dated in the period.",
        |p| Value::Maybe(p.csat_avg)
    ),
    field!("CSAT %", Percent, "Share of CSAT answers of 4 or 5.", |p| {
        Value::Maybe(p.csat_pct)
    }),
    field!(
        "CES avg",
        Ratio,
        "Mean customer effort score (1–7) over rows dated in the period.",
        |p| Value::Maybe(p.ces_avg)
    ),
    field!(
        "API calls",
        Count,
        "Sum of api_calls over rows dated in the period.",
        |p| Value::Amount(p.api_calls)
    ),
    field!(
        "Support tickets",
        Count,
        "Sum of support_tickets over rows dated in the period.",
        |p| Value::Amount(p.support_tickets)
    ),
    field!(
        "Adoption %",
        Percent,
        "Σ active users / Σ licensed users over the latest rows of active customers that report both.",
        |p| Value::Maybe(p.adoption_pct)
    ),
    field!(
        "Feature utilization %",
        Percent,
        "Σ features used / Σ features available over the latest rows of active customers that report both.",
        |p| Value::Maybe(p.feature_utilization_pct)
    ),
    field!(
        "Case studies published",
        Count,
        "Customers whose first row with case_study_published true is dated in the period.",
        |p| Value::Count(p.case_studies_published)
    ),
    field!(
        "Testimonials collected",
        Count,
        "Customers whose first row with testimonial_collected true is dated in the period.",
        |p| Value::Count(p.testimonials_collected)
    ),
    field!(
        "Referrals",
        Count,
        "Sum of referrals over rows dated in the period.",
        |p| Value::Amount(p.referrals)
    ),
    field!(
        "Referral rate %",
        Percent,
        "Customers with referrals > 0 on a row dated in the period, as a share of active customers.",
        |p| Value::Maybe(p.referral_rate_pct)
    ),
];

/// The leading columns and what they mean.
pub const PERIOD_COLUMNS: [(&str, &str); 4] = [
    (
        "Period",
        "The calendar month (2025-03) or quarter (2025-Q1).",
    ),
    ("Period start", "First day of the period."),
    (
        "Period end",
        "Last day of the period: figures \"at the end\" are taken on this day.",
    ),
    (
        "Segment",
        "Segments sheet only: the customers of this segment (latest non-missing segment of each customer).",
    ),
];

fn columns(sheet: Sheet) -> Vec<Column> {
    let mut cols = vec![
        Column::new("Period", Kind::Text),
        Column::new("Period start", Kind::Date),
        Column::new("Period end", Kind::Date),
    ];
    if sheet.segmented() {
        cols.push(Column::new("Segment", Kind::Text));
    }
    cols.extend(FIELDS.iter().map(|f| Column::new(f.header, f.kind)));
    cols
}

/// Zero-based column of a header on a period sheet (for chart ranges).
pub fn column_of(sheet: Sheet, header: &str) -> u16 {
    columns(sheet)
        .iter()
        .position(|c| c.header == header)
        .unwrap_or_else(|| panic!("no column {header:?} on {}", sheet.name())) as u16
}

pub fn write(
    wb: &mut Workbook,
    fmt: &Formats,
    sheet: Sheet,
    rows: &[PeriodFigures],
) -> Result<Vec<Worksheet>, WorkbookError> {
    // A few dozen periods at most: one sheet, which the Summary charts
    // point at.
    let layout = Layout {
        name: sheet.name().to_string(),
        large: false,
        max_rows: EXCEL_MAX_ROWS,
    };
    let mut w = SheetWriter::new(Pages::Workbook(wb), fmt, layout)?;
    w.table(columns(sheet))?;
    for p in rows {
        w.row()?;
        w.opt_text(p.period.as_ref().map(Period::label).as_deref())?;
        w.date(p.period.map(|p| p.start))?;
        w.date(p.period.map(|p| p.end))?;
        if sheet.segmented() {
            w.opt_text(p.segment.as_deref())?;
        }
        for f in FIELDS {
            match (f.value)(p) {
                Value::Count(n) => w.count(n)?,
                Value::Amount(v) => w.num(Some(v))?,
                Value::Maybe(v) => w.num(v)?,
            }
        }
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_spec_order_with_dates_after_period() {
        let m = columns(Sheet::Monthly);
        let names: Vec<&str> = m.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(
            names[..5],
            [
                "Period",
                "Period start",
                "Period end",
                "Active customers",
                "New customers"
            ]
        );
        assert_eq!(names.last(), Some(&"Referral rate %"));
        // 38 SPEC columns (Period .. Referral rate %) + 2 dates.
        assert_eq!(names.len(), 40);
        let s = columns(Sheet::Segments);
        assert_eq!(s[3].header, "Segment");
        assert_eq!(column_of(Sheet::Segments, "Active customers"), 4);
        assert_eq!(column_of(Sheet::Monthly, "NPS"), 27);
    }
}
