//! The Assumptions sheet (SPEC 3.2, 4.8): every rate used with its source,
//! the options of the run, and what each figure means in plain words, so a
//! reader can audit any number without the source code.

use rust_xlsxwriter::{Workbook, Worksheet};

use super::columns::{Column, Layout, Pages, SheetWriter};
use super::formats::{Formats, Kind};
use super::periods::{FIELDS, PERIOD_COLUMNS};
use super::{EXCEL_MAX_ROWS, ReportData, WorkbookError};
use crate::intake::DateOrder;

/// Figures of the Customers and Checkpoints sheets, in plain words.
const CUSTOMER_FIGURES: [(&str, &str); 11] = [
    (
        "<metric> change",
        "Latest (or this checkpoint's) value − baseline value, for a metric present in both.",
    ),
    (
        "<metric> change %",
        "(value − baseline) / baseline × 100; blank when the baseline is 0 or missing. For accuracy and error rate it is relative to the baseline, not percentage points.",
    ),
    (
        "<metric> reduction %",
        "−(change %), for storage, infrastructure cost, error rate and support tickets, where going down is the improvement.",
    ),
    (
        "Latency improvement ×",
        "Baseline latency / this latency: 10 means ten times faster.",
    ),
    (
        "<line> savings / month",
        "The monthly benefit lines of the ROI model (storage, latency, accuracy, infrastructure): storage = GB saved × storage_cost_per_gb_month; latency = ms saved / 3,600,000 × API calls × cost_per_wait_hour; accuracy = accuracy points gained / 100 × API calls × cost_per_inaccurate_result; infrastructure = baseline − current infrastructure cost. A line is blank when its inputs are.",
    ),
    (
        "Monthly savings",
        "Sum of the benefit lines present; blank when none is.",
    ),
    (
        "Net ROI %",
        "(monthly savings × horizon_months − implementation cost) / implementation cost × 100. Needs an implementation cost > 0 (the first one reported, in checkpoint order).",
    ),
    (
        "Benefit-cost ratio",
        "monthly savings × horizon_months / implementation cost. Older material calls this ratio × 100 \"ROI\": a ratio of 2.4 is a net ROI of 140%.",
    ),
    (
        "Payback months",
        "implementation cost / monthly savings; blank (not reached) when savings are 0 or less.",
    ),
    (
        "NPV",
        "Σ over months 1..horizon of monthly savings / (1 + discount_rate)^(month/12) − implementation cost; only with a discount rate > 0.",
    ),
    (
        "Time to value (days)",
        "Days from the baseline to the first later row whose monthly savings is > 0.",
    ),
];

pub fn write(
    wb: &mut Workbook,
    fmt: &Formats,
    data: &ReportData,
) -> Result<Vec<Worksheet>, WorkbookError> {
    let layout = Layout {
        name: "Assumptions".into(),
        large: false,
        max_rows: EXCEL_MAX_ROWS,
    };
    let mut w = SheetWriter::new(Pages::Workbook(wb), fmt, layout)?;
    w.table(vec![
        Column::new("Name", Kind::Text),
        Column::new("Value", Kind::General),
        Column::new("Source", Kind::Text),
        Column::new("Meaning", Kind::Prose),
    ])?;

    for a in &data.assumptions.rows {
        w.row()?;
        w.text(a.name)?;
        w.num(Some(a.value))?;
        w.text(&a.source)?;
        w.text(a.meaning)?;
    }

    section(&mut w, "Options used")?;
    let run = data.run;
    let inputs: Vec<String> = run.inputs.iter().map(|p| p.display().to_string()).collect();
    option(
        &mut w,
        "inputs",
        &inputs.join("; "),
        "command line",
        "Files and folders read, in this order; a later row with the same (customer_id, checkpoint) overrides an earlier one.",
    )?;
    w.row()?;
    w.text("as_of")?;
    w.date_as(Some(data.as_of))?;
    w.text(run.as_of_source.describe())?;
    w.text("The date figures are taken at: customer status, MRR, the Customers sheet and the checklist; the Summary's latest complete month and quarter end on or before it.")?;
    let order = match run.date_format {
        DateOrder::MonthFirst => "month-first",
        DateOrder::DayFirst => "day-first",
    };
    option(
        &mut w,
        "date_format",
        order,
        "flag --date-format (default month-first)",
        "How slash dates are read when a column's values do not decide (a first field above 12 means day-first). See Data issues for each column's decision.",
    )?;
    option(
        &mut w,
        "decimal_comma",
        yes_no(run.decimal_comma),
        "flag --decimal-comma",
        "Whether numbers were read as 1.234,56.",
    )?;
    option(
        &mut w,
        "sheet",
        run.sheet.as_deref().unwrap_or("(the first sheet)"),
        "flag --sheet",
        "The sheet read from workbook inputs.",
    )?;
    option(
        &mut w,
        "strict",
        yes_no(run.strict),
        "flag --strict",
        "With strict, any rejected row stops the run before a workbook is written.",
    )?;
    option(
        &mut w,
        "document_time",
        if run.stamped_now {
            "the time of the run"
        } else {
            "the as-of date, fixed"
        },
        "flag --now",
        "The workbook's creation time. Fixed by default, so the same inputs and options give a byte-identical file.",
    )?;
    option(
        &mut w,
        "csf_version",
        &run.csf_version,
        "program",
        "The version of csf that wrote this workbook.",
    )?;

    section(&mut w, "Period figures (Monthly, Quarterly, Segments)")?;
    for (name, meaning) in PERIOD_COLUMNS {
        definition(&mut w, name, "Monthly, Quarterly, Segments", meaning)?;
    }
    for f in FIELDS {
        definition(&mut w, f.header, "Monthly, Quarterly, Segments", f.meaning)?;
    }
    section(&mut w, "Customer figures (Customers, Checkpoints)")?;
    for (name, meaning) in CUSTOMER_FIGURES {
        definition(&mut w, name, "Customers, Checkpoints", meaning)?;
    }
    w.finish()
}

fn section(w: &mut SheetWriter, title: &str) -> Result<(), WorkbookError> {
    w.row()?;
    w.row()?;
    w.section_text(title)
}

fn option(
    w: &mut SheetWriter,
    name: &str,
    value: &str,
    source: &str,
    meaning: &str,
) -> Result<(), WorkbookError> {
    w.row()?;
    w.text(name)?;
    w.text(value)?;
    w.text(source)?;
    w.text(meaning)
}

fn definition(
    w: &mut SheetWriter,
    name: &str,
    source: &str,
    meaning: &str,
) -> Result<(), WorkbookError> {
    w.row()?;
    w.text(name)?;
    w.blank();
    w.text(source)?;
    w.text(meaning)
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
