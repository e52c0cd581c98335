//! Intake: raw rows in, typed snapshots and a ledger of data issues out.
//! Every row read ends accepted, superseded or rejected (SPEC 2.4, 2.5).

pub mod columns;
pub mod dates;
mod dedupe;
pub mod ledger;
mod rows;
pub mod values;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::input::{self, InputError, RawRow, ReadOptions, Table};
use crate::portfolio::Snapshot;
use columns::ColumnMap;
use dates::SlashEvidence;
use ledger::{DataIssue, Ledger, RowRef, Severity, SourceFile};
use rows::{ParsedRow, Pending, RowParser};

/// Order of the fields in an ambiguous slash date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DateOrder {
    #[default]
    #[value(name = "month-first", alias = "mdy", alias = "us")]
    MonthFirst,
    #[value(name = "day-first", alias = "dmy", alias = "eu")]
    DayFirst,
}

#[derive(Clone, Debug, Default)]
pub struct IntakeOptions {
    /// Read `1.234,56` as 1234.56.
    pub decimal_comma: bool,
    /// Used only for slash-date columns whose values do not decide.
    pub date_order: DateOrder,
    /// Sheet to read from workbooks (default: the first).
    pub sheet: Option<String>,
}

/// What intake hands to the rest of csf.
#[derive(Debug, Default)]
pub struct Intake {
    /// Accepted rows, in input order (file order, then row order).
    pub snapshots: Vec<Snapshot>,
    pub ledger: Ledger,
}

#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(
        "{path}: required column {column:?} not found (headers found: {found}); accepted names: {aliases}"
    )]
    MissingColumn {
        path: PathBuf,
        column: &'static str,
        found: String,
        aliases: String,
    },
}

/// Rows parsed together: big enough to keep every core busy, small enough that
/// raw rows never pile up in memory.
const BATCH_ROWS: usize = 16 * 1024;
/// ... and at most this many cells (16,384 rows of 64 columns), so that a
/// file with thousands of columns does not hold 16,384 of its rows at once:
/// 10,000 columns made that 2 GB for a 60 MB file.
const BATCH_CELLS: usize = 64 * BATCH_ROWS;

/// Read every input (files or folders) in order; later inputs override
/// earlier ones on the key (customer_id, checkpoint).
pub fn read_inputs(
    inputs: &[PathBuf],
    options: &IntakeOptions,
    progress: &ProgressBar,
) -> Result<Intake, IntakeError> {
    let paths = input::expand_inputs(inputs)?;
    let read = ReadOptions {
        sheet: options.sheet.clone(),
        looks_like_header: Some(columns::looks_like_header),
    };
    // Opened one at a time, so only one file is held open.
    read_tables(
        paths.iter().map(|p| input::open(p, &read)),
        options,
        progress,
    )
}

/// The same as [`read_inputs`] for tables already opened (or built in memory).
pub fn read_tables<I>(
    tables: I,
    options: &IntakeOptions,
    progress: &ProgressBar,
) -> Result<Intake, IntakeError>
where
    I: IntoIterator<Item = Result<Table, InputError>>,
{
    let mut ledger = Ledger::default();
    let mut snapshots = Vec::new();
    for (i, table) in tables.into_iter().enumerate() {
        let file = read_table(i as u32, table?, options, progress)?;
        ledger.files.push(file.source);
        ledger.issues.extend(file.issues);
        if snapshots.is_empty() {
            // No copy of the (usually only) file's rows.
            snapshots = file.kept;
        } else {
            snapshots.extend(file.kept);
        }
    }
    let snapshots = dedupe::dedupe(snapshots, &mut ledger);
    note_missing_baselines(&snapshots, &mut ledger);
    // Issues in the order of the rows they are about, notes about customers
    // last; a stable sort keeps a row's own issues in column order.
    ledger
        .issues
        .sort_by_key(|i| (i.row.is_none(), i.row, i.severity));
    Ok(Intake { snapshots, ledger })
}

/// Reason of the note for a customer without a baseline row; the report
/// recognises intake's notes by this start and does not add its own.
pub const NO_BASELINE: &str = "no baseline";

