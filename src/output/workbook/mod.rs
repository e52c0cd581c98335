//! The portfolio workbook (SPEC 4): one file per sheet.
//!
//! Sheets, in order: Summary, Monthly, Quarterly, Segments, Customers,
//! Checkpoints (continued on `Checkpoints (2)`, ... past the row limit),
//! Data issues, Assumptions. The same data and options give the same bytes:
//! the creation time is fixed (the as-of date) unless the caller asks for the
//! current time, and nothing here depends on threads or clocks.
//! The file is saved under a temporary name in the target folder and renamed,
//! so a failed run never leaves half a workbook behind.

mod assumptions;
mod checkpoints;
mod columns;
mod customers;
mod fitting;
mod formats;
mod issues;
mod periods;
mod summary;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

use columns::Pages;

use crate::figures::assumptions::AssumptionsUsed;
use crate::figures::checklist::NextStep;
use crate::figures::customer::CustomerFigures;
use crate::figures::periods::PeriodFigures;
use crate::intake::DateOrder;
use crate::intake::ledger::Ledger;
use crate::output::atomic::PendingFile;
use crate::portfolio::Portfolio;

pub use formats::Kind;

/// Sheet names, in workbook order (SPEC 4).
pub const SHEETS: [&str; 8] = [
    "Summary",
    "Monthly",
    "Quarterly",
    "Segments",
    "Customers",
    "Checkpoints",
    "Data issues",
    "Assumptions",
];

/// Excel's row limit; a longer table continues on a new sheet.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;

/// How the run was asked for: shown on the Summary and Assumptions sheets.
/// Thread count is deliberately absent: the workbook must not depend on it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunFacts {
    pub inputs: Vec<PathBuf>,
    /// Where the as-of date came from.
    pub as_of_source: AsOfSource,
    pub date_format: DateOrder,
    pub decimal_comma: bool,
    pub sheet: Option<String>,
    pub strict: bool,
    /// `--now`: the workbook carries the time of the run.
    pub stamped_now: bool,
    pub csf_version: String,
}

/// Where the as-of date came from, said on the Summary and Assumptions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsOfSource {
    /// `--as-of`.
    Flag,
    /// The default: the latest snapshot date of the input.
    LatestSnapshot,
    /// No row was accepted, so there was no snapshot date: the day of the run.
    Today,
}

impl AsOfSource {
    pub fn describe(self) -> &'static str {
        match self {
            AsOfSource::Flag => "given with --as-of",
            AsOfSource::LatestSnapshot => "default: the latest snapshot date",
            AsOfSource::Today => "the day of the run: no row was accepted",
        }
    }
}

/// Everything the sheets show, computed beforehand by the caller.
pub struct ReportData<'a> {
    pub ledger: &'a Ledger,
    pub portfolio: &'a Portfolio,
    /// Parallel to `portfolio.customers`.
    pub figures: &'a [CustomerFigures],
    /// Parallel to `portfolio.customers`: the checklist step due at `as_of`.
    pub next_steps: &'a [Option<NextStep>],
    pub monthly: &'a [PeriodFigures],
    pub quarterly: &'a [PeriodFigures],
    /// Quarterly figures per segment.
    pub segments: &'a [PeriodFigures],
    pub assumptions: &'a AssumptionsUsed,
    pub as_of: NaiveDate,
    pub run: &'a RunFacts,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WorkbookOptions {
    /// Rows per sheet, header included; tests set it small to exercise the
    /// continuation sheets.
    pub max_rows_per_sheet: u32,
    /// Document creation time; None = the as-of date at midnight, so that
    /// the same inputs give the same bytes.
    pub created: Option<NaiveDateTime>,
    /// Deflate level 1 (fastest) to 9; None = rust_xlsxwriter's default (6).
    /// Deflate is deterministic at any level, so the bytes still repeat.
    pub compression_level: Option<u8>,
}

impl Default for WorkbookOptions {
    fn default() -> Self {
        WorkbookOptions {
            max_rows_per_sheet: EXCEL_MAX_ROWS,
            created: None,
            // Level 1 writes a million-row workbook in well under half the
            // time of level 6, for a file about 40% larger (measured on
            // 100,000 Checkpoints rows: 2.2 s / 34.5 MB against 5.3 s / 24.5 MB).
            compression_level: Some(1),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error(
        "cannot write an XLSX workbook to standard output (`-o -`): give a file name such as portfolio.xlsx"
    )]
    Stdout,
    #[error(
        "{output}: this is one of the inputs ({input}); refusing to write the workbook over it"
    )]
    OverwritesInput { output: PathBuf, input: PathBuf },
    #[error("{path}: cannot write the workbook: {source}")]
    Save {
        path: PathBuf,
        #[source]
        source: XlsxError,
    },
    #[error("{path}: cannot move the finished workbook into place: {source}")]
    Rename {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("building the workbook: {0}")]
    Xlsx(#[from] XlsxError),
    #[error("report data does not fit together: {0}")]
    Inconsistent(String),
}

impl WorkbookError {
    /// Errors in what the user asked for (exit 2) rather than in the run.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            WorkbookError::Stdout | WorkbookError::OverwritesInput { .. }
        )
    }
}

