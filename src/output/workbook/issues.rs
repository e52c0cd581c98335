//! The Data issues sheet (SPEC 2.4, 4.7). A block on top accounts for every
//! row of every input: rows read = accepted + superseded + rejected, per file
//! and in total. Below it, every issue with its file, row (as the user sees
//! it), customer, column, raw value, severity and reason.

use rust_xlsxwriter::{Workbook, Worksheet};

use super::columns::{Column, Layout, Pages, SheetWriter};
use super::formats::{Formats, Kind};
use super::{ReportData, WorkbookError};
use crate::intake::ledger::{Ledger, SourceFile, Tally};

const TALLY_HEADERS: [&str; 10] = [
    "Input file",
    "Sheet",
    "Rows read",
    "Accepted",
    "Superseded",
    "Rejected",
    "Check: read = accepted + superseded + rejected",
    "Encoding / delimiter",
    "Unknown columns (ignored)",
    "Date columns read as",
];

fn issue_columns() -> Vec<Column> {
    vec![
        Column::new("File", Kind::Text),
        Column::new("Row", Kind::Text),
        Column::new("Customer ID", Kind::Text),
        Column::new("Column", Kind::Text),
        Column::new("Value", Kind::Text),
        Column::new("Severity", Kind::Text),
        Column::new("Reason", Kind::Prose),
    ]
}

pub fn write(
    wb: &mut Workbook,
    fmt: &Formats,
    data: &ReportData,
    max_rows: u32,
) -> Result<Vec<Worksheet>, WorkbookError> {
    let layout = Layout {
        name: "Data issues".into(),
        large: true,
        max_rows,
    };
    let ledger = data.ledger;
    let mut w = SheetWriter::new(Pages::Workbook(wb), fmt, layout)?;
    w.free_row();
    for h in TALLY_HEADERS {
        w.bold_text(h)?;
    }
    for file in &ledger.files {
        w.free_row();
        tally_row(&mut w, Some(file), &file.tally)?;
    }
    w.free_row();
    tally_row(&mut w, None, &ledger.total())?;
    w.skip_row();

    w.table(issue_columns())?;
    for issue in &ledger.issues {
        w.row()?;
        match issue.row {
            Some(r) => {
                w.text(&ledger.file_name(r))?;
                row_cell(&mut w, ledger, r)?;
            }
            None => {
                w.blank();
                w.blank();
            }
        }
        w.opt_text(issue.customer_id.as_deref())?;
        w.opt_text(issue.column.as_deref())?;
        w.opt_text(issue.value.as_deref())?;
        w.text(&issue.severity.to_string())?;
        w.text(&issue.reason)?;
    }
    w.finish()
}

/// A CSV line is a number; a sheet row reads `Sheet!12`.
fn row_cell(
    w: &mut SheetWriter,
    ledger: &Ledger,
    r: crate::intake::ledger::RowRef,
) -> Result<(), WorkbookError> {
    let in_sheet = ledger
        .files
        .get(r.file as usize)
        .is_some_and(|f| f.sheet.is_some());
    if in_sheet {
        w.text(&ledger.row_label(r))
    } else {
        w.num_as(Kind::General, Some(f64::from(r.row)))
    }
}

fn tally_row(
    w: &mut SheetWriter,
    file: Option<&SourceFile>,
    t: &Tally,
) -> Result<(), WorkbookError> {
    match file {
        Some(f) => {
            w.text(&f.path.display().to_string())?;
            w.opt_text(f.sheet.as_deref())?;
        }
        None => {
            w.bold_text("All inputs")?;
            w.blank();
        }
    }
    for n in [t.rows_read, t.accepted, t.superseded, t.rejected] {
        w.num_as(Kind::Count, Some(n as f64))?;
    }
    let verdict = if t.balances() {
        "balances"
    } else {
        "DOES NOT BALANCE"
    };
    w.text(&format!(
        "{} = {} + {} + {}: {verdict}",
        t.rows_read, t.accepted, t.superseded, t.rejected
    ))?;
    let Some(f) = file else { return Ok(()) };
    let reading = match (&f.encoding, f.delimiter) {
        (Some(e), Some(d)) => format!("{e}, {}", delimiter_name(d)),
        (Some(e), None) => e.clone(),
        (None, Some(d)) => delimiter_name(d),
        (None, None) => String::new(),
    };
    w.text(&reading)?;
    w.text(&f.unknown_columns.join(", "))?;
    let dates: Vec<String> = f
        .date_decisions
        .iter()
        .map(|d| format!("{}: {} ({})", d.column, d.format, d.reason))
        .collect();
    w.text(&dates.join("; "))
}

fn delimiter_name(d: char) -> String {
    match d {
        ',' => "comma-separated".into(),
        ';' => "semicolon-separated".into(),
        '\t' => "tab-separated".into(),
        '|' => "pipe-separated".into(),
        other => format!("{other:?}-separated"),
    }
}