/// A customer without a baseline row keeps its rows but has no deltas and no
/// ROI (SPEC 3): one warning per customer, about the customer, not a row.
fn note_missing_baselines(snapshots: &[Snapshot], ledger: &mut Ledger) {
    let with_baseline: HashSet<&str> = snapshots
        .iter()
        .filter(|s| s.is_baseline())
        .map(|s| s.customer_id.as_str())
        .collect();
    // The first row of each customer without one: its lowest checkpoint.
    let mut first: Vec<&Snapshot> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for s in snapshots {
        let id = s.customer_id.as_str();
        if with_baseline.contains(id) {
            continue;
        }
        match index.get(id) {
            Some(&i) if first[i].checkpoint <= s.checkpoint => {}
            Some(&i) => first[i] = s,
            None => {
                index.insert(id, first.len());
                first.push(s);
            }
        }
    }
    let notes: Vec<DataIssue> = first
        .iter()
        .map(|s| DataIssue {
            row: None,
            customer_id: Some(s.customer_id.clone()),
            column: None,
            value: None,
            severity: Severity::Warning,
            reason: format!(
                "{NO_BASELINE}: no row with checkpoint 0 (the first is checkpoint {}, {}); \
                 its rows are kept but have no deltas and no ROI",
                s.checkpoint,
                ledger.locate(s.source)
            ),
        })
        .collect();
    ledger.issues.extend(notes);
}

/// One file's rows, dates resolved, before duplicates across files are known.
struct FileRead {
    source: SourceFile,
    kept: Vec<Snapshot>,
    issues: Vec<DataIssue>,
}

fn read_table(
    file: u32,
    table: Table,
    options: &IntakeOptions,
    progress: &ProgressBar,
) -> Result<FileRead, IntakeError> {
    let map = ColumnMap::new(&table.headers);
    if let Some(spec) = map.missing_required() {
        return Err(IntakeError::MissingColumn {
            path: table.path,
            column: spec.name,
            found: columns::headers_for_message(&table.headers),
            aliases: columns::accepted_names(spec),
        });
    }
    let parser = RowParser::new(file, &map, table.headers.len(), options.decimal_comma)
        .expect("required columns are mapped");
    let mut source = SourceFile {
        path: table.path,
        sheet: table.sheet,
        encoding: table.encoding,
        delimiter: table.delimiter,
        unknown_columns: map.unknown.clone(),
        ..Default::default()
    };
    let mut issues: Vec<DataIssue> = map
        .duplicates
        .iter()
        .map(|(_, header, canonical)| DataIssue {
            row: Some(RowRef {
                file,
                row: table.header_row,
            }),
            customer_id: None,
            column: Some(header.clone()),
            value: None,
            severity: Severity::Warning,
            reason: format!("a second column for {canonical}; the first one is used"),
        })
        .collect();

    // Snapshots go straight into their final vector; slash dates wait beside
    // it (by index) until the column's order is known.
    let mut kept: Vec<Snapshot> = Vec::new();
    let mut pending: Vec<(usize, Pending)> = Vec::new();
    let mut evidence = SlashEvidence::default();
    let mut rows = table.rows;
    let mut next = read_batch(&mut rows)?;
    while !next.is_empty() {
        let batch = next;
        // Parse this batch on every core while the next one is read.
        let (parsed, following) = rayon::join(
            || {
                batch
                    .par_iter()
                    .map(|r| parser.parse(r))
                    .collect::<Vec<_>>()
            },
            || read_batch(&mut rows),
        );
        progress.inc(batch.len() as u64);
        drop(batch);
        for row in parsed {
            match row {
                ParsedRow::Blank => {}
                ParsedRow::Rejected(issue) => {
                    source.tally.rows_read += 1;
                    source.tally.rejected += 1;
                    issues.push(issue);
                }
                ParsedRow::Kept(k) => {
                    source.tally.rows_read += 1;
                    issues.extend(k.warnings);
                    if let Some(p) = k.pending {
                        let raw = p.raw.as_deref().unwrap_or_default();
                        evidence.record(p.date, raw, k.snapshot.source.row);
                        pending.push((kept.len(), p));
                    }
                    kept.push(k.snapshot);
                }
            }
        }
        next = following?;
    }

    resolve_slash_dates(
        &mut kept,
        pending,
        &evidence,
        &parser,
        options,
        &mut source,
        &mut issues,
    );
    source.tally.accepted = kept.len() as u64;
    Ok(FileRead {
        source,
        kept,
        issues,
    })
}

