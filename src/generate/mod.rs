//! Synthetic portfolios for demos, benchmarks and tests (`csf generate`).
//!
//! A clean CRM export in the canonical columns of SPEC 2.2: three segments
//! of different scale, go-lives spread over 15 months, checkpoints 0/30/60/90
//! (180 and 365 for some), improvements with noise, a few customers that get
//! worse, ~10 % churn, expansion and contraction, sparse surveys.
//!
//! Each customer comes from its own random stream (seed, index); customers
//! are made in parallel chunks and written in index order, so the same seed
//! and size give the same bytes on any number of threads.

mod csv_out;
mod model;
mod names;
mod segment;
mod trends;
mod xlsx_out;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::output::atomic::PendingFile;
use chrono::{Months, NaiveDate};
use rayon::prelude::*;

pub use model::{GeneratedCustomer, Row, customer};
pub use segment::Segment;
pub use xlsx_out::MAX_DATA_ROWS as XLSX_MAX_DATA_ROWS;

/// The columns written, canonical names of SPEC 2.2, in this order.
pub const COLUMNS: [&str; 27] = [
    "customer_id",
    "customer_name",
    "segment",
    "checkpoint",
    "snapshot_date",
    "status",
    "implementation_cost",
    "storage_gb",
    "api_calls",
    "latency_ms",
    "accuracy_pct",
    "infrastructure_cost",
    "error_rate_pct",
    "support_tickets",
    "mrr",
    "expansion_revenue",
    "active_users",
    "licensed_users",
    "features_used",
    "features_available",
    "nps",
    "csat",
    "ces",
    "referrals",
    "case_study_published",
    "testimonial_collected",
    "testimonial_consent",
];

/// Months over which go-lives are spread, and the age of the export.
pub const GO_LIVE_MONTHS: u32 = 15;
pub const EXPORT_AFTER_MONTHS: u32 = 18;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub customers: u64,
    pub seed: u64,
    /// The first go-live date.
    pub start: NaiveDate,
}

impl Options {
    pub const DEFAULT_START: NaiveDate = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();

    /// Go-lives fall before this date.
    pub fn go_live_end(&self) -> NaiveDate {
        add_months(self.start, GO_LIVE_MONTHS)
    }

    /// The day the export was "taken": no row is dated after it.
    pub fn export_date(&self) -> NaiveDate {
        add_months(self.start, EXPORT_AFTER_MONTHS)
    }
}

fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The file type, from the output name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    Csv,
    Xlsx,
}

impl FileType {
    pub fn of(path: &Path) -> Result<FileType, GenerateError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") => Ok(FileType::Csv),
            Some("xlsx") => Ok(FileType::Xlsx),
            _ => Err(GenerateError::UnsupportedFileType(path.to_path_buf())),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("{}: cannot tell the file type: name the output FILE.csv or FILE.xlsx", .0.display())]
    UnsupportedFileType(PathBuf),
    #[error(
        "{customers} customers make {rows} rows, more than the {max} rows an XLSX sheet holds below its header; write a .csv file or use fewer customers",
        max = XLSX_MAX_DATA_ROWS
    )]
    TooManyRowsForXlsx { customers: u64, rows: u64 },
    #[error("cannot write {}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot write the workbook {}", .path.display())]
    Xlsx {
        path: PathBuf,
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
}

/// What was written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub customers: u64,
    pub rows: u64,
}

/// Customers made per task: big enough to amortize scheduling, small enough
/// that a batch of them (one per thread, several times over) stays a few MB.
const CHUNK: u64 = 2_048;
const CHUNKS_PER_BATCH: u64 = 32;

/// Customers `first..first+count`, made in parallel, in index order.
fn batches(opts: &Options) -> impl Iterator<Item = std::ops::Range<u64>> + '_ {
    let step = CHUNK * CHUNKS_PER_BATCH;
    (0..opts.customers.div_ceil(step)).map(move |b| b * step..((b + 1) * step).min(opts.customers))
}

fn chunks(range: std::ops::Range<u64>) -> Vec<std::ops::Range<u64>> {
    (range.start..range.end)
        .step_by(CHUNK as usize)
        .map(|s| s..(s + CHUNK).min(range.end))
        .collect()
}

/// Write the CSV export to `out`; `progress` gets the number of customers
/// done so far after each batch.
pub fn write_csv(
    opts: &Options,
    out: &mut impl Write,
    progress: &dyn Fn(u64),
) -> io::Result<Written> {
    let mut header = Vec::new();
    csv_out::header(&mut header);
    out.write_all(&header)?;
    let mut written = Written::default();
    for batch in batches(opts) {
        let rendered: Vec<(Vec<u8>, u64)> = chunks(batch.clone())
            .into_par_iter()
            .map(|chunk| {
                let mut buf = Vec::with_capacity((chunk.end - chunk.start) as usize * 1_200);
                let mut rows = 0;
                for i in chunk {
                    let c = customer(opts, i);
                    rows += c.rows.len() as u64;
                    csv_out::customer_rows(&c, &mut buf);
                }
                (buf, rows)
            })
            .collect();
        for (buf, rows) in rendered {
            out.write_all(&buf)?;
            written.rows += rows;
        }
        written.customers = batch.end;
        progress(written.customers);
    }
    out.flush()?;
    Ok(written)
}

