//! One raw row → a snapshot with its cell warnings, or a rejection (SPEC 2.4).
//! Pure and independent of other rows, so batches parse in parallel.

use chrono::NaiveDate;

use super::columns::{ColumnMap, Field, Kind, MappedColumn};
use super::dates::{DateValue, Fits, SlashDate, parse_date};
use super::ledger::{DataIssue, RowRef, Severity};
use super::values::{
    Parsed, parse_bool, parse_checkpoint, parse_consent, parse_count, parse_money, parse_percent,
    parse_score, parse_status, parse_text,
};
use crate::input::{Cell, RawRow};
use crate::portfolio::Snapshot;

pub(super) enum ParsedRow {
    /// Every cell empty: not a row of data, not counted.
    Blank,
    Kept(Kept),
    Rejected(DataIssue),
}

pub(super) struct Kept {
    /// With a placeholder date while `pending` waits for the column's order.
    pub snapshot: Snapshot,
    pub pending: Option<Pending>,
    pub warnings: Vec<DataIssue>,
}

/// A slash date to read once the whole column has been seen.
pub(super) struct Pending {
    pub date: SlashDate,
    /// The raw text, kept only when one order cannot read it: only such a
    /// value can be rejected later or serve as the column's example.
    pub raw: Option<Box<str>>,
}

/// Parses the rows of one file.
pub(super) struct RowParser<'a> {
    file: u32,
    map: &'a ColumnMap,
    header_len: usize,
    decimal_comma: bool,
    id: &'a MappedColumn,
    checkpoint: &'a MappedColumn,
    date: &'a MappedColumn,
}

/// A required cell that could not be read: (column, raw value, reason).
type Failure<'a> = (&'a MappedColumn, String, String);

impl<'a> RowParser<'a> {
    /// `None` when a required column is not mapped (checked before).
    pub fn new(
        file: u32,
        map: &'a ColumnMap,
        header_len: usize,
        decimal_comma: bool,
    ) -> Option<Self> {
        Some(RowParser {
            file,
            map,
            header_len,
            decimal_comma,
            id: map.get(Field::CustomerId)?,
            checkpoint: map.get(Field::Checkpoint)?,
            date: map.get(Field::SnapshotDate)?,
        })
    }

    pub fn date_column(&self) -> &MappedColumn {
        self.date
    }

    pub fn parse(&self, raw: &RawRow) -> ParsedRow {
        if raw.cells.iter().all(is_blank) {
            return ParsedRow::Blank;
        }
        let at = |i: usize| raw.cells.get(i).unwrap_or(&Cell::Empty);
        let here = RowRef {
            file: self.file,
            row: raw.row,
        };
        let mut failures: Vec<Failure> = Vec::new();
        let (id_cell, cp_cell, date_cell) = (
            at(self.id.index),
            at(self.checkpoint.index),
            at(self.date.index),
        );
        let id = required(&mut failures, self.id, id_cell, parse_text(id_cell));
        let checkpoint = required(
            &mut failures,
            self.checkpoint,
            cp_cell,
            parse_checkpoint(cp_cell),
        );
        let date = required(&mut failures, self.date, date_cell, parse_date(date_cell));
        let (Some(id), Some(checkpoint), Some(date)) = (id, checkpoint, date) else {
            return ParsedRow::Rejected(rejection(here, failures, raw, self));
        };

        let mut snapshot = Snapshot::new(&id, checkpoint, NaiveDate::MIN);
        snapshot.source = here;
        let pending = match date {
            DateValue::Known(d) => {
                snapshot.date = d;
                None
            }
            DateValue::Slash(sd) => Some(Pending {
                date: sd,
                raw: (sd.fits() != Some(Fits::Both)).then(|| date_cell.display().trim().into()),
            }),
        };
        let mut warnings = Vec::new();
        for col in &self.map.columns {
            let cell = at(col.index);
            if let Err(reason) = self.fill(&mut snapshot, col, cell) {
                warnings.push(DataIssue {
                    row: Some(here),
                    customer_id: Some(id.clone()),
                    column: Some(col.header.clone()),
                    value: Some(cell.display()),
                    severity: Severity::Warning,
                    reason: format!("{reason}; treated as missing"),
                });
            }
            if let Some(issue) = too_long_for_a_cell(here, &id, col, cell) {
                warnings.push(issue);
            }
        }
        if let Some(reason) = self.ragged(raw) {
            warnings.push(DataIssue {
                row: Some(here),
                customer_id: Some(id),
                column: None,
                value: None,
                severity: Severity::Warning,
                reason,
            });
        }
        ParsedRow::Kept(Kept {
            snapshot,
            pending,
            warnings,
        })
    }

