//! The ledger of intake: where every input row ended up (SPEC 2.4) and every
//! data issue found on the way, each traceable to file, row, column and value.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// A row of an input as the user sees it: index into [`Ledger::files`] and the
/// row number (CSV: physical line, header = 1; sheet: spreadsheet row number,
/// title lines counted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct RowRef {
    pub file: u32,
    pub row: u32,
}

/// One input that was read: a CSV file, or one sheet of a workbook.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The sheet read, for workbooks; rows are then labelled `Sheet!row`.
    pub sheet: Option<String>,
    /// Decoding used for text files (`UTF-8`, `UTF-16LE`, `windows-1252`, ...).
    pub encoding: Option<String>,
    /// Delimiter used for text files.
    pub delimiter: Option<char>,
    pub tally: Tally,
    /// Headers that match no known column, listed once (SPEC 2.2).
    pub unknown_columns: Vec<String>,
    /// How each slash-date column was read, and why (SPEC 2.3).
    pub date_decisions: Vec<DateDecision>,
}

/// rows read = accepted + superseded + rejected, always.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub rows_read: u64,
    pub accepted: u64,
    pub superseded: u64,
    pub rejected: u64,
}

impl Tally {
    pub fn add(&mut self, other: &Tally) {
        self.rows_read += other.rows_read;
        self.accepted += other.accepted;
        self.superseded += other.superseded;
        self.rejected += other.rejected;
    }

    pub fn balances(&self) -> bool {
        self.rows_read == self.accepted + self.superseded + self.rejected
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateDecision {
    pub column: String,
    /// `month-first`, `day-first`, `ISO`, ...
    pub format: String,
    /// Why: "a first field above 12 (31/03/2025, line 7)" or
    /// "ambiguous: --date-format default month-first".
    pub reason: String,
    /// True when the values alone could not decide and the default or
    /// `--date-format` was used: the run summary says so.
    pub ambiguous: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The row was rejected: it is in no figure.
    Rejected,
    /// The row was overridden by a later row with the same key.
    Superseded,
    /// A cell was unreadable or out of range and is treated as missing; the
    /// row is kept. Also used for ragged rows and notes like "no baseline".
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Rejected => "rejected",
            Severity::Superseded => "superseded",
            Severity::Warning => "warning",
        })
    }
}

/// One entry of the Data issues sheet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DataIssue {
    /// None for issues about a customer rather than a row ("no baseline").
    pub row: Option<RowRef>,
    pub customer_id: Option<String>,
    pub column: Option<String>,
    /// The raw cell text as read.
    pub value: Option<String>,
    pub severity: Severity,
    pub reason: String,
}

/// Everything intake learned besides the accepted snapshots.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Ledger {
    pub files: Vec<SourceFile>,
    pub issues: Vec<DataIssue>,
}

impl Ledger {
    /// How a row is named to the user: `data.csv line 12`, `export.xlsx Sheet1!12`.
    pub fn locate(&self, row: RowRef) -> String {
        let Some(file) = self.files.get(row.file as usize) else {
            return format!("row {}", row.row);
        };
        format!("{} {}", file.path.display(), self.row_label(row))
    }

    /// The row part alone: `12` for CSV lines, `Sheet1!12` for sheets.
    pub fn row_label(&self, row: RowRef) -> String {
        match self
            .files
            .get(row.file as usize)
            .and_then(|f| f.sheet.as_deref())
        {
            Some(sheet) => format!("{sheet}!{}", row.row),
            None => row.row.to_string(),
        }
    }

    pub fn file_name(&self, row: RowRef) -> String {
        self.files
            .get(row.file as usize)
            .map(|f| f.path.display().to_string())
            .unwrap_or_default()
    }

    pub fn total(&self) -> Tally {
        let mut t = Tally::default();
        for f in &self.files {
            t.add(&f.tally);
        }
        t
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.issues
            .iter()
            .filter(|i| i.severity == severity)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_labelled_as_the_user_sees_them() {
        let ledger = Ledger {
            files: vec![
                SourceFile {
                    path: "a.csv".into(),
                    ..Default::default()
                },
                SourceFile {
                    path: "b.xlsx".into(),
                    sheet: Some("Export".into()),
                    ..Default::default()
                },
            ],
            issues: vec![],
        };
        assert_eq!(ledger.locate(RowRef { file: 0, row: 7 }), "a.csv 7");
        assert_eq!(ledger.locate(RowRef { file: 1, row: 3 }), "b.xlsx Export!3");
    }
}