/// Rows the export will have, without writing it.
pub fn count_rows(opts: &Options) -> u64 {
    // Integer sums: the order of the parallel reduction does not matter.
    (0..opts.customers)
        .into_par_iter()
        .map(|i| customer(opts, i).rows.len() as u64)
        .sum()
}

/// Write the export to `path` (.csv or .xlsx). The file appears only when it
/// is complete: it is written under a temporary name in the same folder and
/// renamed.
pub fn write_file(
    opts: &Options,
    path: &Path,
    progress: &dyn Fn(u64),
) -> Result<Written, GenerateError> {
    let file_type = FileType::of(path)?;
    if file_type == FileType::Xlsx {
        check_fits_in_sheet(opts, XLSX_MAX_DATA_ROWS)?;
    }
    let io_error = |source| GenerateError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Created first, so an unwritable folder fails before any work is done;
    // dropped on an error, the temporary file is removed.
    let (pending, file) = PendingFile::new(path).map_err(io_error)?;
    let written = match file_type {
        FileType::Csv => write_csv_file(opts, file, progress).map_err(io_error)?,
        FileType::Xlsx => {
            write_xlsx_file(opts, file, progress).map_err(|source| GenerateError::Xlsx {
                path: path.to_path_buf(),
                source,
            })?
        }
    };
    pending.commit().map_err(io_error)?;
    Ok(written)
}

/// Refuse before writing rather than cut the export short. Six checkpoints
/// at most per customer: below that bound nothing needs counting.
fn check_fits_in_sheet(opts: &Options, max_rows: u64) -> Result<(), GenerateError> {
    if opts.customers.saturating_mul(6) <= max_rows {
        return Ok(());
    }
    let rows = count_rows(opts);
    if rows > max_rows {
        return Err(GenerateError::TooManyRowsForXlsx {
            customers: opts.customers,
            rows,
        });
    }
    Ok(())
}

fn write_csv_file(opts: &Options, file: File, progress: &dyn Fn(u64)) -> io::Result<Written> {
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let written = write_csv(opts, &mut out, progress)?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    Ok(written)
}

fn write_xlsx_file(
    opts: &Options,
    file: File,
    progress: &dyn Fn(u64),
) -> Result<Written, rust_xlsxwriter::XlsxError> {
    let mut export = xlsx_out::XlsxExport::new(opts.start)?;
    let mut written = Written::default();
    for batch in batches(opts) {
        let made: Vec<GeneratedCustomer> = (batch.start..batch.end)
            .into_par_iter()
            .map(|i| customer(opts, i))
            .collect();
        for c in &made {
            export.write_customer(c)?;
            written.rows += c.rows.len() as u64;
        }
        written.customers = batch.end;
        progress(written.customers);
    }
    let mut out = BufWriter::with_capacity(1 << 20, file);
    export.save(&mut out)?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(customers: u64) -> Options {
        Options {
            customers,
            seed: 1,
            start: Options::DEFAULT_START,
        }
    }

    #[test]
    fn file_type_from_the_name() {
        assert_eq!(FileType::of(Path::new("a/b.CSV")).unwrap(), FileType::Csv);
        assert_eq!(FileType::of(Path::new("b.xlsx")).unwrap(), FileType::Xlsx);
        for bad in ["b.xls", "b", "b.csv.gz", "-"] {
            assert!(FileType::of(Path::new(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn export_dates_follow_the_start() {
        let o = opts(1);
        // 2025-01-01 + 15 months = 2026-04-01; + 18 months = 2026-07-01.
        assert_eq!(
            o.go_live_end(),
            NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()
        );
        assert_eq!(
            o.export_date(),
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
    }

    #[test]
    fn a_sheet_too_small_is_refused_with_the_count() {
        let o = opts(100);
        // 100 customers × 6 = 600 ≤ 600: accepted without counting.
        assert!(check_fits_in_sheet(&o, 600).is_ok());
        // Every customer has a baseline, so 100 customers need ≥ 100 rows.
        match check_fits_in_sheet(&o, 99) {
            Err(GenerateError::TooManyRowsForXlsx { customers, rows }) => {
                assert_eq!(customers, 100);
                assert_eq!(rows, count_rows(&o));
            }
            other => panic!("{other:?}"),
        }
        let rows = count_rows(&o);
        assert!(check_fits_in_sheet(&o, rows).is_ok());
        assert!(check_fits_in_sheet(&o, rows - 1).is_err());
    }

    #[test]
    fn batches_cover_every_customer_once_in_order() {
        let o = opts(CHUNK * CHUNKS_PER_BATCH * 2 + 5);
        let all: Vec<u64> = batches(&o)
            .flat_map(chunks)
            .flat_map(|c| c.collect::<Vec<_>>())
            .collect();
        assert_eq!(all, (0..o.customers).collect::<Vec<_>>());
    }

    #[test]
    fn csv_rows_match_the_count() {
        let o = opts(500);
        let mut out = Vec::new();
        let written = write_csv(&o, &mut out, &|_| {}).unwrap();
        let lines = out.iter().filter(|b| **b == b'\n').count() as u64;
        assert_eq!(written.rows + 1, lines);
        assert_eq!(written.rows, count_rows(&o));
        assert_eq!(written.customers, 500);
    }
}
