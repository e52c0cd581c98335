//! Input: files and folders in, raw rows out. Knows about encodings,
//! delimiters, workbooks and title lines; knows nothing about column meanings.

mod batches;
mod csv_source;
mod discover;
mod header;
mod sheet_source;

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

pub use discover::expand_inputs;

/// The most columns a row may have: Excel's limit (column XFD). A wider
/// CSV line cannot come from a spreadsheet and is refused, so that one line
/// of a million delimiters cannot become a million cells in memory.
pub const MAX_COLUMNS: usize = 16_384;

/// The most rows a sheet may have (Excel's limit, row 1,048,576).
pub const MAX_ROWS: u32 = 1_048_576;

/// One cell as the file holds it. CSV gives only `Text` and `Empty`; workbooks
/// give typed cells.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number {
        value: f64,
        /// The cell has a percent number format: 0.12 means 12 points (SPEC 2.3).
        percent: bool,
    },
    /// A date-typed cell, or a number with a date format, already converted
    /// (1900 and 1904 date systems handled by the reader).
    DateTime(NaiveDateTime),
    Bool(bool),
    /// A spreadsheet error value like `#N/A` or `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// The cell as the user would read it, for data-issue messages.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number { value, .. } => value.to_string(),
            Cell::DateTime(d) => d.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// One data row below the header.
#[derive(Clone, Debug, PartialEq)]
pub struct RawRow {
    /// CSV: physical line number where the record starts (header = 1).
    /// Sheet: the spreadsheet row number (1-based, title lines counted).
    pub row: u32,
    /// As many cells as the row had; intake reports a count different from
    /// the header's as a ragged row.
    pub cells: Vec<Cell>,
}

/// Options that change how bytes become cells.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Sheet to read from a workbook; default the first.
    pub sheet: Option<String>,
    /// Tells a header row from a title line above it: the first row (of the
    /// first 20) for which this returns true is the header. Without it, the
    /// first non-empty row is. Given by intake, which knows the column names.
    pub looks_like_header: Option<fn(&[String]) -> bool>,
}

/// An opened input: its header and a stream of rows.
pub struct Table {
    pub path: PathBuf,
    pub sheet: Option<String>,
    pub encoding: Option<String>,
    pub delimiter: Option<char>,
    pub headers: Vec<String>,
    /// Row number of the header as the user sees it.
    pub header_row: u32,
    pub rows: Box<dyn Iterator<Item = Result<RawRow, InputError>> + Send>,
}

impl Table {
    /// The input as named in messages: the path, plus the sheet for
    /// workbooks (`exports/june.xlsx, sheet Data`).
    pub fn source_label(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}, sheet {sheet}", self.path.display()),
            None => self.path.display().to_string(),
        }
    }
}

/// Everything but the row stream, so that `Result<Table, _>` can be
/// unwrapped in tests and logged.
impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("path", &self.path)
            .field("sheet", &self.sheet)
            .field("encoding", &self.encoding)
            .field("delimiter", &self.delimiter)
            .field("headers", &self.headers)
            .field("header_row", &self.header_row)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The cause is the error's source, not part of its message, so that a
    /// report of the whole chain (`{:#}`) does not say it twice.
    #[error("{path}: cannot read")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Unreadable { path: PathBuf, message: String },
    #[error("{path}: no header row found")]
    NoHeader { path: PathBuf },
    #[error("{path}: no sheet named {sheet:?} (sheets: {available})")]
    NoSuchSheet {
        path: PathBuf,
        sheet: String,
        available: String,
    },
    #[error("{path}: no CSV, XLSX, XLS or ODS files in this folder")]
    EmptyFolder { path: PathBuf },
}

/// Open one file (not a folder) by its extension.
pub fn open(path: &Path, options: &ReadOptions) -> Result<Table, InputError> {
    match extension(path).as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => sheet_source::open(path, options),
        _ => csv_source::open(path, options),
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_dispatches_on_the_extension_ignoring_case() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("export.TXT");
        std::fs::write(&csv, "customer_id;stage\nc1;30\n").unwrap();
        let table = open(&csv, &ReadOptions::default()).unwrap();
        assert_eq!(table.delimiter, Some(';'));
        assert_eq!(table.source_label(), csv.display().to_string());

        let xlsx = dir.path().join("export.XLSX");
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet().set_name("Data").unwrap();
        sheet.write_string(0, 0, "customer_id").unwrap();
        workbook.save(&xlsx).unwrap();
        let table = open(&xlsx, &ReadOptions::default()).unwrap();
        assert_eq!(table.sheet.as_deref(), Some("Data"));
        assert_eq!(
            table.source_label(),
            format!("{}, sheet Data", xlsx.display())
        );
    }
}