fn read_batch(
    rows: &mut (dyn Iterator<Item = Result<RawRow, InputError>> + Send),
) -> Result<Vec<RawRow>, InputError> {
    let mut batch = Vec::new();
    let mut cells = 0;
    while batch.len() < BATCH_ROWS && cells < BATCH_CELLS {
        let Some(row) = rows.next().transpose()? else {
            break;
        };
        cells += row.cells.len();
        batch.push(row);
    }
    Ok(batch)
}

/// Now that the whole column has been seen: decide its order, date the
/// pending rows, reject those that are no date in that order. Rejected rows
/// lose their cell warnings: each rejected row is reported once.
fn resolve_slash_dates(
    kept: &mut Vec<Snapshot>,
    pending: Vec<(usize, Pending)>,
    evidence: &SlashEvidence,
    parser: &RowParser,
    options: &IntakeOptions,
    source: &mut SourceFile,
    issues: &mut Vec<DataIssue>,
) {
    if evidence.slash_dates == 0 {
        return;
    }
    let column = &parser.date_column().header;
    let sheet = source.sheet.clone();
    let (order, decision) =
        dates::decide(column, evidence, options.date_order, |row| match &sheet {
            Some(s) => format!("{s}!{row}"),
            None => format!("line {row}"),
        });
    source.date_decisions.push(decision);

    let mut rejected: HashSet<RowRef> = HashSet::new();
    for (index, p) in pending {
        let snapshot = &mut kept[index];
        match p.date.read(order) {
            Some(d) => snapshot.date = d,
            None => {
                rejected.insert(snapshot.source);
                issues.push(DataIssue {
                    row: Some(snapshot.source),
                    customer_id: Some(snapshot.customer_id.clone()),
                    column: Some(column.clone()),
                    value: p.raw.map(String::from),
                    severity: Severity::Rejected,
                    reason: format!(
                        "not a date when read {}, the order of this column",
                        dates::order_name(order)
                    ),
                });
            }
        }
    }
    if !rejected.is_empty() {
        source.tally.rejected += rejected.len() as u64;
        kept.retain(|s| !rejected.contains(&s.source));
        issues.retain(|i| {
            !(i.severity == Severity::Warning && i.row.is_some_and(|r| rejected.contains(&r)))
        });
    }
}

#[cfg(test)]
mod batch_tests {
    use super::*;
    use crate::input::Cell;

    fn rows(width: usize, count: u32) -> impl Iterator<Item = Result<RawRow, InputError>> + Send {
        (1..=count).map(move |row| {
            Ok(RawRow {
                row,
                cells: vec![Cell::Empty; width],
            })
        })
    }

    #[test]
    fn narrow_rows_come_16384_at_a_time() {
        // 20,000 rows of 3 cells: 16,384 rows are 49,152 cells, far under
        // the 1,048,576-cell bound, so the row bound cuts: 16,384 + 3,616.
        let mut source = rows(3, 20_000);
        assert_eq!(read_batch(&mut source).unwrap().len(), 16_384);
        assert_eq!(read_batch(&mut source).unwrap().len(), 3_616);
        assert!(read_batch(&mut source).unwrap().is_empty());
    }

    #[test]
    fn wide_rows_come_in_smaller_batches() {
        // 10,000 cells a row: after 104 rows 1,040,000 < 1,048,576 cells,
        // the 105th makes 1,050,000, so batches of 105 rows.
        let mut source = rows(10_000, 300);
        assert_eq!(read_batch(&mut source).unwrap().len(), 105);
        assert_eq!(read_batch(&mut source).unwrap().len(), 105);
        assert_eq!(read_batch(&mut source).unwrap().len(), 90);
    }
}