    /// Read one optional cell into the snapshot; `Err` leaves it missing.
    fn fill(&self, s: &mut Snapshot, col: &MappedColumn, cell: &Cell) -> Result<(), String> {
        fn set<T>(slot: &mut Option<T>, parsed: Parsed<T>) -> Result<(), String> {
            *slot = parsed?;
            Ok(())
        }
        let dc = self.decimal_comma;
        match col.spec.field {
            Field::CustomerId | Field::Checkpoint | Field::SnapshotDate => Ok(()),
            Field::CustomerName => set(&mut s.customer_name, parse_text(cell)),
            Field::Segment => set(&mut s.segment, parse_text(cell)),
            Field::Status => set(&mut s.status, parse_status(cell)),
            Field::CaseStudyPublished => set(&mut s.case_study_published, parse_bool(cell)),
            Field::TestimonialCollected => set(&mut s.testimonial_collected, parse_bool(cell)),
            Field::TestimonialConsent => set(&mut s.consent, parse_consent(cell)),
            Field::Metric(m) => {
                let value = match col.spec.kind {
                    Kind::Money => parse_money(cell, dc),
                    Kind::Count => parse_count(cell, dc),
                    Kind::Percent => parse_percent(cell, dc),
                    Kind::Score { min, max } => parse_score(cell, dc, min, max),
                    other => unreachable!("metric column of kind {other:?}"),
                }?;
                s.metrics.set(m, value);
                Ok(())
            }
        }
    }

    /// A row with fewer fields than the header, or more that are not empty
    /// (a trailing separator is harmless and not reported).
    fn ragged(&self, raw: &RawRow) -> Option<String> {
        let n = raw.cells.len();
        let extra_data = raw.cells.iter().skip(self.header_len).any(|c| !is_blank(c));
        (n < self.header_len || extra_data).then(|| {
            format!(
                "row has {n} fields, the header has {}{}",
                self.header_len,
                if n < self.header_len {
                    "; the missing fields are read as empty"
                } else {
                    "; the extra fields are ignored"
                }
            )
        })
    }
}

/// A required cell's value, or `None` with the failure recorded.
fn required<'a, T>(
    failures: &mut Vec<Failure<'a>>,
    col: &'a MappedColumn,
    cell: &Cell,
    parsed: Parsed<T>,
) -> Option<T> {
    let reason = match parsed {
        Ok(Some(v)) => return Some(v),
        Ok(None) => format!("missing: {} is required", col.spec.name),
        Err(reason) => reason,
    };
    failures.push((col, cell.display(), reason));
    None
}

fn is_blank(cell: &Cell) -> bool {
    match cell {
        Cell::Empty => true,
        Cell::Text(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// One issue per rejected row: the first failing required column, with any
/// others mentioned in the reason.
fn rejection(here: RowRef, failures: Vec<Failure>, raw: &RawRow, p: &RowParser) -> DataIssue {
    let mut failures = failures.into_iter();
    let (col, value, mut reason) = failures.next().expect("a rejected row has a failure");
    for (other, v, why) in failures {
        reason.push_str(&format!("; also {} {v:?}: {why}", other.header));
    }
    let customer_id = match col.spec.field {
        Field::CustomerId => None,
        _ => parse_text(raw.cells.get(p.id.index).unwrap_or(&Cell::Empty))
            .ok()
            .flatten(),
    };
    DataIssue {
        row: Some(here),
        customer_id,
        column: Some(col.header.clone()),
        value: Some(value),
        severity: Severity::Rejected,
        reason,
    }
}

/// Excel's limit on the characters of one cell.
const EXCEL_CELL_CHARS: usize = 32_767;

/// Text that the workbook will have to cut at Excel's cell limit: the row is
/// kept whole (documents and ids use the full text); the warning says what
/// the workbook shows.
fn too_long_for_a_cell(
    here: RowRef,
    id: &str,
    col: &MappedColumn,
    cell: &Cell,
) -> Option<DataIssue> {
    let is_text = matches!(
        col.spec.field,
        Field::CustomerId | Field::CustomerName | Field::Segment
    );
    let Cell::Text(text) = cell else { return None };
    // Byte length bounds the character count from above: most cells end here.
    if !is_text || text.len() <= EXCEL_CELL_CHARS {
        return None;
    }
    let chars = text.trim().chars().count();
    (chars > EXCEL_CELL_CHARS).then(|| DataIssue {
        row: Some(here),
        customer_id: Some(id.chars().take(100).collect()),
        column: Some(col.header.clone()),
        value: Some(format!("{}…", text.chars().take(100).collect::<String>())),
        severity: Severity::Warning,
        reason: format!(
            "{chars} characters, more than Excel's {EXCEL_CELL_CHARS} in a cell; the workbook shows the first {EXCEL_CELL_CHARS}"
        ),
    })
}