/// Refuse `-o -` and an output that is one of the inputs (SPEC 1), before
/// any work is done. Inputs may be folders: a file inside one that csf would
/// read is an input too.
pub fn check_output_path(output: &Path, inputs: &[PathBuf]) -> Result<(), WorkbookError> {
    if output.as_os_str() == "-" {
        return Err(WorkbookError::Stdout);
    }
    // An output that does not exist yet cannot be an input.
    let Ok(out) = fs::canonicalize(output) else {
        return Ok(());
    };
    for input in inputs {
        let Ok(inp) = fs::canonicalize(input) else {
            continue;
        };
        let clash = if inp.is_dir() {
            out.parent() == Some(inp.as_path()) && is_readable_export(&out)
        } else {
            out == inp
        };
        if clash {
            return Err(WorkbookError::OverwritesInput {
                output: output.to_path_buf(),
                input: input.clone(),
            });
        }
    }
    Ok(())
}

/// Files a folder input is read for (SPEC 1).
fn is_readable_export(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "csv" | "tsv" | "txt" | "xlsx" | "xlsm" | "xlsb" | "xls" | "ods"
    )
}

/// Build every sheet and save the workbook at `path`, atomically.
pub fn write_workbook(
    path: &Path,
    data: &ReportData,
    options: &WorkbookOptions,
) -> Result<(), WorkbookError> {
    if path.as_os_str() == "-" {
        return Err(WorkbookError::Stdout);
    }
    let mut wb = build(data, options)?;
    save_atomically(&mut wb, path)
}

/// Build the workbook in memory (constant-memory sheets stream to temp files).
fn build(data: &ReportData, options: &WorkbookOptions) -> Result<Workbook, WorkbookError> {
    let customers = data.portfolio.customers.len();
    if data.figures.len() != customers || data.next_steps.len() != customers {
        return Err(WorkbookError::Inconsistent(format!(
            "{customers} customers but {} customer figures and {} next steps",
            data.figures.len(),
            data.next_steps.len()
        )));
    }
    let max_rows = options.max_rows_per_sheet.clamp(2, EXCEL_MAX_ROWS);
    let created = options
        .created
        .unwrap_or_else(|| data.as_of.and_hms_opt(0, 0, 0).expect("midnight exists"));

    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("Customer-success portfolio")
            .set_author("csf")
            .set_comment(format!("Written by csf {}", data.run.csf_version))
            .set_creation_datetime(&created),
    );
    if let Some(level) = options.compression_level {
        wb.set_zip_compression_level(level);
    }
    let fmt = formats::Formats::new();
    // Fix every format's index now, in one order: the two large sheets
    // below are written on two threads, and an index handed out on first use
    // would depend on which thread got there first.
    fmt.register(&mut wb);

    let mut sheets = summary::write(&mut wb, &fmt, data)?;
    for sheet in [
        (periods::Sheet::Monthly, data.monthly),
        (periods::Sheet::Quarterly, data.quarterly),
        (periods::Sheet::Segments, data.segments),
    ] {
        sheets.extend(periods::write(&mut wb, &fmt, sheet.0, sheet.1)?);
    }
    // Customers and Checkpoints are the bulk of the work and independent:
    // write them side by side (within the caller's rayon pool, so
    // `--threads 1` stays on one thread). Their pages are made beforehand.
    let checkpoint_rows = data
        .portfolio
        .customers
        .iter()
        .map(|c| c.snapshots.len())
        .sum();
    let customer_pages =
        columns::prepare_pages(&mut wb, columns::pages_needed(customers, max_rows))?;
    let checkpoint_pages =
        columns::prepare_pages(&mut wb, columns::pages_needed(checkpoint_rows, max_rows))?;
    let (customer_sheets, checkpoint_sheets) = rayon::join(
        || {
            customers::write(
                Pages::Prepared(customer_pages.into_iter()),
                &fmt,
                data,
                max_rows,
            )
        },
        || {
            checkpoints::write(
                Pages::Prepared(checkpoint_pages.into_iter()),
                &fmt,
                data,
                max_rows,
            )
        },
    );
    sheets.extend(customer_sheets?);
    sheets.extend(checkpoint_sheets?);
    sheets.extend(issues::write(&mut wb, &fmt, data, max_rows)?);
    sheets.extend(assumptions::write(&mut wb, &fmt, data)?);
    for sheet in sheets {
        wb.push_worksheet(sheet);
    }
    Ok(wb)
}

/// Save next to the target and rename, so readers never see a partial file.
fn save_atomically(wb: &mut Workbook, path: &Path) -> Result<(), WorkbookError> {
    let save_error = |source| WorkbookError::Save {
        path: path.to_path_buf(),
        source,
    };
    let (pending, file) = PendingFile::new(path).map_err(|e| save_error(XlsxError::IoError(e)))?;
    drop(file);
    wb.save(pending.temp_path()).map_err(save_error)?;
    pending.commit().map_err(|source| WorkbookError::Rename {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdout_and_inputs_are_refused_as_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("export.csv");
        fs::write(&input, "customer_id\n").unwrap();
        assert!(matches!(
            check_output_path(Path::new("-"), std::slice::from_ref(&input)),
            Err(WorkbookError::Stdout)
        ));
        // The same file under another spelling is still the input.
        let other_spelling = dir.path().join(".").join("export.csv");
        let err = check_output_path(&other_spelling, std::slice::from_ref(&input)).unwrap_err();
        assert!(err.is_usage());
        // A file inside an input folder that csf would read is an input too.
        let err = check_output_path(&input, &[dir.path().to_path_buf()]).unwrap_err();
        assert!(matches!(err, WorkbookError::OverwritesInput { .. }));
        // A new file is fine.
        let out = dir.path().join("portfolio.xlsx");
        assert!(check_output_path(&out, std::slice::from_ref(&input)).is_ok());
    }
}
