//! The Checkpoints sheet (SPEC 4.6): one row per accepted input row, with
//! the file and row it came from, its values, its deltas against the
//! baseline (SPEC 3.1) and its savings and ROI. Up to a million rows: a
//! constant-memory sheet, continued on `Checkpoints (2)` past Excel's limit.
//! The row loop allocates only the two strings the library takes by value.

use rust_xlsxwriter::Worksheet;

use super::columns::{Column, Layout, Pages, SheetWriter, savings_columns};
use super::formats::{Formats, Kind};
use super::{ReportData, WorkbookError};
use crate::figures::customer::CheckpointFigures;
use crate::figures::deltas::{adoption_pct, feature_utilization_pct};
use crate::intake::ledger::Ledger;
use crate::portfolio::{Metric, Snapshot, Status};

fn columns() -> Vec<Column> {
    let mut cols = vec![
        Column::new("Customer ID", Kind::Text),
        Column::new("Checkpoint (days)", Kind::Count),
        Column::new("Snapshot date", Kind::Date),
        Column::new("Source file", Kind::Text),
        Column::new("Source row", Kind::Text),
        Column::new("Status", Kind::Text),
    ];
    cols.extend(
        Metric::ALL
            .iter()
            .map(|m| Column::new(m.label(), Kind::of_metric(*m))),
    );
    for m in Metric::OPERATIONAL {
        // A change of a percent metric is in percentage points, unlike its
        // change % (relative to the baseline): say so in the header.
        let change = if Kind::of_metric(m) == Kind::Percent {
            format!("{} change (points)", m.label())
        } else {
            format!("{} change", m.label())
        };
        cols.push(Column::new(change, Kind::of_metric(m)));
        let pct = if m.is_reduction() {
            "reduction %"
        } else {
            "change %"
        };
        cols.push(Column::new(format!("{} {pct}", m.label()), Kind::Percent));
    }
    cols.extend([
        Column::new("Latency improvement ×", Kind::Times),
        Column::new("Adoption %", Kind::Percent),
        Column::new("Feature utilization %", Kind::Percent),
    ]);
    cols.extend(savings_columns());
    cols.extend([
        Column::new("Case study published", Kind::Text),
        Column::new("Testimonial collected", Kind::Text),
    ]);
    cols
}

/// Each input file's name and whether its rows are labelled `Sheet!row`,
/// worked out once rather than per row.
struct Sources {
    names: Vec<String>,
    sheets: Vec<bool>,
}

impl Sources {
    fn of(ledger: &Ledger) -> Self {
        Sources {
            names: ledger
                .files
                .iter()
                .map(|f| f.path.display().to_string())
                .collect(),
            sheets: ledger.files.iter().map(|f| f.sheet.is_some()).collect(),
        }
    }
}

pub fn write(
    pages: Pages,
    fmt: &Formats,
    data: &ReportData,
    max_rows: u32,
) -> Result<Vec<Worksheet>, WorkbookError> {
    let layout = Layout {
        name: "Checkpoints".into(),
        large: true,
        max_rows,
    };
    let sources = Sources::of(data.ledger);
    let mut w = SheetWriter::new(pages, fmt, layout)?;
    w.table(columns())?;
    for (c, f) in data.portfolio.customers.iter().zip(data.figures) {
        for (i, s) in c.snapshots.iter().enumerate() {
            let figures = f.checkpoints.get(i).copied().unwrap_or_default();
            w.row()?;
            checkpoint_row(&mut w, s, &figures, &sources, data.ledger)?;
        }
    }
    w.finish()
}

fn checkpoint_row(
    w: &mut SheetWriter,
    s: &Snapshot,
    f: &CheckpointFigures,
    sources: &Sources,
    ledger: &Ledger,
) -> Result<(), WorkbookError> {
    w.text(&s.customer_id)?;
    w.num(Some(f64::from(s.checkpoint)))?;
    w.date(Some(s.date))?;
    let file = s.source.file as usize;
    w.opt_text(sources.names.get(file).map(String::as_str))?;
    // CSV lines are numbers (they sort and filter as numbers); sheet rows
    // read `Sheet!12` as the user sees them.
    if sources.sheets.get(file).copied().unwrap_or(false) {
        w.text(&ledger.row_label(s.source))?;
    } else {
        w.num(Some(f64::from(s.source.row)))?;
    }
    w.opt_text(s.status.map(|st| match st {
        Status::Active => "active",
        Status::Churned => "churned",
    }))?;
    for m in Metric::ALL {
        w.num(s.get(m))?;
    }
    let d = f.deltas;
    for m in Metric::OPERATIONAL {
        w.num(d.and_then(|d| d.change.get(m)))?;
        if m.is_reduction() {
            w.num(d.and_then(|d| d.reduction_pct(m)))?;
        } else {
            w.num(d.and_then(|d| d.change_pct.get(m)))?;
        }
    }
    w.num(d.and_then(|d| d.latency_improvement_x))?;
    w.num(adoption_pct(s))?;
    w.num(feature_utilization_pct(s))?;
    w.savings(f.roi.as_ref())?;
    w.opt_text(s.case_study_published.map(yes_no))?;
    w.opt_text(s.testimonial_collected.map(yes_no))?;
    Ok(())
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
